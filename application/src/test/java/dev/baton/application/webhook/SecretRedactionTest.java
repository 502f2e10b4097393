package dev.baton.application.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactionTest {
  private static final String ADMIN_TOKEN = "adm1n-t0ken-for-baton";
  private static final String ANTHROPIC_KEY =
      "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_AbCdEfGhIjKlMnOpQrStUvWxYz-0123456789AA";
  private static final String OPENAI_KEY =
      "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789T3BlbkFJAbCdEfGhIjKlMnOpQrStUvWxYz01234567";

  private final SecretRedaction redaction =
      new SecretRedaction(Arrays.asList(ADMIN_TOKEN, ANTHROPIC_KEY, null, "", "  "));

  private static int utf8Length(String text) {
    return text.getBytes(UTF_8).length;
  }

  @Test
  void everyOccurrenceOfAConfiguredSecretIsMasked() {
    String text = "token " + ADMIN_TOKEN + " refused; again: " + ADMIN_TOKEN + ".";

    assertThat(redaction.redact(text)).isEqualTo("token **** refused; again: ****.");
  }

  @Test
  void aSecretInsideJsonIsMasked() {
    String answer =
        "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: "
            + ANTHROPIC_KEY
            + "\",\"echo\":{\"authorization\":\""
            + ADMIN_TOKEN
            + "\"}}}";

    assertThat(redaction.redact(answer))
        .isEqualTo(
            "{\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key: ****\","
                + "\"echo\":{\"authorization\":\"****\"}}}");
  }

  @Test
  void aSecretIsFoundJsonEscapedAndUrlEncoded() {
    String secret = "p@ss/w\"rd+1 2=";
    SecretRedaction redaction = new SecretRedaction(List.of(secret));
    String formEncoded = URLEncoder.encode(secret, UTF_8);
    String pathEncoded = formEncoded.replace("+", "%20");

    assertThat(formEncoded).isEqualTo("p%40ss%2Fw%22rd%2B1+2%3D");
    assertThat(redaction.redact("json: \"p@ss\\/w\\\"rd+1 2=\"")).isEqualTo("json: \"****\"");
    assertThat(redaction.redact("query: ?password=" + formEncoded + "&x=1"))
        .isEqualTo("query: ?password=****&x=1");
    assertThat(redaction.redact("path: /" + pathEncoded + "/x")).isEqualTo("path: /****/x");
    assertThat(redaction.redact("raw: " + secret)).isEqualTo("raw: ****");
  }

  @Test
  void overlappingSecretsAreMaskedAsOneRun() {
    SecretRedaction redaction = new SecretRedaction(List.of("abcdef12", "ef12ghij", "cde"));

    assertThat(redaction.redact("x abcdef12ghij y")).isEqualTo("x **** y");
    assertThat(redaction.redact("x abcdef12 ef12ghij y")).isEqualTo("x **** **** y");
    assertThat(redaction.redact("x cde y")).isEqualTo("x **** y");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-ant-api03-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp_-AaBbCcDdEeFfGgHhIiJjKkLlMmNnOo",
        "sk-proj-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpT3BlbkFJAaBbCcDdEeFfGg",
        "sk-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpT3BlbkFJAaBbCcDdEeFf",
        "sk-svcacct-0123456789abcdef0123",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
      })
  void anythingShapedLikeAProviderKeyIsMaskedEvenIfNotConfigured(String key) {
    SecretRedaction nothingConfigured = new SecretRedaction(List.of());

    assertThat(nothingConfigured.redact("Incorrect API key provided: " + key + "."))
        .isEqualTo("Incorrect API key provided: ****.");
    assertThat(nothingConfigured.redact("{\"api_key\":\"" + key + "\"}"))
        .isEqualTo("{\"api_key\":\"****\"}");
    assertThat(nothingConfigured.redact("GET /v1?key=" + key + "&x=1"))
        .isEqualTo("GET /v1?key=****&x=1");
    assertThat(nothingConfigured.redact("key%3D%22" + key)).isEqualTo("key%3D%22****");
  }

  @Test
  void aBearerTokenIsMasked() {
    SecretRedaction nothingConfigured = new SecretRedaction(List.of());

    assertThat(nothingConfigured.redact("Authorization: Bearer eyJhbGciOi.JIUzI1NiJ9.abc123 sent"))
        .isEqualTo("Authorization: Bearer **** sent");
    assertThat(nothingConfigured.redact("authorization=bearer%20Zz9Yy8Xx7Ww6Vv5Uu4Tt3"))
        .isEqualTo("authorization=bearer%20****");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "task-0123456789abcdefghijklmnop",
        "see sk-learn-is-a-python-library-name",
        "sk-short12",
        "msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d",
        "batch_6789abcdef0123456789abcd",
        "Bearer short1"
      })
  void ordinaryTextIsLeftAlone(String text) {
    assertThat(new SecretRedaction(List.of()).redact(text)).isEqualTo(text);
  }

  @Test
  void blankSecretsAreIgnored() {
    assertThat(redaction.redact("plain text")).isEqualTo("plain text");
  }

  @Test
  void textOfAtMostTwoKilobytesIsKeptWhole() {
    String exactly = "a".repeat(2046) + "é";

    assertThat(utf8Length(exactly)).isEqualTo(2048);
    assertThat(redaction.redact(exactly)).isEqualTo(exactly);
  }

  @Test
  void longerTextIsCutToTwoKilobytesWithAMark() {
    String redacted = redaction.redact("a".repeat(2049));

    assertThat(utf8Length(redacted)).isEqualTo(2048);
    assertThat(redacted).isEqualTo("a".repeat(2045) + "…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"é", "€", "😀", "a€😀é"})
  void theCutNeverSplitsACharacter(String unit) {
    String redacted = redaction.redact(unit.repeat(2000));

    assertThat(utf8Length(redacted)).isLessThanOrEqualTo(2048).isGreaterThan(2048 - 8);
    assertThat(new String(redacted.getBytes(UTF_8), UTF_8)).isEqualTo(redacted);
    assertThat(redacted).endsWith("…").doesNotContain("\uFFFD");
    String kept = redacted.substring(0, redacted.length() - 1);
    assertThat(unit.repeat(2000)).startsWith(kept);
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
  }

  @Test
  void aSecretAcrossTheCutLeavesNoPartOfItself() {
    String text = "a".repeat(2040) + ADMIN_TOKEN + "b".repeat(100);

    String redacted = redaction.redact(text);

    assertThat(redacted).isEqualTo("a".repeat(2040) + "****b…");
    assertThat(redacted).doesNotContain(ADMIN_TOKEN.substring(0, 4));
  }

  @Test
  void secretsFarIntoALongTextAreMaskedBeforeItIsCut() {
    String longSecret = "L0ng-" + "q".repeat(995);
    SecretRedaction redaction = new SecretRedaction(List.of(longSecret));
    String text = (longSecret + " ").repeat(600) + "end";

    String redacted = redaction.redact(text);

    assertThat(redacted).startsWith("**** **** ").doesNotContain("qqqq").endsWith("…");
    assertThat(utf8Length(redacted)).isLessThanOrEqualTo(2048);
  }

  @Test
  void aMissingTextIsAnError() {
    assertThatThrownBy(() -> redaction.redact(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withMasksOneMoreSecretAndKeepsTheOthers() {
    SecretRedaction more = redaction.with("an0ther-secret-value").with(null).with(" ");

    assertThat(more.redact("a an0ther-secret-value b " + ADMIN_TOKEN)).isEqualTo("a **** b ****");
    assertThat(redaction.redact("an0ther-secret-value")).isEqualTo("an0ther-secret-value");
  }
}
