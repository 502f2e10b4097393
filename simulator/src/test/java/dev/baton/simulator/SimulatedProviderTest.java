package dev.baton.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated provider seen with a plain HTTP client, as any client would see it. */
class SimulatedProviderTest {
  private static final String ANTHROPIC_KEY = "sk-ant-sim";
  private static final String OPENAI_KEY = "sk-openai-sim";
  private static final Map<String, String> ANTHROPIC_HEADERS =
      Map.of("x-api-key", ANTHROPIC_KEY, "anthropic-version", "2023-06-01");
  private static final Map<String, String> OPENAI_HEADERS =
      Map.of("Authorization", "Bearer " + OPENAI_KEY);

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private SimulatedProvider simulator;

  @BeforeEach
  void start() {
    simulator = new SimulatedProvider(ANTHROPIC_KEY, OPENAI_KEY).start();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void refusesAWrongAnthropicKeyInAnthropicsErrorFormat() throws Exception {
    simulator.add(SimulatedBatch.anthropic("msgbatch_1").build());

    HttpResponse<String> response =
        get(
            "/v1/messages/batches/msgbatch_1",
            Map.of("x-api-key", "wrong", "anthropic-version", "2023-06-01"));

    assertThat(response.statusCode()).isEqualTo(401);
    JsonNode body = json.readTree(response.body());
    assertThat(body.path("type").asText()).isEqualTo("error");
    assertThat(body.path("error").path("type").asText()).isEqualTo("authentication_error");
  }

  @Test
  void requiresTheAnthropicVersionHeader() throws Exception {
    simulator.add(SimulatedBatch.anthropic("msgbatch_1").build());

    HttpResponse<String> response =
        get("/v1/messages/batches/msgbatch_1", Map.of("x-api-key", ANTHROPIC_KEY));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json.readTree(response.body()).path("error").path("type").asText())
        .isEqualTo("invalid_request_error");
  }

  @Test
  void refusesAWrongOpenAiKeyInOpenAisErrorFormat() throws Exception {
    simulator.add(SimulatedBatch.openAi("batch_1").build());

    HttpResponse<String> response =
        get("/v1/batches/batch_1", Map.of("Authorization", "Bearer wrong"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).path("error").path("code").asText())
        .isEqualTo("invalid_api_key");
  }

