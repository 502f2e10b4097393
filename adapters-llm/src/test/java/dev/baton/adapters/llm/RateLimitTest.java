package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitTest {

  @Test
  void readsAnthropicsBudgetWithTheResetCountedFromTheAnswersDate() {
    HttpHeaders headers =
        headers(
            "anthropic-ratelimit-requests-limit", "50",
            "anthropic-ratelimit-requests-remaining", "12",
            "anthropic-ratelimit-requests-reset", "2026-01-10T12:00:45Z",
            "date", "Sat, 10 Jan 2026 12:00:00 GMT");

    assertThat(RateLimit.anthropic(headers))
        .contains(new RateLimit(50, 12, Duration.ofSeconds(45)));
  }

  @Test
  void anAnthropicResetWithoutADateHeaderIsLeftUnknown() {
    HttpHeaders headers =
        headers(
            "anthropic-ratelimit-requests-limit", "50",
            "anthropic-ratelimit-requests-remaining", "49",
            "anthropic-ratelimit-requests-reset", "2026-01-10T12:00:45Z");

    assertThat(RateLimit.anthropic(headers)).contains(new RateLimit(50, 49, null));
  }

  @Test
  void readsOpenAisBudgetWithItsDurationReset() {
    HttpHeaders headers =
        headers(
            "x-ratelimit-limit-requests", "500",
            "x-ratelimit-remaining-requests", "499",
            "x-ratelimit-reset-requests", "120ms");

    assertThat(RateLimit.openAi(headers)).contains(new RateLimit(500, 499, Duration.ofMillis(120)));
  }

  @Test
  void noBudgetWhenTheHeadersAreMissingOrUnreadable() {
    assertThat(RateLimit.anthropic(headers())).isEmpty();
    assertThat(RateLimit.openAi(headers("x-ratelimit-limit-requests", "500"))).isEmpty();
    assertThat(
            RateLimit.openAi(
                headers(
                    "x-ratelimit-limit-requests", "many",
                    "x-ratelimit-remaining-requests", "1")))
        .isEmpty();
    assertThat(
            RateLimit.openAi(
                headers(
                    "x-ratelimit-limit-requests", "0",
                    "x-ratelimit-remaining-requests", "0")))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({"1s, 1000", "6m0s, 360000", "20ms, 20", "1.5s, 1500", "1h2m3.5s, 3723500", "0s, 0"})
  void readsDurationsAsGoPrintsThem(String text, long millis) {
    assertThat(RateLimit.goDuration(text)).contains(Duration.ofMillis(millis));
  }

  @Test
  void aDurationThatIsNotGosIsNotRead() {
    assertThat(RateLimit.goDuration("soon")).isEmpty();
    assertThat(RateLimit.goDuration("5")).isEmpty();
    assertThat(RateLimit.goDuration("5s and more")).isEmpty();
    assertThat(RateLimit.goDuration("")).isEmpty();
  }

  private static HttpHeaders headers(String... namesAndValues) {
    Map<String, List<String>> map =
        java.util.stream.IntStream.range(0, namesAndValues.length / 2)
            .boxed()
            .collect(
                Collectors.toMap(
                    i -> namesAndValues[2 * i], i -> List.of(namesAndValues[2 * i + 1])));
    return HttpHeaders.of(map, (name, value) -> true);
  }
}
