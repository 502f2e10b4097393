package dev.baton.adapters.postgres;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.ClockPort;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TakeoverDecision} to its end: looks at the previous holder's sessions through the
 * lock session, again every {@link #RECHECK_PAUSE} for up to {@link #SESSIONS_GONE_RECHECK}, on the
 * injected clock and executor, and answers how long the new leader's jobs wait.
 */
final class TakeoverCheck {
  private static final Logger log = LoggerFactory.getLogger(TakeoverCheck.class);

  /** A killed process's backends take a few milliseconds to go. */
  static final Duration SESSIONS_GONE_RECHECK = Duration.ofMillis(300);

  static final Duration RECHECK_PAUSE = Duration.ofMillis(20);

  /** Counts the previous holder's sessions, its old lock backend aside. */
  @FunctionalInterface
  interface SessionCounter {
    int sessionsOf(String instanceId, long exceptPid) throws SQLException;
  }

  private final String self;
  private final Duration grace;
  private final ClockPort clock;
  private final ScheduledExecutorService executor;

  TakeoverCheck(String self, Duration grace, ClockPort clock, ScheduledExecutorService executor) {
    this.self = self;
    this.grace = grace;
    this.clock = clock;
    this.executor = executor;
  }

  /**
   * How long the jobs of {@code term} wait, decided on the executor; completes exceptionally when
   * the sessions cannot be counted.
   */
  CompletableFuture<Duration> waitBeforeJobs(
      long term, Optional<LockSession.PreviousHolder> previous, SessionCounter sessions) {
    CompletableFuture<Duration> answer = new CompletableFuture<>();
    Instant deadline = clock.now().plus(SESSIONS_GONE_RECHECK);
    step(term, previous, sessions, OptionalInt.empty(), deadline, answer);
    return answer;
  }

  private void step(
      long term,
      Optional<LockSession.PreviousHolder> previous,
      SessionCounter sessions,
      OptionalInt seen,
      Instant deadline,
      CompletableFuture<Duration> answer) {
    TakeoverDecision.Decision decision =
        TakeoverDecision.decide(previous, self, seen, clock.now().isBefore(deadline));
    switch (decision.verdict()) {
      case START_NOW -> {
        log.info("Term {}: {}; jobs start at once", term, decision.reason());
        answer.complete(Duration.ZERO);
      }
      case WAIT_FOR_GRACE -> {
        log.warn(
            "Term {}: {}; jobs start after the takeover grace of {} ms",
            term,
            decision.reason(),
            grace.toMillis());
        answer.complete(grace);
      }
      case LOOK_AT_SESSIONS -> {
        Runnable look =
            () -> {
              try {
                LeadershipRecord before = previous.orElseThrow().record();
                int count = sessions.sessionsOf(before.holderInstanceId(), before.holderPid());
                step(term, previous, sessions, OptionalInt.of(count), deadline, answer);
              } catch (SQLException | RuntimeException e) {
                answer.completeExceptionally(e);
              }
            };
        try {
          long delay = seen.isEmpty() ? 0 : RECHECK_PAUSE.toNanos();
          executor.schedule(look, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
          answer.completeExceptionally(e);
        }
      }
    }
  }
}
