package dev.baton.adapters.http;

import dev.baton.application.port.in.RunJobUseCase;
import io.javalin.http.Context;
import java.util.Set;

/** The job endpoints, a method each: the jobs and their runs, running, pausing and resuming one. */
final class JobHandlers {
  /** The path parameter of the job routes in {@link BatonHttpServer}. */
  static final String JOB_NAME = "name";

  private final HttpApi api;
  private final RequestBodyLimit bodyLimit;

  JobHandlers(HttpApi api, RequestBodyLimit bodyLimit) {
    this.api = api;
    this.bodyLimit = bodyLimit;
  }

  /** {@code GET /v1/jobs}: each registered job with its recent runs under any leader. */
  void jobs(Context ctx) {
    ctx.json(JobsResponse.from(api.jobs().jobs()));
  }

  /** {@code GET /v1/scheduler/runs?limit=}: the newest runs of every job, newest first. */
  void recentRuns(Context ctx) {
    int limit = QueryParameters.of(ctx, Set.of(QueryParameters.LIMIT)).limit();
    ctx.json(RecentRunsResponse.from(api.jobs().recentRuns(limit)));
  }

  /**
   * {@code POST /v1/jobs/{name}/run}: on the leader, runs the job and answers 200 with the finished
   * run; on any other instance, stores the request for the leader (which starts it within a second)
   * and answers 202 naming the leader. An unknown job is answered by {@link ProblemResponses}. A
   * request body is read and dropped, never parsed.
   */
  void run(Context ctx) {
    bodyLimit.discardBody(ctx);
    String jobName = ctx.pathParam(JOB_NAME);
    RunJobUseCase.RunNow run;
    try {
      run = api.runJob().runNow(jobName);
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

  /**
   * {@code POST /v1/jobs/{name}/pause}: on any instance, stores the flag the leader reads when a
   * run starts, and answers 200 with the job. A request body is read and dropped.
   */
  void pause(Context ctx) {
    bodyLimit.discardBody(ctx);
    ctx.json(JobResponse.from(api.pauseJob().pause(ctx.pathParam(JOB_NAME))));
  }

  /** {@code POST /v1/jobs/{name}/resume}: as {@link #pause}, clearing the flag. */
  void resume(Context ctx) {
    bodyLimit.discardBody(ctx);
    ctx.json(JobResponse.from(api.pauseJob().resume(ctx.pathParam(JOB_NAME))));
  }

  /** The answer of an instance that does not lead: the request is stored for the leader. */
  record RunRequested(String status, String job, String leaderInstanceId) {}
}
