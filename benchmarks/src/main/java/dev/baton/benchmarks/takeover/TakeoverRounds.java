package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.takeover.BenchDatabase.Leadership;
import dev.baton.benchmarks.takeover.BenchDatabase.Overlap;
import dev.baton.benchmarks.takeover.Waiting.Look;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One round: find the steady leader, do the scenario to it, measure the handover, check the
 * invariants, bring the cluster back to its size and to a steady state.
 *
 * <p>Every moment compared comes from the same clock: the harness's system clock (the kill, the
 * return of {@code pg_terminate_backend}), the instances' log timestamps and the database's {@code
 * clock_timestamp()} (the grant behind {@code jobsStartAt}, {@code job_run}) are all this machine's
 * clock, because the benchmark only runs against PostgreSQL on this machine.
 */
final class TakeoverRounds {
  static final String PROBE_JOB = "probe";

  /** JVM start, migrations and a first lock wait on two busy cores. */
  static final Duration STEADY_TIMEOUT = Duration.ofSeconds(120);

  static final Duration NEW_LEADER_TIMEOUT = Duration.ofSeconds(30);

  /** Baton's default drain timeout (30 s) plus the release and the JVM's exit. */
  static final Duration GRACEFUL_EXIT_TIMEOUT = Duration.ofSeconds(45);

  static final Duration KILLED_EXIT_TIMEOUT = Duration.ofSeconds(10);

  /** Five times the DESIGN.md target of 3 s: past this the old leader is taken to keep leading. */
  static final Duration OLD_LEADER_STOP_TIMEOUT = Duration.ofSeconds(15);

  /** After {@code jobsStartAt}: the first probe run of the new term must have started by then. */
  static final Duration FIRST_RUN_TIMEOUT = Duration.ofSeconds(15);

  private static final Duration FAST_POLL = Duration.ofMillis(20);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int LOG_TAIL_LINES = 15;

  private final BatonCluster cluster;
  private final BenchDatabase database;
  private final Clock clock;
  private final Duration probeInterval;
  private final Set<String> reportedOverlaps = new HashSet<>();

  TakeoverRounds(
      BatonCluster cluster, BenchDatabase database, Clock clock, Duration probeInterval) {
    this.cluster = cluster;
    this.database = database;
    this.clock = clock;
    this.probeInterval = probeInterval;
  }

  /** The leader of a steady cluster: it alone leads, its jobs run, every other process follows. */
  record Steady(BatonInstance leader, String leaderId, long term) {}

  /**
   * Starts the cluster's processes and waits for its first steady state.
   *
   * @throws RoundFailure when no steady state comes
   */
  Steady start() throws RoundFailure, InterruptedException {
    cluster.fill();
    List<String> exited = new ArrayList<>();
    Steady steady = awaitSteadyState(exited::add);
    if (!exited.isEmpty()) {
      throw new RoundFailure("processes exited on their own during startup: " + exited);
    }
    return steady;
  }

  /**
   * Runs one round. The result says whether the cluster is usable afterwards through {@link
   * Outcome#clusterSteady()}; when it is not, no further round should run.
   */
  Outcome run(Scenario scenario, int round) throws InterruptedException {
    RoundResult.Builder result = new RoundResult.Builder(scenario, round);
    try {
      Steady before = awaitSteadyState(result::exitedOnItsOwn);
      measure(scenario, before, result);
    } catch (RoundFailure e) {
      result.failure(e.getMessage());
    }
    boolean steady = true;
    try {
      restore(result);
      awaitSteadyState(result::exitedOnItsOwn);
    } catch (RoundFailure e) {
      result.failure("the cluster did not come back to a steady state: " + e.getMessage());
      steady = false;
    }
    checkOverlaps(result);
    return new Outcome(result.build(), steady);
  }

  record Outcome(RoundResult result, boolean clusterSteady) {}

