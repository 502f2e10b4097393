package dev.baton.benchmarks.takeover;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What is done to the current leader, with the takeover targets for that case: each scenario
 * applies itself to the round's leader and measures what only it has (a clean release, the
 * database's return, …); {@link TakeoverRounds} does what every round shares.
 */
enum Scenario {
  SIGTERM(
      "sigterm",
      "leader stops gracefully (SIGTERM)",
      "the clean release",
      Duration.ofMillis(250),
      null,
      null) {
    @Override
    void apply(Round round) {
      round.fault = round.mark(round.now(), "SIGTERM sent");
      round.oldLeader().terminate();
    }

    /** Baton drains, releases cleanly and exits: the takeover counts from its release line. */
    @Override
    void beforeTakeover(Round round) throws RoundFailure, InterruptedException {
      round.awaitGracefulExit();
      Instant released = round.cleanRelease();
      round.result.measured(
          RoundResult.Measure.RELEASE_AFTER_SIGNAL, Round.millis(round.fault, released));
      round.takeoverFrom = round.mark(released, "released");
      round.timeline.died(round.oldLeader(), released);
    }

    @Override
    boolean oldLeaderSurvives() {
      return false;
    }
  },
  SIGKILL(
      "sigkill", "leader process killed (SIGKILL)", "the kill", Duration.ofSeconds(1), null, null) {
    @Override
    void apply(Round round) {
      round.fault = round.now();
      round.oldLeader().kill();
      round.takeoverFrom = round.mark(round.fault, "SIGKILL sent");
      round.timeline.died(round.oldLeader(), round.fault);
    }

    @Override
    boolean oldLeaderSurvives() {
      return false;
    }
  },
  TERMINATE_BACKEND(
      "terminate-backend",
      "leader's lock session killed (pg_terminate_backend)",
      "pg_terminate_backend",
      Duration.ofSeconds(5),
      Duration.ofSeconds(3),
      null) {
    @Override
    void apply(Round round) throws RoundFailure {
      round.terminateLockSession();
      round.fault = round.takeoverFrom = round.mark(round.now(), "pg_terminate_backend");
    }
  },
  /**
   * Takeover counts from the blackhole: the successor can only start once PostgreSQL has dropped
   * the old sessions, which the harness does after {@code --cut-off-drop-after-ms}.
   */
  CUT_OFF(
      "cut-off",
      "leader cut off from the database (blackhole, then the server side closed)",
      "the blackhole",
      Duration.ofSeconds(15),
      Duration.ofSeconds(3),
      null) {
    @Override
    void apply(Round round) throws InterruptedException {
      round.oldLeader().proxy().blackhole();
      round.fault = round.takeoverFrom = round.mark(round.now(), "blackhole");
      round.sleepUntil(round.fault.plus(round.settings.cutOffDropAfter()));
      round.oldLeader().proxy().closeServerSides();
      round.dropped = round.mark(round.now(), "server sides closed");
    }

    @Override
    void measureBesideTakeover(Round round, SchedulerView next) {
      round.result.measured(
          RoundResult.Measure.TAKEOVER_AFTER_DROP, Round.millis(round.dropped, next.jobsStartAt()));
    }
  },
  /** Takeover counts from the moment the database accepts connections again. */
  OUTAGE(
      "outage",
      "database outage (every connection reset, new ones refused for a while)",
      "the database's return",
      null,
      null,
      Duration.ofSeconds(2)) {
    @Override
    void apply(Round round) throws InterruptedException {
      List<BatonInstance> everyone = round.live();
      everyone.forEach(instance -> instance.proxy().refuseNewConnections(true));
      everyone.forEach(instance -> instance.proxy().resetAll());
      round.fault = round.mark(round.now(), "all reset, refusing");
      round.sleepUntil(round.fault.plus(round.settings.outage()));
      everyone.forEach(instance -> instance.proxy().refuseNewConnections(false));
      round.back = round.takeoverFrom = round.mark(round.now(), "accepting again");
    }

    /** After an outage anyone may win the lock, the old leader too. */
    @Override
    boolean oldLeaderMayLeadNext() {
      return true;
    }

    @Override
    void checkNewTerm(Round round, SchedulerView next) {
      long oldTerm = round.oldTerm();
      if (next.term() > oldTerm + 1) {
        // The proxies are reset one after the other: a follower may be granted the lock between
        // two resets and take a term that its own reset then ends, before anything ran under it.
        round.result.problem(
            "term(s) "
                + (oldTerm + 1)
                + (next.term() > oldTerm + 2 ? " to " + (next.term() - 1) : "")
                + " taken and lost while the connections were being reset; "
                + next.instanceId()
                + " holds term "
                + next.term());
      } else {
        super.checkNewTerm(round, next);
      }
    }

    @Override
    void measureBesideTakeover(Round round, SchedulerView next) throws RoundFailure {
      round.result.measured(
          RoundResult.Measure.LOCK_HOLDER_AFTER_BACK,
          Round.millis(round.back, round.acquisitionOf(next.term())));
    }
  },
  /**
   * Not among the targets' cases: the case fencing exists for. The leader is frozen past the
   * takeover grace, its lock session is killed meanwhile, and it resumes while another leads.
   */
  PAUSE(
      "pause",
      "leader paused (SIGSTOP) past the grace while its lock session is killed, then resumed",
      "pg_terminate_backend",
      Duration.ofSeconds(5),
      Duration.ofSeconds(3),
      null) {
    @Override
    void apply(Round round) throws RoundFailure, InterruptedException {
      round.pauseOldLeader();
      round.mark(round.now(), "SIGSTOP");
      round.terminateLockSession();
      round.fault = round.takeoverFrom = round.mark(round.now(), "pg_terminate_backend");
    }

    /**
     * The old leader stays frozen until the new term has run: on waking it finds its schedule
     * overdue and tries to run at once, which is what fencing must refuse.
     */
    @Override
    void afterFirstRun(Round round, SchedulerView next) throws RoundFailure, InterruptedException {
      round.awaitFinishedRun(next.term());
      round.sleepUntil(round.now().plus(round.settings.probeInterval().multipliedBy(2)));
      // Before the signal: the process may log before kill returns.
      round.resumed = round.mark(round.now(), "SIGCONT");
      round.resumeOldLeader();
    }

    @Override
    Instant oldLeaderStopCountsFrom(Round round) {
      return round.resumed;
    }
  };

