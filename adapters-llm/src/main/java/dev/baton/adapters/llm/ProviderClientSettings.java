package dev.baton.adapters.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one provider.
 *
 * @param baseUrl in the form the provider documents: {@link #ANTHROPIC_BASE_URL}, {@link
 *     #OPENAI_BASE_URL}, or a local server's equivalent
 * @param callTimeout the limit of one attempt to retrieve a batch; reading a results file may take
 *     longer as a whole, but never waits longer than this for the next bytes
 */
public record ProviderClientSettings(
    String baseUrl, String apiKey, Duration callTimeout, RetrySettings retry) {

  public static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com";
  public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);

  public ProviderClientSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
      throw new IllegalArgumentException(
          "base URL must start with https:// or http://: " + baseUrl);
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("an API key is required");
    }
    Objects.requireNonNull(callTimeout, "callTimeout");
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("call timeout must be positive: " + callTimeout);
    }
    Objects.requireNonNull(retry, "retry");
  }

  /** The default timeout and retries. */
  public static ProviderClientSettings of(String baseUrl, String apiKey) {
    return new ProviderClientSettings(baseUrl, apiKey, DEFAULT_CALL_TIMEOUT, RetrySettings.DEFAULT);
  }

  /** Never shows the key: settings end up in log lines. */
  @Override
  public String toString() {
    return "ProviderClientSettings[baseUrl="
        + baseUrl
        + ", apiKey=****, callTimeout="
        + callTimeout
        + ", retry="
        + retry
        + "]";
  }
}