  private void measure(Scenario scenario, Steady before, RoundResult.Builder result)
      throws RoundFailure, InterruptedException {
    BatonInstance old = before.leader();
    long oldTerm = before.term();
    result.oldLeader(before.leaderId(), oldTerm);

    Instant event = null;
    Instant signalledAt = null;
    switch (scenario) {
      case SIGTERM -> {
        signalledAt = clock.instant();
        old.terminate();
      }
      case SIGKILL -> {
        event = clock.instant();
        old.kill();
      }
      case TERMINATE_BACKEND -> {
        int pid = lockBackendOf(before);
        if (!sql(() -> database.terminateBackend(pid))) {
          throw new RoundFailure("pg_terminate_backend(" + pid + ") found no such session");
        }
        event = clock.instant();
      }
    }

    SchedulerView next = awaitNewLeader(old, oldTerm, scenario.oldLeaderSurvives());
    result.newLeader(next.instanceId(), next.term(), next.jobsStartAt());
    if (next.term() != oldTerm + 1) {
      result.unexpectedTerm(
          "the new leader "
              + next.instanceId()
              + " holds term "
              + next.term()
              + ", expected "
              + (oldTerm + 1));
    }

    if (scenario == Scenario.SIGTERM) {
      awaitGracefulExit(old, result);
      Instant released =
          LogLines.cleanRelease(logLines(old), oldTerm)
              .orElseThrow(
                  () ->
                      new RoundFailure(
                          old.label() + " logged no clean release of term " + oldTerm));
      result.releaseAfterSignalMs(millis(signalledAt, released));
      event = released;
    }
    result.event(event).takeoverMs(millis(event, next.jobsStartAt()));

    if (scenario.oldLeaderSurvives()) {
      result.oldLeaderStoppedMs(millis(event, awaitOldLeaderStopped(old, before)));
    }

    Instant firstStart = awaitFirstRun(next);
    result.abandonedRuns(sql(() -> database.abandonedRuns(PROBE_JOB, oldTerm)));
    Optional<Instant> lastEnd = sql(() -> database.lastFinishOfTerm(PROBE_JOB, oldTerm));
    if (lastEnd.isPresent()) {
      result.runGapMs(millis(lastEnd.get(), firstStart) - probeInterval.toMillis());
    } else {
      result.problem("no finished probe run of term " + oldTerm + "; no run gap");
    }
  }

  /** {@code holder_pid} of the steady term: the old leader's lock session. */
  private int lockBackendOf(Steady steady) throws RoundFailure {
    Leadership leadership =
        sql(database::leadership)
            .orElseThrow(() -> new RoundFailure("no row in scheduler_leadership"));
    if (leadership.term() != steady.term()
        || !leadership.holderInstanceId().equals(steady.leaderId())) {
      throw new RoundFailure(
          "scheduler_leadership names "
              + leadership.holderInstanceId()
              + " in term "
              + leadership.term()
              + ", the cluster said "
              + steady.leaderId()
              + " in term "
              + steady.term());
    }
    return leadership.holderPid();
  }

  private SchedulerView awaitNewLeader(BatonInstance old, long oldTerm, boolean oldMayLead)
      throws RoundFailure, InterruptedException {
    return Waiting.until(
        "leader with a term after " + oldTerm,
        NEW_LEADER_TIMEOUT,
        FAST_POLL,
        () -> {
          for (BatonInstance candidate : cluster.live()) {
            if (candidate == old && !oldMayLead) {
              continue;
            }
            SchedulerView view;
            try {
              view = candidate.scheduler();
            } catch (java.io.IOException e) {
              continue; // still starting or already stopping
            }
            if (view.isLeader()
                && view.term() != null
                && view.term() > oldTerm
                && view.jobsStartAt() != null) {
              return Look.reached(view);
            }
          }
          return Look.notYet("no process reports LEADER with a newer term");
        });
  }

  private void awaitGracefulExit(BatonInstance old, RoundResult.Builder result)
      throws InterruptedException {
    if (!old.awaitExit(GRACEFUL_EXIT_TIMEOUT)) {
      result.uncleanStop(
          old.label() + " still ran " + GRACEFUL_EXIT_TIMEOUT.toSeconds() + " s after SIGTERM");
      old.kill();
      old.awaitExit(KILLED_EXIT_TIMEOUT);
      return;
    }
    int code = old.exitCode().orElse(-1);
    if (code != 0 && code != 143) {
      result.uncleanStop(old.label() + " exited with code " + code + " after SIGTERM");
    }
  }

  /**
   * When the old leader left the LEADER role by itself: its log line's time, or the moment its HTTP
   * status first said so when the line is missing.
   */
  private Instant awaitOldLeaderStopped(BatonInstance old, Steady before)
      throws RoundFailure, InterruptedException {
    Instant observed =
        Waiting.until(
            "stop of the old leader " + before.leaderId(),
            OLD_LEADER_STOP_TIMEOUT,
            FAST_POLL,
            () -> {
              SchedulerView view = old.scheduler();
              return view.isLeader() && Long.valueOf(before.term()).equals(view.term())
                  ? Look.notYet("it still reports LEADER of term " + before.term())
                  : Look.reached(clock.instant());
            });
    return LogLines.leftLeader(logLines(old), before.leaderId(), before.term()).orElse(observed);
  }

  private Instant awaitFirstRun(SchedulerView next) throws RoundFailure, InterruptedException {
    Duration untilJobsStart = Duration.between(clock.instant(), next.jobsStartAt());
    Duration timeout =
        FIRST_RUN_TIMEOUT.plus(untilJobsStart.isNegative() ? Duration.ZERO : untilJobsStart);
    return Waiting.until(
        "probe run of term " + next.term(),
        timeout,
        POLL,
        () ->
            database
                .firstStartOfTerm(PROBE_JOB, next.term())
                .map(Look::reached)
                .orElseGet(() -> Look.notYet("no run of term " + next.term() + " yet")));
  }