  static final String ALL = "all";

  private final String cliName;
  private final String description;
  private final String takeoverCountsFrom;
  private final Duration takeoverTarget;
  private final Duration oldLeaderStoppedTarget;
  private final Duration lockHolderTarget;

  Scenario(
      String cliName,
      String description,
      String takeoverCountsFrom,
      Duration takeoverTarget,
      Duration oldLeaderStoppedTarget,
      Duration lockHolderTarget) {
    this.cliName = cliName;
    this.description = description;
    this.takeoverCountsFrom = takeoverCountsFrom;
    this.takeoverTarget = takeoverTarget;
    this.oldLeaderStoppedTarget = oldLeaderStoppedTarget;
    this.lockHolderTarget = lockHolderTarget;
  }

  /**
   * Does the scenario to the round's leader, marks it on the timeline and sets the moments the
   * takeover counts from ({@link Round#fault}, and {@link Round#takeoverFrom} unless {@link
   * #beforeTakeover} does).
   */
  abstract void apply(Round round) throws RoundFailure, InterruptedException;

  /** The new leader's term must be the old one + 1. */
  void checkNewTerm(Round round, SchedulerView next) {
    if (next.term() != round.oldTerm() + 1) {
      round.result.violation(
          RoundResult.Violation.UNEXPECTED_TERMS,
          "the new leader "
              + next.instanceId()
              + " holds term "
              + next.term()
              + ", expected "
              + (round.oldTerm() + 1));
    }
  }

  /** Once the new leader is known, before the takeover is taken. */
  void beforeTakeover(Round round) throws RoundFailure, InterruptedException {}

  /** Figures of this scenario beside the takeover, once it is taken. */
  void measureBesideTakeover(Round round, SchedulerView next) throws RoundFailure {}

  /** Once the new term's first probe run started, before the old leader's stop is awaited. */
  void afterFirstRun(Round round, SchedulerView next) throws RoundFailure, InterruptedException {}

  /** What the old leader's stop counts from, when it outlives its leadership. */
  Instant oldLeaderStopCountsFrom(Round round) {
    return round.fault;
  }

  String cliName() {
    return cliName;
  }

  String description() {
    return description;
  }

  /** The report's name for the takeover, which differs by what it is counted from. */
  String takeoverName() {
    return "takeover (from " + takeoverCountsFrom + ")";
  }

  /** The targets set none for an outage, only one for the lock holder. */
  Optional<Duration> takeoverTarget() {
    return Optional.ofNullable(takeoverTarget);
  }

  /** Only when the old leader outlives its leadership and must notice the loss by itself. */
  Optional<Duration> oldLeaderStoppedTarget() {
    return Optional.ofNullable(oldLeaderStoppedTarget);
  }

  /** From the database's return to a granted lock with a new term: outages only. */
  Optional<Duration> lockHolderTarget() {
    return Optional.ofNullable(lockHolderTarget);
  }

  /** The old leader process keeps running; it has to stop its own jobs. */
  boolean oldLeaderSurvives() {
    return true;
  }

  /** Whether the old leader may be the next one too. */
  boolean oldLeaderMayLeadNext() {
    return false;
  }

  /**
   * {@code all}, or scenario names separated by commas; run in the order of this enum whatever the
   * order given, each once.
   */
  static List<Scenario> parse(String value) {
    String given = value.strip().toLowerCase(Locale.ROOT);
    if (given.equals(ALL)) {
      return List.of(values());
    }
    EnumSet<Scenario> chosen = EnumSet.noneOf(Scenario.class);
    for (String name : given.split(",", -1)) {
      String wanted = name.strip();
      chosen.add(
          Arrays.stream(values())
              .filter(scenario -> scenario.cliName.equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown scenario '"
                              + wanted
                              + "'; expected "
                              + ALL
                              + " or some of "
                              + names()
                              + ", separated by commas")));
    }
    return List.copyOf(chosen);
  }

  static String names() {
    return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "));
  }
}
