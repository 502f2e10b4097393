package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar decides who may read batches from where it listens: on loopback without a token
 * reads are open; on every address with a read token (mounted as a file) they need it, and it never
 * allows a {@code POST}. The refusal to listen elsewhere without a token is in {@link
 * FailuresNameTheirCauseIT}.
 */
class BatchReadTokenIT {
  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String READ_TOKEN = "read-token-for-the-process-test-0123";
  private static final String ADMIN_TOKEN = "admin-token-for-the-process-test-4567";
  private static final String TRACK =
      "{\"provider\":\"openai\",\"providerBatchId\":\"batch_read\",\"items\":[{\"customId\":\"a\"}]}";

  @TempDir Path workDir;

  @Test
  void onLoopbackWithoutATokenBatchReadsAreOpen() throws Exception {
    try (BatonJar baton =
        BatonJar.start(
            workDir,
            "loopback",
            Map.of("BATON_DATABASE_URL", "jdbc:sqlite:" + workDir.resolve("loopback.db")))) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);

      assertThat(baton.status("/v1/batches")).as(baton::logTail).isEqualTo(200);
    }
  }

  @Test
  void onAllAddressesTheReadTokenFromAFileReadsBatchesAndNeverWrites() throws Exception {
    Path readToken = Files.writeString(workDir.resolve("read-token"), READ_TOKEN + "\n");
    Map<String, String> env =
        Map.of(
            "BATON_HTTP_HOST",
            "0.0.0.0",
            "BATON_DATABASE_URL",
            "jdbc:sqlite:" + workDir.resolve("tokens.db"),
            "BATON_READ_TOKEN_FILE",
            readToken.toString(),
            "BATON_ADMIN_TOKEN",
            ADMIN_TOKEN);
    try (BatonJar baton = BatonJar.start(workDir, "tokens", env)) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
      BatonJar.Answer tracked = baton.post("/v1/batches", TRACK, ADMIN_TOKEN);
      assertThat(tracked.status()).as(tracked.body().toString()).isEqualTo(201);
      String batch = "/v1/batches/" + tracked.body().get("id").asLong();

      for (String path : new String[] {"/v1/batches", batch, batch + "/items"}) {
        assertThat(baton.status(path)).as(path).isEqualTo(401);
        assertThat(baton.getJson(path, "wrong-" + READ_TOKEN).status()).as(path).isEqualTo(401);
        assertThat(baton.getJson(path, READ_TOKEN).status()).as(path).isEqualTo(200);
        assertThat(baton.getJson(path, ADMIN_TOKEN).status()).as(path).isEqualTo(200);
      }
      assertThat(baton.getJson(batch, READ_TOKEN).body().get("providerBatchId").asText())
          .isEqualTo("batch_read");
      assertThat(baton.post("/v1/jobs/poll_llm_batches/run", "", READ_TOKEN).status())
          .isEqualTo(403);
      for (String open : new String[] {"/healthz", "/readyz", "/metrics", "/v1/scheduler"}) {
        assertThat(baton.status(open)).as(open).isEqualTo(200);
      }
      assertThat(baton.stdout()).contains("BATON_READ_TOKEN=****").doesNotContain(READ_TOKEN);
    }
  }
}