  /** Back to full size: a stopped leader's exit is awaited, every exited process replaced. */
  private void restore(RoundResult.Builder result) throws InterruptedException {
    for (BatonInstance instance : cluster.live()) {
      if (instance.exitExpected() && !instance.awaitExit(GRACEFUL_EXIT_TIMEOUT)) {
        result.uncleanStop(instance.label() + " did not exit; killed");
        instance.kill();
        instance.awaitExit(KILLED_EXIT_TIMEOUT);
      }
    }
    checkExits(result::exitedOnItsOwn);
    cluster.fill();
  }

  /**
   * Exactly one LEADER whose jobs have started and run (a finished probe run in its term), which
   * {@code scheduler_leadership} confirms, and every other process a FOLLOWER of it.
   *
   * @throws RoundFailure at once when a process exits on its own meanwhile (recorded): replacing it
   *     here could restart a crashing jar without end
   */
  private Steady awaitSteadyState(Consumer<String> exitedOnItsOwn)
      throws RoundFailure, InterruptedException {
    return Waiting.until(
        "steady state (one LEADER running jobs, " + (cluster.size() - 1) + " FOLLOWER)",
        STEADY_TIMEOUT,
        POLL,
        () -> {
          if (checkExits(exitedOnItsOwn)) {
            throw new RoundFailure("a process exited on its own while waiting for a steady state");
          }
          return steadyNow();
        });
  }

  private Look<Steady> steadyNow() throws Exception {
    List<BatonInstance> live = cluster.live();
    if (live.size() != cluster.size()) {
      return Look.notYet(live.size() + " of " + cluster.size() + " processes alive");
    }
    BatonInstance leader = null;
    SchedulerView leaderView = null;
    List<SchedulerView> views = new ArrayList<>();
    for (BatonInstance instance : live) {
      SchedulerView view = instance.scheduler();
      views.add(view);
      if (view.isLeader()) {
        if (leader != null) {
          return Look.notYet("two processes report LEADER");
        }
        leader = instance;
        leaderView = view;
      }
    }
    if (leader == null) {
      return Look.notYet("no LEADER: " + roles(views));
    }
    for (SchedulerView view : views) {
      if (view != leaderView && !view.isFollowerOf(leaderView.instanceId())) {
        return Look.notYet("not all follow " + leaderView.instanceId() + ": " + roles(views));
      }
    }
    if (leaderView.term() == null
        || leaderView.jobsStartAt() == null
        || leaderView.jobsStartAt().isAfter(clock.instant())) {
      return Look.notYet("the leader's jobs have not started");
    }
    long term = leaderView.term();
    Optional<Leadership> stored = database.leadership();
    if (stored.isEmpty()
        || stored.get().term() != term
        || !stored.get().holderInstanceId().equals(leaderView.instanceId())) {
      return Look.notYet("scheduler_leadership does not show term " + term + " yet");
    }
    if (!database.hasFinishedRun(PROBE_JOB, term)) {
      return Look.notYet("no finished probe run of term " + term + " yet");
    }
    return Look.reached(new Steady(leader, leaderView.instanceId(), term));
  }

  private static String roles(List<SchedulerView> views) {
    return views.stream().map(view -> view.instanceId() + "=" + view.role()).toList().toString();
  }

  /** Records every process that exited on its own since the last look; true if there was one. */
  private boolean checkExits(Consumer<String> exitedOnItsOwn) {
    List<BatonInstance> exited = cluster.unexpectedExits();
    for (BatonInstance instance : exited) {
      OptionalInt code = instance.exitCode();
      exitedOnItsOwn.accept(
          instance
              + " exited on its own with code "
              + (code.isPresent() ? code.getAsInt() : "?")
              + "; log "
              + instance.log()
              + " ends with: "
              + String.join(" | ", instance.logTail(LOG_TAIL_LINES)));
    }
    return !exited.isEmpty();
  }

  /**
   * Overlapping probe runs not reported before. Baton keeps only the newest runs per job (1000 by
   * default, over three minutes at 200 ms), far longer than a round, so a round's runs are still
   * there when it ends.
   */
  private void checkOverlaps(RoundResult.Builder result) {
    try {
      for (Overlap overlap : database.overlappingRuns(PROBE_JOB)) {
        if (reportedOverlaps.add(overlap.key())) {
          result.overlappingRun(overlap.toString());
        }
      }
    } catch (SQLException e) {
      result.failure("the overlap check failed: " + e.getMessage());
    }
  }

  private static List<String> logLines(BatonInstance instance) throws RoundFailure {
    try {
      return instance.logLines();
    } catch (java.io.IOException e) {
      throw new RoundFailure("cannot read the log of " + instance.label() + ": " + e);
    }
  }

  @FunctionalInterface
  private interface Query<T> {
    T run() throws SQLException;
  }

  private static <T> T sql(Query<T> query) throws RoundFailure {
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
