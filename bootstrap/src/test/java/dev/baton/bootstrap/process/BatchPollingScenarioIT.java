package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import dev.baton.simulator.SimulatedProvider;
import dev.baton.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch polling job end to end, on both backends: the packaged jar, its HTTP API, and a
 * provider simulated at the wire level.
 */
class BatchPollingScenarioIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();
  private static final String TOKEN = "scenario-admin-token";
  private static final String ANTHROPIC_KEY = "sk-ant-scenario";
  private static final Duration STARTUP = Duration.ofSeconds(90);

  @TempDir Path workDir;

  private static final String POLL = "/v1/jobs/poll_llm_batches/run";

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgres"})
  void aRunningBatchKeepsBeingPolledAndAnEndedOneIsStoredOnceAndNeverAskedAgain(String backend)
      throws Exception {
    try (SimulatedProvider provider =
        new SimulatedProvider(ANTHROPIC_KEY, "sk-openai-unused").start()) {
      provider.add(SimulatedBatch.anthropic("msgbatch_A").states("in_progress").items(1).build());
      provider.add(
          SimulatedBatch.anthropic("msgbatch_B")
              .states("ended")
              .items(2, i -> i == 0 ? SimulatedOutcome.SUCCEEDED : SimulatedOutcome.FAILED)
              .build());
      // Only the runs this test asks for, after the first one at startup.
      Map<String, String> environment =
          BatonJar.pollingWhenAsked(
              backend.equals("postgres")
                  ? postgres.jdbcUrl()
                  : "jdbc:sqlite:" + workDir.resolve("scenario.db"),
              TOKEN,
              ANTHROPIC_KEY,
              provider.anthropicBaseUrl());

      try (BatonJar baton = BatonJar.start(workDir, backend, environment)) {
        await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
        await()
            .atMost(STARTUP)
            .ignoreExceptions()
            .until(() -> BatonJar.present(baton.getJson("/v1/jobs").at("/jobs/0/lastRun")));
        long a = baton.track("anthropic", "msgbatch_A", List.of("request-0"), TOKEN);
        long b = baton.track("anthropic", "msgbatch_B", List.of("request-0", "request-1"), TOKEN);

        for (int run = 0; run < 2; run++) {
          assertThat(baton.post(POLL, "", TOKEN).status()).isEqualTo(200);
        }

        JsonNode batchA = baton.getJson("/v1/batches/" + a, TOKEN).body();
        assertThat(batchA.get("status").asText()).isEqualTo("running");
        assertThat(batchA.get("lastPolledAt").isNull()).isFalse();
        JsonNode itemsA = baton.getJson("/v1/batches/" + a + "/items", TOKEN).body().get("items");
        assertThat(itemsA)
            .singleElement()
            .satisfies(
                item -> {
                  assertThat(item.get("requestStatus").asText()).isEqualTo("created");
                  assertThat(item.get("result").isNull()).isTrue();
                });
        JsonNode batchB = baton.getJson("/v1/batches/" + b, TOKEN).body();
        assertThat(batchB.get("status").asText()).isEqualTo("completed");
        JsonNode itemsB = baton.getJson("/v1/batches/" + b + "/items", TOKEN).body().get("items");
        Map<String, String> statuses = new HashMap<>();
        itemsB.forEach(
            item ->
                statuses.put(item.get("customId").asText(), item.get("requestStatus").asText()));
        assertThat(statuses)
            .containsEntry("request-0", "completed")
            .containsEntry("request-1", "failed");
        itemsB.forEach(item -> assertThat(item.get("result").isNull()).isFalse());
        long askedAboutB = askedAbout(provider, "msgbatch_B");
        Instant aPolledAt = Instant.parse(batchA.get("lastPolledAt").asText());

        for (int run = 0; run < 3; run++) {
          assertThat(baton.post(POLL, "", TOKEN).status()).isEqualTo(200);
        }

        assertThat(
                Instant.parse(
                    baton.getJson("/v1/batches/" + a, TOKEN).body().get("lastPolledAt").asText()))
            .isAfter(aPolledAt);
        JsonNode batchBAfter = baton.getJson("/v1/batches/" + b, TOKEN).body();
        assertThat(batchBAfter.get("lastPolledAt")).isEqualTo(batchB.get("lastPolledAt"));
        assertThat(batchBAfter.get("latestPollResponse"))
            .isEqualTo(batchB.get("latestPollResponse"));
        assertThat(baton.getJson("/v1/batches/" + b + "/items", TOKEN).body().get("items"))
            .isEqualTo(itemsB);
        assertThat(askedAbout(provider, "msgbatch_B")).isEqualTo(askedAboutB);

        String metrics = baton.text("/metrics");
        assertThat(metrics)
            .containsPattern(
                "baton_provider_requests_total\\{code=\"200\",provider=\"anthropic\"} [1-9]")
            .containsPattern(
                "baton_batches_polled_total\\{provider=\"anthropic\",status=\"completed\"} 1\\.0")
            .containsPattern(
                "baton_batches_polled_total\\{provider=\"anthropic\",status=\"running\"} [1-9]")
            .containsPattern("baton_batch_items_updated_total 2\\.0")
            .contains("baton_poll_cycle_duration_seconds_count");
      }
    }
  }

  private static long askedAbout(SimulatedProvider provider, String providerBatchId) {
    return provider.requests().stream().filter(r -> r.path().contains(providerBatchId)).count();
  }
}
