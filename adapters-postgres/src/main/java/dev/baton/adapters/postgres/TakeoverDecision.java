package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * When a new leader's jobs may start, as a function of what it knows: at once after a clean
 * release, when this instance held the lock before (it stopped its own jobs when it lost the lock),
 * or when the previous holder has no session left but its old lock backend; otherwise after the
 * takeover grace, by which a live old leader has noticed the loss and stopped by itself. A killed
 * process's backends take a few milliseconds to go, so the sessions are looked at more than once. A
 * holder that ran on an application's own pool left sessions that do not carry its name, so after
 * its unclean end the grace is always waited.
 */
final class TakeoverDecision {
  private TakeoverDecision() {}

  /** What the new leader does next. */
  enum Verdict {
    /** Jobs start at once. */
    START_NOW,
    /** Look at the previous holder's sessions (again). */
    LOOK_AT_SESSIONS,
    /** Jobs start after the takeover grace. */
    WAIT_FOR_GRACE
  }

  /** A verdict with the reason, for the log line. */
  record Decision(Verdict verdict, String reason) {}

  /**
   * @param previous the leadership row as it was before this grant, and whether its holder named
   *     every session after itself
   * @param self this instance
   * @param sessionsSeen how many sessions of the previous holder (its old lock backend aside) were
   *     seen last; empty when none was looked at yet
   * @param mayLookAgain whether there is time left to look at them again
   */
  static Decision decide(
      Optional<LockSession.PreviousHolder> previous,
      String self,
      OptionalInt sessionsSeen,
      boolean mayLookAgain) {
    if (previous.isEmpty()) {
      return new Decision(Verdict.START_NOW, "first leader of this lock key");
    }
    LeadershipRecord before = previous.get().record();
    if (before.releasedCleanly() && before.releasedAt() != null) {
      return new Decision(
          Verdict.START_NOW,
          before.holderInstanceId() + " released term " + before.term() + " cleanly");
    }
    if (before.holderInstanceId().equals(self)) {
      return new Decision(
          Verdict.START_NOW,
          "this instance held term "
              + before.term()
              + " before and stopped its jobs when it lost it");
    }
    String unclean =
        before.holderInstanceId() + " (term " + before.term() + ") ended without a clean release";
    if (!previous.get().sessionsNamed()) {
      return new Decision(
          Verdict.WAIT_FOR_GRACE,
          unclean + " on an application's connection pool, whose sessions do not carry its name");
    }
    if (sessionsSeen.isPresent() && sessionsSeen.getAsInt() == 0) {
      return new Decision(Verdict.START_NOW, unclean + " and has no session left");
    }
    if (sessionsSeen.isEmpty() || mayLookAgain) {
      return new Decision(Verdict.LOOK_AT_SESSIONS, unclean);
    }
    return new Decision(
        Verdict.WAIT_FOR_GRACE,
        unclean + " and still has " + sessionsSeen.getAsInt() + " session(s)");
  }
}
