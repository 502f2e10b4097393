package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LeadershipRecord;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.SettableClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** When a new leader's jobs start, decided without a database: the rule and its re-check loop. */
class TakeoverCheckTest {
  private static final String SELF = "baton-new";
  private static final Duration GRACE = Duration.ofSeconds(4);

  private final SettableClock clock = SettableClock.atEpochDay();
  private final Instant start = clock.now();
  private final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
  private final TakeoverCheck check = new TakeoverCheck(SELF, GRACE, clock, executor);
  private final List<Instant> looks = new ArrayList<>();

  private static Optional<LockSession.PreviousHolder> previous(
      String holder, boolean releasedCleanly) {
    return previous(holder, releasedCleanly, true);
  }

  private static Optional<LockSession.PreviousHolder> previous(
      String holder, boolean releasedCleanly, boolean sessionsNamed) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    return Optional.of(
        new LockSession.PreviousHolder(
            new LeadershipRecord(7, holder, 4242, at, releasedCleanly ? at : null, releasedCleanly),
            sessionsNamed));
  }

  /** Answers the given session counts in turn, the last one from then on. */
  private TakeoverCheck.SessionCounter counts(Integer... answers) {
    Deque<Integer> left = new ArrayDeque<>(List.of(answers));
    return (instanceId, exceptPid) -> {
      assertThat(instanceId).isEqualTo("baton-old");
      assertThat(exceptPid).isEqualTo(4242);
      looks.add(clock.now());
      return left.size() > 1 ? left.pop() : left.peek();
    };
  }

  @Test
  void theRuleStartsAtOnceWhateverTheSessionsForAFirstACleanOrOwnPredecessor() {
    for (Optional<LockSession.PreviousHolder> previous :
        List.of(
            Optional.<LockSession.PreviousHolder>empty(),
            previous("baton-old", true),
            previous(SELF, false))) {
      assertThat(TakeoverDecision.decide(previous, SELF, OptionalInt.of(3), false).verdict())
          .isEqualTo(TakeoverDecision.Verdict.START_NOW);
    }
  }

  @Test
  void theRuleLooksAtTheSessionsOfAnUncleanPredecessorUntilTimeRunsOut() {
    Optional<LockSession.PreviousHolder> unclean = previous("baton-old", false);

    assertThat(TakeoverDecision.decide(unclean, SELF, OptionalInt.empty(), false).verdict())
        .isEqualTo(TakeoverDecision.Verdict.LOOK_AT_SESSIONS);
    assertThat(TakeoverDecision.decide(unclean, SELF, OptionalInt.of(1), true).verdict())
        .isEqualTo(TakeoverDecision.Verdict.LOOK_AT_SESSIONS);
    assertThat(TakeoverDecision.decide(unclean, SELF, OptionalInt.of(0), true).verdict())
        .isEqualTo(TakeoverDecision.Verdict.START_NOW);
    assertThat(TakeoverDecision.decide(unclean, SELF, OptionalInt.of(1), false).verdict())
        .isEqualTo(TakeoverDecision.Verdict.WAIT_FOR_GRACE);
  }

  @Test
  void anUncleanPredecessorOnAnApplicationsPoolIsWaitedForWithoutLookingAtSessions() {
    Optional<LockSession.PreviousHolder> unnamed = previous("baton-old", false, false);

    assertThat(TakeoverDecision.decide(unnamed, SELF, OptionalInt.empty(), true).verdict())
        .isEqualTo(TakeoverDecision.Verdict.WAIT_FOR_GRACE);
    assertThat(
            TakeoverDecision.decide(
                    previous("baton-old", true, false), SELF, OptionalInt.empty(), true)
                .verdict())
        .isEqualTo(TakeoverDecision.Verdict.START_NOW);
    assertThat(
            TakeoverDecision.decide(previous(SELF, false, false), SELF, OptionalInt.empty(), true)
                .verdict())
        .isEqualTo(TakeoverDecision.Verdict.START_NOW);
  }

  @Test
  void aCleanReleaseStartsAtOnceWithoutLookingAtSessions() {
    CompletableFuture<Duration> wait =
        check.waitBeforeJobs(8, previous("baton-old", true), counts(5));

    assertThat(wait).isCompletedWithValue(Duration.ZERO);
    assertThat(looks).isEmpty();
  }

  @Test
  void sessionsThatGoWithinTheRecheckWindowLetTheJobsStartAtOnce() {
    CompletableFuture<Duration> wait =
        check.waitBeforeJobs(8, previous("baton-old", false), counts(2, 1, 0));

    executor.advanceBy(Duration.ofMillis(100));

    assertThat(wait).isCompletedWithValue(Duration.ZERO);
    assertThat(looks).containsExactly(start, start.plusMillis(20), start.plusMillis(40));
  }

  @Test
  void sessionsThatStayMakeTheJobsWaitTheGraceAfterThreeHundredMilliseconds() {
    CompletableFuture<Duration> wait =
        check.waitBeforeJobs(8, previous("baton-old", false), counts(1));

    executor.advanceBy(Duration.ofMillis(280));
    assertThat(wait).isNotDone();
    executor.advanceBy(Duration.ofMillis(20));

    assertThat(wait).isCompletedWithValue(GRACE);
    assertThat(looks.get(looks.size() - 1)).isEqualTo(start.plusMillis(300));
  }

  @Test
  void aFailedLookFailsTheDecision() {
    CompletableFuture<Duration> wait =
        check.waitBeforeJobs(
            8,
            previous("baton-old", false),
            (instanceId, exceptPid) -> {
              throw new SQLException("connection lost", "08006");
            });

    executor.runDueTasks();

    assertThat(wait).isCompletedExceptionally();
  }
}
