package dev.baton.benchmarks.takeover;

import dev.baton.benchmarks.takeover.BenchDatabase.RunRow;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one round's picture needs, gathered as the round goes: the processes there at the start, the
 * harness's acts, and the window to show. {@link #build} adds the rest from the logs (who led when)
 * and {@code baton_job_run} (the probe's runs).
 */
final class RoundTimeline {
  private final Scenario scenario;
  private final int round;
  private final List<BatonInstance> participants;
  private final List<Timeline.Marker> markers = new ArrayList<>();
  private final Map<BatonInstance, Instant> deaths = new HashMap<>();
  private Instant from;
  private Instant to;

  RoundTimeline(Scenario scenario, int round, List<BatonInstance> participants) {
    this.scenario = scenario;
    this.round = round;
    this.participants = List.copyOf(participants);
  }

  void mark(Instant at, String label) {
    markers.add(new Timeline.Marker(at, label));
  }

  /**
   * The process stopped leading at {@code at} without a log line to say so: it was killed, or its
   * last line came before its release.
   */
  void died(BatonInstance instance, Instant at) {
    deaths.put(instance, at);
  }

  void window(Instant start, Instant end) {
    from = Objects.requireNonNull(start, "start");
    to = Objects.requireNonNull(end, "end");
  }

  Instant from() {
    return from;
  }

  Instant to() {
    return to;
  }

  /** The picture, from the participants' logs and the probe runs of the window. */
  Timeline build(List<RunRow> runs) throws IOException {
    if (from == null) {
      throw new IllegalStateException("the round set no window");
    }
    List<Timeline.Lane> lanes = new ArrayList<>();
    for (BatonInstance instance : participants) {
      lanes.add(lane(instance, runs));
    }
    String title =
        String.format("%s, round %d, %d instances", scenario.cliName(), round, participants.size());
    return new Timeline(title, from, to, lanes, markers); // the chart clips to the window
  }

  private Timeline.Lane lane(BatonInstance instance, List<RunRow> runs) throws IOException {
    List<Timeline.Span> spans = new ArrayList<>();
    for (LogLines.LeaderSpan span : LogLines.leaderSpans(instance.logLines())) {
      Instant end = span.to() != null ? span.to() : deaths.getOrDefault(instance, to);
      if (end.isBefore(span.from())) {
        continue; // it ended before this round's window closed it: nothing to draw
      }
      spans.add(new Timeline.Span(span.from(), end, span.term()));
    }
    String id = instance.instanceId().orElse(null);
    List<Timeline.Run> own =
        runs.stream()
            .filter(run -> run.instanceId().equals(id))
            .map(
                run ->
                    new Timeline.Run(run.startedAt(), run.finishedAt(), run.outcome(), run.term()))
            .toList();
    return new Timeline.Lane(instance.name() + " · " + instance.label(), spans, own);
  }
}
