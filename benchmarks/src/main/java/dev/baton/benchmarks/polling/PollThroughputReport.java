package dev.baton.benchmarks.polling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.benchmarks.Distribution;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The poll-throughput figures as a markdown table for people and as JSON for tools. */
record PollThroughputReport(Run run, CycleTarget target, List<Cycle> cycles) {

  /** The target: 10 000 status updates are written in under half a second. */
  static final double STATUS_WRITE_TARGET_MS = 500;

  static final int STATUS_WRITE_TARGET_COUNT = 10_000;

  PollThroughputReport {
    cycles = List.copyOf(cycles);
    if (cycles.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one cycle");
    }
  }

  /** Where and how it ran; the load averages say how busy the machine was around it. */
  record Run(
      Instant startedAt,
      Instant finishedAt,
      int warmUpCycles,
      String postgresVersion,
      int processors,
      String javaVersion,
      String osName,
      double loadAverageBefore,
      double loadAverageAfter) {}

  /**
   * One measured poll cycle; the heap figures are the benchmark JVM's (which also holds the
   * simulated provider) in MB: in use before the cycle after a collection, and the most in use
   * during it.
   *
   * @param wallMs the job's run, as its own summary times it
   * @param databaseMs the time pool connections were checked out within it, added up
   * @param statusWriteMs the cycle's {@code recordPolls} of every batch it polled
   * @param polled batches the job reported polling
   * @param failedPolls polls whose outcome was {@code error} or {@code unknown}
   */
  record Cycle(
      double wallMs,
      double databaseMs,
      double statusWriteMs,
      int polled,
      int failedPolls,
      double heapBeforeMb,
      double heapPeakMb) {}

  Distribution cycleWallMs() {
    return Distribution.of(cycles.stream().map(Cycle::wallMs).toList()).orElseThrow();
  }

  Distribution cycleDatabaseMs() {
    return Distribution.of(cycles.stream().map(Cycle::databaseMs).toList()).orElseThrow();
  }

  Distribution cycleHeapPeakMb() {
    return Distribution.of(cycles.stream().map(Cycle::heapPeakMb).toList()).orElseThrow();
  }

  Distribution statusWrites() {
    return Distribution.of(cycles.stream().map(Cycle::statusWriteMs).toList()).orElseThrow();
  }

  /** "yes, every cycle", "median only" (the median cycle within the median's limit) or "no". */
  String cycleTargetMet() {
    if (cycles.stream().allMatch(cycle -> target.met(cycle.wallMs(), cycle.databaseMs()))) {
      return "yes, every cycle";
    }
    return target.met(cycleWallMs().median(), cycleDatabaseMs().median()) ? "median only" : "no";
  }

  /** For N batches; the target speaks of 10 000, so other counts are only shown. */
  String statusWriteTargetMet() {
    if (target.batches() != STATUS_WRITE_TARGET_COUNT) {
      return "– (target is for " + STATUS_WRITE_TARGET_COUNT + ")";
    }
    Distribution writes = statusWrites();
    if (writes.max() < STATUS_WRITE_TARGET_MS) {
      return "yes, max too";
    }
    return writes.median() < STATUS_WRITE_TARGET_MS ? "median only" : "no";
  }

