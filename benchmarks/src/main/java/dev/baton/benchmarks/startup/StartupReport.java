package dev.baton.benchmarks.startup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baton.benchmarks.Distribution;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** What {@code startup} measured, as markdown and JSON. */
record StartupReport(Run run, Start fresh, List<Start> restarts, double loadAfter) {

  /** The target: ready within 2 s, median over the restarts. */
  static final double TARGET_MEDIAN_MS = 2_000;

  record Run(
      Instant startedAt,
      String jar,
      long jarBytes,
      List<String> javaOptions,
      int processors,
      String javaVersion,
      double loadBefore) {}

  /**
   * @param residentKb resident memory once ready, when the system tells
   * @param cpuMs CPU time (user and system, all threads) used until ready, when the system tells:
   *     less sensitive than the wall time to other work on the machine
   */
  record Start(double readyMs, OptionalLong residentKb, OptionalLong cpuMs) {
    String line() {
      return String.format(
          Locale.ROOT,
          "ready in %.0f ms, CPU %s, resident %s",
          readyMs,
          cpuMs.isPresent() ? cpuMs.getAsLong() + " ms" : "unknown",
          residentKb.isPresent() ? residentKb.getAsLong() / 1024 + " MB" : "unknown");
    }
  }

  StartupReport {
    if (restarts.isEmpty()) {
      throw new IllegalArgumentException("at least one restart is needed");
    }
    restarts = List.copyOf(restarts);
  }

  Distribution readyMs() {
    return Distribution.of(restarts.stream().map(Start::readyMs).toList()).orElseThrow();
  }

  /** Empty where the system does not tell. */
  java.util.Optional<Distribution> residentMb() {
    return Distribution.of(
        restarts.stream()
            .filter(start -> start.residentKb().isPresent())
            .map(start -> start.residentKb().getAsLong() / 1024.0)
            .toList());
  }

  /** Empty where the system does not tell. */
  java.util.Optional<Distribution> cpuMs() {
    return Distribution.of(
        restarts.stream()
            .filter(start -> start.cpuMs().isPresent())
            .map(start -> (double) start.cpuMs().getAsLong())
            .toList());
  }

  String markdown() {
    Distribution ready = readyMs();
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Startup of %s (%.1f MB) on SQLite: %d restarts on an existing database, %d"
                + " processors, Java %s, load %.2f before and %.2f after%s%n%n",
            run.jar(),
            run.jarBytes() / 1e6,
            restarts.size(),
            run.processors(),
            run.javaVersion(),
            run.loadBefore(),
            loadAfter,
            run.javaOptions().isEmpty() ? "" : ", JVM options " + run.javaOptions()));
    out.append("| measure | median | p90 | min | max | target |\n");
    out.append("| --- | --- | --- | --- | --- | --- |\n");
    out.append(
        String.format(
            Locale.ROOT,
            "| start to `/readyz` 200, existing database | %.0f ms | %.0f ms | %.0f ms | %.0f ms |"
                + " median ≤ %.0f ms |%n",
            ready.median(),
            ready.p90(),
            ready.min(),
            ready.max(),
            TARGET_MEDIAN_MS));
    cpuMs()
        .ifPresent(
            cpu ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "| CPU time until ready (all threads) | %.0f ms | %.0f ms | %.0f ms | %.0f ms |"
                            + " |%n",
                        cpu.median(),
                        cpu.p90(),
                        cpu.min(),
                        cpu.max())));
    residentMb()
        .ifPresent(
            rss ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "| resident memory once ready | %.0f MB | %.0f MB | %.0f MB | %.0f MB | |%n",
                        rss.median(),
                        rss.p90(),
                        rss.min(),
                        rss.max())));
    out.append(
        String.format(
            Locale.ROOT, "| first start, fresh database | %.0f ms | | | | |%n", fresh.readyMs()));
    return out.toString();
  }

  ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode settings = root.putObject("run");
    settings.put("startedAt", run.startedAt().toString());
    settings.put("jar", run.jar());
    settings.put("jarBytes", run.jarBytes());
    ArrayNode options = settings.putArray("javaOptions");
    run.javaOptions().forEach(options::add);
    settings.put("processors", run.processors());
    settings.put("javaVersion", run.javaVersion());
    settings.put("loadBefore", run.loadBefore());
    settings.put("loadAfter", loadAfter);
    root.set("fresh", start(mapper, fresh));
    ArrayNode measured = root.putArray("restarts");
    restarts.forEach(start -> measured.add(start(mapper, start)));
    Distribution ready = readyMs();
    ObjectNode summary = root.putObject("readyMs");
    summary.put("median", ready.median());
    summary.put("p90", ready.p90());
    summary.put("min", ready.min());
    summary.put("max", ready.max());
    summary.put("targetMedian", TARGET_MEDIAN_MS);
    residentMb().ifPresent(rss -> root.put("residentMbMedian", rss.median()));
    cpuMs().ifPresent(cpu -> root.put("cpuMsMedian", cpu.median()));
    return root;
  }

  private static ObjectNode start(ObjectMapper mapper, Start start) {
    ObjectNode node = mapper.createObjectNode();
    node.put("readyMs", start.readyMs());
    if (start.cpuMs().isPresent()) {
      node.put("cpuMs", start.cpuMs().getAsLong());
    } else {
      node.putNull("cpuMs");
    }
    if (start.residentKb().isPresent()) {
      node.put("residentKb", start.residentKb().getAsLong());
    } else {
      node.putNull("residentKb");
    }
    return node;
  }
}
