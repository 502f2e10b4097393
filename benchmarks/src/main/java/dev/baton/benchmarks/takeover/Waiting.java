package dev.baton.benchmarks.takeover;

import java.time.Duration;
import java.util.Optional;

/** Bounded polling: every wait in a round has a limit, so a round cannot hang. */
final class Waiting {

  private Waiting() {}

  /** One look at the system: a value when the awaited state is reached, else why not yet. */
  record Look<T>(Optional<T> value, String notYet) {
    static <T> Look<T> reached(T value) {
      return new Look<>(Optional.of(value), null);
    }

    static <T> Look<T> notYet(String why) {
      return new Look<>(Optional.empty(), why);
    }
  }

  @FunctionalInterface
  interface Looker<T> {
    Look<T> look() throws Exception;
  }

  /**
   * Looks every {@code every} until {@code looker} reaches the state. An exception from a look
   * counts as "not yet" (a process that does not answer yet, a query that failed once), except a
   * {@link RoundFailure}, which ends the wait.
   *
   * @throws RoundFailure after {@code timeout}, naming {@code what} and the last reason
   */
  static <T> T until(String what, Duration timeout, Duration every, Looker<T> looker)
      throws RoundFailure, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastReason = "never looked";
    while (true) {
      try {
        Look<T> look = looker.look();
        if (look.value().isPresent()) {
          return look.value().get();
        }
        lastReason = look.notYet();
      } catch (InterruptedException | RoundFailure e) {
        throw e;
      } catch (Exception e) {
        lastReason = e.toString();
      }
      if (System.nanoTime() >= deadline) {
        throw new RoundFailure(
            "no " + what + " within " + timeout.toMillis() + " ms (last: " + lastReason + ")");
      }
      Thread.sleep(every.toMillis());
    }
  }
}
