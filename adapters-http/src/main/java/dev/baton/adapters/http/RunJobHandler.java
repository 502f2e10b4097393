package dev.baton.adapters.http;

import dev.baton.application.port.in.RunJobUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * {@code POST /v1/jobs/{name}/run}: on the leader, runs the job and answers 200 with the finished
 * run; on any other instance, stores the request for the leader (which starts it within a second)
 * and answers 202 naming the leader. An unknown job is answered by {@link ProblemResponses}. A
 * request body is read and dropped, never parsed.
 */
final class RunJobHandler implements Handler {
  /** The path parameter of the route in {@link BatonHttpServer}. */
  static final String JOB_NAME = "name";

  private final RunJobUseCase runJob;
  private final RequestBodyLimit bodyLimit;

  RunJobHandler(RunJobUseCase runJob, RequestBodyLimit bodyLimit) {
    this.runJob = Objects.requireNonNull(runJob, "runJob");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
  }

  @Override
  public void handle(Context ctx) {
    bodyLimit.discardBody(ctx);
    String jobName = ctx.pathParam(JOB_NAME);
    RunJobUseCase.RunNow run;
    try {
      run = runJob.runNow(jobName);
    } catch (IllegalStateException e) {
      ProblemException problem =
          ProblemException.ofStatus(
              503,
              "The run of '" + jobName + "' could not start; the reason is in the server's log.");
      problem.initCause(e);
      throw problem;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ProblemResponses.interrupted();
    }
    if (run.finished()) {
      ctx.json(JobRunResponse.from(run.run()));
    } else {
      ctx.status(202).json(new RunRequested("requested", jobName, run.leaderInstanceId()));
    }
  }

  /** The answer of an instance that does not lead: the request is stored for the leader. */
  record RunRequested(String status, String job, String leaderInstanceId) {}
}
