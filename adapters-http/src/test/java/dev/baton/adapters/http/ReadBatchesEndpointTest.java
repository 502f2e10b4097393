package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.fieldNames;
import static dev.baton.adapters.http.TrackBatchEndpointTest.BATCH_FIELDS;
import static dev.baton.adapters.http.TrackBatchEndpointTest.STATUSES;
import static dev.baton.adapters.http.TrackBatchEndpointTest.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchItem;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /v1/batches}, {@code GET /v1/batches/{id}} and {@code GET /v1/batches/{id}/items}. */
class ReadBatchesEndpointTest {
  private static final String POLL_RESPONSE =
      "{\"id\": \"msgbatch_01\", \"processing_status\": \"ended\","
          + " \"request_counts\": {\"succeeded\": 1, \"errored\": 1}, \"cost\": 0.10000000000000001}";
  private static final String RESULT =
      "{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{\"content\":[]}}}";

  private static final LlmBatchJob COMPLETED =
      new LlmBatchJob(
          7,
          LlmProvider.ANTHROPIC,
          "msgbatch_01",
          BatchStatus.COMPLETED,
          Instant.parse("2026-11-27T00:40:00Z"),
          Instant.parse("2026-11-27T00:41:08.120Z"),
          POLL_RESPONSE,
          null,
          Instant.parse("2026-11-27T00:41:08.5Z"));
  private static final LlmBatchJob RUNNING =
      new LlmBatchJob(
          8,
          LlmProvider.OPENAI,
          "batch_abc",
          BatchStatus.RUNNING,
          Instant.parse("2026-11-27T00:40:01.001Z"),
          Instant.parse("2026-11-27T00:41:09Z"),
          null,
          "provider answered 529",
          null,
          Instant.parse("2026-11-27T00:41:08.9Z"));

  @RegisterExtension final RunningServer server = RunningServer.withReadToken();

  @Test
  void aBatchHasEveryFieldWithItsPollResponseAsJsonAndACountForEveryStatus() {
    server.batches.add(
        COMPLETED,
        List.of(
            item(1, 7, "a", BatchStatus.COMPLETED, RESULT),
            item(2, 7, "b", BatchStatus.FAILED, "{\"custom_id\":\"b\"}")));

    RunningServer.Reply reply = server.read("/v1/batches/7");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode batch = reply.jsonBody();
    assertThat(fieldNames(batch)).containsExactlyElementsOf(BATCH_FIELDS);
    assertThat(batch.get("id").longValue()).isEqualTo(7);
    assertThat(batch.get("provider").textValue()).isEqualTo("anthropic");
    assertThat(batch.get("providerBatchId").textValue()).isEqualTo("msgbatch_01");
    assertThat(batch.get("status").textValue()).isEqualTo("completed");
    assertThat(batch.get("createdAt").textValue()).isEqualTo("2026-11-27T00:40:00.000Z");
    assertThat(batch.get("lastPolledAt").textValue()).isEqualTo("2026-11-27T00:41:08.120Z");
    assertThat(batch.get("completedAt").textValue()).isEqualTo("2026-11-27T00:41:08.500Z");
    assertThat(batch.get("pollError").isNull()).isTrue();
    JsonNode pollResponse = batch.get("latestPollResponse");
    assertThat(pollResponse.isObject()).isTrue();
    assertThat(pollResponse).isEqualTo(server.json(POLL_RESPONSE));
    assertThat(batch.get("itemCounts").toString())
        .isEqualTo(
            "{\"created\":0,\"pending\":0,\"running\":0,\"completed\":1,\"failed\":1,"
                + "\"cancelled\":0,\"expired\":0}");
  }

  @Test
  void aPollResponseReachesTheClientAsTheProviderWroteIt() {
    server.batches.add(COMPLETED, List.of());

    String body = server.read("/v1/batches/7").body();

    // A number is not rounded through a double on its way.
    assertThat(body).contains("0.10000000000000001");
  }

