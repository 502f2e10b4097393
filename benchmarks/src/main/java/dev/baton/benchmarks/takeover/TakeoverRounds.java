package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.takeover.BenchDatabase.Leadership;
import dev.baton.benchmarks.takeover.Waiting.Look;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One round: find the steady leader, do the scenario to it, measure the handover, check the
 * invariants, bring the cluster back to its size and to a steady state.
 *
 * <p>Every moment compared comes from the same clock: the harness's system clock (the kill, the
 * return of {@code pg_terminate_backend}), the instances' log timestamps and the database's {@code
 * clock_timestamp()} (the grant behind {@code jobsStartAt}, {@code baton_job_run}) are all this
 * machine's clock, because the benchmark only runs against PostgreSQL on this machine.
 */
final class TakeoverRounds {
  static final String PROBE_JOB = "probe";

  /** JVM start, migrations and a first lock wait on two busy cores. */
  static final Duration STEADY_TIMEOUT = Duration.ofSeconds(120);

  static final Duration NEW_LEADER_TIMEOUT = Duration.ofSeconds(30);

  /** Five times the takeover target of 3 s: past this the old leader is taken to keep leading. */
  static final Duration OLD_LEADER_STOP_TIMEOUT = Duration.ofSeconds(15);

  /**
   * After {@code jobsStartAt}: the first probe run of the new term must have started by then. A
   * process that leads again soon after being cut off may first wait for a run stuck on a dead
   * connection, up to Baton's 15 s pool socket timeout.
   */
  static final Duration FIRST_RUN_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration FAST_POLL = Duration.ofMillis(20);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int LOG_TAIL_LINES = 15;

  private final BatonCluster cluster;
  private final BenchDatabase database;
  private final Clock clock;
  private final Settings settings;
  private final RoundInvariants invariants;

  /**
   * @param probeInterval the processes' {@code BATON_PROBE_JOB_INTERVAL_MS}
   * @param cutOffDropAfter how long a cut-off leader stays blackholed before its server sides are
   *     closed, standing in for PostgreSQL's keepalive giving up on it
   * @param outage how long the outage refuses connections
   */
  record Settings(Duration probeInterval, Duration cutOffDropAfter, Duration outage) {}

  TakeoverRounds(BatonCluster cluster, BenchDatabase database, Clock clock, Settings settings) {
    this.cluster = cluster;
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.invariants = new RoundInvariants(database, PROBE_JOB);
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
    FencedWrites fencedWrites = FencedWrites.NONE;
    AtomicReference<RoundInvariants.TermChange> termChange = new AtomicReference<>();
    try {
      Steady before = awaitSteadyState(exitedOnItsOwn(result));
      List<BatonInstance> participants = cluster.live();
      fencedWrites = FencedWrites.countFrom(participants);
      RoundTimeline timeline = new RoundTimeline(scenario, round, participants);
      measure(
          scenario,
          new Round(before, result, timeline, settings, cluster, database, clock),
          termChange::set);
      drawTimeline(timeline, result);
    } catch (RoundFailure e) {
      result.failure(e.getMessage());
    }
    boolean steady = true;
    try {
      restore(result);
      awaitSteadyState(exitedOnItsOwn(result));
      // Counted once healed: a process cut off from the database answers slowly meanwhile.
      result.fencedWrites(fencedWrites.since());
    } catch (RoundFailure e) {
      result.failure("the cluster did not come back to a steady state: " + e.getMessage());
      steady = false;
    }
    invariants.checkAfterRound(result, termChange.get());
    return new Outcome(result.build(), steady);
  }

  /** When the new leader logged taking its term, on this machine's clock. */
  private Instant newTermLogged(SchedulerView next) throws RoundFailure {
    for (BatonInstance instance : cluster.live()) {
      if (instance.instanceId().filter(next.instanceId()::equals).isPresent()) {
        return LogLines.tookLeader(Round.logLines(instance), next.instanceId(), next.term())
            .orElseThrow(
                () ->
                    new RoundFailure(
                        next.instanceId() + " logged no role change to LEADER of " + next.term()));
      }
    }
    throw new RoundFailure("the new leader " + next.instanceId() + " is not among the processes");
  }

  record Outcome(RoundResult result, boolean clusterSteady) {}

