package dev.baton.adapters.http;

import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.domain.JobRun;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * {@code POST /v1/jobs/{name}/run}: runs the job on this instance, which must lead, and answers
 * with the finished run. An unknown job and a follower are answered by {@link ProblemResponses}. A
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
    JobRun run;
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
    ctx.json(JobRunResponse.from(run));
  }
}