  @Test
  void aFaultDoesNotCountAsAPoll() throws Exception {
    SimulatedBatch batch = SimulatedBatch.anthropic("msgbatch_1").endsAfterPolls(1).build();
    simulator.add(batch);
    simulator.inject(SimulatedFault.rateLimited(Duration.ofSeconds(3)));

    HttpResponse<String> limited = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);
    HttpResponse<String> first = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);
    HttpResponse<String> second = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).contains("3");
    assertThat(json.readTree(first.body()).path("processing_status").asText())
        .isEqualTo("in_progress");
    assertThat(json.readTree(second.body()).path("processing_status").asText()).isEqualTo("ended");
    assertThat(batch.polls()).isEqualTo(2);
  }

  @Test
  void writesEachRequestsLineToTheOpenAiFileItBelongsIn() throws Exception {
    simulator.add(
        SimulatedBatch.openAi("batch_1")
            .states("completed")
            .items(
                6, index -> index % 3 == 0 ? SimulatedOutcome.FAILED : SimulatedOutcome.SUCCEEDED)
            .build());

    String output = get("/v1/files/file-out-batch_1/content", OPENAI_HEADERS).body();
    String errors = get("/v1/files/file-err-batch_1/content", OPENAI_HEADERS).body();

    assertThat(output.lines()).hasSize(4).allMatch(line -> line.contains("\"status_code\":200"));
    assertThat(errors.lines()).hasSize(2).allMatch(line -> line.contains("\"status_code\":400"));
    assertThat(get("/v1/files/file-nope/content", OPENAI_HEADERS).statusCode()).isEqualTo(404);
  }

  @Test
  void answersAnUnknownBatchWithNotFound() throws Exception {
    assertThat(get("/v1/messages/batches/msgbatch_none", ANTHROPIC_HEADERS).statusCode())
        .isEqualTo(404);
    assertThat(get("/v1/batches/batch_none", OPENAI_HEADERS).statusCode()).isEqualTo(404);
  }

  @Test
  void aFixedLatencyDelaysEveryAnswerOfBothFormats() throws Exception {
    Duration latency = Duration.ofMillis(150);
    simulator.latency(latency);
    simulator.add(SimulatedBatch.anthropic("msgbatch_1").build());
    simulator.add(SimulatedBatch.openAi("batch_1").build());

    // Only a lower bound: sleeping guarantees at least the latency, never at most.
    for (int poll = 0; poll < 2; poll++) {
      assertThat(timed(() -> get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS)))
          .isGreaterThanOrEqualTo(latency);
      assertThat(timed(() -> get("/v1/batches/batch_1", OPENAI_HEADERS)))
          .isGreaterThanOrEqualTo(latency);
    }
    assertThat(timed(() -> get("/v1/batches/batch_none", OPENAI_HEADERS)))
        .isGreaterThanOrEqualTo(latency);
    assertThat(simulator.requests()).hasSize(5);
  }

  @Test
  void aRequestsPerMinuteLimitStatesTheBudgetInEachProvidersHeadersAndRefusesBeyondIt()
      throws Exception {
    simulator.requestsPerMinute(2);
    simulator.add(SimulatedBatch.anthropic("msgbatch_1").build());
    simulator.add(SimulatedBatch.openAi("batch_1").build());

    HttpResponse<String> first = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);
    HttpResponse<String> second = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);
    HttpResponse<String> refused = get("/v1/messages/batches/msgbatch_1", ANTHROPIC_HEADERS);

    assertThat(List.of(first, second, refused))
        .extracting(HttpResponse::statusCode)
        .containsExactly(200, 200, 429);
    assertThat(first.headers().firstValue("anthropic-ratelimit-requests-limit")).contains("2");
    assertThat(first.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("1");
    assertThat(second.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("0");
    Instant answeredAt =
        ZonedDateTime.parse(
                refused.headers().firstValue("date").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME)
            .toInstant();
    Instant reset =
        Instant.parse(refused.headers().firstValue("anthropic-ratelimit-requests-reset").get());
    // two requests taken, one refilled every 30 s: full again in about a minute
    assertThat(Duration.between(answeredAt, reset))
        .isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    assertThat(refused.headers().allValues("date")).hasSize(1);
    assertThat(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow()))
        .isBetween(1L, 30L);
    assertThat(json.readTree(refused.body()).path("error").path("type").asText())
        .isEqualTo("rate_limit_error");

    get("/v1/batches/batch_1", OPENAI_HEADERS);
    get("/v1/batches/batch_1", OPENAI_HEADERS);
    HttpResponse<String> openAiRefused = get("/v1/batches/batch_1", OPENAI_HEADERS);

    assertThat(openAiRefused.statusCode()).isEqualTo(429);
    assertThat(openAiRefused.headers().firstValue("x-ratelimit-limit-requests")).contains("2");
    assertThat(openAiRefused.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
    assertThat(openAiRefused.headers().firstValue("x-ratelimit-reset-requests").orElseThrow())
        .matches("(1m0s|5\\d(\\.\\d+)?s)");
    assertThat(simulator.rateLimitedAnswers()).isEqualTo(2);
    assertThat(simulator.requestCount()).isEqualTo(6);
  }

  @Test
  void writesDurationsAsGoDoes() {
    assertThat(SimulatedProvider.goDuration(Duration.ofMillis(20))).isEqualTo("20ms");
    assertThat(SimulatedProvider.goDuration(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(SimulatedProvider.goDuration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(SimulatedProvider.goDuration(Duration.ofMinutes(6))).isEqualTo("6m0s");
  }

  @Test
  void refusesANegativeLatency() {
    assertThatThrownBy(() -> simulator.latency(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @FunctionalInterface
  private interface Call {
    HttpResponse<String> send() throws IOException, InterruptedException;
  }

  private static Duration timed(Call call) throws IOException, InterruptedException {
    long start = System.nanoTime();
    HttpResponse<String> response = call.send();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(response.statusCode()).isIn(200, 404);
    return took;
  }

  private HttpResponse<String> get(String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path))
            .timeout(Duration.ofSeconds(5));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
