package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.FencedOutException;
import dev.baton.domain.JobRun;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.RunTrigger;
import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.JobRunPort;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobRunPort} backend must do. A backend's test class extends this one; each test
 * starts on an empty store. Timestamps the backend takes itself (start, finish) are only compared
 * with each other, since a backend may read them from its database's clock.
 */
public abstract class JobRunPortContract {
  private static final Instant SCHEDULED_AT = Instant.parse("2026-11-27T00:40:00.000Z");
  private static final int ENOUGH_RETAINED = 100;

  /** The port on this test's store, keeping the newest {@code retainedRunsPerJob} runs per job. */
  protected abstract JobRunPort jobRuns(int retainedRunsPerJob);

  /**
   * Makes a new term the current one in the store that starting a run is fenced against, as a new
   * leader's grant does, and returns it.
   */
  protected abstract long grantNewTerm();

  /** A scheduled run that must start (the job is not paused). */
  public static JobRun started(
      JobRunPort runs, String jobName, String instanceId, long term, Instant scheduledAt) {
    return runs.startRun(jobName, instanceId, term, scheduledAt, RunTrigger.SCHEDULED)
        .orElseThrow(() -> new AssertionError(jobName + " did not start"));
  }

  @Test
  void startRunRecordsARunningRunUnderTheTerm() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();

    JobRun run = started(runs, "probe", "instance-a", term, SCHEDULED_AT);

