package dev.baton.benchmarks.takeover;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Timeline} as a PNG, so that a reader can see a takeover: one lane per Baton
 * process, a bar for each term it led, a tick for each run of the probe job, and dashed lines at
 * the moments the harness acted or observed. It draws only what it is given.
 *
 * <p>Every filled shape is snapped to whole pixels, so that its inside has exactly its colour
 * despite anti-aliasing; the tests read those colours back.
 */
final class TimelineChart {

  static {
    // The harness runs on servers and in CI without a display; decided before AWT starts.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  static final int WIDTH = 1600;

  // Horizontal geometry: lane labels on the left, then the plot.
  private static final int PADDING = 16;
  private static final int PLOT_LEFT = 300;
  private static final int PLOT_RIGHT = WIDTH - 40;
  private static final int PLOT_WIDTH = PLOT_RIGHT - PLOT_LEFT;

  // Vertical geometry, top to bottom: title, marker labels, lanes, time axis, legend.
  private static final int TITLE_HEIGHT = 44;
  private static final int MARKER_ROWS = 3;
  private static final int MARKER_ROW_HEIGHT = 16;
  private static final int MARKER_BAND_HEIGHT = MARKER_ROWS * MARKER_ROW_HEIGHT + 6;
  private static final int LANES_TOP = TITLE_HEIGHT + MARKER_BAND_HEIGHT;
  private static final int LANE_HEIGHT = 60;
  private static final int BAR_OFFSET = 10;
  private static final int BAR_HEIGHT = 24;
  // Run ticks get their own strip under the bar, so that no tick colour sits on a term colour.
  private static final int TICK_OFFSET = 38;
  private static final int TICK_HEIGHT = 14;
  private static final int TICK_WIDTH = 3;
  private static final int AXIS_HEIGHT = 58;
  private static final int LEGEND_HEIGHT = 40;

  // About this many tick labels on the time axis: fewer says too little, more crowds the labels.
  private static final int MIN_AXIS_TICKS = 8;
  private static final int MAX_AXIS_TICKS = 12;
  private static final int MARKER_LABEL_GAP = 10;

  private static final Color BACKGROUND = Color.WHITE;
  private static final Color LANE_STRIPE = new Color(0xF3F4F6);
  private static final Color GRID = new Color(0xE2E4E8);
  private static final Color INK = new Color(0x1F2328);
  private static final Color MUTED_INK = new Color(0x6A717B);
  private static final Color MARKER = new Color(0x3A3F47);

  // Light enough for dark text on top; neighbours in the list differ, and so do consecutive terms.
  private static final Color[] TERM_PALETTE = {
    new Color(0x8CB8E8), // blue
    new Color(0xF2C66D), // amber
    new Color(0x9BD39A), // green
    new Color(0xC5A3E6), // lilac
    new Color(0x7FD0C8), // teal
    new Color(0xF2A398), // salmon
  };

  private static final Color SUCCEEDED = new Color(0x404040);
  private static final Color FAILED = new Color(0xE67E00);
  private static final Color CANCELLED = new Color(0x1F5FD6);
  private static final Color ABANDONED = new Color(0xD0021B);
  private static final Color RUNNING = new Color(0x8E44AD);

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  private static final Stroke DASHED =
      new BasicStroke(
          1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f);

  private final Timeline timeline;
  private final double windowMs;
  private final int height;
  private final List<MarkerPlacement> markerPlacements;

  TimelineChart(Timeline timeline) {
    this.timeline = timeline;
    this.windowMs = millisBetween(timeline.from(), timeline.to());
    // An empty timeline keeps room for one lane, to say that it is empty.
    int laneRows = Math.max(1, timeline.lanes().size());
    this.height = LANES_TOP + laneRows * LANE_HEIGHT + AXIS_HEIGHT + LEGEND_HEIGHT;
    this.markerPlacements = placeMarkers();
  }

  /** Renders {@code timeline} into {@code png}, creating its parent directories. */
  static void write(Timeline timeline, Path png) throws IOException {
    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(render(timeline), "png", png.toFile())) {
      throw new IOException("no PNG writer in this JDK, cannot write " + png);
    }
  }

  static BufferedImage render(Timeline timeline) {
    return new TimelineChart(timeline).draw();
  }