  @Test
  void aStoredPollResponseThatIsNotJsonIsAStringRatherThanABrokenAnswer() {
    server.batches.add(
        new LlmBatchJob(
            9,
            LlmProvider.OPENAI,
            "batch_x",
            BatchStatus.RUNNING,
            Instant.parse("2026-11-27T00:40:00Z"),
            null,
            "{\"cut\": ",
            null,
            null),
        List.of());

    RunningServer.Reply reply = server.read("/v1/batches/9");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.jsonBody().get("latestPollResponse").textValue()).isEqualTo("{\"cut\": ");
  }

  @Test
  void aBatchWithAFailedPollHasItsErrorAndNoPollResponse() {
    server.batches.add(RUNNING, List.of(item(1, 8, "a", BatchStatus.CREATED, null)));

    JsonNode batch = server.read("/v1/batches/8").jsonBody();

    assertThat(batch.get("provider").textValue()).isEqualTo("openai");
    assertThat(batch.get("status").textValue()).isEqualTo("running");
    assertThat(batch.get("pollError").textValue()).isEqualTo("provider answered 529");
    assertThat(batch.get("latestPollResponse").isNull()).isTrue();
    assertThat(batch.get("completedAt").isNull()).isTrue();
    assertThat(batch.get("lastWokenAt").textValue()).isEqualTo("2026-11-27T00:41:08.900Z");
    assertThat(fieldNames(batch.get("itemCounts"))).containsExactlyElementsOf(STATUSES);
    assertThat(batch.get("itemCounts").get("created").longValue()).isEqualTo(1);
  }

  @Test
  void anUnknownBatchIsA404Problem() {
    RunningServer.Reply reply = server.read("/v1/batches/404");

    reply.problem(404);
    assertThat(reply.jsonBody().get("detail").textValue()).contains("404");
  }

  @ParameterizedTest
  @CsvSource({"abc", "-1", "+1", "1.5", "99999999999999999999", "9223372036854775808"})
  void aBatchIdThatIsNotANumberIsA400NamingId(String id) {
    assertInvalid(server.read("/v1/batches/" + id), "id");
    assertInvalid(server.read("/v1/batches/" + id + "/items"), "id");
  }

  @Test
  void theListHasEveryBatchInTheEnvelopeAndTheFieldsOfABatchButItsCounts() {
    server.batches.add(COMPLETED, List.of());
    server.batches.add(RUNNING, List.of());

    RunningServer.Reply reply = server.read("/v1/batches");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactly("batches", "nextCursor");
    assertThat(body.get("nextCursor").isNull()).isTrue();
    assertThat(body.get("batches")).hasSize(2);
    JsonNode first = body.get("batches").get(0);
    assertThat(fieldNames(first))
        .containsExactlyElementsOf(BATCH_FIELDS.subList(0, BATCH_FIELDS.size() - 1));
    assertThat(first.get("id").longValue()).isEqualTo(7);
    assertThat(first.get("latestPollResponse")).isEqualTo(server.json(POLL_RESPONSE));
    assertThat(body.get("batches").get(1).get("id").longValue()).isEqualTo(8);
    assertThat(server.batches.pageCalls())
        .containsExactly(
            new FakeBatchTrackingUseCase.PageCall(
                "batches", Optional.empty(), 100, Optional.empty()));
  }

  @Test
  void anEmptyListStillHasTheEnvelope() {
    assertThat(server.read("/v1/batches").body()).isEqualTo("{\"batches\":[],\"nextCursor\":null}");
  }

  @Test
  void theListPagesWithTheCursorItHandsOut() {
    for (long id = 1; id <= 5; id++) {
      server.batches.add(batch(id, BatchStatus.RUNNING), List.of());
    }

    List<Long> seen = new ArrayList<>();
    String path = "/v1/batches?limit=2";
    int pages = 0;
    while (path != null) {
      JsonNode body = server.read(path).jsonBody();
      body.get("batches").forEach(batch -> seen.add(batch.get("id").longValue()));
      pages++;
      JsonNode next = body.get("nextCursor");
      path = next.isNull() ? null : "/v1/batches?limit=2&after=" + next.textValue();
    }

    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void theListIsFilteredByALowercaseStatus() {
    server.batches.add(COMPLETED, List.of());
    server.batches.add(RUNNING, List.of());

    JsonNode batches = server.read("/v1/batches?status=running").jsonBody().get("batches");

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).get("id").longValue()).isEqualTo(8);
  }

  @Test
  void everyStatusIsAFilter() {
    for (String status : STATUSES) {
      assertThat(server.read("/v1/batches?status=" + status).status()).isEqualTo(200);
    }
    assertThat(server.batches.pageCalls())
        .extracting(call -> call.status().orElseThrow().wireName())
        .containsExactlyElementsOf(STATUSES);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "status=RUNNING|status",
        "status=done|status",
        "status=|status",
        "status=running&status=failed|status",
        "limit=0|limit",
        "limit=1001|limit",
        "limit=-5|limit",
        "limit=ten|limit",
        "limit=2.5|limit",
        "limit=99999999999|limit",
        "limit=|limit",
        "after=|after",
        "after=not-a-cursor|after",
        "stauts=running|stauts",
        "offset=10|offset"
      })
  void aBadQueryParameterIsA400NamingIt(String query, String parameter) {
    RunningServer.Reply reply = server.read("/v1/batches?" + query);

    assertInvalid(reply, parameter);
  }

  @Test
  void countsNameEveryStatusInOrderWithZeroForNone() {
    server.batches.add(COMPLETED, List.of());
    server.batches.add(RUNNING, List.of());
    server.batches.add(batch(9, BatchStatus.RUNNING), List.of());

    RunningServer.Reply reply = server.read("/v1/batches/counts");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body())
        .isEqualTo(
            "{\"counts\":{\"created\":0,\"pending\":0,\"running\":2,\"completed\":1,"
                + "\"failed\":0,\"cancelled\":0,\"expired\":0}}");
    TrackBatchEndpointTest.assertInvalid(
        server.read("/v1/batches/counts?status=running"), "status");
  }

  @Test
  void theLargestPageIsAThousand() {
    assertThat(server.read("/v1/batches?limit=1000").status()).isEqualTo(200);
    assertThat(server.read("/v1/batches?limit=1").status()).isEqualTo(200);
    assertThat(server.batches.pageCalls())
        .extracting(FakeBatchTrackingUseCase.PageCall::limit)
        .containsExactly(1000, 1);
  }

  @Test
  void itemsHaveTheirCustomIdStatusAndResultAsJson() {
    server.batches.add(
        COMPLETED,
        List.of(
            item(1, 7, "a", BatchStatus.COMPLETED, RESULT),
            item(2, 7, "b", BatchStatus.CREATED, null)));

    RunningServer.Reply reply = server.read("/v1/batches/7/items");

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = reply.jsonBody();
    assertThat(fieldNames(body)).containsExactly("items", "nextCursor");
    assertThat(body.get("nextCursor").isNull()).isTrue();
    JsonNode first = body.get("items").get(0);
    assertThat(fieldNames(first)).containsExactly("customId", "requestStatus", "result");
    assertThat(first.get("customId").textValue()).isEqualTo("a");
    assertThat(first.get("requestStatus").textValue()).isEqualTo("completed");
    assertThat(first.get("result")).isEqualTo(server.json(RESULT));
    JsonNode second = body.get("items").get(1);
    assertThat(second.get("requestStatus").textValue()).isEqualTo("created");
    assertThat(second.get("result").isNull()).isTrue();
  }

  @Test
  void itemsPageWithTheCursorTheyHandOut() {
    List<LlmBatchItem> items = new ArrayList<>();
    for (long id = 1; id <= 3; id++) {
      items.add(item(id, 8, "request-" + id, BatchStatus.CREATED, null));
    }
    server.batches.add(RUNNING, items);

    JsonNode first = server.read("/v1/batches/8/items?limit=2").jsonBody();
    String cursor = first.get("nextCursor").textValue();
    JsonNode second = server.read("/v1/batches/8/items?limit=2&after=" + cursor).jsonBody();

    assertThat(first.get("items"))
        .extracting(i -> i.get("customId").textValue())
        .containsExactly("request-1", "request-2");
    assertThat(second.get("items"))
        .extracting(i -> i.get("customId").textValue())
        .containsExactly("request-3");
    assertThat(second.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void theItemsOfAnUnknownBatchAreA404Problem() {
    RunningServer.Reply reply = server.read("/v1/batches/404/items");

    reply.problem(404);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"limit=0|limit", "limit=x|limit", "after=bogus|after", "status=running|status"})
  void aBadQueryParameterOfItemsIsA400NamingIt(String query, String parameter) {
    server.batches.add(RUNNING, List.of());

    assertInvalid(server.read("/v1/batches/8/items?" + query), parameter);
  }

  @Test
  void aBatchTakesNoQueryParameters() {
    server.batches.add(RUNNING, List.of());

    assertInvalid(server.read("/v1/batches/8?limit=5"), "limit");
  }

  private static LlmBatchJob batch(long id, BatchStatus status) {
    return new LlmBatchJob(
        id,
        LlmProvider.ANTHROPIC,
        "msgbatch_" + id,
        status,
        Instant.parse("2026-11-27T00:40:00Z"),
        null,
        null,
        null,
        null);
  }

  private static LlmBatchItem item(
      long id, long batchId, String customId, BatchStatus status, String result) {
    return new LlmBatchItem(
        id, batchId, customId, status, result, Instant.parse("2026-11-27T00:41:00Z"));
  }
}
