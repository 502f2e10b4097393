package dev.baton.application.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.application.webhook.WebhookVerification.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Baton's signatures against an independent implementation, the npm package {@code
 * standardwebhooks} (pinned by {@code src/test/node/package-lock.json}), run by a real {@code node}
 * process: what one signs, the other must accept, and a changed body neither may accept.
 */
class StandardWebhooksNodeCrossCheckTest {
  private static final String INSTALL =
      "install Node.js 18 or later and npm (Debian: apt-get install nodejs npm)";
  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "standard-webhooks-node");

  private static LineProcess node;

  @BeforeAll
  static void installTheNpmPackageAndStartNode() throws IOException {
    String version = LineProcess.requireTool("node", INSTALL);
    assertThat(Integer.parseInt(version.replaceFirst("^v(\\d+)\\..*", "$1")))
        .as("node %s is too old: %s", version, INSTALL)
        .isGreaterThanOrEqualTo(18);
    LineProcess.requireTool("npm", INSTALL);
    Files.createDirectories(WORK);
    for (String file : List.of("package.json", "package-lock.json", "crosscheck.js")) {
      Files.copy(SOURCES.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
    }
    LineProcess.run(
        WORK,
        WORK.resolve("npm-ci.log"),
        List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"));
    node =
        LineProcess.start(
            WORK, WORK.resolve("node-errors.log"), Map.of(), List.of("node", "crosscheck.js"));
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  static List<Arguments> cases() {
    String payload =
        "{\"type\":\"batch.completed\",\"timestamp\":\"2026-01-05T10:00:00.000Z\",\"data\":{\"id\":"
            + "\"b7f3\",\"provider\":\"openai\",\"providerBatchId\":\"batch_abc\",\"status\":"
            + "\"completed\",\"note\":\"é € 😀\",\"itemsUrl\":\"/v1/batches/b7f3/items\"}}";
    String large = "{\"items\":\"" + "x".repeat(200_000) + "\"}";
    return List.of(
        Arguments.of(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "{\"test\": 2432232314}"),
        Arguments.of(WebhookSecret.generate().encoded(), "evt_01", payload),
        Arguments.of(WebhookSecret.generate().encoded(), "evt_02", large),
        Arguments.of(WebhookSecret.generate().encoded(), "evt_03", "{}"));
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static String nodeVerifies(String secret, WebhookHeaders headers, byte[] body) {
    node.send(
        String.join(
            "\t",
            "verify",
            secret,
            headers.id(),
            headers.timestamp(),
            headers.signature(),
            b64(body)));
    return node.nextLine();
  }

  private static String nodeSigns(String secret, String id, Instant time, byte[] body) {
    node.send(
        String.join("\t", "sign", secret, id, Long.toString(time.getEpochSecond()), b64(body)));
    String answer = node.nextLine();
    assertThat(answer).startsWith("ok\t");
    return answer.substring("ok\t".length());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void nodeAcceptsWhatBatonSignsAndRefusesAChangedBody(String secret, String id, String text) {
    StandardWebhooks baton = new StandardWebhooks(WebhookSecret.parse(secret));
    byte[] body = text.getBytes(UTF_8);
    // node's verifier reads its own clock, so the signature must carry the real time
    WebhookHeaders headers = baton.sign(id, Instant.now(), body);

    assertThat(nodeVerifies(secret, headers, body)).isEqualTo("ok");

    byte[] changed = (text + " ").getBytes(UTF_8);
    assertThat(nodeVerifies(secret, headers, changed))
        .isEqualTo("refused\tWebhookVerificationError: No matching signature found");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void batonVerifiesWhatNodeSignsAndRefusesAChangedBody(String secret, String id, String text) {
    StandardWebhooks baton = new StandardWebhooks(WebhookSecret.parse(secret));
    byte[] body = text.getBytes(UTF_8);
    Instant time = Instant.ofEpochSecond(1_767_607_200);
    String signature = nodeSigns(secret, id, time, body);
    Map<String, String> headers =
        Map.of(
            "webhook-id", id,
            "webhook-timestamp", Long.toString(time.getEpochSecond()),
            "webhook-signature", signature);

    assertThat(signature).isEqualTo(baton.sign(id, time, body).signature());
    assertThat(baton.verify(headers::get, body, time).outcome()).isEqualTo(Outcome.VERIFIED);
    assertThat(baton.verify(headers::get, (text + " ").getBytes(UTF_8), time).outcome())
        .isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void bothRefuseATimestampMoreThanFiveMinutesOld(String secret, String id, String text) {
    StandardWebhooks baton = new StandardWebhooks(WebhookSecret.parse(secret));
    byte[] body = text.getBytes(UTF_8);
    Instant now = Instant.now();
    WebhookHeaders headers = baton.sign(id, now.minusSeconds(400), body);

    assertThat(nodeVerifies(secret, headers, body))
        .isEqualTo("refused\tWebhookVerificationError: Message timestamp too old");
    assertThat(baton.verify(headers.asMap()::get, body, now).outcome())
        .isEqualTo(Outcome.STALE_TIMESTAMP);
  }
}