  BufferedImage draw() {
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      applyHints(g);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, WIDTH, height);
      drawTitle(g);
      drawLaneBackgrounds(g);
      drawGrid(g);
      for (int lane = 0; lane < timeline.lanes().size(); lane++) {
        drawLeadership(g, lane);
        drawRuns(g, lane);
      }
      drawMarkers(g);
      drawAxis(g);
      drawLegend(g);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The pixel column of {@code at}; moments outside the window land on the plot's edge. */
  int x(Instant at) {
    double fraction = millisBetween(timeline.from(), at) / windowMs;
    return PLOT_LEFT + (int) Math.round(Math.max(0, Math.min(1, fraction)) * PLOT_WIDTH);
  }

  int barCentreY(int lane) {
    return laneTop(lane) + BAR_OFFSET + BAR_HEIGHT / 2;
  }

  int runTickY(int lane) {
    return laneTop(lane) + TICK_OFFSET + TICK_HEIGHT / 2;
  }

  /** The label row of each marker, in the timeline's order; -1 for one outside the window. */
  List<Integer> markerRows() {
    Integer[] rows = new Integer[timeline.markers().size()];
    Arrays.fill(rows, -1);
    for (MarkerPlacement placement : markerPlacements) {
      rows[placement.index()] = placement.row();
    }
    return List.of(rows);
  }

  static Color termColour(long term) {
    return TERM_PALETTE[(int) Math.floorMod(term, (long) TERM_PALETTE.length)];
  }

  static Color outcomeColour(String outcome) {
    return switch (outcome) {
      case Timeline.Run.SUCCEEDED -> SUCCEEDED;
      case Timeline.Run.FAILED -> FAILED;
      case Timeline.Run.CANCELLED -> CANCELLED;
      case Timeline.Run.ABANDONED -> ABANDONED;
      case Timeline.Run.RUNNING -> RUNNING;
      default -> throw new IllegalArgumentException("unknown run outcome '" + outcome + "'");
    };
  }

  /**
   * A step of 1, 2 or 5 × 10^k ms giving a tick count closest to 8–12 over {@code windowMs}; on a
   * tie the larger step, as fewer labels read more easily.
   */
  static long tickStepMs(double windowMs) {
    long best = 1;
    long bestMiss = Long.MAX_VALUE;
    for (long magnitude = 1;
        magnitude <= windowMs && magnitude <= Long.MAX_VALUE / 10;
        magnitude *= 10) {
      for (long multiple : new long[] {1, 2, 5}) {
        long step = multiple * magnitude;
        long ticks = (long) Math.floor(windowMs / step) + 1;
        long miss = Math.max(0, Math.max(MIN_AXIS_TICKS - ticks, ticks - MAX_AXIS_TICKS));
        if (miss <= bestMiss) {
          best = step;
          bestMiss = miss;
        }
      }
    }
    return best;
  }

  private void drawTitle(Graphics2D g) {
    g.setFont(TITLE_FONT);
    g.setColor(INK);
    g.drawString(timeline.title(), PADDING, 28);
    g.setFont(SMALL_FONT);
    g.setColor(MUTED_INK);
    String window = timeline.from() + " to " + timeline.to();
    g.drawString(window, WIDTH - PADDING - g.getFontMetrics().stringWidth(window), 28);
  }

  private void drawLaneBackgrounds(Graphics2D g) {
    List<Timeline.Lane> lanes = timeline.lanes();
    if (lanes.isEmpty()) {
      g.setFont(LABEL_FONT);
      g.setColor(MUTED_INK);
      g.drawString(
          "no Baton processes in this timeline", PADDING, textBaseline(g, laneTop(0) + 30));
      return;
    }
    // Alternate stripes let the eye follow a lane from its label to the far right.
    for (int lane = 0; lane < lanes.size(); lane++) {
      if (lane % 2 == 1) {
        g.setColor(LANE_STRIPE);
        g.fillRect(0, laneTop(lane), WIDTH, LANE_HEIGHT);
      }
      g.setFont(LABEL_FONT);
      g.setColor(INK);
      String label = fit(g.getFontMetrics(), lanes.get(lane).label(), PLOT_LEFT - 2 * PADDING);
      g.drawString(label, PADDING, textBaseline(g, barCentreY(lane)));
    }
  }

  private void drawGrid(Graphics2D g) {
    g.setColor(GRID);
    long step = tickStepMs(windowMs);
    for (long ms = 0; ms <= windowMs; ms += step) {
      g.fillRect(axisX(ms), LANES_TOP, 1, lanesBottom() - LANES_TOP);
    }
  }

