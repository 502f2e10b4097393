package dev.baton.benchmarks.polling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** What {@code rate-limit} measured, beside the targets: < 1 % 429s, ≤ 1.2 × the allowed time. */
record RateLimitReport(Target target, long latencyMs, int concurrency, List<Cycle> cycles) {
  static final double MAX_RATE_LIMITED_SHARE = 0.01;
  static final double MAX_TIME_RATIO = 1.2;

  /**
   * The time the limit allows for one cycle: each provider's API takes R requests a minute, and the
   * batches alternate between them, so the busier API has ⌈N/2⌉ requests to make.
   */
  record Target(int batches, int requestsPerMinute) {
    int busiestProviderRequests() {
      return (batches + 1) / 2;
    }

    double allowedMs() {
      return busiestProviderRequests() * 60_000.0 / requestsPerMinute;
    }
  }

  /**
   * @param requests every request the simulated provider received, retries included
   * @param rateLimited those it answered 429
   * @param failedPolls batches whose poll ended in an error
   */
  record Cycle(double wallMs, long requests, long rateLimited, int failedPolls) {
    double rateLimitedShare() {
      return requests == 0 ? 0 : rateLimited / (double) requests;
    }

    double timeRatio(Target target) {
      return wallMs / target.allowedMs();
    }

    String line(Target target) {
      return String.format(
          Locale.ROOT,
          "%.1f s (%.2f × the %.1f s the limit allows), %d requests, %d answered 429 (%.2f %%),"
              + " %d polls failed",
          wallMs / 1000,
          timeRatio(target),
          target.allowedMs() / 1000,
          requests,
          rateLimited,
          100 * rateLimitedShare(),
          failedPolls);
    }
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Rate limit: %d batches, %d requests a minute to each provider's API, latency %d ms,"
                + " concurrency %d; the limit allows a cycle in %.1f s (%d requests to the busier"
                + " API)%n%n",
            target.batches(),
            target.requestsPerMinute(),
            latencyMs,
            concurrency,
            target.allowedMs() / 1000,
            target.busiestProviderRequests()));
    out.append(
        "| cycle | time | × allowed (target ≤ 1.2) | requests | 429 answers | share (target < 1 %)"
            + " | failed polls |\n");
    out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (int index = 0; index < cycles.size(); index++) {
      Cycle cycle = cycles.get(index);
      out.append(
          String.format(
              Locale.ROOT,
              "| %d | %.1f s | %.2f | %d | %d | %.2f %% | %d |%n",
              index + 1,
              cycle.wallMs() / 1000,
              cycle.timeRatio(target),
              cycle.requests(),
              cycle.rateLimited(),
              100 * cycle.rateLimitedShare(),
              cycle.failedPolls()));
    }
    return out.toString();
  }

  ObjectNode json(ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("batches", target.batches());
    root.put("requestsPerMinute", target.requestsPerMinute());
    root.put("latencyMs", latencyMs);
    root.put("concurrency", concurrency);
    root.put("allowedMs", target.allowedMs());
    root.put("targetMaxRateLimitedShare", MAX_RATE_LIMITED_SHARE);
    root.put("targetMaxTimeRatio", MAX_TIME_RATIO);
    ArrayNode measured = root.putArray("cycles");
    for (Cycle cycle : cycles) {
      ObjectNode node = measured.addObject();
      node.put("wallMs", cycle.wallMs());
      node.put("timeRatio", cycle.timeRatio(target));
      node.put("requests", cycle.requests());
      node.put("rateLimited", cycle.rateLimited());
      node.put("rateLimitedShare", cycle.rateLimitedShare());
      node.put("failedPolls", cycle.failedPolls());
    }
    return root;
  }
}