  int failedPolls() {
    return cycles.stream().mapToInt(Cycle::failedPolls).sum();
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    Distribution wall = cycleWallMs();
    Distribution database = cycleDatabaseMs();
    Distribution writes = statusWrites();
    line(out, "## Polling throughput benchmark");
    line(out, "");
    line(
        out,
        String.format(
            Locale.ROOT,
            "%d running batches (Anthropic and OpenAI alternating), simulated provider latency %s"
                + " ms, concurrency %d; %d measured cycles after %d warm-up cycles; PostgreSQL %s, %d"
                + " processors, load average %.2f before and %.2f after, Java %s on %s; %s to %s.",
            target.batches(),
            ms(target.latency().toNanos() / 1e6),
            target.concurrency(),
            cycles.size(),
            run.warmUpCycles(),
            run.postgresVersion(),
            run.processors(),
            run.loadAverageBefore(),
            run.loadAverageAfter(),
            run.javaVersion(),
            run.osName(),
            run.startedAt(),
            run.finishedAt()));
    line(out, "");
    line(out, "| measure (ms) | runs | median | max | target | met |");
    line(out, "| --- | ---: | ---: | ---: | --- | --- |");
    line(
        out,
        "| one poll cycle over "
            + target.batches()
            + " batches | "
            + wall.count()
            + " | "
            + ms(wall.median())
            + " | "
            + ms(wall.max())
            + " | ≤ 1.2 × N·L/C + database time = 1.2 × "
            + ms(target.providerBoundMs())
            + " + "
            + ms(database.median())
            + " = "
            + ms(target.limitMs(database.median()))
            + " (median) | "
            + cycleTargetMet()
            + " |");
    line(
        out,
        "| database time within the cycle | "
            + database.count()
            + " | "
            + ms(database.median())
            + " | "
            + ms(database.max())
            + " | – | – |");
    Distribution heapPeak = cycleHeapPeakMb();
    line(
        out,
        "| heap in use at the cycle's peak, MB (the JVM also holds the simulator) | "
            + heapPeak.count()
            + " | "
            + ms(heapPeak.median())
            + " | "
            + ms(heapPeak.max())
            + " | – | – |");
    line(
        out,
        "| "
            + target.batches()
            + " status updates (the cycle's `recordPolls`, one fenced statement) | "
            + writes.count()
            + " | "
            + ms(writes.median())
            + " | "
            + ms(writes.max())
            + " | < "
            + ms(STATUS_WRITE_TARGET_MS)
            + " for "
            + STATUS_WRITE_TARGET_COUNT
            + " | "
            + statusWriteTargetMet()
            + " |");
    line(out, "");
    line(
        out,
        "| cycle | wall (ms) | database (ms) | limit (ms) | within | status write (ms) | batches"
            + " polled | failed polls | heap before (MB) | heap peak (MB) |");
    line(out, "| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
    for (int index = 0; index < cycles.size(); index++) {
      Cycle cycle = cycles.get(index);
      line(
          out,
          "| "
              + (index + 1)
              + " | "
              + ms(cycle.wallMs())
              + " | "
              + ms(cycle.databaseMs())
              + " | "
              + ms(target.limitMs(cycle.databaseMs()))
              + " | "
              + (target.met(cycle.wallMs(), cycle.databaseMs()) ? "yes" : "no")
              + " | "
              + ms(cycle.statusWriteMs())
              + " | "
              + cycle.polled()
              + " | "
              + cycle.failedPolls()
              + " | "
              + ms(cycle.heapBeforeMb())
              + " | "
              + ms(cycle.heapPeakMb())
              + " |");
    }
    if (failedPolls() > 0) {
      line(out, "");
      line(
          out,
          failedPolls()
              + " poll(s) failed or saw an unknown state; the cycles were not all clean work.");
    }
    return out.toString();
  }

  ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("benchmark", "poll-throughput");
    root.put("startedAt", run.startedAt().toString());
    root.put("finishedAt", run.finishedAt().toString());
    ObjectNode settings = root.putObject("settings");
    settings.put("batches", target.batches());
    settings.put("latencyMs", target.latency().toNanos() / 1e6);
    settings.put("concurrency", target.concurrency());
    settings.put("cycles", cycles.size());
    settings.put("warmUpCycles", run.warmUpCycles());
    ObjectNode machine = root.putObject("machine");
    machine.put("processors", run.processors());
    machine.put("java", run.javaVersion());
    machine.put("os", run.osName());
    machine.put("postgres", run.postgresVersion());
    machine.put("loadAverageBefore", run.loadAverageBefore());
    machine.put("loadAverageAfter", run.loadAverageAfter());

    ObjectNode cycle = root.putObject("pollCycle");
    cycle.put("providerBoundMs", target.providerBoundMs());
    cycle.put("allowance", CycleTarget.ALLOWANCE);
    cycle.put("limitAtMedianDatabaseMs", target.limitMs(cycleDatabaseMs().median()));
    cycle.put("met", cycleTargetMet());
    cycle.set("wallMs", distribution(mapper, cycleWallMs()));
    cycle.set("databaseMs", distribution(mapper, cycleDatabaseMs()));
    ArrayNode list = cycle.putArray("cycles");
    for (Cycle measured : cycles) {
      ObjectNode node = list.addObject();
      node.put("wallMs", measured.wallMs());
      node.put("databaseMs", measured.databaseMs());
      node.put("limitMs", target.limitMs(measured.databaseMs()));
      node.put("met", target.met(measured.wallMs(), measured.databaseMs()));
      node.put("statusWriteMs", measured.statusWriteMs());
      node.put("polled", measured.polled());
      node.put("failedPolls", measured.failedPolls());
      node.put("heapBeforeMb", measured.heapBeforeMb());
      node.put("heapPeakMb", measured.heapPeakMb());
    }

    ObjectNode status = root.putObject("statusWrites");
    status.put("updates", target.batches());
    status.put("targetMs", STATUS_WRITE_TARGET_MS);
    status.put("targetUpdates", STATUS_WRITE_TARGET_COUNT);
    status.put("met", statusWriteTargetMet());
    status.set("ms", distribution(mapper, statusWrites()));
    ArrayNode samples = status.putArray("samplesMs");
    cycles.forEach(measured -> samples.add(measured.statusWriteMs()));
    return root;
  }

  private static ObjectNode distribution(ObjectMapper mapper, Distribution d) {
    ObjectNode node = mapper.createObjectNode();
    node.put("count", d.count());
    node.put("min", d.min());
    node.put("median", d.median());
    node.put("max", d.max());
    return node;
  }

  /** Whole milliseconds, one decimal below ten. */
  static String ms(double millis) {
    if (Math.abs(millis) < 10) {
      return String.format(Locale.ROOT, "%.1f", millis);
    }
    return String.valueOf(Math.round(millis));
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append(System.lineSeparator());
  }
}