  private void measure(
      Scenario scenario, Round round, Consumer<RoundInvariants.TermChange> termChanged)
      throws RoundFailure, InterruptedException {
    RoundResult.Builder result = round.result;
    long oldTerm = round.oldTerm();
    result.oldLeader(round.before.leaderId(), oldTerm);

    scenario.apply(round);

    SchedulerView next =
        awaitNewLeader(round.oldLeader(), oldTerm, scenario.oldLeaderMayLeadNext());
    result.newLeader(next.instanceId(), next.term(), next.jobsStartAt());
    round.mark(next.jobsStartAt(), "term " + next.term() + " jobs start");
    scenario.checkNewTerm(round, next);
    scenario.beforeTakeover(round);
    result.takeover(round.takeoverFrom, next.jobsStartAt());
    scenario.measureBesideTakeover(round, next);

    Instant firstStart = awaitFirstRun(next);
    scenario.afterFirstRun(round, next);
    if (scenario.oldLeaderSurvives()) {
      result.measured(
          RoundResult.Measure.OLD_LEADER_STOPPED,
          Round.millis(
              scenario.oldLeaderStopCountsFrom(round),
              awaitOldLeaderStopped(round.oldLeader(), round.before)));
    }

    result.abandonedRuns(Round.sql(() -> database.abandonedRuns(PROBE_JOB, oldTerm)));
    Optional<Instant> lastEnd = Round.sql(() -> database.lastFinishOfTerm(PROBE_JOB, oldTerm));
    if (lastEnd.isPresent()) {
      result.measured(
          RoundResult.Measure.RUN_GAP,
          Round.millis(lastEnd.get(), firstStart) - settings.probeInterval().toMillis());
    } else {
      result.problem("no finished probe run of term " + oldTerm + "; no run gap");
    }
    termChanged.accept(new RoundInvariants.TermChange(oldTerm, newTermLogged(next)));
    // A few of the new leader's runs, so that the timeline shows the cadence going on.
    round.sleepUntil(firstStart.plus(settings.probeInterval().multipliedBy(3)));
    round.timeline.window(round.fault.minusSeconds(1), clock.instant());
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
            } catch (IOException e) {
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

  /**
   * When the old leader left the LEADER role by itself: the time of its log line saying so. Its
   * log, not its HTTP status: a process cut off from the database may answer slowly, as its status
   * reads the database too.
   */
  private Instant awaitOldLeaderStopped(BatonInstance old, Steady before)
      throws RoundFailure, InterruptedException {
    return Waiting.until(
        "stop of the old leader " + before.leaderId(),
        OLD_LEADER_STOP_TIMEOUT,
        FAST_POLL,
        () ->
            LogLines.leftLeader(old.logLines(), before.leaderId(), before.term())
                .map(Look::reached)
                .orElseGet(
                    () -> Look.notYet("its log shows it still LEADER of term " + before.term())));
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

  /**
   * Back to full size and health: every proxy passes traffic and accepts connections, a paused
   * process goes on, a stopped leader's exit is awaited, every exited process is replaced.
   */
  private void restore(RoundResult.Builder result) throws InterruptedException {
    for (BatonInstance instance : cluster.live()) {
      instance.proxy().refuseNewConnections(false);
      instance.proxy().pass();
      try {
        instance.resume();
      } catch (IOException e) {
        result.failure("cannot resume " + instance.label() + ": " + e.getMessage());
      }
    }
    for (BatonInstance instance : cluster.live()) {
      if (instance.exitExpected() && !instance.awaitExit(Round.GRACEFUL_EXIT_TIMEOUT)) {
        result.violation(
            RoundResult.Violation.UNCLEAN_STOPS, instance.label() + " did not exit; killed");
        instance.kill();
        instance.awaitExit(Round.KILLED_EXIT_TIMEOUT);
      }
    }
    checkExits(exitedOnItsOwn(result));
    cluster.fill();
  }

  /**
   * Exactly one LEADER whose jobs have started and run (a finished probe run in its term), which
   * {@code baton_leadership} confirms, and every other process a FOLLOWER of it.
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
      return Look.notYet("baton_leadership does not show term " + term + " yet");
    }
    if (!database.hasFinishedRun(PROBE_JOB, term)) {
      return Look.notYet("no finished probe run of term " + term + " yet");
    }
    return Look.reached(new Steady(leader, leaderView.instanceId(), term));
  }

  private static String roles(List<SchedulerView> views) {
    return views.stream().map(view -> view.instanceId() + "=" + view.role()).toList().toString();
  }

  private static Consumer<String> exitedOnItsOwn(RoundResult.Builder result) {
    return what -> result.violation(RoundResult.Violation.EXITED_ON_THEIR_OWN, what);
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
   * Reads the participants' logs and the window's runs; a failure costs the picture, not the round.
   */
  private void drawTimeline(RoundTimeline timeline, RoundResult.Builder result) {
    try {
      result.timeline(
          timeline.build(database.runsBetween(PROBE_JOB, timeline.from(), timeline.to())));
    } catch (SQLException | IOException e) {
      result.problem("no timeline: " + e.getMessage());
    }
  }
}
