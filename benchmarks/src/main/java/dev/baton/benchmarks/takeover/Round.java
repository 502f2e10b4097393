package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.takeover.BenchDatabase.Leadership;
import dev.baton.benchmarks.takeover.Waiting.Look;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One round in progress, as a {@link Scenario} sees it: the leader it starts from, the moments the
 * figures count from, the result and timeline it writes, and what it acts on the cluster with.
 */
final class Round {
  /** Baton's default drain timeout (30 s) plus the release and the JVM's exit. */
  static final Duration GRACEFUL_EXIT_TIMEOUT = Duration.ofSeconds(45);

  static final Duration KILLED_EXIT_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration POLL = Duration.ofMillis(100);

  final TakeoverRounds.Steady before;
  final RoundResult.Builder result;
  final RoundTimeline timeline;
  final TakeoverRounds.Settings settings;
  private final BatonCluster cluster;
  private final BenchDatabase database;
  private final Clock clock;

  /** The harness's act: the kill, the blackhole, the reset, the lock session's end. */
  Instant fault;

  /** What the takeover is counted from: the release, the death, the database's return. */
  Instant takeoverFrom;

  /** Cut-off: the server sides closed. */
  Instant dropped;

  /** Outage: connections accepted again. */
  Instant back;

  /** Pause: SIGCONT. */
  Instant resumed;

  Round(
      TakeoverRounds.Steady before,
      RoundResult.Builder result,
      RoundTimeline timeline,
      TakeoverRounds.Settings settings,
      BatonCluster cluster,
      BenchDatabase database,
      Clock clock) {
    this.before = before;
    this.result = result;
    this.timeline = timeline;
    this.settings = settings;
    this.cluster = cluster;
    this.database = database;
    this.clock = clock;
  }

  BatonInstance oldLeader() {
    return before.leader();
  }

  long oldTerm() {
    return before.term();
  }

  Instant now() {
    return clock.instant();
  }

  /** Notes the moment on the timeline and returns it. */
  Instant mark(Instant at, String label) {
    timeline.mark(at, label);
    return at;
  }

  List<BatonInstance> live() {
    return cluster.live();
  }

  void sleepUntil(Instant moment) throws InterruptedException {
    long millis = Duration.between(clock.instant(), moment).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  /** {@code pg_terminate_backend} of the old leader's lock session ({@code holder_pid}). */
  void terminateLockSession() throws RoundFailure {
    Leadership leadership = storedLeadership();
    if (leadership.term() != before.term()
        || !leadership.holderInstanceId().equals(before.leaderId())) {
      throw new RoundFailure(
          "baton_leadership names "
              + leadership.holderInstanceId()
              + " in term "
              + leadership.term()
              + ", the cluster said "
              + before.leaderId()
              + " in term "
              + before.term());
    }
    int pid = leadership.holderPid();
    if (!sql(() -> database.terminateBackend(pid))) {
      throw new RoundFailure("pg_terminate_backend(" + pid + ") found no such session");
    }
  }

  /** When {@code term} was taken, on the database clock: the increment right after the grant. */
  Instant acquisitionOf(long term) throws RoundFailure {
    Leadership leadership = storedLeadership();
    if (leadership.term() != term) {
      throw new RoundFailure(
          "baton_leadership shows term " + leadership.term() + ", expected " + term);
    }
    return leadership.acquiredAt();
  }

  private Leadership storedLeadership() throws RoundFailure {
    return sql(database::leadership)
        .orElseThrow(() -> new RoundFailure("no row in baton_leadership"));
  }

  void pauseOldLeader() throws RoundFailure, InterruptedException {
    try {
      oldLeader().pause();
    } catch (IOException e) {
      throw new RoundFailure("cannot pause " + oldLeader().label() + ": " + e.getMessage());
    }
  }

  void resumeOldLeader() throws RoundFailure, InterruptedException {
    try {
      oldLeader().resume();
    } catch (IOException e) {
      throw new RoundFailure("cannot resume " + oldLeader().label() + ": " + e.getMessage());
    }
  }

  /** Waits for the old leader's exit after SIGTERM; a late or unclean one is recorded. */
  void awaitGracefulExit() throws InterruptedException {
    BatonInstance old = oldLeader();
    if (!old.awaitExit(GRACEFUL_EXIT_TIMEOUT)) {
      result.violation(
          RoundResult.Violation.UNCLEAN_STOPS,
          old.label() + " still ran " + GRACEFUL_EXIT_TIMEOUT.toSeconds() + " s after SIGTERM");
      old.kill();
      old.awaitExit(KILLED_EXIT_TIMEOUT);
      return;
    }
    int code = old.exitCode().orElse(-1);
    if (code != 0 && code != 143) {
      result.violation(
          RoundResult.Violation.UNCLEAN_STOPS,
          old.label() + " exited with code " + code + " after SIGTERM");
    }
  }

  /** When the old leader logged releasing its term cleanly. */
  Instant cleanRelease() throws RoundFailure {
    return LogLines.cleanRelease(logLines(oldLeader()), oldTerm())
        .orElseThrow(
            () ->
                new RoundFailure(
                    oldLeader().label() + " logged no clean release of term " + oldTerm()));
  }

  void awaitFinishedRun(long term) throws RoundFailure, InterruptedException {
    Waiting.until(
        "finished probe run of term " + term,
        TakeoverRounds.FIRST_RUN_TIMEOUT,
        POLL,
        () ->
            database.hasFinishedRun(TakeoverRounds.PROBE_JOB, term)
                ? Look.reached(term)
                : Look.notYet("no finished run of term " + term + " yet"));
  }

  static List<String> logLines(BatonInstance instance) throws RoundFailure {
    try {
      return instance.logLines();
    } catch (IOException e) {
      throw new RoundFailure("cannot read the log of " + instance.label() + ": " + e);
    }
  }

  @FunctionalInterface
  interface Query<T> {
    T run() throws SQLException;
  }

  static <T> T sql(Query<T> query) throws RoundFailure {
    try {
      return query.run();
    } catch (SQLException e) {
      throw new RoundFailure("database: " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + ")");
    }
  }

  static double millis(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1_000_000.0;
  }
}
