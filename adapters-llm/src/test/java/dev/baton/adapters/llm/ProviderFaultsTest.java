package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.LlmProviderRejectedException;
import dev.baton.domain.LlmProviderRetryableException;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.ProviderItemResult;
import dev.baton.domain.ProviderRequestCounts;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Each fault the simulated provider injects, as both clients meet it over real HTTP. */
class ProviderFaultsTest {
  private static final int ITEMS = 10;

  @RegisterExtension final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aRateLimitedCallIsRetriedAfterTheWaitTheProviderNames(LlmProvider provider) {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.rateLimited(Duration.ofSeconds(7)));

    ProviderBatchState batch = client(provider).retrieveBatch(batchId(provider));

    assertThat(batch.batonStatus()).contains(BatchStatus.RUNNING);
    assertThat(fixture.ticker.waits()).containsExactly(Duration.ofSeconds(7));
    assertThat(fixture.simulator.requests()).hasSize(2);
  }

  @ParameterizedTest
  @CsvSource({"ANTHROPIC, 500", "ANTHROPIC, 529", "OPENAI, 500", "OPENAI, 503"})
  void serverErrorsAreRetriedWithGrowingBackoffUntilTheCallSucceeds(
      LlmProvider provider, int status) {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.status(status));
    fixture.simulator.inject(SimulatedFault.status(status));

    ProviderBatchState batch = client(provider).retrieveBatch(batchId(provider));

    assertThat(batch.batonStatus()).contains(BatchStatus.RUNNING);
    List<Duration> waits = fixture.ticker.waits();
    assertThat(waits).hasSize(2);
    // initial backoff 100 ms, doubled, less a random part of up to half
    assertThat(waits.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
    assertThat(waits.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(fixture.simulator.requests()).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void persistentServerErrorsEndInARetryableErrorAfterTheLastAttempt(LlmProvider provider) {
    addRunningBatch(provider);
    for (int attempt = 0;
        attempt < SimulatedProviderFixture.FAST_RETRIES.maxAttempts();
        attempt++) {
      fixture.simulator.inject(SimulatedFault.status(500));
    }

    assertThatThrownBy(() -> client(provider).retrieveBatch(batchId(provider)))
        .isInstanceOfSatisfying(
            LlmProviderRetryableException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(500);
              assertThat(e.provider()).isEqualTo(provider);
            });
    assertThat(fixture.simulator.requests()).hasSize(4);
    assertThat(fixture.ticker.waits()).hasSize(3);
  }

  @ParameterizedTest
  @CsvSource({
    "ANTHROPIC, 401",
    "ANTHROPIC, 403",
    "ANTHROPIC, 404",
    "OPENAI, 401",
    "OPENAI, 403",
    "OPENAI, 404"
  })
  void aRejectionIsSurfacedAtOnceWithoutRetrying(LlmProvider provider, int status) {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.status(status));

    assertThatThrownBy(() -> client(provider).retrieveBatch(batchId(provider)))
        .isInstanceOfSatisfying(
            LlmProviderRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(status));
    assertThat(fixture.simulator.requests()).hasSize(1);
    assertThat(fixture.ticker.waits()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aWrongApiKeyIsRejectedAndNeverShownInTheError(LlmProvider provider) {
    addRunningBatch(provider);
    String wrongKey = "sk-wrong-key-0123456789";

    try (AutoCloseable client = wrongKeyClient(provider, wrongKey)) {
      assertThatThrownBy(() -> ((LlmBatchProviderPort) client).retrieveBatch(batchId(provider)))
          .isInstanceOfSatisfying(
              LlmProviderRejectedException.class,
              e -> {
                assertThat(e.httpStatus()).isEqualTo(401);
                assertThat(e).hasMessageNotContaining(wrongKey);
              });
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(fixture.simulator.requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void anUnknownBatchIsRejected(LlmProvider provider) {
    assertThatThrownBy(() -> client(provider).retrieveBatch(batchId(provider)))
        .isInstanceOfSatisfying(
            LlmProviderRejectedException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    assertThat(fixture.simulator.requests()).hasSize(1);
  }

  @Test
  void anAnthropicRateLimitWithoutRetryAfterIsASpendCapAndIsNotRetriedWithinTheCall() {
    addRunningBatch(LlmProvider.ANTHROPIC);
    fixture.simulator.inject(SimulatedFault.rateLimitedWithoutRetryAfter());

    assertThatThrownBy(() -> fixture.anthropic().retrieveBatch("msgbatch_1"))
        .isInstanceOfSatisfying(
            LlmProviderRetryableException.class, e -> assertThat(e.httpStatus()).isEqualTo(429));
    assertThat(fixture.simulator.requests()).hasSize(1);
  }

  @Test
  void anOpenAiRateLimitWithoutRetryAfterIsRetriedWithBackoff() {
    addRunningBatch(LlmProvider.OPENAI);
    fixture.simulator.inject(SimulatedFault.rateLimitedWithoutRetryAfter());

    assertThat(fixture.openAi().retrieveBatch("batch_1").batonStatus())
        .contains(BatchStatus.RUNNING);
    assertThat(fixture.ticker.waits()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aRetryAfterLongerThanAllowedIsLeftForTheNextCycle(LlmProvider provider) {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.rateLimited(Duration.ofMinutes(5)));

    assertThatThrownBy(() -> client(provider).retrieveBatch(batchId(provider)))
        .isInstanceOf(LlmProviderRetryableException.class);
    assertThat(fixture.ticker.waits()).isEmpty();
    assertThat(fixture.simulator.requests()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aMalformedBatchAnswerIsRetryableButNotRetriedWithinTheCall(LlmProvider provider) {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.malformedJson());

    assertThatThrownBy(() -> client(provider).retrieveBatch(batchId(provider)))
        .isInstanceOf(LlmProviderRetryableException.class)
        .hasMessageContaining("malformed");
    assertThat(fixture.simulator.requests()).hasSize(1);
    assertThat(client(provider).retrieveBatch(batchId(provider)).batonStatus())
        .contains(BatchStatus.RUNNING);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aSlowAnswerTimesOutAndIsRetried(LlmProvider provider) throws Exception {
    addRunningBatch(provider);
    fixture.simulator.inject(SimulatedFault.slow(Duration.ofSeconds(1)));
    Duration shortTimeout = Duration.ofMillis(250);

    try (AutoCloseable client =
        provider == LlmProvider.ANTHROPIC
            ? fixture.anthropic(SimulatedProviderFixture.ANTHROPIC_KEY, shortTimeout)
            : fixture.openAi(SimulatedProviderFixture.OPENAI_KEY, shortTimeout)) {
      ProviderBatchState batch = ((LlmBatchProviderPort) client).retrieveBatch(batchId(provider));

      assertThat(batch.batonStatus()).contains(BatchStatus.RUNNING);
    }
    assertThat(fixture.ticker.waits()).hasSize(1);
    assertThat(fixture.simulator.requests()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aResultsStreamCutHalfwayIsRetryableAndNotReportedComplete(LlmProvider provider) {
    ProviderBatchState batch = endedBatch(provider);
    fixture.simulator.inject(SimulatedFault.cutResultsStreamAfter(4));
    List<ProviderItemResult> handedOver = new ArrayList<>();

    assertThatThrownBy(() -> client(provider).streamItemResults(batch, handedOver::add))
        .isInstanceOf(LlmProviderRetryableException.class)
        .hasMessageContaining("broke off after 4 results");
    assertThat(handedOver)
        .extracting(ProviderItemResult::customId)
        .containsExactly("request-0", "request-1", "request-2", "request-3");
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aMalformedResultLineIsRetryableAndNotReportedComplete(LlmProvider provider) {
    ProviderBatchState batch = endedBatch(provider);
    fixture.simulator.inject(SimulatedFault.malformedJson());
    List<ProviderItemResult> handedOver = new ArrayList<>();

    assertThatThrownBy(() -> client(provider).streamItemResults(batch, handedOver::add))
        .isInstanceOf(LlmProviderRetryableException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("malformed");
    assertThat(handedOver).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aResultsStreamThatEndsCleanlyButEarlyIsNotReportedComplete(LlmProvider provider) {
    ProviderBatchState batch = endedBatch(provider);
    ProviderBatchState countingMore =
        new ProviderBatchState(
            batch.provider(),
            batch.providerBatchId(),
            batch.providerState(),
            batch.batonStatus(),
            new ProviderRequestCounts(0, ITEMS + 5, 0, 0, 0),
            batch.resultSources(),
            batch.rawJson());

    assertThatThrownBy(() -> client(provider).streamItemResults(countingMore, result -> {}))
        .isInstanceOf(LlmProviderRetryableException.class)
        .hasMessageContaining("ended after 10 results; the provider counts 15");
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aFailedResultsRequestIsRetriedAndEachResultHandedOverOnce(LlmProvider provider) {
    ProviderBatchState batch = endedBatch(provider);
    fixture.simulator.inject(SimulatedFault.status(502));
    List<ProviderItemResult> handedOver = new ArrayList<>();

    long count = client(provider).streamItemResults(batch, handedOver::add);

    assertThat(count).isEqualTo(ITEMS);
    assertThat(handedOver).hasSize(ITEMS);
    assertThat(fixture.ticker.waits()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void anInterruptedThreadStopsReadingResults(LlmProvider provider) {
    ProviderBatchState batch = endedBatch(provider);
    List<ProviderItemResult> handedOver = new ArrayList<>();

    try {
      assertThatThrownBy(
              () ->
                  client(provider)
                      .streamItemResults(
                          batch,
                          result -> {
                            handedOver.add(result);
                            if (handedOver.size() == 3) {
                              Thread.currentThread().interrupt();
                            }
                          }))
          .isInstanceOf(LlmProviderRetryableException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(handedOver).hasSize(3);
  }

  private void addRunningBatch(LlmProvider provider) {
    fixture.simulator.add(batch(provider).items(ITEMS).build());
  }

  private ProviderBatchState endedBatch(LlmProvider provider) {
    fixture.simulator.add(batch(provider).endsAfterPolls(0).items(ITEMS).build());
    ProviderBatchState batch = client(provider).retrieveBatch(batchId(provider));
    assertThat(batch.isTerminal()).isTrue();
    return batch;
  }

  private SimulatedBatch.Builder batch(LlmProvider provider) {
    return provider == LlmProvider.ANTHROPIC
        ? SimulatedBatch.anthropic(batchId(provider))
        : SimulatedBatch.openAi(batchId(provider));
  }

  private static String batchId(LlmProvider provider) {
    return provider == LlmProvider.ANTHROPIC ? "msgbatch_1" : "batch_1";
  }

  private LlmBatchProviderPort client(LlmProvider provider) {
    return provider == LlmProvider.ANTHROPIC ? fixture.anthropic() : fixture.openAi();
  }

  private AutoCloseable wrongKeyClient(LlmProvider provider, String key) {
    return provider == LlmProvider.ANTHROPIC
        ? fixture.anthropic(key, SimulatedProviderFixture.CALL_TIMEOUT)
        : fixture.openAi(key, SimulatedProviderFixture.CALL_TIMEOUT);
  }
}
