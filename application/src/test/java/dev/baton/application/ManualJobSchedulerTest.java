package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the job scheduler's tests share: the scheduler on a manually driven clock and executor
 * (exact times, no sleeps), runs stored in memory under {@link #currentTerm}, and the times the
 * recording jobs ran.
 */
abstract class ManualJobSchedulerTest {
  static final String INSTANCE = "baton-test";

  final SettableClock clock = SettableClock.atEpochDay(); // 2026-01-01T00:00:00Z
  final Instant start = clock.now();
  final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  final AtomicLong currentTerm = new AtomicLong(1);
  final InMemoryJobRuns runs = new InMemoryJobRuns(clock, currentTerm::get);
  final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
  final List<Instant> runTimes = new ArrayList<>();

  /** A scheduler of {@code jobs} whose runs execute on {@link #executor} too. */
  JobScheduler scheduler(Jitter jitter, JobDefinition... jobs) {
    return scheduler(executor, jitter, jobs);
  }

  JobScheduler scheduler(ExecutorService workers, Jitter jitter, JobDefinition... jobs) {
    return new JobScheduler(List.of(jobs), runs, events, clock, executor, workers, jitter);
  }

  /** A scheduler without jitter whose timer and workers are one {@code executor}. */
  static JobScheduler onOneExecutor(
      JobDefinition job,
      JobRunPort runs,
      SchedulerEventsPort events,
      ClockPort clock,
      ScheduledExecutorService executor) {
    return new JobScheduler(List.of(job), runs, events, clock, executor, executor, Jitter.none());
  }

  /** A job named {@code job} that records when it ran. */
  JobDefinition recordingJob(Duration interval, Duration jitter) {
    return new JobDefinition("job", interval, jitter, run -> runTimes.add(clock.now()));
  }

  /** A job named {@code job}, without jitter. */
  static JobDefinition job(Duration interval, JobTask task) {
    return new JobDefinition("job", interval, Duration.ZERO, task);
  }

  /** A task that records when it ran, then does {@code then}. */
  JobTask recordingThen(JobTask then) {
    return run -> {
      runTimes.add(clock.now());
      then.run(run);
    };
  }

  /** A scheduler of a job named {@code job} that runs {@code task}, leading from {@link #start}. */
  JobScheduler leadingJob(Duration interval, JobTask task) {
    JobScheduler scheduler = scheduler(Jitter.none(), job(interval, task));
    lead(scheduler, start);
    return scheduler;
  }

  /** A scheduler of a {@link #recordingJob} every {@code interval}, leading from {@link #start}. */
  JobScheduler leadingRecordingJob(Duration interval) {
    JobScheduler scheduler = scheduler(Jitter.none(), recordingJob(interval, Duration.ZERO));
    lead(scheduler, start);
    return scheduler;
  }

  /** Leads with a {@link #recordingJob} every {@code interval} and runs what is due at once. */
  void leadAndRunWhatIsDue(Duration interval) {
    leadingRecordingJob(interval);
    executor.runDueTasks();
  }

  /** Runs the executor until {@code at}: the recording job runs then, not a millisecond before. */
  void assertFirstRunAt(Instant at) {
    executor.advanceBy(Duration.between(clock.now(), at).minusMillis(1));
    assertThat(runTimes).isEmpty();
    executor.advanceBy(Duration.ofMillis(1));
    assertThat(runTimes).containsExactly(at);
  }

  /** Leads term 1 from {@code jobsStartAt}. */
  void lead(JobScheduler scheduler, Instant jobsStartAt) {
    lead(scheduler, 1, jobsStartAt);
  }

  void lead(JobScheduler scheduler, long term, Instant jobsStartAt) {
    scheduler.startLeading(
        scheduler.prepare(new JobScheduler.Leadership(INSTANCE, term, jobsStartAt, onFencedOut())));
  }

  /** What the leaderships of {@link #lead} do when fenced out: nothing, unless a test counts. */
  Runnable onFencedOut() {
    return () -> {};
  }
}
