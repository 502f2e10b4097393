package dev.baton.benchmarks.takeover;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What is done to the current leader, with the takeover targets for that case. */
enum Scenario {
  SIGTERM("sigterm", "leader stops gracefully (SIGTERM)", Duration.ofMillis(250), null, null),
  SIGKILL("sigkill", "leader process killed (SIGKILL)", Duration.ofSeconds(1), null, null),
  TERMINATE_BACKEND(
      "terminate-backend",
      "leader's lock session killed (pg_terminate_backend)",
      Duration.ofSeconds(5),
      Duration.ofSeconds(3),
      null),
  /**
   * Takeover counts from the blackhole: the successor can only start once PostgreSQL has dropped
   * the old sessions, which the harness does after {@code --cut-off-drop-after-ms}.
   */
  CUT_OFF(
      "cut-off",
      "leader cut off from the database (blackhole, then the server side closed)",
      Duration.ofSeconds(15),
      Duration.ofSeconds(3),
      null),
  /** Takeover counts from the moment the database accepts connections again. */
  OUTAGE(
      "outage",
      "database outage (every connection reset, new ones refused for a while)",
      null,
      null,
      Duration.ofSeconds(2)),
  /**
   * Not among the targets' cases: the case fencing exists for. The leader is frozen past the
   * takeover grace, its lock session is killed meanwhile, and it resumes while another leads.
   */
  PAUSE(
      "pause",
      "leader paused (SIGSTOP) past the grace while its lock session is killed, then resumed",
      Duration.ofSeconds(5),
      Duration.ofSeconds(3),
      null);

  static final String ALL = "all";

  private final String cliName;
  private final String description;
  private final Duration takeoverTarget;
  private final Duration oldLeaderStoppedTarget;
  private final Duration lockHolderTarget;

  Scenario(
      String cliName,
      String description,
      Duration takeoverTarget,
      Duration oldLeaderStoppedTarget,
      Duration lockHolderTarget) {
    this.cliName = cliName;
    this.description = description;
    this.takeoverTarget = takeoverTarget;
    this.oldLeaderStoppedTarget = oldLeaderStoppedTarget;
    this.lockHolderTarget = lockHolderTarget;
  }

  String cliName() {
    return cliName;
  }

  String description() {
    return description;
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
    return this != SIGTERM && this != SIGKILL;
  }

  /** Whether the old leader may be the next one too: after an outage anyone may win the lock. */
  boolean oldLeaderMayLeadNext() {
    return this == OUTAGE;
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
    java.util.EnumSet<Scenario> chosen = java.util.EnumSet.noneOf(Scenario.class);
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
