package dev.baton.adapters.http;

import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.PauseJobUseCase;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * {@code POST /v1/jobs/{name}/pause} and {@code /resume}: on any instance, stores the flag the
 * leader reads when a run starts, and answers 200 with the job. A request body is read and dropped.
 */
final class PauseJobHandler implements Handler {
  private final PauseJobUseCase jobs;
  private final RequestBodyLimit bodyLimit;
  private final boolean pause;

  private PauseJobHandler(PauseJobUseCase jobs, RequestBodyLimit bodyLimit, boolean pause) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
    this.pause = pause;
  }

  static PauseJobHandler pause(PauseJobUseCase jobs, RequestBodyLimit bodyLimit) {
    return new PauseJobHandler(jobs, bodyLimit, true);
  }

  static PauseJobHandler resume(PauseJobUseCase jobs, RequestBodyLimit bodyLimit) {
    return new PauseJobHandler(jobs, bodyLimit, false);
  }

  @Override
  public void handle(Context ctx) {
    bodyLimit.discardBody(ctx);
    String jobName = ctx.pathParam(RunJobHandler.JOB_NAME);
    JobDetails job = pause ? jobs.pause(jobName) : jobs.resume(jobName);
    ctx.json(JobsResponse.Job.from(job));
  }
}
