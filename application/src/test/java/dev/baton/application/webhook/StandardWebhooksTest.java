package dev.baton.application.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.application.webhook.WebhookVerification.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StandardWebhooksTest {
  // The Standard Webhooks specification's published test vector.
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);
  private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(UTF_8);
  private static final String SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private final StandardWebhooks webhooks = new StandardWebhooks(WebhookSecret.parse(SPEC_SECRET));

  private static Map<String, String> specHeaders() {
    Map<String, String> headers = new HashMap<>();
    headers.put("webhook-id", SPEC_ID);
    headers.put("webhook-timestamp", "1614265330");
    headers.put("webhook-signature", SPEC_SIGNATURE);
    return headers;
  }

  private WebhookVerification verify(Map<String, String> headers, byte[] body, Instant now) {
    return webhooks.verify(headers::get, body, now);
  }

  private void assertSpecBodyFindsThat(
      Map<String, String> headers, Outcome outcome, String detail) {
    assertThat(verify(headers, SPEC_BODY, SPEC_TIME))
        .isEqualTo(new WebhookVerification(outcome, detail));
  }

  @Test
  void signsTheSpecificationsTestVector() {
    WebhookHeaders headers = webhooks.sign(SPEC_ID, SPEC_TIME, SPEC_BODY);

    assertThat(headers.asMap())
        .containsExactly(
            Map.entry("webhook-id", SPEC_ID),
            Map.entry("webhook-timestamp", "1614265330"),
            Map.entry("webhook-signature", SPEC_SIGNATURE));
  }

  @Test
  void verifiesTheSpecificationsTestVector() {
    WebhookVerification result = verify(specHeaders(), SPEC_BODY, SPEC_TIME);

    assertThat(result.outcome()).isEqualTo(Outcome.VERIFIED);
    assertThat(result.verified()).isTrue();
  }

  @Test
  void theHeaderCarriesWholeSecondsOfTheAttempt() {
    WebhookHeaders headers = webhooks.sign(SPEC_ID, SPEC_TIME.plusMillis(999), SPEC_BODY);

    assertThat(headers.timestamp()).isEqualTo("1614265330");
    assertThat(headers.signature()).isEqualTo(SPEC_SIGNATURE);
  }

  @Test
  void anyOfSeveralSignaturesMayMatchAndOtherSchemesAreSkipped() {
    Map<String, String> headers = specHeaders();
    headers.put(
        "webhook-signature",
        "v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ== v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=  "
            + SPEC_SIGNATURE);

    assertThat(verify(headers, SPEC_BODY, SPEC_TIME).outcome()).isEqualTo(Outcome.VERIFIED);
  }

  @Test
  void aChangedBodyIdOrTimestampIsABadSignature() {
    byte[] changedBody = "{\"test\": 2432232315}".getBytes(UTF_8);
    assertThat(verify(specHeaders(), changedBody, SPEC_TIME))
        .isEqualTo(
            new WebhookVerification(
                Outcome.BAD_SIGNATURE, "webhook-signature no v1 signature matches the body"));

    Map<String, String> otherId = specHeaders();
    otherId.put("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJel");
    assertThat(verify(otherId, SPEC_BODY, SPEC_TIME).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);

    Map<String, String> otherTime = specHeaders();
    otherTime.put("webhook-timestamp", "1614265331");
    assertThat(verify(otherTime, SPEC_BODY, SPEC_TIME).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void anotherSecretsSignatureIsABadSignature() {
    StandardWebhooks other = new StandardWebhooks(WebhookSecret.generate());
    Map<String, String> headers = new HashMap<>(other.sign(SPEC_ID, SPEC_TIME, SPEC_BODY).asMap());

    assertThat(verify(headers, SPEC_BODY, SPEC_TIME).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void onlyOtherSchemesIsABadSignature() {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-signature", "v1a,c29tZSBlZDI1NTE5IHNpZ25hdHVyZQ==");

    assertSpecBodyFindsThat(
        headers, Outcome.BAD_SIGNATURE, "webhook-signature holds no v1 signature");
  }

  @ParameterizedTest
  @ValueSource(strings = {"webhook-id", "webhook-timestamp", "webhook-signature"})
  void aMissingOrBlankHeaderIsNamed(String header) {
    Map<String, String> missing = specHeaders();
    missing.remove(header);
    Map<String, String> blank = specHeaders();
    blank.put(header, " ");

    WebhookVerification expected =
        new WebhookVerification(Outcome.MISSING_HEADER, header + " is missing");
    assertThat(verify(missing, SPEC_BODY, SPEC_TIME)).isEqualTo(expected);
    assertThat(verify(blank, SPEC_BODY, SPEC_TIME)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1614265330.0", "-1614265330", "+1614265330", " 1614265330", "1e9", "x"})
  void aTimestampThatIsNotWholeSecondsIsMalformed(String timestamp) {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-timestamp", timestamp);

    assertSpecBodyFindsThat(
        headers, Outcome.MALFORMED_HEADER, "webhook-timestamp is not whole Unix seconds");
  }

  @Test
  void aTimestampTooLongForALongIsMalformedNotAnError() {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-timestamp", "9".repeat(40));

    assertThat(verify(headers, SPEC_BODY, SPEC_TIME).outcome()).isEqualTo(Outcome.MALFORMED_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v1,", ",abc", "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="})
  void aSignatureEntryWithoutVersionAndValueIsMalformed(String entry) {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-signature", SPEC_SIGNATURE + " " + entry);

    assertSpecBodyFindsThat(
        headers,
        Outcome.MALFORMED_HEADER,
        "webhook-signature holds an entry that is not <version>,<signature>");
  }

  @Test
  void aV1SignatureThatIsNotBase64IsMalformed() {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-signature", "v1,not*base64");

    assertSpecBodyFindsThat(
        headers,
        Outcome.MALFORMED_HEADER,
        "webhook-signature holds a v1 signature that is not base64");
  }

  @Test
  void fiveMinutesEitherWayIsAcceptedAndASecondMoreIsStale() {
    assertThat(verify(specHeaders(), SPEC_BODY, SPEC_TIME.plusSeconds(300)).outcome())
        .isEqualTo(Outcome.VERIFIED);
    assertThat(verify(specHeaders(), SPEC_BODY, SPEC_TIME.minusSeconds(300)).outcome())
        .isEqualTo(Outcome.VERIFIED);
    // Within the 301st second the whole seconds still differ by 300.
    assertThat(verify(specHeaders(), SPEC_BODY, SPEC_TIME.plusMillis(300_999)).outcome())
        .isEqualTo(Outcome.VERIFIED);

    assertThat(verify(specHeaders(), SPEC_BODY, SPEC_TIME.plusSeconds(301)))
        .isEqualTo(
            new WebhookVerification(
                Outcome.STALE_TIMESTAMP,
                "webhook-timestamp is 301 s before now; at most 300 s accepted"));
    assertThat(verify(specHeaders(), SPEC_BODY, SPEC_TIME.minusSeconds(301)))
        .isEqualTo(
            new WebhookVerification(
                Outcome.STALE_TIMESTAMP,
                "webhook-timestamp is 301 s after now; at most 300 s accepted"));
  }

  @Test
  void aForgeryIsABadSignatureHoweverOldItsTimestamp() {
    byte[] forgedBody = "{\"test\": 1}".getBytes(UTF_8);

    assertThat(verify(specHeaders(), forgedBody, SPEC_TIME.plusSeconds(86_400)).outcome())
        .isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void theDetailNeverQuotesAHeader() {
    Map<String, String> headers = specHeaders();
    headers.put("webhook-timestamp", "evil\u001b[31m");
    headers.put("webhook-signature", "v1,evil*");

    assertThat(verify(headers, SPEC_BODY, SPEC_TIME).detail()).doesNotContain("evil");
    headers.put("webhook-timestamp", "1614265330");
    assertThat(verify(headers, SPEC_BODY, SPEC_TIME).detail()).doesNotContain("evil");
  }

  @Test
  void bodiesAreSignedAsBytesEvenWhenTheyAreNotText() {
    byte[] body = {(byte) 0xff, (byte) 0xfe, 0, '{', (byte) 0xc3};
    Map<String, String> headers = new HashMap<>(webhooks.sign("msg_1", SPEC_TIME, body).asMap());

    assertThat(verify(headers, body, SPEC_TIME).outcome()).isEqualTo(Outcome.VERIFIED);
    byte[] decodedAndEncodedAgain = new String(body, UTF_8).getBytes(UTF_8);
    assertThat(verify(headers, decodedAndEncodedAgain, SPEC_TIME).outcome())
        .isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "msg 1", "msg\n1", "msg_é"})
  void aWebhookIdThatCannotBeAHeaderValueIsRefused(String id) {
    assertThatThrownBy(() -> webhooks.sign(id, SPEC_TIME, SPEC_BODY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a webhook id is printable ASCII without spaces");
  }

  @Test
  void whatIsSignedVerifiesAndAnyChangedByteDoesNot() {
    Random random = new Random(20240611);
    for (int round = 0; round < 200; round++) {
      String id = "msg_" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
      byte[] body = new byte[1 + random.nextInt(2000)];
      random.nextBytes(body);
      Instant time = Instant.ofEpochSecond(random.nextInt(2_000_000_000));
      Map<String, String> headers = new HashMap<>(webhooks.sign(id, time, body).asMap());

      assertThat(verify(headers, body, time).outcome()).isEqualTo(Outcome.VERIFIED);
      byte[] changed = body.clone();
      changed[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
      assertThat(verify(headers, changed, time).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    }
  }
}