  private void drawLeadership(Graphics2D g, int lane) {
    int top = laneTop(lane) + BAR_OFFSET;
    g.setFont(SMALL_FONT);
    FontMetrics metrics = g.getFontMetrics();
    for (Timeline.Span span : timeline.lanes().get(lane).leadership()) {
      if (!overlapsWindow(span.from(), span.to())) {
        continue;
      }
      int left = x(span.from());
      int width = Math.max(1, x(span.to()) - left);
      g.setColor(termColour(span.term()));
      g.fillRect(left, top, width, BAR_HEIGHT);
      // Written at the bar's visible start, so that a clipped bar still says its term.
      String label = "term " + span.term();
      int textLeft = left + 6;
      if (metrics.stringWidth(label) + 12 <= width) {
        g.setColor(INK);
        g.drawString(label, textLeft, textBaseline(g, top + BAR_HEIGHT / 2));
      }
    }
  }

  private void drawRuns(Graphics2D g, int lane) {
    int top = laneTop(lane) + TICK_OFFSET;
    int middle = runTickY(lane);
    for (Timeline.Run run : timeline.lanes().get(lane).runs()) {
      g.setColor(outcomeColour(run.outcome()));
      // The line shows how long the run lasted; under a pixel it would only blur the tick.
      Instant finished = run.finishedAt();
      if (finished != null && overlapsWindow(run.startedAt(), finished)) {
        int left = x(run.startedAt());
        int right = x(finished);
        if (right - left > 1) {
          g.fillRect(left, middle - 1, right - left, 2);
        }
      }
      if (inWindow(run.startedAt())) {
        g.fillRect(x(run.startedAt()) - TICK_WIDTH / 2, top, TICK_WIDTH, TICK_HEIGHT);
      }
    }
  }

  private void drawMarkers(Graphics2D g) {
    g.setFont(SMALL_FONT);
    g.setColor(MARKER);
    Stroke solid = g.getStroke();
    for (MarkerPlacement placement : markerPlacements) {
      int rowTop = TITLE_HEIGHT + placement.row() * MARKER_ROW_HEIGHT;
      g.drawString(
          placement.marker().label(),
          placement.labelLeft(),
          textBaseline(g, rowTop + MARKER_ROW_HEIGHT / 2));
      // Half a pixel across, so that the one-pixel dashes fall on a column instead of between two.
      double lineX = placement.x() + 0.5;
      g.setStroke(DASHED);
      g.draw(new Line2D.Double(lineX, rowTop + 2, lineX, lanesBottom()));
      g.setStroke(solid);
    }
  }

  private void drawAxis(Graphics2D g) {
    int axisY = lanesBottom();
    g.setColor(MUTED_INK);
    g.fillRect(PLOT_LEFT, axisY, PLOT_WIDTH + 1, 1);
    g.setFont(SMALL_FONT);
    FontMetrics metrics = g.getFontMetrics();
    long step = tickStepMs(windowMs);
    for (long ms = 0; ms <= windowMs; ms += step) {
      int tickX = axisX(ms);
      g.fillRect(tickX, axisY, 1, 6);
      String label = Long.toString(ms);
      g.drawString(label, tickX - metrics.stringWidth(label) / 2, axisY + 8 + metrics.getAscent());
    }
    String caption = "ms after " + timeline.from();
    g.drawString(
        caption,
        PLOT_RIGHT - metrics.stringWidth(caption),
        axisY + 12 + metrics.getAscent() + metrics.getHeight());
  }

  private void drawLegend(Graphics2D g) {
    g.setFont(SMALL_FONT);
    int middle = height - LEGEND_HEIGHT / 2;
    int baseline = textBaseline(g, middle);
    int cursor = PADDING;

    g.setColor(termColour(1));
    g.fillRect(cursor, middle - 6, 18, 12);
    g.setColor(termColour(2));
    g.fillRect(cursor + 18, middle - 6, 18, 12);
    cursor = legendText(g, "LEADER of a term (one colour per term)", cursor + 42, baseline);

    cursor = legendText(g, "Probe job runs, tick at start, line until finished:", cursor, baseline);
    for (String outcome :
        List.of(
            Timeline.Run.SUCCEEDED,
            Timeline.Run.FAILED,
            Timeline.Run.CANCELLED,
            Timeline.Run.ABANDONED,
            Timeline.Run.RUNNING)) {
      g.setColor(outcomeColour(outcome));
      g.fillRect(cursor, middle - TICK_HEIGHT / 2, TICK_WIDTH, TICK_HEIGHT);
      cursor = legendText(g, outcome, cursor + TICK_WIDTH + 6, baseline);
    }

    g.setColor(MARKER);
    Stroke solid = g.getStroke();
    g.setStroke(DASHED);
    g.draw(new Line2D.Double(cursor + 0.5, middle - 9, cursor + 0.5, middle + 9));
    g.setStroke(solid);
    legendText(g, "harness action or observation", cursor + 8, baseline);
  }

