package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.application.InvalidRequestException;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /v1/batches}: what is tracked, and every way a body is refused before it is. */
class TrackBatchEndpointTest {
  static final List<String> BATCH_FIELDS =
      List.of(
          "id",
          "provider",
          "providerBatchId",
          "status",
          "createdAt",
          "lastPolledAt",
          "latestPollResponse",
          "pollError",
          "completedAt",
          "lastWokenAt",
          "itemCounts");
  static final List<String> STATUSES =
      List.of("created", "pending", "running", "completed", "failed", "cancelled", "expired");

  private static final String VALID =
      "{\"provider\": \"anthropic\", \"providerBatchId\": \"msgbatch_01\","
          + " \"items\": [{\"customId\": \"a\"}, {\"customId\": \"b\"}]}";

  @RegisterExtension final RunningServer server = RunningServer.withReadToken();

  @Test
  void aTrackedBatchIs201WithTheBatchAndItsLocation() {
    RunningServer.Reply reply = server.postJson("/v1/batches", VALID);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.contentType()).startsWith("application/json");
    assertThat(reply.header("Location")).isEqualTo("/v1/batches/1");
    JsonNode batch = reply.jsonBody();
    assertThat(fieldNames(batch)).containsExactlyElementsOf(BATCH_FIELDS);
    assertThat(batch.get("id").longValue()).isEqualTo(1);
    assertThat(batch.get("provider").textValue()).isEqualTo("anthropic");
    assertThat(batch.get("providerBatchId").textValue()).isEqualTo("msgbatch_01");
    assertThat(batch.get("status").textValue()).isEqualTo("created");
    assertThat(batch.get("createdAt").textValue()).isEqualTo("2026-11-27T00:41:08.120Z");
    assertThat(batch.get("lastPolledAt").isNull()).isTrue();
    assertThat(batch.get("latestPollResponse").isNull()).isTrue();
    assertThat(batch.get("pollError").isNull()).isTrue();
    assertThat(batch.get("completedAt").isNull()).isTrue();
    assertThat(fieldNames(batch.get("itemCounts"))).containsExactlyElementsOf(STATUSES);
    assertThat(batch.get("itemCounts").get("created").longValue()).isEqualTo(2);
    assertThat(batch.get("itemCounts").get("completed").longValue()).isZero();

