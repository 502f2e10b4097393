package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.benchmarks.takeover.Timeline.Lane;
import dev.baton.benchmarks.takeover.Timeline.Marker;
import dev.baton.benchmarks.takeover.Timeline.Run;
import dev.baton.benchmarks.takeover.Timeline.Span;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineChartTest {
  private static final Instant FROM = Instant.parse("2026-11-27T01:00:00Z");
  private static final Instant TO = FROM.plusMillis(2_000);

  private static Instant at(long millis) {
    return FROM.plusMillis(millis);
  }

  private static Lane lane(String label, List<Span> leadership, List<Run> runs) {
    return new Lane(label, leadership, runs);
  }

  private static Timeline timeline(List<Lane> lanes, List<Marker> markers) {
    return new Timeline(
        "sigkill, round 1 (" + lanes.size() + " instances)", FROM, TO, lanes, markers);
  }

  private static Timeline lanes(int count) {
    List<Lane> lanes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lanes.add(
          lane(
              "baton-" + i + " · baton-1a2b3c4d5e6f",
              List.of(new Span(at(100), at(900), 4)),
              List.of(new Run(at(200), at(210), Run.SUCCEEDED, 4))));
    }
    return timeline(lanes, List.of(new Marker(at(900), "SIGKILL sent")));
  }

  private static int rgb(BufferedImage image, int x, int y) {
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  private static int rgb(Color colour) {
    return colour.getRGB() & 0xFFFFFF;
  }

  @Test
  void writesAReadablePngOfTheChartWidthWhoseHeightGrowsWithTheLanes(@TempDir Path dir)
      throws Exception {
    Path png = dir.resolve("charts/sigkill/round-1.png");

    TimelineChart.write(lanes(3), png);

    BufferedImage read = ImageIO.read(png.toFile());
    assertThat(read).isNotNull();
    assertThat(read.getWidth()).isEqualTo(TimelineChart.WIDTH).isBetween(1400, 1800);
    int oneLane = TimelineChart.render(lanes(1)).getHeight();
    assertThat(read.getHeight()).isGreaterThan(oneLane);
    assertThat(TimelineChart.render(lanes(5)).getHeight()).isGreaterThan(read.getHeight());
  }

  @Test
  void paintsALeadershipSpanInItsTermColourAndNothingElseInThatColour() {
    Timeline timeline =
        timeline(
            List.of(
                lane("old", List.of(new Span(at(0), at(1_000), 7)), List.of()),
                lane("new", List.of(new Span(at(1_200), at(2_000), 8)), List.of())),
            List.of());
    TimelineChart chart = new TimelineChart(timeline);
    BufferedImage image = chart.draw();

    assertThat(TimelineChart.termColour(8)).isNotEqualTo(TimelineChart.termColour(7));
    assertThat(rgb(image, chart.x(at(700)), chart.barCentreY(0)))
        .isEqualTo(rgb(TimelineChart.termColour(7)));
    assertThat(rgb(image, chart.x(at(1_500)), chart.barCentreY(0)))
        .isNotEqualTo(rgb(TimelineChart.termColour(7)));
    assertThat(rgb(image, chart.x(at(1_700)), chart.barCentreY(1)))
        .isEqualTo(rgb(TimelineChart.termColour(8)));
    assertThat(rgb(image, chart.x(at(700)), chart.barCentreY(1)))
        .isNotEqualTo(rgb(TimelineChart.termColour(8)));
  }

  @Test
  void drawsEachRunAsATickInItsOutcomeColourAndAnAbandonedRunInRed() {
    Timeline timeline =
        timeline(
            List.of(
                lane(
                    "old",
                    List.of(new Span(at(0), at(1_000), 7)),
                    List.of(
                        new Run(at(300), at(310), Run.SUCCEEDED, 7),
                        new Run(at(600), at(1_400), Run.ABANDONED, 7),
                        new Run(at(800), at(820), Run.FAILED, 7))),
                lane(
                    "new",
                    List.of(new Span(at(1_200), at(2_000), 8)),
                    List.of(new Run(at(1_500), null, Run.RUNNING, 8)))),
            List.of());
    TimelineChart chart = new TimelineChart(timeline);
    BufferedImage image = chart.draw();

    assertThat(rgb(image, chart.x(at(300)), chart.runTickY(0)))
        .isEqualTo(rgb(TimelineChart.outcomeColour(Run.SUCCEEDED)));
    assertThat(rgb(image, chart.x(at(800)), chart.runTickY(0)))
        .isEqualTo(rgb(TimelineChart.outcomeColour(Run.FAILED)));
    assertThat(rgb(image, chart.x(at(1_500)), chart.runTickY(1)))
        .isEqualTo(rgb(TimelineChart.outcomeColour(Run.RUNNING)));

    Color abandonedTick = new Color(image.getRGB(chart.x(at(600)), chart.runTickY(0)));
    assertThat(abandonedTick.getRed()).isGreaterThan(180);
    assertThat(abandonedTick.getGreen()).isLessThan(80);
    assertThat(abandonedTick.getBlue()).isLessThan(80);
    // Its line runs on to when the new leader marked it abandoned.
    assertThat(rgb(image, chart.x(at(1_300)), chart.runTickY(0)))
        .isEqualTo(rgb(TimelineChart.outcomeColour(Run.ABANDONED)));
    // No tick or line where no run was.
    assertThat(rgb(image, chart.x(at(1_700)), chart.runTickY(0)))
        .isNotEqualTo(rgb(TimelineChart.outcomeColour(Run.ABANDONED)));
  }

  @Test
  void clipsSpansAndRunsThatReachOutsideTheWindow() {
    Timeline timeline =
        timeline(
            List.of(
                lane(
                    "baton-1",
                    List.of(
                        new Span(FROM.minusSeconds(60), at(500), 3),
                        new Span(at(1_500), TO.plusSeconds(60), 4),
                        new Span(Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 2)),
                    List.of(
                        new Run(FROM.minusSeconds(5), FROM.minusSeconds(4), Run.SUCCEEDED, 3),
                        new Run(FROM.minusMillis(300), at(200), Run.ABANDONED, 3),
                        new Run(TO.plusSeconds(1), null, Run.RUNNING, 4)))),
            List.of(
                new Marker(FROM.minusSeconds(1), "before"),
                new Marker(TO.plusSeconds(1), "after")));
    TimelineChart chart = new TimelineChart(timeline);

    BufferedImage image = chart.draw();

    int plotLeft = chart.x(FROM);
    int plotRight = chart.x(TO);
    assertThat(rgb(image, plotLeft + 1, chart.barCentreY(0)))
        .isEqualTo(rgb(TimelineChart.termColour(3)));
    assertThat(rgb(image, plotLeft - 2, chart.barCentreY(0)))
        .isNotEqualTo(rgb(TimelineChart.termColour(3)));
    assertThat(rgb(image, plotRight - 2, chart.barCentreY(0)))
        .isEqualTo(rgb(TimelineChart.termColour(4)));
    assertThat(rgb(image, plotRight + 2, chart.barCentreY(0)))
        .isNotEqualTo(rgb(TimelineChart.termColour(4)));
    // The run cut by the window's start shows its line from the plot's edge, without a tick.
    assertThat(rgb(image, plotLeft + 5, chart.runTickY(0)))
        .isEqualTo(rgb(TimelineChart.outcomeColour(Run.ABANDONED)));
    assertThat(rgb(image, plotLeft - 2, chart.runTickY(0)))
        .isNotEqualTo(rgb(TimelineChart.outcomeColour(Run.ABANDONED)));
    assertThat(chart.markerRows()).containsExactly(-1, -1);
  }

  @Test
  void rendersATimelineWithoutLanesOrMarkers() {
    BufferedImage image = TimelineChart.render(timeline(List.of(), List.of()));

    assertThat(image.getWidth()).isEqualTo(TimelineChart.WIDTH);
    assertThat(image.getHeight()).isPositive();
  }

  @Test
  void staggersTheLabelsOfMarkersCloseInTime() {
    Timeline timeline =
        timeline(
            List.of(lane("baton-1", List.of(), List.of())),
            List.of(
                new Marker(at(1_000), "SIGKILL sent"),
                new Marker(at(1_005), "new leader's jobs start"),
                new Marker(at(100), "blackhole"),
                new Marker(at(1_010), "server sides closed")));

    List<Integer> rows = new TimelineChart(timeline).markerRows();

    assertThat(rows.get(2)).isZero();
    assertThat(rows.subList(0, 2)).doesNotHaveDuplicates();
    assertThat(rows.subList(0, 2)).doesNotContain(rows.get(3));
  }

  @Test
  void picksANiceTimeStepGivingAboutTenTicks() {
    assertThat(TimelineChart.tickStepMs(1_000)).isEqualTo(100);
    assertThat(TimelineChart.tickStepMs(1_500)).isEqualTo(200);
    assertThat(TimelineChart.tickStepMs(4_000)).isEqualTo(500);
    assertThat(TimelineChart.tickStepMs(10_000)).isEqualTo(1_000);
    assertThat(TimelineChart.tickStepMs(30_000)).isEqualTo(5_000);
    for (double windowMs : new double[] {20, 350, 2_345, 9_999, 60_000, 250_000}) {
      long step = TimelineChart.tickStepMs(windowMs);
      long significand = step / (long) Math.pow(10, Math.floor(Math.log10(step)));
      assertThat(significand).as("step %d for %s ms", step, windowMs).isIn(1L, 2L, 5L);
      assertThat((long) (windowMs / step) + 1).as("ticks for %s ms", windowMs).isBetween(7L, 13L);
    }
  }

  @Test
  void rejectsAWindowThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> new Timeline("bad", TO, FROM, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must end after it starts")
        .hasMessageContaining(TO.toString());
    assertThatThrownBy(() -> new Timeline("bad", FROM, FROM, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsInconsistentSpansRunsAndMissingValues() {
    assertThatThrownBy(() -> new Span(at(500), at(100), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("term 3")
        .hasMessageContaining("before it starts");
    assertThatThrownBy(() -> new Run(at(100), null, Run.SUCCEEDED, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("succeeded");
    assertThatThrownBy(() -> new Run(at(100), at(200), Run.RUNNING, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Run(at(100), at(200), "lost", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown run outcome 'lost'");
    assertThatThrownBy(() -> new Marker(null, "SIGCONT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("marker time must not be null");
    assertThatThrownBy(() -> new Timeline(null, FROM, TO, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title");
    assertThatCode(() -> new Span(at(100), at(100), 3)).doesNotThrowAnyException();
  }

  @Test
  void keepsItsOwnCopiesOfTheLists() {
    List<Lane> lanes = new ArrayList<>(List.of(lane("baton-1", List.of(), List.of())));
    Timeline timeline = timeline(lanes, List.of());

    lanes.clear();

    assertThat(timeline.lanes()).hasSize(1);
  }
}
