package dev.baton.benchmarks.polling;

import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.PollCycleSummary;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the library reports of its polling job: the leadership, and the end of each cycle with the
 * job's own summary, the moment it ended and its last write, taken on the job's thread as it ends.
 */
final class CycleEvents implements SchedulerEventsPort {
  static final String POLL_JOB = "poll_llm_batches";

  private final CountDownLatch leading = new CountDownLatch(1);
  private final BlockingQueue<Ended> ended = new LinkedBlockingQueue<>();

  /**
   * One cycle's end.
   *
   * @param endNanos when the job reported it, on {@link System#nanoTime()}
   */
  record CycleEnd(PollCycleSummary summary, long endNanos) {
    long startNanos() {
      return endNanos - summary.duration().toNanos();
    }
  }

  private record Ended(CycleEnd cycle, String failure) {}

  @Override
  public void leadershipAcquired(long term) {
    leading.countDown();
  }

  @Override
  public void pollCycleCompleted(PollCycleSummary summary) {
    ended.add(new Ended(new CycleEnd(summary, System.nanoTime()), null));
  }

  @Override
  public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
    if (jobName.equals(POLL_JOB) && outcome != JobRunOutcome.SUCCEEDED) {
      ended.add(new Ended(null, "a run of " + POLL_JOB + " ended " + outcome.wireName()));
    }
  }

  void awaitLeadership(Duration timeout) throws InterruptedException {
    if (!leading.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("Baton did not lead within " + timeout.toSeconds() + " s");
    }
  }

  /** Forgets the cycles that ended so far. */
  void clear() {
    ended.clear();
  }

  /** The next cycle to end, within {@code timeout}. */
  CycleEnd next(Duration timeout) throws InterruptedException {
    Ended next = ended.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (next == null) {
      throw new IllegalStateException("no poll cycle ended within " + timeout.toSeconds() + " s");
    }
    if (next.failure() != null) {
      throw new IllegalStateException(next.failure());
    }
    return next.cycle();
  }
}
