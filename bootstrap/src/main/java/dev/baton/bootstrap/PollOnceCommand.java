package dev.baton.bootstrap;

import com.google.inject.Injector;
import dev.baton.application.JobTask;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.InstanceId;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
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
    description = "Run one cycle of poll_llm_batches against the configured database, then exit.")
final class PollOnceCommand implements Callable<Integer> {
  static final int ANOTHER_INSTANCE_LEADS = 5;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    ConfigLoader.Loaded loaded = BatonCommand.loadConfig(err);
    if (loaded == null) {
      return BatonCommand.CONFIG_ERROR;
    }
    InstanceId instanceId = InstanceIds.generate();
    Injector injector = DatabaseBackends.injector(loaded.config(), instanceId);
    DatabaseBackend database = injector.getInstance(DatabaseBackend.class);
    ProviderClients providers = injector.getInstance(ProviderClients.class);
    try {
      database.migrate();
      LeadershipPort leadership = injector.getInstance(LeadershipPort.class);
      Optional<LeaderLease> lease = leadership.tryAcquire();
      if (lease.isEmpty()) {
        String leader = leadership.leaderInstanceId().orElse("another instance");
        err.println(
            "baton: "
                + leader
                + " leads and polls; ask it with POST /v1/jobs/"
                + PollLlmBatchesJob.NAME
                + "/run");
        return ANOTHER_INSTANCE_LEADS;
      }
      try {
        return runOnce(injector, instanceId, lease.get(), out);
      } finally {
        lease.get().release();
      }
    } finally {
      providers.close();
      database.close();
    }
  }

  private static int runOnce(
      Injector injector, InstanceId instanceId, LeaderLease lease, PrintWriter out) {
    JobRunPort runs = injector.getInstance(JobRunPort.class);
    ClockPort clock = injector.getInstance(ClockPort.class);
    JobRun run =
        runs.startRun(PollLlmBatchesJob.NAME, instanceId.value(), lease.term(), clock.now());
    JobRunOutcome outcome = JobRunOutcome.SUCCEEDED;
    String error = null;
    try {
      injector
          .getInstance(PollLlmBatchesJob.class)
          .run(
              new JobTask.RunContext(
                  run.id(), PollLlmBatchesJob.NAME, instanceId.value(), lease.term()));
    } catch (Exception e) {
      outcome = JobRunOutcome.FAILED;
      error = e.toString();
    }
    JobRun finished = runs.finishRun(run.id(), outcome, error);
    out.printf(
        "%s run %d under term %d: %s%s%n",
        PollLlmBatchesJob.NAME,
        finished.id(),
        finished.term(),
        finished.outcome().wireName(),
        error == null ? "" : " (" + error + ")");
    return outcome == JobRunOutcome.SUCCEEDED ? 0 : 1;
  }
}
