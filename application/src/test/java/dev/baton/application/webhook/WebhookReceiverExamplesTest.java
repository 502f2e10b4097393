package dev.baton.application.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receivers shown in {@code docs/webhooks.md}, taken from the page exactly as written, run as
 * real processes and sent webhooks that Baton signed: they must accept those and refuse the rest.
 */
class WebhookReceiverExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "webhooks.md");
  private static final Path WORK = Path.of("target", "webhook-examples");
  private static final String PYTHON =
      "install Python 3.9 or later (Debian: apt-get install python3)";

  private final WebhookSecret secret = WebhookSecret.generate();
  private final StandardWebhooks webhooks = new StandardWebhooks(secret);
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<LineProcess> started = new ArrayList<>();

  @AfterEach
  void stopReceivers() {
    started.forEach(LineProcess::close);
  }

  /** The code under {@code <!-- example: NAME -->} in the page, without the fence's indent. */
  static String example(String name) throws IOException {
    List<String> lines = Files.readAllLines(DOC, UTF_8);
    int marker =
        lines.stream().map(String::strip).toList().indexOf("<!-- example: " + name + " -->");
    if (marker < 0 || !lines.get(marker + 1).strip().startsWith("```")) {
      return fail(DOC + " has no example marked " + name + " followed by a fenced block");
    }
    String fence = lines.get(marker + 1);
    String indent = fence.substring(0, fence.indexOf('`'));
    StringBuilder code = new StringBuilder();
    for (String line : lines.subList(marker + 2, lines.size())) {
      if (line.strip().equals("```")) {
        return code.toString();
      }
      code.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
    }
    return fail(DOC + ": the example " + name + " has no closing fence");
  }

  static Stream<String> receivers() {
    return Stream.of("WebhookReceiver.java", "receiver.py");
  }

  private URI start(String name) throws IOException {
    Files.createDirectories(WORK);
    Path source = WORK.resolve(name);
    Files.writeString(source, example(name), UTF_8);
    List<String> command;
    if (name.endsWith(".java")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      command = List.of(java, name);
    } else {
      LineProcess.requireTool("python3", PYTHON);
      command = List.of("python3", name);
    }
    LineProcess receiver =
        LineProcess.start(
            WORK,
            WORK.resolve(name + ".errors.log"),
            Map.of("WEBHOOK_SECRET", secret.encoded(), "PORT", "0"),
            command);
    started.add(receiver);
    String listening = receiver.nextLine();
    assertThat(listening).matches("listening on \\d+");
    return URI.create("http://127.0.0.1:" + listening.substring("listening on ".length()) + "/");
  }

  private int post(URI receiver, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(receiver)
            .timeout(Duration.ofSeconds(30))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String body(String id) {
    return "{\"type\":\"batch.completed\",\"data\":{\"id\":\"" + id + "\",\"note\":\"é €\"}}";
  }

  @ParameterizedTest
  @MethodSource("receivers")
  void theDocumentedReceiverAcceptsBatonsSignatureAndRefusesEverythingElse(String name)
      throws Exception {
    URI receiver = start(name);
    LineProcess output = started.get(0);
    // The receivers read their own clocks, so the webhooks carry the real time.
    Instant now = Instant.now();
    byte[] body = body("b1").getBytes(UTF_8);

    assertThat(post(receiver, webhooks.sign("msg_1", now, body).asMap(), body)).isEqualTo(204);
    assertThat(output.nextLine()).isEqualTo("verified msg_1 " + body("b1"));

    Map<String, String> signed = webhooks.sign("msg_2", now, body).asMap();
    assertThat(post(receiver, signed, body("b2").getBytes(UTF_8)))
        .as("changed body")
        .isEqualTo(401);
    Map<String, String> stale = webhooks.sign("msg_2", now.minusSeconds(360), body).asMap();
    assertThat(post(receiver, stale, body)).as("six minutes old").isEqualTo(401);
    Map<String, String> early = webhooks.sign("msg_2", now.plusSeconds(360), body).asMap();
    assertThat(post(receiver, early, body)).as("six minutes ahead").isEqualTo(401);
    Map<String, String> otherSecret =
        new StandardWebhooks(WebhookSecret.generate()).sign("msg_2", now, body).asMap();
    assertThat(post(receiver, otherSecret, body)).as("another secret").isEqualTo(401);
    Map<String, String> unsigned =
        Map.of("webhook-id", "msg_2", "webhook-timestamp", signed.get("webhook-timestamp"));
    assertThat(post(receiver, unsigned, body)).as("no signature").isEqualTo(401);
    assertThat(post(receiver, Map.of(), body)).as("no headers").isEqualTo(401);
    Map<String, String> badTime = new HashMap<>(signed);
    badTime.put("webhook-timestamp", "soon");
    assertThat(post(receiver, badTime, body)).as("timestamp not a number").isEqualTo(401);

    Map<String, String> rotated = new HashMap<>(webhooks.sign("msg_3", now, body).asMap());
    rotated.put(
        "webhook-signature",
        otherSecret.get("webhook-signature") + " " + rotated.get("webhook-signature"));
    assertThat(post(receiver, rotated, body)).as("second of two signatures").isEqualTo(204);
    assertThat(output.nextLine()).isEqualTo("verified msg_3 " + body("b1"));
  }

  @Test
  void theDocumentedCommandMakesAValidSecret() throws IOException {
    LineProcess.requireTool("python3", PYTHON);
    Files.createDirectories(WORK);
    LineProcess command =
        LineProcess.start(
            WORK,
            WORK.resolve("new-secret.errors.log"),
            Map.of(),
            List.of("sh", "-c", example("new-secret.sh")));
    started.add(command);

    WebhookSecret generated = WebhookSecret.parse(command.nextLine());

    assertThat(generated.keyBytes()).hasSize(32);
  }
}
