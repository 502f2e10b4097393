package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
  private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015";

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(BearerToken.of(SECRET).toString()).doesNotContain(SECRET).contains("redacted");
    assertThat(BearerToken.fromConfiguration(SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void matchesTheSecretAndNothingElse() {
    BearerToken token = BearerToken.of(SECRET);

    assertThat(token.matches(SECRET)).isTrue();
    assertThat(token.matches(SECRET.toUpperCase())).isFalse();
    assertThat(token.matches(SECRET.substring(1))).isFalse();
    assertThat(token.matches(SECRET + "0")).isFalse();
    assertThat(token.matches("")).isFalse();
  }

  @Test
  void nullOrBlankConfigurationMeansNoToken() {
    assertThat(BearerToken.fromConfiguration(null)).isEmpty();
    assertThat(BearerToken.fromConfiguration("")).isEmpty();
    assertThat(BearerToken.fromConfiguration("  ")).isEmpty();
    assertThat(BearerToken.fromConfiguration(SECRET)).isPresent();
  }

  @Test
  void aSecretNoBearerHeaderCouldCarryIsRefusedWithoutRepeatingIt() {
    for (String unusable : new String[] {"two words", "quote\"d", "t\u00f6ken", "=leading"}) {
      assertThatThrownBy(() -> BearerToken.of(unusable))
          .as(unusable)
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain(unusable);
    }
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> BearerToken.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyCharacterOfABearerTokenIsAccepted() {
    assertThat(BearerToken.of("aZ09-._~+/==").matches("aZ09-._~+/==")).isTrue();
  }
}