  /** Writes one legend entry and returns where the next one starts. */
  private static int legendText(Graphics2D g, String text, int left, int baseline) {
    g.setColor(INK);
    g.drawString(text, left, baseline);
    return left + g.getFontMetrics().stringWidth(text) + 24;
  }

  /**
   * Puts each marker label in the first row where it clears the previous label, so that markers
   * close in time stay readable; when every row is taken, the row whose last label ends first.
   */
  private List<MarkerPlacement> placeMarkers() {
    FontMetrics metrics = scratchMetrics(SMALL_FONT);
    List<Integer> order = new ArrayList<>();
    for (int index = 0; index < timeline.markers().size(); index++) {
      if (inWindow(timeline.markers().get(index).at())) {
        order.add(index);
      }
    }
    order.sort(Comparator.comparing(index -> timeline.markers().get(index).at()));

    int[] rowEnds = new int[MARKER_ROWS];
    Arrays.fill(rowEnds, Integer.MIN_VALUE);
    List<MarkerPlacement> placements = new ArrayList<>();
    for (int index : order) {
      Timeline.Marker marker = timeline.markers().get(index);
      int markerX = x(marker.at());
      int labelWidth = metrics.stringWidth(marker.label());
      // Right of the line, unless that runs off the image.
      int labelLeft = markerX + 4;
      if (labelLeft + labelWidth > WIDTH - 4) {
        labelLeft = markerX - 4 - labelWidth;
      }
      int row = 0;
      for (int candidate = 0; candidate < MARKER_ROWS; candidate++) {
        if (rowEnds[candidate] + MARKER_LABEL_GAP <= labelLeft) {
          row = candidate;
          break;
        }
        if (rowEnds[candidate] < rowEnds[row]) {
          row = candidate;
        }
      }
      rowEnds[row] = Math.max(rowEnds[row], labelLeft + labelWidth);
      placements.add(new MarkerPlacement(index, marker, markerX, labelLeft, row));
    }
    return List.copyOf(placements);
  }

  private int laneTop(int lane) {
    return LANES_TOP + lane * LANE_HEIGHT;
  }

  private int lanesBottom() {
    return laneTop(Math.max(1, timeline.lanes().size()));
  }

  private int axisX(long ms) {
    return PLOT_LEFT + (int) Math.round(ms / windowMs * PLOT_WIDTH);
  }

  private boolean inWindow(Instant at) {
    return !at.isBefore(timeline.from()) && !at.isAfter(timeline.to());
  }

  private boolean overlapsWindow(Instant from, Instant to) {
    return !to.isBefore(timeline.from()) && !from.isAfter(timeline.to());
  }

  /** Without overflow for moments far outside the window, which then only clip. */
  private static double millisBetween(Instant from, Instant to) {
    Duration between = Duration.between(from, to);
    return between.getSeconds() * 1000.0 + between.getNano() / 1_000_000.0;
  }

  /** The baseline that centres a line of the current font on {@code centreY}. */
  private static int textBaseline(Graphics2D g, int centreY) {
    FontMetrics metrics = g.getFontMetrics();
    return centreY + (metrics.getAscent() - metrics.getDescent()) / 2;
  }

  /** {@code text}, cut with an ellipsis if wider than {@code maxWidth}. */
  private static String fit(FontMetrics metrics, String text, int maxWidth) {
    if (metrics.stringWidth(text) <= maxWidth) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > maxWidth) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }

  private static void applyHints(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
  }

  /** Font metrics before there is an image, with the hints the drawing uses. */
  private static FontMetrics scratchMetrics(Font font) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      applyHints(g);
      return g.getFontMetrics(font);
    } finally {
      g.dispose();
    }
  }

  private record MarkerPlacement(
      int index, Timeline.Marker marker, int x, int labelLeft, int row) {}
}