    assertThat(server.batches.trackCalls())
        .containsExactly(new NewBatch(LlmProvider.ANTHROPIC, "msgbatch_01", List.of("a", "b")));
  }

  @Test
  void theAnswerToAPostIsWhatItsLocationAnswers() {
    RunningServer.Reply posted =
        server.postJson(
            "/v1/batches",
            "{\"provider\": \"openai\", \"providerBatchId\": \"batch_abc\","
                + " \"items\": [{\"customId\": \"request-1\"}]}");

    RunningServer.Reply fetched = server.read(posted.header("Location"));

    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.jsonBody()).isEqualTo(posted.jsonBody());
    assertThat(fetched.jsonBody().get("provider").textValue()).isEqualTo("openai");
  }

  @Test
  void aBatchTrackedAlreadyIsA409ProblemNamingIt() {
    server.postJson("/v1/batches", VALID);

    RunningServer.Reply reply = server.postJson("/v1/batches", VALID);

    JsonNode problem = reply.plainProblem(409, "Conflict");
    assertThat(problem.get("detail").textValue()).contains("anthropic", "msgbatch_01");
  }

  @Test
  void theSameProviderBatchIdAtAnotherProviderIsAnotherBatch() {
    server.postJson("/v1/batches", VALID);

    RunningServer.Reply reply =
        server.postJson("/v1/batches", VALID.replace("anthropic", "openai"));

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("Location")).isEqualTo("/v1/batches/2");
  }

  @Test
  void aBatchOfOneHundredThousandItemsIsTracked() {
    String body = bodyWithItems(100_000);
    assertThat(body.length()).isGreaterThan(3_000_000);

    RunningServer.Reply reply = server.postJson("/v1/batches", body);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.jsonBody().get("itemCounts").get("created").longValue()).isEqualTo(100_000);
    List<String> customIds = server.batches.trackCalls().get(0).customIds();
    assertThat(customIds).hasSize(100_000);
    assertThat(customIds.get(99_999)).isEqualTo("request-0000099999");
  }

  @Test
  void aBatchOfMoreThanOneHundredThousandItemsIsRefusedNamingItems() {
    RunningServer.Reply reply = server.postJson("/v1/batches", bodyWithItems(100_001));

    assertInvalid(reply, "items");
    assertThat(reply.jsonBody().get("detail").textValue()).contains("100000", "100001");
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @Test
  void aChunkedBodyOverSixteenMegabytesIsA413AndTracksNothing() {
    byte[] oversized = new byte[(int) BatonHttpServer.MAX_REQUEST_BYTES + 1];
    Arrays.fill(oversized, (byte) ' ');

    RunningServer.Reply reply =
        server.post(
            "/v1/batches",
            "application/json",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized)));

    reply.problem(413);
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = "Bearer not-the-admin-token")
  void aPostWithoutTheAdminTokenIs401AndTracksNothing(String authorization) {
    HttpRequest.Builder request =
        server
            .request("/v1/batches")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(VALID));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }

    server.send(request).problem(401);
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @Test
  void theUseCasesRefusalIsA400NamingItsField() {
    server.batches.failTracking(
        new InvalidRequestException("items[0].customId", "not accepted by anthropic"));

    RunningServer.Reply reply = server.postJson("/v1/batches", VALID);

    assertInvalid(reply, "items[0].customId");
    assertThat(reply.jsonBody().get("detail").textValue()).contains("not accepted by anthropic");
  }

  static Stream<Arguments> invalidBodies() {
    String items = "\"items\": [{\"customId\": \"a\"}]";
    return Stream.of(
        Arguments.of(
            "a provider outside the enumeration",
            batch("\"mistral\"", "\"b1\"", items),
            "provider"),
        Arguments.of("a provider in capitals", batch("\"Anthropic\"", "\"b1\"", items), "provider"),
        Arguments.of("a provider that is a number", batch("3", "\"b1\"", items), "provider"),
        Arguments.of("a null provider", batch("null", "\"b1\"", items), "provider"),
        Arguments.of("no provider", "{\"providerBatchId\": \"b1\", " + items + "}", "provider"),
        Arguments.of(
            "an empty provider batch id", batch("\"openai\"", "\"\"", items), "providerBatchId"),
        Arguments.of(
            "a blank provider batch id",
            batch("\"openai\"", "\"  \\t\"", items),
            "providerBatchId"),
        Arguments.of(
            "a provider batch id that is a number",
            batch("\"openai\"", "42", items),
            "providerBatchId"),
        Arguments.of(
            "a provider batch id that is an object",
            batch("\"openai\"", "{}", items),
            "providerBatchId"),
        Arguments.of(
            "a provider batch id with a NUL",
            batch("\"openai\"", "\"b\\u00001\"", items),
            "providerBatchId"),
        Arguments.of(
            "a provider batch id over 512 characters",
            batch("\"openai\"", "\"" + "x".repeat(513) + "\"", items),
            "providerBatchId"),
        Arguments.of(
            "no provider batch id", "{\"provider\": \"openai\", " + items + "}", "providerBatchId"),
        Arguments.of(
            "no items", "{\"provider\": \"openai\", \"providerBatchId\": \"b1\"}", "items"),
        Arguments.of("no item at all", batch("\"openai\"", "\"b1\"", "\"items\": []"), "items"),
        Arguments.of(
            "items that are an object", batch("\"openai\"", "\"b1\"", "\"items\": {}"), "items"),
        Arguments.of("null items", batch("\"openai\"", "\"b1\"", "\"items\": null"), "items"),
        Arguments.of(
            "an item that is a string",
            batch("\"openai\"", "\"b1\"", "\"items\": [{\"customId\": \"a\"}, \"b\"]"),
            "items[1]"),
        Arguments.of(
            "an item without a custom id",
            batch("\"openai\"", "\"b1\"", "\"items\": [{\"customId\": \"a\"}, {}]"),
            "items[1].customId"),
        Arguments.of(
            "a custom id that is a number",
            batch("\"openai\"", "\"b1\"", "\"items\": [{\"customId\": 7}]"),
            "items[0].customId"),
        Arguments.of(
            "an empty custom id",
            batch(
                "\"openai\"",
                "\"b1\"",
                "\"items\": [{\"customId\": \"a\"}, {\"customId\": \"b\"}, {\"customId\": \"c\"},"
                    + " {\"customId\": \"\"}]"),
            "items[3].customId"),
        Arguments.of(
            "a blank custom id",
            batch("\"openai\"", "\"b1\"", "\"items\": [{\"customId\": \" \"}]"),
            "items[0].customId"),
        Arguments.of(
            "a custom id given twice",
            batch(
                "\"openai\"",
                "\"b1\"",
                "\"items\": [{\"customId\": \"a\"}, {\"customId\": \"b\"}, {\"customId\": \"a\"}]"),
            "items[2].customId"),
        Arguments.of(
            "an unknown field in the batch",
            "{\"provider\": \"openai\", \"providerBatchId\": \"b1\", "
                + items
                + ", \"model\": \"x\"}",
            "model"),
        Arguments.of(
            "an unknown field in an item",
            batch("\"openai\"", "\"b1\"", "\"items\": [{\"customId\": \"a\", \"body\": {}}]"),
            "items[0].body"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidBodies")
  void aBodyThatIsNotABatchIsA400NamingTheFieldAndTracksNothing(
      String what, String body, String field) {
    RunningServer.Reply reply = server.postJson("/v1/batches", body);

    assertInvalid(reply, field);
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  static Stream<Arguments> bodiesThatAreNotOneJsonObject() {
    return Stream.of(
        Arguments.of("an empty body", ""),
        Arguments.of("text that is not JSON", "provider=openai"),
        Arguments.of("JSON cut short", "{\"provider\": \"openai\", \"providerBatchId\": "),
        Arguments.of("an array", "[" + VALID + "]"),
        Arguments.of("a string", "\"openai\""),
        Arguments.of("null", "null"),
        Arguments.of("two objects", VALID + " " + VALID),
        Arguments.of("nesting deeper than any batch", "[".repeat(5000) + "]".repeat(5000)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodiesThatAreNotOneJsonObject")
  void aBodyThatIsNotOneJsonObjectIsA400AndTracksNothing(String what, String body) {
    RunningServer.Reply reply = server.postJson("/v1/batches", body);

    JsonNode problem = reply.problem(400);
    assertThat(fieldNames(problem)).containsExactly("type", "title", "status", "detail", "field");
    assertThat(problem.get("type").textValue())
        .isEqualTo("https://baton.dev/problems/invalid-request");
    assertThat(problem.get("field").isNull()).isTrue();
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @Test
  void theDetailOfMalformedJsonSaysWhereWithoutQuotingTheBody() {
    RunningServer.Reply reply =
        server.postJson("/v1/batches", "{\"provider\": \"secret-looking-value\" \"x\"}");

    String detail = reply.jsonBody().get("detail").textValue();
    assertThat(detail).contains("line 1, column");
    assertThat(detail).doesNotContain("secret-looking-value");
  }

  @Test
  void anEchoedUnknownValueIsCutShort() {
    String longProvider = "m".repeat(10_000);

    RunningServer.Reply reply =
        server.postJson(
            "/v1/batches",
            batch("\"" + longProvider + "\"", "\"b1\"", "\"items\": [{\"customId\": \"a\"}]"));

    assertInvalid(reply, "provider");
    assertThat(reply.body().length()).isLessThan(1000);
  }

  @Test
  void aFieldGivenTwiceIsRefusedRatherThanOneOfThemChosen() {
    RunningServer.Reply reply =
        server.postJson(
            "/v1/batches",
            "{\"provider\": \"openai\", \"provider\": \"anthropic\", \"providerBatchId\": \"b1\","
                + " \"items\": [{\"customId\": \"a\"}]}");

    assertInvalid(reply, "provider");
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @Test
  void aFieldGivenTwiceInAnItemIsNamedByItsPath() {
    RunningServer.Reply reply =
        server.postJson(
            "/v1/batches",
            "{\"provider\": \"openai\", \"providerBatchId\": \"b1\", \"items\": [{\"customId\": \"a\"},"
                + " {\"customId\": \"b\", \"customId\": \"c\"}]}");

    assertInvalid(reply, "items[1].customId");
    assertThat(server.batches.trackCalls()).isEmpty();
  }

  @Test
  void theDetailOfABodyTooDeepNamesNoneOfTheParsersInternals() {
    RunningServer.Reply reply = server.postJson("/v1/batches", "[".repeat(5000) + "]".repeat(5000));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.jsonBody().get("detail").textValue())
        .doesNotContain("StreamReadConstraints", "Jackson", "`", "Source");
  }

  /** An invalid-request problem naming {@code field} at the start of its detail. */
  static void assertInvalid(RunningServer.Reply reply, String field) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    JsonNode problem = reply.jsonBody();
    assertThat(fieldNames(problem)).containsExactly("type", "title", "status", "detail", "field");
    assertThat(problem.get("type").textValue())
        .isEqualTo("https://baton.dev/problems/invalid-request");
    assertThat(problem.get("title").textValue()).isEqualTo("Invalid request");
    assertThat(problem.get("status").intValue()).isEqualTo(400);
    assertThat(problem.get("field").textValue()).isEqualTo(field);
    assertThat(problem.get("detail").textValue()).startsWith(field + ": ");
  }

  private static String batch(String provider, String providerBatchId, String items) {
    return "{\"provider\": "
        + provider
        + ", \"providerBatchId\": "
        + providerBatchId
        + ", "
        + items
        + "}";
  }

  private static String bodyWithItems(int count) {
    return "{\"provider\": \"openai\", \"providerBatchId\": \"batch_big\", \"items\": ["
        + IntStream.range(0, count)
            .mapToObj(i -> String.format("{\"customId\": \"request-%010d\"}", i))
            .collect(Collectors.joining(", "))
        + "]}";
  }
}
