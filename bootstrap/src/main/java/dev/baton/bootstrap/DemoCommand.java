package dev.baton.bootstrap;

import dev.baton.application.BatchTrackingService;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.TrackedBatch;
import dev.baton.embedded.internal.InstanceIds;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import dev.baton.simulator.SimulatedProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton.jar demo}: Baton on a temporary SQLite database against the SIMULATED provider (no
 * API key, nothing leaves this machine), tracking a few batches of both providers and polling them
 * every few seconds until all are done. It ends by itself, or on Ctrl-C, and removes its temporary
 * files.
 */
@Command(
    name = "demo",
    description =
        "Watch Baton poll simulated Anthropic and OpenAI batches to completion (no API keys).",
    exitCodeList = {"0:every batch completed", "1:the batches did not finish in time"},
    footer =
        "None: the demo reads no BATON_* variable; it makes its own temporary database, admin"
            + " token and simulated provider, and removes them when it ends.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

  @Option(
      names = "--poll-seconds",
      defaultValue = "3",
      description = "Seconds between two polls (default ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(
      names = "--linger-seconds",
      defaultValue = "20",
      description =
          "Seconds the HTTP API stays up after the batches are done (default ${DEFAULT-VALUE}).")
  int lingerSeconds;

  /** The demo's batches: provider, id, how many polls before they end, outcome per item. */
  private record DemoBatch(
      LlmProvider provider, String id, int pollsBeforeEnd, int items, int failEvery) {

    SimulatedBatch simulated() {
      SimulatedBatch.Builder builder =
          provider == LlmProvider.ANTHROPIC
              ? SimulatedBatch.anthropic(id)
              : SimulatedBatch.openAi(id);
      return builder
          .endsAfterPolls(pollsBeforeEnd)
          .items(
              items,
              index ->
                  failEvery > 0 && index % failEvery == failEvery - 1
                      ? SimulatedOutcome.FAILED
                      : SimulatedOutcome.SUCCEEDED)
          .build();
    }

    NewBatch tracked() {
      return new NewBatch(
          provider, id, IntStream.range(0, items).mapToObj(SimulatedBatch::customId).toList());
    }
  }

  private static final List<DemoBatch> BATCHES =
      List.of(
          new DemoBatch(LlmProvider.ANTHROPIC, "msgbatch_demo_quick", 1, 4, 0),
          new DemoBatch(LlmProvider.ANTHROPIC, "msgbatch_demo_slow", 4, 6, 3),
          new DemoBatch(LlmProvider.OPENAI, "batch_demo_quick", 2, 5, 5),
          new DemoBatch(LlmProvider.OPENAI, "batch_demo_slow", 5, 3, 0));

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    Path directory = Files.createTempDirectory("baton-demo-");
    Thread cleanup = new Thread(() -> deleteQuietly(directory), "baton-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    String anthropicKey = "sk-ant-demo-" + UUID.randomUUID();
    String openAiKey = "sk-demo-" + UUID.randomUUID();
    String adminToken = "demo-" + UUID.randomUUID();
    try (SimulatedProvider provider = new SimulatedProvider(anthropicKey, openAiKey).start()) {
      BATCHES.forEach(batch -> provider.add(batch.simulated()));
      Map<String, String> environment = new HashMap<>();
      environment.put("BATON_DATABASE_URL", "jdbc:sqlite:" + directory.resolve("demo.db"));
      environment.put("BATON_HTTP_PORT", "0");
      environment.put("BATON_ADMIN_TOKEN", adminToken);
      environment.put("BATON_ANTHROPIC_API_KEY", anthropicKey);
      environment.put("BATON_ANTHROPIC_BASE_URL", provider.anthropicBaseUrl());
      environment.put("BATON_OPENAI_API_KEY", openAiKey);
      environment.put("BATON_OPENAI_BASE_URL", provider.openAiBaseUrl());
      environment.put(
          "BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS", String.valueOf(pollSeconds));
      environment.put("BATON_POLL_JITTER_SECONDS", "0");
      ConfigLoader.Loaded loaded = new ConfigLoader(environment).load();
      BatonProcess baton = new BatonProcess(loaded.config(), InstanceIds.next("baton"));
      Thread serving =
          new Thread(
              () -> {
                try {
                  baton.runUntilStopped();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "baton-demo-serve");
      serving.start();
      try {
        return narrate(baton, out, err, adminToken);
      } finally {
        baton.stop();
        serving.join(30_000);
      }
    } finally {
      deleteQuietly(directory);
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook runs anyway.
      }
    }
  }

  private int narrate(BatonProcess baton, PrintWriter out, PrintWriter err, String adminToken)
      throws InterruptedException {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    while (!baton.isReady()) {
      if (System.nanoTime() > deadline) {
        err.println("baton demo: Baton did not become ready");
        return 1;
      }
      Thread.sleep(100);
    }
    String api = "http://127.0.0.1:" + baton.httpPort();
    out.println("Baton demo: a SIMULATED provider, a temporary SQLite database, no API keys.");
    out.println("HTTP API:  " + api + "/v1/scheduler   " + api + "/v1/batches");
    out.println("Admin token for this run: " + adminToken);
    out.println();
    BatchTrackingService tracking = baton.batches();
    Map<String, Long> ids = new LinkedHashMap<>();
    for (DemoBatch batch : BATCHES) {
      TrackedBatch tracked = tracking.track(batch.tracked());
      ids.put(batch.id(), tracked.batch().id());
      out.printf(
          "tracking %-20s %-9s %d items  (GET %s/v1/batches/%d)%n",
          batch.id(), batch.provider().wireName(), batch.items(), api, tracked.batch().id());
    }
    out.println();
    Map<String, String> shown = new HashMap<>();
    while (System.nanoTime() < deadline) {
      boolean allDone = true;
      for (Map.Entry<String, Long> entry : ids.entrySet()) {
        TrackedBatch batch = tracking.batch(entry.getValue()).orElseThrow();
        String line = describe(entry.getKey(), batch);
        if (!line.equals(shown.put(entry.getKey(), line))) {
          out.println(line);
        }
        allDone &= batch.batch().status().isTerminal();
      }
      if (allDone) {
        String items = api + "/v1/batches/" + ids.values().iterator().next() + "/items?limit=2";
        out.println();
        out.println("All batches are done: every item result is stored. From the HTTP API:");
        // Batch reads take a token once one is configured: the demo shows the call with its own.
        out.println("$ curl -s -H 'Authorization: Bearer " + adminToken + "' '" + items + "'");
        out.println(httpGet(items, adminToken));
        out.println();
        out.printf(
            "The API stays up for %d s (Ctrl-C ends the demo now); then the demo removes its"
                + " temporary database.%n",
            lingerSeconds);
        Thread.sleep(lingerSeconds * 1000L);
        return 0;
      }
      Thread.sleep(250);
    }
    err.println("baton demo: the batches did not finish within " + GIVE_UP_AFTER);
    return 1;
  }

  private static String httpGet(String url, String token) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", "Bearer " + token)
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  private static String describe(String providerBatchId, TrackedBatch tracked) {
    List<String> counts = new ArrayList<>();
    tracked.itemCounts().entrySet().stream()
        .filter(entry -> entry.getValue() > 0)
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(BatchStatus::ordinal)))
        .forEach(entry -> counts.add(entry.getValue() + " " + entry.getKey().wireName()));
    return String.format(
        "%-20s %-9s items: %s%s",
        providerBatchId,
        tracked.batch().status().wireName(),
        String.join(", ", counts),
        tracked.batch().lastPolledAt() == null
            ? ""
            : "  (last polled " + tracked.batch().lastPolledAt() + ")");
  }

  private static void deleteQuietly(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      System.err.println("baton demo: could not remove " + directory + ": " + e.getMessage());
    }
  }
}
