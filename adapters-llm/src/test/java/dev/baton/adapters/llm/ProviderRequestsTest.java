package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.simulator.RecordedRequest;
import dev.baton.simulator.SimulatedBatch;
import dev.baton.simulator.SimulatedOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exact requests the clients send. The simulator's base URLs differ from the real APIs' only in
 * scheme, host and port, so these paths and headers are what api.anthropic.com and api.openai.com
 * would receive.
 */
class ProviderRequestsTest {
  @RegisterExtension final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @Test
  void theAnthropicClientSendsItsKeyAndApiVersionToTheMessageBatchesPaths() {
    List<RecordedRequest> requests =
        requestsToPoll(
            SimulatedBatch.anthropic("msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d")
                .endsAfterPolls(0)
                .items(2),
            fixture.anthropic());

    assertThat(requests)
        .extracting(RecordedRequest::method, RecordedRequest::path)
        .containsExactly(
            tuple("GET", "/v1/messages/batches/msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d"),
            tuple("GET", "/v1/messages/batches/msgbatch_01HkcTjaV5uDC8jWR4ZsDV8d/results"));
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.header("x-api-key"))
                  .isEqualTo(SimulatedProviderFixture.ANTHROPIC_KEY);
              assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
              assertThat(request.header("authorization")).isNull();
            });
    assertThat(realBaseUrl(fixture.simulator.anthropicBaseUrl(), "https://api.anthropic.com"))
        .isEqualTo(ProviderClientSettings.ANTHROPIC_BASE_URL);
  }

  @Test
  void theOpenAiClientSendsItsKeyAsABearerTokenToTheBatchAndFilePaths() {
    List<RecordedRequest> requests =
        requestsToPoll(
            SimulatedBatch.openAi("batch_abc123")
                .endsAfterPolls(0)
                .items(
                    2, index -> index == 0 ? SimulatedOutcome.SUCCEEDED : SimulatedOutcome.EXPIRED),
            fixture.openAi());

    assertThat(requests)
        .extracting(RecordedRequest::method, RecordedRequest::path)
        .containsExactly(
            tuple("GET", "/v1/batches/batch_abc123"),
            tuple("GET", "/v1/files/file-out-batch_abc123/content"),
            tuple("GET", "/v1/files/file-err-batch_abc123/content"));
    assertThat(requests)
        .allSatisfy(
            request -> {
              assertThat(request.header("authorization"))
                  .isEqualTo("Bearer " + SimulatedProviderFixture.OPENAI_KEY);
              assertThat(request.header("x-api-key")).isNull();
            });
    assertThat(realBaseUrl(fixture.simulator.openAiBaseUrl(), "https://api.openai.com"))
        .isEqualTo(ProviderClientSettings.OPENAI_BASE_URL);
  }

  /** The requests {@code client} sends to poll the ended {@code batch} and read its results. */
  private List<RecordedRequest> requestsToPoll(
      SimulatedBatch.Builder batch, HttpBatchProvider client) {
    SimulatedBatch simulated = batch.build();
    fixture.simulator.add(simulated);
    client.streamItemResults(client.retrieveBatch(simulated.id()), result -> {});
    return fixture.simulator.requests();
  }

  /** The simulator's base URL with the real API's scheme, host and port. */
  private String realBaseUrl(String simulatorBaseUrl, String realHost) {
    return simulatorBaseUrl.replace("http://127.0.0.1:" + fixture.simulator.port(), realHost);
  }
}
