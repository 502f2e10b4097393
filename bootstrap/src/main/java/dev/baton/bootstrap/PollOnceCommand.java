package dev.baton.bootstrap;

import dev.baton.application.JobTask;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.bootstrap.logging.Logging;
import dev.baton.domain.InstanceId;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.Engine;
import dev.baton.embedded.internal.InstanceIds;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code baton.jar poll-once}: one cycle of {@code poll_llm_batches} against the configured
 * database, then exit. It takes the leadership for that cycle (its writes are fenced like a
 * leader's) and gives it back; when another instance leads, it refuses and names it.
 */
@Command(
    name = "poll-once",
    description = "Run one cycle of poll_llm_batches against the configured database, then exit.",
    exitCodeList = {
      "0:the cycle succeeded",
      "1:the cycle failed (its run is recorded failed, with the reason)",
      "2:invalid configuration, a wrong password, an unknown role or database",
      "4:the database cannot be reached",
      "5:another instance leads and polls; ask it with POST /v1/jobs/poll_llm_batches/run"
    })
final class PollOnceCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    InstanceId instanceId = InstanceIds.next("baton");
    Logging.instanceId(instanceId);
    // The service's scheduler core, never started: its polling job runs once, by hand.
    Engine engine =
        ConfiguredEngine.engine(
            BatonCommand.loadConfig().config(),
            instanceId,
            new SchedulerEventsPort() {},
            (provider, status) -> {});
    Backend database = engine.backend();
    try {
      database.connect();
      LeadershipPort leadership = engine.leadership();
      Optional<LeaderLease> lease =
          database.use(
              () -> {
                database.migrate();
                return leadership.tryAcquire();
              });
      if (lease.isEmpty()) {
        String leader = leadership.leaderInstanceId().orElse("another instance");
        err.println(
            "baton: "
                + leader
                + " leads and polls; ask it with POST /v1/jobs/"
                + PollLlmBatchesJob.NAME
                + "/run");
        return ExitCodes.ANOTHER_INSTANCE_LEADS;
      }
      try {
        return database.use(() -> runOnce(engine, lease.get(), out));
      } finally {
        lease.get().release();
      }
    } finally {
      engine.closeUnstarted();
    }
  }

  private static int runOnce(Engine engine, LeaderLease lease, PrintWriter out) {
    JobRunPort runs = engine.jobRuns();
    String instanceId = engine.instanceId().value();
    // A run asked for by hand: it runs even while the job is paused, and stands for no slot.
    JobRun run =
        runs.startRun(
                PollLlmBatchesJob.NAME,
                instanceId,
                lease.term(),
                engine.clock().now(),
                RunTrigger.REQUESTED)
            .orElseThrow();
    JobRunOutcome outcome = JobRunOutcome.SUCCEEDED;
    String error = null;
    try {
      engine
          .pollJob()
          .orElseThrow()
          .run(
              new JobTask.RunContext(
                  run.id(), PollLlmBatchesJob.NAME, instanceId, lease.term(), run.scheduledAt()));
    } catch (Exception e) {
      outcome = JobRunOutcome.FAILED;
      error = e.getMessage() == null ? "failed without a message" : e.getMessage();
    }
    JobRun finished = runs.finishRun(run.id(), outcome, error);
    out.printf(
        "%s run %d under term %d: %s%s%n",
        PollLlmBatchesJob.NAME,
        finished.id(),
        finished.term(),
        finished.outcome().wireName(),
        error == null ? "" : " (" + error + ")");
    return outcome == JobRunOutcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
