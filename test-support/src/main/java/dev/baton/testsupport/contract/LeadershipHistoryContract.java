package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every backend's leadership history must keep: a backend's test class extends this one and
 * says how to make a leadership port for an instance and the history port, all on one store and
 * lock key; each test starts on an empty store.
 */
public abstract class LeadershipHistoryContract {
  private final List<LeaderLease> leases = new ArrayList<>();

  /** A port for {@code instanceId}, as a separate process would have it. */
  protected abstract LeadershipPort leadershipOf(String instanceId);

  /** The history of the store and lock key every {@link #leadershipOf} port uses. */
  protected abstract LeadershipHistoryPort history();

  @AfterEach
  void giveUpLeftoverLeases() {
    leases.forEach(LeaderLease::abandon);
  }

  private LeaderLease acquire(String instanceId) {
    Optional<LeaderLease> lease = leadershipOf(instanceId).tryAcquire();
    assertThat(lease).as("lease granted to " + instanceId).isPresent();
    leases.add(lease.get());
    return lease.get();
  }

  @Test
  void aGrantBeginsATermThatLastsUntilItEnds() {
    LeaderLease lease = acquire("instance-a");

    assertThat(history().recentTerms(10))
        .containsExactly(
            new LeadershipTerm(lease.term(), "instance-a", lease.acquiredAt(), null, null));
  }

  @Test
  void aReleaseEndsTheTermReleased() {
    LeaderLease lease = acquire("instance-a");

    lease.release();

    LeadershipTerm term = history().recentTerms(10).get(0);
    assertThat(term.endReason()).isEqualTo(TermEndReason.RELEASED);
    assertThat(term.endedAt()).isAfterOrEqualTo(lease.acquiredAt());
  }

  @Test
  void aStepDownEndsTheTermSteppedDown() {
    LeaderLease lease = acquire("instance-a");

    lease.stepDown();

    LeadershipTerm term = history().recentTerms(10).get(0);
    assertThat(term.endReason()).isEqualTo(TermEndReason.STEPPED_DOWN);
    assertThat(term.endedAt()).isAfterOrEqualTo(lease.acquiredAt());
  }

  @Test
  void anUncleanEndIsCompletedLostByTheNextLeader() {
    LeaderLease first = acquire("instance-a");
    first.abandon();
    assertThat(history().recentTerms(10).get(0).endReason())
        .as("nobody has seen the end yet")
        .isNull();

    LeaderLease second = acquire("instance-b");

    assertThat(history().recentTerms(10))
        .containsExactly(
            new LeadershipTerm(second.term(), "instance-b", second.acquiredAt(), null, null),
            new LeadershipTerm(
                first.term(),
                "instance-a",
                first.acquiredAt(),
                second.acquiredAt(),
                TermEndReason.LOST));
  }

  @Test
  void aCleanEndIsKeptWhenTheNextLeaderTakesOver() {
    LeaderLease first = acquire("instance-a");
    first.stepDown();

    acquire("instance-b");

    assertThat(history().recentTerms(10).get(1).endReason()).isEqualTo(TermEndReason.STEPPED_DOWN);
  }

  @Test
  void aFencedOutLeaderRecordsItsTermFencedOut() {
    LeaderLease first = acquire("instance-a");

    first.abandonFencedOut();
    acquire("instance-b");

    LeadershipTerm ended = history().recentTerms(10).get(1);
    assertThat(ended.term()).isEqualTo(first.term());
    assertThat(ended.endReason()).isEqualTo(TermEndReason.FENCED_OUT);
    assertThat(ended.endedAt()).isAfterOrEqualTo(first.acquiredAt());
  }

  @Test
  void termsComeNewestFirstUpToTheLimit() {
    acquire("instance-a").release();
    acquire("instance-b").release();
    LeaderLease third = acquire("instance-a");

    List<LeadershipTerm> terms = history().recentTerms(2);

    assertThat(terms)
        .extracting(LeadershipTerm::term)
        .containsExactly(third.term(), third.term() - 1);
    assertThat(history().recentTerms(10)).hasSize(3);
  }

  @Test
  void anEmptyHistoryIsEmpty() {
    assertThat(history().recentTerms(10)).isEmpty();
  }
}
