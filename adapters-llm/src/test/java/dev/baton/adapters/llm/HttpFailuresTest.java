package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpFailuresTest {
  private static final String ANSWER_DATE = "Wed, 21 Oct 2015 07:28:00 GMT";

  @ParameterizedTest(name = "HTTP {0}: rejected {1}, retried within the call {2}")
  @CsvSource({
    "401, true, false",
    "403, true, false",
    "404, true, false",
    "400, false, false",
    "402, false, false",
    "408, false, true",
    "409, false, true",
    "429, false, true",
    "500, false, true",
    "502, false, true",
    "503, false, true",
    "529, false, true"
  })
  void classifiesEachStatus(int status, boolean rejected, boolean retriedWithinTheCall) {
    AttemptFailure failure =
        HttpFailures.fromStatus(
            LlmProvider.OPENAI,
            status,
            headers(Map.of("retry-after", List.of("1"))),
            "detail",
            false);

    assertThat(failure.outcome())
        .isInstanceOf(
            rejected ? LlmProviderRejectedException.class : LlmProviderRetryableException.class);
    assertThat(failure.outcome().httpStatus()).isEqualTo(status);
    assertThat(failure.worthRetrying()).isEqualTo(retriedWithinTheCall);
  }

  @Test
  void aConnectionFailureIsRetriedWithinTheCall() {
    AttemptFailure failure =
        HttpFailures.fromIo(
            LlmProvider.ANTHROPIC, "retrieve", "connection refused by api.anthropic.com:443");

    assertThat(failure.worthRetrying()).isTrue();
    assertThat(failure.outcome()).isInstanceOf(LlmProviderRetryableException.class);
    assertThat(failure.outcome().httpStatus()).isZero();
  }

  @Test
  void retryAfterIsReadInMillisecondsFirstThenSeconds() {
    assertThat(
            HttpFailures.retryAfter(
                headers(Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("9")))))
        .contains(Duration.ofMillis(1500));
    assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after", List.of("2.5")))))
        .contains(Duration.ofMillis(2500));
  }

  @ParameterizedTest(name = "retry after {0} means {1} s") // a date already past means now
  @CsvSource({"'Wed, 21 Oct 2015 07:28:30 GMT', 30", "'Wed, 21 Oct 2015 07:27:00 GMT', 0"})
  void aRetryAfterDateCountsFromTheAnswersOwnDate(String retryAfter, long seconds) {
    assertThat(
            HttpFailures.retryAfter(
                headers(
                    Map.of(
                        "retry-after", List.of(retryAfter),
                        "date", List.of(ANSWER_DATE)))))
        .contains(Duration.ofSeconds(seconds));
  }

  @Test
  void anUnreadableRetryAfterIsIgnored() {
    assertThat(
            HttpFailures.retryAfter(
                headers(Map.of("retry-after", List.of("Wed, 21 Oct 2015 07:28:00 GMT")))))
        .as("a date without the answer's date header")
        .isEmpty();
    assertThat(
            HttpFailures.retryAfter(
                headers(Map.of("retry-after", List.of("soon"), "date", List.of(ANSWER_DATE)))))
        .isEmpty();
    assertThat(HttpFailures.retryAfter(headers(Map.of("retry-after", List.of("-3"))))).isEmpty();
    assertThat(HttpFailures.retryAfter(headers(Map.of()))).isEmpty();
  }

  private static java.util.function.Function<String, List<String>> headers(
      Map<String, List<String>> values) {
    return name -> values.getOrDefault(name, List.of());
  }
}