    assertThat(run.id()).isPositive();
    assertThat(run.jobName()).isEqualTo("probe");
    assertThat(run.instanceId()).isEqualTo("instance-a");
    assertThat(run.term()).isEqualTo(term);
    assertThat(run.scheduledAt()).isEqualTo(SCHEDULED_AT);
    assertThat(run.startedAt()).isNotNull();
    assertThat(run.finishedAt()).isNull();
    assertThat(run.outcome()).isEqualTo(JobRunOutcome.RUNNING);
    assertThat(run.error()).isNull();
    assertThat(runs.findRun(run.id())).contains(run);
  }

  @Test
  void aRequestedRunMayHaveNoScheduledTime() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);

    JobRun run =
        runs.startRun("probe", "instance-a", grantNewTerm(), null, RunTrigger.REQUESTED)
            .orElseThrow();

    assertThat(run.scheduledAt()).isNull();
    assertThat(runs.findRun(run.id())).contains(run);
  }

  @Test
  void startRunUnderAnOlderTermIsFencedOutAndWritesNothing() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long old = grantNewTerm();
    long current = grantNewTerm();

    assertThatThrownBy(() -> started(runs, "probe", "instance-a", old, SCHEDULED_AT))
        .isInstanceOfSatisfying(
            FencedOutException.class,
            fenced -> {
              assertThat(fenced.writerTerm()).isEqualTo(old);
              assertThat(fenced.currentTerm()).isEqualTo(current);
            });

    assertThat(runs.recentRuns("probe", 10)).isEmpty();
    assertThat(Optional.ofNullable(runs.scheduledJob("probe").lastStartedAt())).isEmpty();
  }

  @Test
  void theRecentRunsOfEveryJobComeNewestFirstUpToTheLimit() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();
    JobRun first = started(runs, "probe", "instance-a", term, SCHEDULED_AT);
    JobRun second = started(runs, "other", "instance-a", term, SCHEDULED_AT);
    JobRun third = started(runs, "probe", "instance-a", term, SCHEDULED_AT.plusSeconds(60));

    assertThat(runs.recentRunsOfEveryJob(2)).containsExactly(third, second);
    assertThat(runs.recentRunsOfEveryJob(10))
        .extracting(JobRun::id)
        .containsExactly(third.id(), second.id(), first.id());
  }

  @Test
  void startRunUnderATermNeverGrantedIsFencedOut() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long current = grantNewTerm();

    assertThatThrownBy(() -> started(runs, "probe", "instance-a", current + 1, SCHEDULED_AT))
        .isInstanceOf(FencedOutException.class);

    assertThat(runs.recentRuns("probe", 10)).isEmpty();
  }

  @Test
  void startRunBeforeAnyLeaderIsFencedOut() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);

    assertThatThrownBy(() -> started(runs, "probe", "instance-a", 1, SCHEDULED_AT))
        .isInstanceOf(FencedOutException.class);

    assertThat(runs.recentRuns("probe", 10)).isEmpty();
    assertThat(Optional.ofNullable(runs.scheduledJob("probe").lastStartedAt())).isEmpty();
  }

  @Test
  void finishRunRecordsTheOutcome() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    JobRun started = started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);

    JobRun finished = runs.finishRun(started.id(), JobRunOutcome.SUCCEEDED, null);

    assertThat(finished.id()).isEqualTo(started.id());
    assertThat(finished.outcome()).isEqualTo(JobRunOutcome.SUCCEEDED);
    assertThat(finished.finishedAt()).isNotNull().isAfterOrEqualTo(started.startedAt());
    assertThat(finished.error()).isNull();
    assertThat(finished.startedAt()).isEqualTo(started.startedAt());
    assertThat(runs.findRun(started.id())).contains(finished);
  }

  @Test
  void finishRunKeepsTheError() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    JobRun started = started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);

    JobRun finished = runs.finishRun(started.id(), JobRunOutcome.FAILED, "provider answered 503");

    assertThat(finished.outcome()).isEqualTo(JobRunOutcome.FAILED);
    assertThat(finished.error()).isEqualTo("provider answered 503");
    assertThat(runs.findRun(started.id())).contains(finished);
  }

  @Test
  void finishRunIsNotFencedSoALaterTermDoesNotLoseTheOutcome() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    JobRun started = started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);
    grantNewTerm();

    JobRun finished = runs.finishRun(started.id(), JobRunOutcome.CANCELLED, "leadership lost");

    assertThat(finished.outcome()).isEqualTo(JobRunOutcome.CANCELLED);
    assertThat(finished.term()).isEqualTo(started.term());
  }

  @Test
  void finishRunOfAnUnknownRunFails() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);

    assertThatThrownBy(() -> runs.finishRun(424242, JobRunOutcome.SUCCEEDED, null))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void aRunCannotFinishAsRunning() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    JobRun started = started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);

    assertThatThrownBy(() -> runs.finishRun(started.id(), JobRunOutcome.RUNNING, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(runs.findRun(started.id())).contains(started);
  }

  @Test
  void aScheduledRunStoresItsSlotAndItsStart() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);

    JobRun run = started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);

    ScheduledJob stored = runs.scheduledJob("probe");
    assertThat(stored.lastSlotAt()).isEqualTo(SCHEDULED_AT);
    assertThat(stored.lastStartedAt()).isEqualTo(run.startedAt());
    assertThat(stored.paused()).isFalse();
    assertThat(stored.runRequestedAt()).isNull();
  }

  /** Starts {@code probe}'s run for {@link #SCHEDULED_AT}, then asks for a run 30 s later. */
  private Instant requestedAfterASlot(JobRunPort runs, long term) {
    started(runs, "probe", "instance-a", term, SCHEDULED_AT);
    Instant requestedAt = SCHEDULED_AT.plusSeconds(30);
    runs.requestRun("probe", requestedAt);
    return requestedAt;
  }

  @Test
  void aRequestedRunKeepsTheSlotAndClearsTheRequest() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();
    Instant requestedAt = requestedAfterASlot(runs, term);
    assertThat(runs.scheduledJob("probe").runRequestedAt()).isEqualTo(requestedAt);

    JobRun requested =
        runs.startRun("probe", "instance-a", term, requestedAt, RunTrigger.REQUESTED).orElseThrow();

    ScheduledJob stored = runs.scheduledJob("probe");
    assertThat(stored.runRequestedAt()).isNull();
    assertThat(stored.lastSlotAt()).isEqualTo(SCHEDULED_AT);
    assertThat(stored.lastStartedAt()).isEqualTo(requested.startedAt());
  }

  @Test
  void aWokenRunKeepsTheSlotAndTheStoredRequestAndWaitsWhilePaused() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();
    Instant requestedAt = requestedAfterASlot(runs, term);

    JobRun woken =
        runs.startRun("probe", "instance-a", term, requestedAt, RunTrigger.WOKEN).orElseThrow();

    ScheduledJob stored = runs.scheduledJob("probe");
    assertThat(stored.runRequestedAt()).isEqualTo(requestedAt);
    assertThat(stored.lastSlotAt()).isEqualTo(SCHEDULED_AT);
    assertThat(stored.lastStartedAt()).isEqualTo(woken.startedAt());

    runs.setPaused("probe", true);
    assertThat(runs.startRun("probe", "instance-a", term, requestedAt, RunTrigger.WOKEN)).isEmpty();
    assertThat(runs.recentRuns("probe", 10)).hasSize(2);
  }

  @Test
  void aScheduledRunClearsARunRequestToo() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    runs.requestRun("probe", SCHEDULED_AT);

    started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT.plusSeconds(1));

    assertThat(runs.scheduledJob("probe").runRequestedAt()).isNull();
  }

  @Test
  void aPausedJobStartsNoScheduledRunButARequestedOne() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();
    started(runs, "probe", "instance-a", term, SCHEDULED_AT);
    runs.setPaused("probe", true);
    Supplier<Optional<JobRun>> nextScheduledRun =
        () ->
            runs.startRun(
                "probe", "instance-a", term, SCHEDULED_AT.plusSeconds(60), RunTrigger.SCHEDULED);

    assertThat(nextScheduledRun.get()).isEmpty();
    assertThat(runs.recentRuns("probe", 10)).hasSize(1);
    assertThat(runs.scheduledJob("probe").lastSlotAt()).isEqualTo(SCHEDULED_AT);
    assertThat(runs.scheduledJob("probe").paused()).isTrue();

    assertThat(runs.startRun("probe", "instance-a", term, null, RunTrigger.REQUESTED)).isPresent();
    runs.setPaused("probe", false);
    assertThat(nextScheduledRun.get()).isPresent();
    assertThat(runs.recentRuns("probe", 10)).hasSize(3);
  }

  @Test
  void pausingAndRequestingNeedNoLeaderAndStoreJobsNeverRun() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);

    runs.setPaused("send-invoices", true);
    runs.requestRun("refresh-cache", SCHEDULED_AT);

    assertThat(runs.scheduledJobs())
        .containsExactlyInAnyOrder(
            new ScheduledJob("send-invoices", null, null, true, null),
            new ScheduledJob("refresh-cache", null, null, false, SCHEDULED_AT));
    assertThat(runs.scheduledJob("never-stored")).isEqualTo(ScheduledJob.unknown("never-stored"));
  }

  @Test
  void findRunOfAnUnknownRunIsEmpty() {
    assertThat(jobRuns(ENOUGH_RETAINED).findRun(424242)).isEmpty();
  }

  @Test
  void lastStartedAtIsTheNewestStartOfThatJobUnderAnyTerm() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    assertThat(Optional.ofNullable(runs.scheduledJob("probe").lastStartedAt())).isEmpty();

    started(runs, "probe", "instance-a", grantNewTerm(), SCHEDULED_AT);
    JobRun newest = started(runs, "probe", "instance-b", grantNewTerm(), SCHEDULED_AT);
    JobRun other = started(runs, "poll_llm_batches", "instance-b", newest.term(), SCHEDULED_AT);

    assertThat(Optional.ofNullable(runs.scheduledJob("probe").lastStartedAt()))
        .contains(newest.startedAt());
    assertThat(Optional.ofNullable(runs.scheduledJob("poll_llm_batches").lastStartedAt()))
        .contains(other.startedAt());
  }

  @Test
  void recentRunsAreTheNewestOfThatJobNewestFirst() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long term = grantNewTerm();
    JobRun first = finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT));
    JobRun second = finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT));
    started(runs, "poll_llm_batches", "instance-a", term, SCHEDULED_AT);
    JobRun third = started(runs, "probe", "instance-a", term, SCHEDULED_AT);

    assertThat(runs.recentRuns("probe", 10)).containsExactly(third, second, first);
    assertThat(runs.recentRuns("probe", 2)).containsExactly(third, second);
    assertThat(runs.recentRuns("probe", 0)).isEmpty();
    assertThat(runs.recentRuns("unknown", 10)).isEmpty();
  }

  @Test
  void onlyTheNewestRunsOfEachJobAreRetained() {
    JobRunPort runs = jobRuns(3);
    long term = grantNewTerm();
    List<JobRun> probes =
        List.of(
            finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT)),
            finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT)),
            finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT)),
            finished(runs, started(runs, "probe", "instance-a", term, SCHEDULED_AT)),
            started(runs, "probe", "instance-a", term, SCHEDULED_AT));
    JobRun otherJob = started(runs, "poll_llm_batches", "instance-a", term, SCHEDULED_AT);

    assertThat(runs.recentRuns("probe", 10))
        .containsExactly(probes.get(4), probes.get(3), probes.get(2));
    assertThat(runs.findRun(probes.get(0).id())).isEmpty();
    assertThat(runs.findRun(probes.get(1).id())).isEmpty();
    assertThat(runs.recentRuns("poll_llm_batches", 10)).containsExactly(otherJob);
  }

  @Test
  void unfinishedRunsOfOlderTermsAreMarkedAbandoned() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long old = grantNewTerm();
    JobRun unfinished = started(runs, "probe", "instance-a", old, SCHEDULED_AT);
    JobRun done = finished(runs, started(runs, "poll_llm_batches", "instance-a", old, null));
    long current = grantNewTerm();
    JobRun ofTheNewLeader = started(runs, "probe", "instance-b", current, SCHEDULED_AT);

    int abandoned = runs.abandonUnfinishedRunsBefore(current);

    assertThat(abandoned).isEqualTo(1);
    JobRun marked = runs.findRun(unfinished.id()).orElseThrow();
    assertThat(marked.outcome()).isEqualTo(JobRunOutcome.ABANDONED);
    assertThat(marked.finishedAt()).isNotNull().isAfterOrEqualTo(unfinished.startedAt());
    assertThat(runs.findRun(done.id())).contains(done);
    assertThat(runs.findRun(ofTheNewLeader.id())).contains(ofTheNewLeader);
    assertThat(runs.abandonUnfinishedRunsBefore(current)).isZero();
  }

  @Test
  void aRunThatEndsAfterItWasAbandonedStaysAbandonedAndSaysHowItEnded() {
    JobRunPort runs = jobRuns(ENOUGH_RETAINED);
    long old = grantNewTerm();
    JobRun frozen = started(runs, "probe", "instance-a", old, SCHEDULED_AT);
    runs.abandonUnfinishedRunsBefore(grantNewTerm());
    JobRun marked = runs.findRun(frozen.id()).orElseThrow();

    JobRun ended = runs.finishRun(frozen.id(), JobRunOutcome.FAILED, "provider answered 503");

    assertThat(ended.outcome()).isEqualTo(JobRunOutcome.ABANDONED);
    assertThat(ended.finishedAt()).isEqualTo(marked.finishedAt());
    assertThat(ended.error())
        .isEqualTo("ended after it was abandoned: failed: provider answered 503")
        .isEqualTo(JobRun.lateEnd(JobRunOutcome.FAILED, "provider answered 503"));
    assertThat(runs.findRun(frozen.id())).contains(ended);
  }

  private static JobRun finished(JobRunPort runs, JobRun started) {
    return runs.finishRun(started.id(), JobRunOutcome.SUCCEEDED, null);
  }
}
