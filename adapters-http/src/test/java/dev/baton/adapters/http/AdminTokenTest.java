package dev.baton.adapters.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {
  private static final String SECRET = "9f86d081884c7d659a2feaa0c55ad015";

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(AdminToken.of(SECRET).toString()).doesNotContain(SECRET).contains("redacted");
    assertThat(AdminToken.fromConfiguration(SECRET).toString()).doesNotContain(SECRET);
  }

  @Test
  void matchesTheSecretAndNothingElse() {
    AdminToken token = AdminToken.of(SECRET);

    assertThat(token.matches(SECRET)).isTrue();
    assertThat(token.matches(SECRET.toUpperCase())).isFalse();
    assertThat(token.matches(SECRET.substring(1))).isFalse();
    assertThat(token.matches(SECRET + "0")).isFalse();
    assertThat(token.matches("")).isFalse();
  }

  @Test
  void nullOrBlankConfigurationMeansNoToken() {
    assertThat(AdminToken.fromConfiguration(null)).isEmpty();
    assertThat(AdminToken.fromConfiguration("")).isEmpty();
    assertThat(AdminToken.fromConfiguration("  ")).isEmpty();
    assertThat(AdminToken.fromConfiguration(SECRET)).isPresent();
  }

  @Test
  void aSecretNoBearerHeaderCouldCarryIsRefusedWithoutRepeatingIt() {
    for (String unusable : new String[] {"two words", "quote\"d", "t\u00f6ken", "=leading"}) {
      assertThatThrownBy(() -> AdminToken.of(unusable))
          .as(unusable)
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .doesNotContain(unusable);
    }
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> AdminToken.of("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyCharacterOfABearerTokenIsAccepted() {
    assertThat(AdminToken.of("aZ09-._~+/==").matches("aZ09-._~+/==")).isTrue();
  }
}
