package dev.baton.benchmarks.takeover;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What is done to the current leader, with the DESIGN.md §7 targets for that case. */
enum Scenario {
  SIGTERM("sigterm", "leader stops gracefully (SIGTERM)", Duration.ofMillis(250), null),
  SIGKILL("sigkill", "leader process killed (SIGKILL)", Duration.ofSeconds(1), null),
  TERMINATE_BACKEND(
      "terminate-backend",
      "leader's lock session killed (pg_terminate_backend)",
      Duration.ofSeconds(5),
      Duration.ofSeconds(3));

  static final String ALL = "all";

  private final String cliName;
  private final String description;
  private final Duration takeoverTarget;
  private final Duration oldLeaderStoppedTarget;

  Scenario(
      String cliName,
      String description,
      Duration takeoverTarget,
      Duration oldLeaderStoppedTarget) {
    this.cliName = cliName;
    this.description = description;
    this.takeoverTarget = takeoverTarget;
    this.oldLeaderStoppedTarget = oldLeaderStoppedTarget;
  }

  String cliName() {
    return cliName;
  }

  String description() {
    return description;
  }

  Duration takeoverTarget() {
    return takeoverTarget;
  }

  /** Only when the old leader outlives its leadership and must notice the loss by itself. */
  Optional<Duration> oldLeaderStoppedTarget() {
    return Optional.ofNullable(oldLeaderStoppedTarget);
  }

  /** The old leader process keeps running; it has to stop its own jobs. */
  boolean oldLeaderSurvives() {
    return this == TERMINATE_BACKEND;
  }

  /** {@code all} or one scenario's name, in the order they are run. */
  static List<Scenario> parse(String value) {
    String name = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (name.equals(ALL)) {
      return List.of(values());
    }
    return Arrays.stream(values())
        .filter(scenario -> scenario.cliName.equals(name))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown scenario '"
                        + value
                        + "'; expected one of "
                        + Arrays.stream(values())
                            .map(Scenario::cliName)
                            .collect(Collectors.joining(", "))
                        + " or "
                        + ALL));
  }
}
