package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.InstanceId;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.contract.JobRunPortContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobRunsTest {
  private static final long LOCK_KEY = 7L;

  @TempDir Path directory;
  private String url;
  private SqliteDatabase database;
  private final TestClock clock = TestClock.stoppedAt("2026-11-27T00:41:08.123456Z");
  private long term;

  @BeforeEach
  void migrateAndLead() {
    url = TestDatabases.fileUrl(directory);
    database = TestDatabases.migrated(url);
    LeaderLease lease =
        new SqliteLocalLeadership(database, LOCK_KEY, new InstanceId("instance-a"), clock)
            .tryAcquire()
            .orElseThrow();
    term = lease.term();
    lease.abandon();
  }

  @Test
  void startAndFinishTimesComeFromTheClockAndAreStoredToTheMillisecond() {
    SqliteJobRuns runs = new SqliteJobRuns(database, LOCK_KEY, clock);

    JobRun started =
        JobRunPortContract.started(
            runs, "probe", "instance-a", term, Instant.parse("2026-11-27T00:41:00.000999Z"));
    clock.set(Instant.parse("2026-11-27T00:41:09Z"));
    JobRun finished = runs.finishRun(started.id(), JobRunOutcome.SUCCEEDED, null);

    assertThat(started.startedAt()).isEqualTo(Instant.parse("2026-11-27T00:41:08.123Z"));
    assertThat(started.scheduledAt()).isEqualTo(Instant.parse("2026-11-27T00:41:00Z"));
    assertThat(finished.finishedAt()).isEqualTo(Instant.parse("2026-11-27T00:41:09Z"));
    assertThat(Optional.ofNullable(runs.scheduledJob("probe").lastStartedAt()))
        .contains(started.startedAt());
    List<String> stored =
        TestDatabases.strings(
            database,
            "SELECT scheduled_at || ' ' || started_at || ' ' || finished_at"
                + " || ' ' || outcome FROM baton_job_run");
    assertThat(stored)
        .containsExactly(
            "2026-11-27T00:41:00.000Z 2026-11-27T00:41:08.123Z 2026-11-27T00:41:09.000Z succeeded");
  }

  @Test
  void abandonedRunsFinishAtTheClockTime() {
    SqliteJobRuns runs = new SqliteJobRuns(database, LOCK_KEY, clock);
    JobRun started = JobRunPortContract.started(runs, "probe", "instance-a", term, null);
    clock.set(Instant.parse("2026-11-27T02:00:00Z"));

    runs.abandonUnfinishedRunsBefore(term + 1);

    assertThat(runs.findRun(started.id()).orElseThrow().finishedAt())
        .isEqualTo(Instant.parse("2026-11-27T02:00:00Z"));
  }

  @Test
  void retentionMustKeepAtLeastOneRun() {
    assertThatThrownBy(() -> new SqliteJobRuns(database, LOCK_KEY, clock, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentStartsFromSeveralConnectionsQueueInsteadOfFailingBusy() throws Exception {
    int writers = 4;
    int startsEach = 25;
    CountDownLatch ready = new CountDownLatch(writers);
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int writer = 0; writer < writers; writer++) {
      String job = "job-" + writer;
      tasks.add(
          () -> {
            SqliteJobRuns runs = new SqliteJobRuns(new SqliteDatabase(url), LOCK_KEY, clock, 10);
            ready.countDown();
            ready.await();
            for (int i = 0; i < startsEach; i++) {
              JobRun run = JobRunPortContract.started(runs, job, "instance-a", term, null);
              runs.finishRun(run.id(), JobRunOutcome.SUCCEEDED, null);
            }
            return runs.recentRuns(job, 100).size();
          });
    }
    ExecutorService executor = Executors.newFixedThreadPool(writers);
    try {
      for (Future<Integer> retained : executor.invokeAll(tasks)) {
        assertThat(retained.get(60, TimeUnit.SECONDS)).isEqualTo(10);
      }
    } finally {
      executor.shutdownNow();
    }
  }
}
