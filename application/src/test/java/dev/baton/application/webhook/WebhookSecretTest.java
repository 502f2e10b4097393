package dev.baton.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {
  private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private static String secretOf(int keyBytes) {
    byte[] key = new byte[keyBytes];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (0xf0 + i);
    }
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  @Test
  void theKeyIsTheDecodedBytesAfterThePrefix() {
    WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

    assertThat(secret.keyBytes())
        .isEqualTo(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
        .hasSize(24);
    assertThat(secret.encoded()).isEqualTo(SPEC_SECRET);
  }

  @Test
  void twentyFourBytesAreEnoughAndTwentyThreeAreNot() {
    assertThat(WebhookSecret.parse(secretOf(24)).keyBytes()).hasSize(24);
    assertThat(WebhookSecret.parse(secretOf(64)).keyBytes()).hasSize(64);

    assertThatThrownBy(() -> WebhookSecret.parse(secretOf(23)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "holds a key of 23 bytes, too short; expected whsec_ followed by the base64 of at least"
                + " 24 bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        ""
      })
  void aSecretWithoutThePrefixIsRefusedWithoutQuotingIt(String text) {
    assertThatThrownBy(() -> WebhookSecret.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "does not start with whsec_; expected whsec_ followed by the base64 of at least 24"
                + " bytes");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n",
        "whsec_MfKQ9r8G KYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwA"
      })
  void aSecretThatIsNotBase64IsRefusedWithoutQuotingIt(String text) {
    assertThatThrownBy(() -> WebhookSecret.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "is not valid base64 after whsec_; expected whsec_ followed by the base64 of at least"
                + " 24 bytes")
        .hasNoCause();
  }

  @Test
  void aMissingSecretIsRefused() {
    assertThatThrownBy(() -> WebhookSecret.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("does not start with whsec_");
  }

  @Test
  void itsTextShowsNoPartOfTheKey() {
    assertThat(WebhookSecret.parse(SPEC_SECRET)).hasToString("whsec_****");
  }

  @Test
  void aGeneratedSecretIsThirtyTwoFreshBytesThatParseBack() {
    WebhookSecret first = WebhookSecret.generate();
    WebhookSecret second = WebhookSecret.generate();

    assertThat(first.keyBytes()).hasSize(32);
    assertThat(WebhookSecret.parse(first.encoded()).keyBytes()).isEqualTo(first.keyBytes());
    assertThat(second.keyBytes()).isNotEqualTo(first.keyBytes());
  }

  @Test
  void theKeyCannotBeChangedThroughACopy() {
    WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
    secret.keyBytes()[0] ^= 1;

    assertThat(secret.encoded()).isEqualTo(SPEC_SECRET);
  }
}
