package dev.baton.adapters.http;

import static dev.baton.adapters.http.RunningServer.ADMIN_TOKEN;
import static dev.baton.adapters.http.RunningServer.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyLimitTest {
  private static final int SIXTEEN_MB = 16 * 1024 * 1024;

  @RegisterExtension final RunningServer server = new RunningServer();

  @Test
  void theCapIsSixteenMegabytes() {
    assertThat(BatonHttpServer.MAX_REQUEST_BYTES).isEqualTo(SIXTEEN_MB);
  }

  @Test
  void aBodyDeclaredOverSixteenMegabytesIsA413ProblemBeforeItIsSent() throws IOException {
    RawHttp.Response reply = declareOversizedBody("Authorization: Bearer " + ADMIN_TOKEN + "\r\n");

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.head()).containsIgnoringCase("Content-Type: application/problem+json");
    assertTooLargeProblem(server.json(reply.body()));
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void theCapIsCheckedBeforeTheToken() throws IOException {
    RawHttp.Response reply = declareOversizedBody("");

    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.head()).doesNotContainIgnoringCase("WWW-Authenticate");
  }

  @Test
  void aChunkedBodyOverSixteenMegabytesIsA413ProblemAndRunsNothing() {
    RunningServer.Reply reply =
        postWithToken(
            HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[SIXTEEN_MB + 1])));

    reply.problem(413);
    assertTooLargeProblem(reply.jsonBody());
    assertThat(server.stepDown.calls()).isZero();
  }

  @Test
  void aBodyOfExactlySixteenMegabytesIsReadAndIgnored() {
    RunningServer.Reply reply =
        postWithToken(HttpRequest.BodyPublishers.ofByteArray(new byte[SIXTEEN_MB]));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(server.stepDown.calls()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/jobs/probe/run", "/v1/scheduler/step-down"})
  void aBodyThePostDoesNotTakeIsReadAndIgnoredEvenWhenNotJson(String path) {
    server.runJob.answer(
        jobName ->
            JobRuns.succeeded(47, jobName, "2026-11-27T00:42:00.000Z", "2026-11-27T00:42:00.020Z"));

    RunningServer.Reply reply =
        server.post(
            path, "application/json", HttpRequest.BodyPublishers.ofString("{\"job\": [not"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(server.runJob.asked().size() + server.stepDown.calls()).isEqualTo(1);
  }

  /**
   * Declares a body one byte over the cap and, as curl does for large bodies, waits for {@code 100
   * Continue} before sending it; the answer must come instead.
   */
  private RawHttp.Response declareOversizedBody(String extraHeaders) throws IOException {
    try (RawHttp connection = new RawHttp(server.port())) {
      connection.sendHead(
          "POST /v1/scheduler/step-down HTTP/1.1\r\n"
              + "Host: localhost\r\n"
              + extraHeaders
              + "Content-Type: application/octet-stream\r\n"
              + "Content-Length: "
              + (SIXTEEN_MB + 1)
              + "\r\n"
              + "Expect: 100-continue");
      return connection.readResponse();
    }
  }

  private RunningServer.Reply postWithToken(HttpRequest.BodyPublisher body) {
    return server.post("/v1/scheduler/step-down", "application/octet-stream", body);
  }

  private static void assertTooLargeProblem(JsonNode body) {
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "title", "status", "detail");
    assertThat(body.get("type").textValue()).isEqualTo("about:blank");
    assertThat(body.get("title").textValue()).isEqualTo("Content Too Large");
    assertThat(body.get("status").intValue()).isEqualTo(413);
    assertThat(body.get("detail").textValue()).contains(String.valueOf(SIXTEEN_MB));
  }
}
