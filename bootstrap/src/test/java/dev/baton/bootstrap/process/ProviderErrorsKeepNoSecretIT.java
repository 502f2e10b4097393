package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.baton.testsupport.postgres.TestPostgres;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that echoes in its error answers the key it was sent, Baton's other secrets and a
 * stranger's key: none of them reaches Baton's API, its database or its log, while the provider's
 * own words about the failure do.
 */
class ProviderErrorsKeepNoSecretIT {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final Duration STARTUP = Duration.ofSeconds(90);
  private static final String ANTHROPIC_KEY = "sk-ant-api03-Echo0Key1Sent2To3The4Provider5";
  private static final String ADMIN_TOKEN = "admin-token-echoed-by-a-provider-0123";
  private static final String READ_TOKEN = "read-token-echoed-by-a-provider-4567";
  private static final String STRANGER_KEY = "sk-ant-api03-Someone0Else1s2Key3In4The5Answer";
  private static final List<String> SECRETS =
      List.of(ANTHROPIC_KEY, ADMIN_TOKEN, READ_TOKEN, STRANGER_KEY);

  @TempDir Path workDir;

  @Test
  void anEchoedKeyReachesNeitherTheApiNorTheDatabaseNorTheLog() throws Exception {
    AtomicInteger answered = new AtomicInteger();
    HttpServer provider =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    provider.createContext(
        "/",
        exchange -> {
          String echo =
              "{\"error\": {\"type\": \"overloaded_error\", \"message\": \"overloaded; you sent"
                  + " x-api-key="
                  + exchange.getRequestHeaders().getFirst("x-api-key")
                  + ", admin="
                  + ADMIN_TOKEN
                  + ", read="
                  + READ_TOKEN
                  + ", cached="
                  + STRANGER_KEY
                  + "\"}}";
          byte[] body = echo.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("retry-after", "0");
          exchange.sendResponseHeaders(529, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
          answered.incrementAndGet();
        });
    provider.start();
    Map<String, String> env = new HashMap<>();
    env.put("BATON_DATABASE_URL", postgres.jdbcUrl());
    env.put("BATON_ADMIN_TOKEN", ADMIN_TOKEN);
    env.put("BATON_READ_TOKEN", READ_TOKEN);
    env.put("BATON_ANTHROPIC_API_KEY", ANTHROPIC_KEY);
    env.put("BATON_ANTHROPIC_BASE_URL", "http://127.0.0.1:" + provider.getAddress().getPort());
    env.put("BATON_POLL_RUNNING_LLM_BATCHES_INTERVAL_SECONDS", "86400");
    env.put("BATON_POLL_JITTER_SECONDS", "0");
    env.put("BATON_LOG_LEVEL", "DEBUG");
    try (BatonJar baton = BatonJar.start(workDir, "echo", env)) {
      await().atMost(STARTUP).until(() -> baton.status("/readyz") == 200);
      BatonJar.Answer tracked =
          baton.post(
              "/v1/batches",
              "{\"provider\":\"anthropic\",\"providerBatchId\":\"msgbatch_echo\","
                  + "\"items\":[{\"customId\":\"a\"}]}",
              ADMIN_TOKEN);
      assertThat(tracked.status()).as(tracked.body().toString()).isEqualTo(201);
      String batch = "/v1/batches/" + tracked.body().get("id").asLong();

      BatonJar.Answer run = baton.post("/v1/jobs/poll_llm_batches/run", "", ADMIN_TOKEN);
      assertThat(run.status()).as(run.body().toString()).isEqualTo(200);

      assertThat(answered.get()).as("every attempt asked the provider").isGreaterThan(1);
      JsonNode polled = baton.getJson(batch, READ_TOKEN).body();
      assertThat(polled.get("pollError").asText())
          .as("the provider's words stay, the secrets go")
          .contains("HTTP 529", "overloaded_error: overloaded; you sent x-api-key=****")
          .contains("admin=****", "read=****", "cached=****");
      List<String> answers = new ArrayList<>();
      answers.add(polled.toString());
      answers.add(baton.getJson("/v1/batches", READ_TOKEN).body().toString());
      answers.add(baton.getJson(batch + "/items", READ_TOKEN).body().toString());
      answers.add(baton.getJson("/v1/jobs").toString());
      answers.add(run.body().toString());
      for (String answer : answers) {
        assertThat(answer).doesNotContain(SECRETS);
      }
      for (String row : everyBatonRow()) {
        assertThat(row).doesNotContain(SECRETS);
      }
      String log = baton.stdout() + baton.stderr();
      assertThat(log)
          .as("the retries and the failed poll are logged")
          .contains("attempt 2 of", "x-api-key=****");
      assertThat(log).doesNotContain(SECRETS);
    } finally {
      provider.stop(0);
    }
  }

  /** Every row of every table in Baton's schema, as text. */
  private static List<String> everyBatonRow() throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet found =
          statement.executeQuery(
              "select table_name from information_schema.tables where table_schema = 'baton'")) {
        while (found.next()) {
          tables.add(found.getString(1));
        }
      }
      assertThat(tables).contains("baton_llm_batch", "baton_job_run");
      for (String table : tables) {
        try (ResultSet all = statement.executeQuery("select t::text from baton." + table + " t")) {
          while (all.next()) {
            rows.add(all.getString(1));
          }
        }
      }
    }
    assertThat(rows).anyMatch(row -> row.contains("x-api-key=****"));
    return rows;
  }
}
