package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeaseLostException;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LeadershipPort} backend must do. A backend's test class extends this one and
 * says how to make a port for an instance; each test starts on an empty store.
 *
 * <p>Waits are bounded by {@link #GENEROUS} and never stand in for synchronisation.
 */
public abstract class LeadershipPortContract {
  /** The bound on anything that should happen promptly: long enough for a slow, busy machine. */
  protected static final Duration GENEROUS = Duration.ofSeconds(15);

  private final List<LeaderLease> leases = new ArrayList<>();
  private final ExecutorService waiters = Executors.newCachedThreadPool();

  /**
   * A port for the instance {@code instanceId}, on the same store and lock key as every other port
   * made during the current test, as a separate process would have.
   */
  protected abstract LeadershipPort leadershipOf(String instanceId);

  @AfterEach
  void giveUpLeftoverLeases() throws InterruptedException {
    waiters.shutdownNow();
    waiters.awaitTermination(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
    synchronized (leases) {
      leases.forEach(LeaderLease::abandon);
    }
  }

  /** Remembers a granted lease so that a failing test does not leave the lock held. */
  protected final Optional<LeaderLease> tracked(Optional<LeaderLease> lease) {
    lease.ifPresent(
        granted -> {
          synchronized (leases) {
            leases.add(granted);
          }
        });
    return lease;
  }

  private LeaderLease acquire(LeadershipPort port) {
    Optional<LeaderLease> lease = tracked(port.tryAcquire());
    assertThat(lease).as("lease granted").isPresent();
    return lease.get();
  }

  @Test
  void noLeaderIsRecordedBeforeTheFirstGrant() {
    assertThat(leadershipOf("instance-a").storedLeadership()).isEmpty();
  }

  @Test
  void grantsTheLeadershipWhenNobodyHoldsIt() {
    LeadershipPort a = leadershipOf("instance-a");

    LeaderLease lease = acquire(a);

    assertThat(lease.term()).isPositive();
    assertThat(lease.acquiredAt()).isNotNull();
    assertThat(lease.jobsStartAt()).isNotNull().isAfterOrEqualTo(lease.acquiredAt());
    lease.verifyHeld();
    LeadershipRecord record = a.storedLeadership().orElseThrow();
    assertThat(record.term()).isEqualTo(lease.term());
    assertThat(record.holderInstanceId()).isEqualTo("instance-a");
    assertThat(record.isHeld()).isTrue();
    assertThat(record.releasedCleanly()).isFalse();
  }

  @Test
  void grantsNothingToAnotherInstanceWhileTheLeadershipIsHeld() {
    LeaderLease held = acquire(leadershipOf("instance-a"));
    LeadershipPort b = leadershipOf("instance-b");

    assertThat(tracked(b.tryAcquire())).isEmpty();
    held.verifyHeld();
    assertThat(b.storedLeadership().orElseThrow().holderInstanceId()).isEqualTo("instance-a");
  }

  @Test
  void everyGrantCarriesTheNextTerm() {
    LeadershipPort a = leadershipOf("instance-a");
    LeadershipPort b = leadershipOf("instance-b");

    long first = termOfAGrantReleasedAtOnce(a);
    long second = termOfAGrantReleasedAtOnce(b);
    LeaderLease third = acquire(a);

    assertThat(second).isEqualTo(first + 1);
    assertThat(third.term()).isEqualTo(second + 1);
    assertThat(a.storedLeadership().orElseThrow().term()).isEqualTo(third.term());
  }

  private long termOfAGrantReleasedAtOnce(LeadershipPort port) {
    LeaderLease lease = acquire(port);
    lease.release();
    return lease.term();
  }

  @Test
  void aCleanReleaseIsRecordedAndLetsTheNextLeaderStartAtOnce() {
    LeadershipPort a = leadershipOf("instance-a");
    LeadershipPort b = leadershipOf("instance-b");
    LeaderLease first = acquire(a);

    first.release();

    LeadershipRecord released = a.storedLeadership().orElseThrow();
    assertThat(released.term()).isEqualTo(first.term());
    assertThat(released.isHeld()).isFalse();
    assertThat(released.releasedAt()).isNotNull();
    assertThat(released.releasedCleanly()).isTrue();
    LeaderLease next = acquire(b);
    assertThat(next.jobsStartAt()).isEqualTo(next.acquiredAt());
    LeadershipRecord taken = b.storedLeadership().orElseThrow();
    assertThat(taken.holderInstanceId()).isEqualTo("instance-b");
    assertThat(taken.isHeld()).isTrue();
    assertThat(taken.releasedCleanly()).isFalse();
  }

  @Test
  void theSameInstanceCanLeadAgainAfterReleasing() {
    LeadershipPort a = leadershipOf("instance-a");
    LeaderLease first = acquire(a);
    first.release();

    LeaderLease again = acquire(a);

    assertThat(again.term()).isEqualTo(first.term() + 1);
    again.verifyHeld();
  }

  @Test
  void aReleasedLeaseFailsItsCheck() {
    LeaderLease lease = acquire(leadershipOf("instance-a"));

    lease.release();

    assertThatThrownBy(lease::verifyHeld).isInstanceOf(LeaseLostException.class);
  }

  @Test
  void anAbandonedLeaseFailsItsCheckAndIsNotRecordedAsACleanRelease() {
    LeadershipPort a = leadershipOf("instance-a");
    LeaderLease lease = acquire(a);

    lease.abandon();

    assertThatThrownBy(lease::verifyHeld).isInstanceOf(LeaseLostException.class);
    assertThat(a.storedLeadership().orElseThrow().releasedCleanly()).isFalse();
  }

  @Test
  void anotherInstanceLeadsAfterAnAbandon() throws InterruptedException {
    LeaderLease first = acquire(leadershipOf("instance-a"));
    first.abandon();

    Optional<LeaderLease> next = tracked(leadershipOf("instance-b").awaitAcquire(GENEROUS));

    assertThat(next).isPresent();
    assertThat(next.get().term()).isEqualTo(first.term() + 1);
  }

  @Test
  void releaseAndAbandonAreIdempotentAndTheFirstWins() {
    LeadershipPort a = leadershipOf("instance-a");
    LeaderLease lease = acquire(a);

    lease.release();
    lease.release();
    lease.abandon();

    assertThat(a.storedLeadership().orElseThrow().releasedCleanly()).isTrue();
    acquire(leadershipOf("instance-b")).verifyHeld();
  }

  @Test
  void releasingAnOldLeaseDoesNotTouchTheNewerTerm() {
    LeadershipPort a = leadershipOf("instance-a");
    LeaderLease old = acquire(a);
    old.release();
    LeaderLease current = acquire(leadershipOf("instance-b"));

    old.release();
    old.abandon();

    current.verifyHeld();
    LeadershipRecord record = a.storedLeadership().orElseThrow();
    assertThat(record.term()).isEqualTo(current.term());
    assertThat(record.isHeld()).isTrue();
  }

  @Test
  void awaitAcquireGrantsAtOnceWhenNobodyHoldsTheLeadership() throws InterruptedException {
    Optional<LeaderLease> lease =
        tracked(leadershipOf("instance-a").awaitAcquire(Duration.ofMillis(100)));

    assertThat(lease).isPresent();
    lease.get().verifyHeld();
  }

  @Test
  void awaitAcquireGivesUpAfterItsMaximumWait() throws Exception {
    acquire(leadershipOf("instance-a"));
    LeadershipPort b = leadershipOf("instance-b");
    Duration maxWait = Duration.ofMillis(500);

    long start = System.nanoTime();
    Future<Optional<LeaderLease>> waiting = waiters.submit(() -> tracked(b.awaitAcquire(maxWait)));
    Optional<LeaderLease> outcome = waiting.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertThat(outcome).isEmpty();
    assertThat(waited).isGreaterThanOrEqualTo(maxWait.multipliedBy(8).dividedBy(10));
  }

  @Test
  void awaitAcquireReturnsOnceTheHolderReleases() throws Exception {
    LeaderLease held = acquire(leadershipOf("instance-a"));
    LeadershipPort b = leadershipOf("instance-b");
    Future<Optional<LeaderLease>> waiting =
        waiters.submit(() -> tracked(b.awaitAcquire(GENEROUS.multipliedBy(4))));

    held.release();

    Optional<LeaderLease> next = waiting.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(next).isPresent();
    assertThat(next.get().term()).isEqualTo(held.term() + 1);
  }

  @Test
  void awaitAcquireStopsWhenItsThreadIsInterrupted() throws Exception {
    acquire(leadershipOf("instance-a"));
    LeadershipPort b = leadershipOf("instance-b");
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              waiting.countDown();
              try {
                outcome.complete(tracked(b.awaitAcquire(GENEROUS.multipliedBy(4))));
              } catch (Throwable e) {
                outcome.complete(e);
              }
            },
            "contract-awaitAcquire");
    waiter.start();
    assertThat(waiting.await(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

    waiter.interrupt();

    assertThat(outcome.get(GENEROUS.toMillis(), TimeUnit.MILLISECONDS))
        .isInstanceOf(InterruptedException.class);
  }
}
