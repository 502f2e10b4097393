package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedProvider;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The polling of LLM batches as a job of the library, against a simulated provider. */
class LlmBatchesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path directory;

  @Test
  void aTrackedBatchIsPolledUntilItEndsAndTheListenerHearsOfItOnceItsResultsAreStored()
      throws Exception {
    List<CompletedBatch> completed = new CopyOnWriteArrayList<>();
    Path file = directory.resolve("app.db");
    try (SimulatedProvider provider =
            new SimulatedProvider("a-key", "o-key")
                .add(SimulatedBatch.anthropic("msgbatch_1").endsAfterPolls(2).items(3).build())
                .add(SimulatedBatch.openAi("batch_1").endsAfterPolls(1).items(2).build())
                .start();
        Baton baton =
            Baton.builder()
                .sqlite(file)
                .llmBatches(
                    LlmBatches.polling()
                        .anthropic("a-key", URI.create(provider.anthropicBaseUrl()))
                        .openAi("o-key", URI.create(provider.openAiBaseUrl()))
                        .every(Duration.ofMillis(200))
                        .jitter(Duration.ZERO))
                .onBatchCompleted(completed::add)
                .start()) {
      long anthropic = baton.trackBatch("anthropic", "msgbatch_1", customIds(3));
      long openAi = baton.trackBatch("openai", "batch_1", customIds(2));
      assertThatThrownBy(() -> baton.trackBatch("anthropic", "msgbatch_1", customIds(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tracked already");

      await().atMost(WAIT).until(() -> completed.size() == 2);

      assertThat(completed)
          .containsExactlyInAnyOrder(
              new CompletedBatch(anthropic, "anthropic", "msgbatch_1", "completed", 3),
              new CompletedBatch(openAi, "openai", "batch_1", "completed", 2));
    }
    assertThat(count(file, "baton_llm_batch_item")).isEqualTo(5);
  }

  @Test
  void batchesNeedThePollingAndValidIds() throws Exception {
    try (Baton baton =
        Baton.builder()
            .sqlite(directory.resolve("app.db"))
            .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
            .start()) {
      assertThatThrownBy(() -> baton.trackBatch("anthropic", "msgbatch_1", customIds(1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("llmBatches");
    }
    try (Baton baton =
        Baton.builder()
            .sqlite(directory.resolve("other.db"))
            .llmBatches(LlmBatches.polling())
            .start()) {
      assertThatThrownBy(() -> baton.trackBatch("mistral", "x", customIds(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("anthropic");
      assertThatThrownBy(() -> baton.trackBatch("openai", "", customIds(1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> baton.trackBatch("openai", "batch_2", List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one item");
    }
    assertThatThrownBy(
            () ->
                Baton.builder()
                    .sqlite(directory.resolve("x.db"))
                    .job("noop", Schedule.every(Duration.ofMinutes(1)), run -> {})
                    .onBatchCompleted(batch -> {})
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs llmBatches");
    assertThatThrownBy(() -> LlmBatches.polling().every(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(LlmBatches.polling().anthropic("sk-ant-secret").toString()).doesNotContain("secret");
  }

  private static List<String> customIds(int count) {
    return IntStream.range(0, count).mapToObj(SimulatedBatch::customId).toList();
  }

  private static long count(Path file, String table) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
