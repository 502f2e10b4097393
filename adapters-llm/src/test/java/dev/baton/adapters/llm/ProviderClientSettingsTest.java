package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderClientSettingsTest {

  @Test
  void neverShowsTheApiKey() {
    ProviderClientSettings settings =
        ProviderClientSettings.of(ProviderClientSettings.ANTHROPIC_BASE_URL, "sk-ant-secret-123");

    assertThat(settings.toString())
        .doesNotContain("sk-ant-secret-123")
        .contains("apiKey=****")
        .contains("https://api.anthropic.com");
  }

  @Test
  void defaultsToTheDocumentedTimeoutAndRetries() {
    ProviderClientSettings settings =
        ProviderClientSettings.of(ProviderClientSettings.OPENAI_BASE_URL, "sk-1");

    assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.retry()).isEqualTo(RetrySettings.DEFAULT);
  }

  @Test
  void refusesAMissingKeyOrABaseUrlThatIsNotHttp() {
    assertThatThrownBy(() -> ProviderClientSettings.of(ProviderClientSettings.OPENAI_BASE_URL, " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProviderClientSettings.of("api.openai.com/v1", "sk-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://");
  }
}
