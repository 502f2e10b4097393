package dev.baton.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.baton.domain.BatchStatus;
import dev.baton.domain.FencedOutException;
import dev.baton.domain.LlmBatchJob;
import dev.baton.domain.LlmProvider;
import dev.baton.domain.NewBatch;
import dev.baton.domain.PollRequest;
import dev.baton.domain.ProviderEventReceipt;
import dev.baton.domain.port.BatchPollerPort;
import dev.baton.domain.port.BatchTrackingPort;
import dev.baton.domain.port.PollRequestPort;
import dev.baton.domain.port.ProviderWebhookInboxPort;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every backend of {@link ProviderWebhookInboxPort} and {@link PollRequestPort} must do: a
 * provider's webhook asks once for a running batch's poll, whatever instance receives it and
 * however often it is replayed, and the leader clears only the request it served. Each test starts
 * on an empty store; batches are created and completed through the same backend's ports.
 */
public abstract class PollRequestPortContract {
  private static final Instant T0 = Instant.parse("2026-11-28T22:00:00.123Z");
  private static final String ENDED = "{\"status\": \"completed\"}";

  protected abstract ProviderWebhookInboxPort inbox();

  protected abstract PollRequestPort pollRequests();

  protected abstract BatchTrackingPort tracking();

  protected abstract BatchPollerPort poller();

  /** Makes a new term the current one, as a new leader's grant does, and returns it. */
  protected abstract long grantNewTerm();

  @Test
  void anEventForARunningBatchAsksForItsPollAndRecordsTheWakeUp() {
    LlmBatchJob batch = create(LlmProvider.OPENAI, "batch_1");

    assertThat(inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.POLL_REQUESTED);

    assertThat(pollRequests().requestedPolls(10))
        .extracting(request -> request.batch().id(), PollRequest::requestedAt)
        .containsExactly(tuple(batch.id(), T0));
    assertThat(tracking().find(batch.id()).orElseThrow().batch().lastWokenAt()).isEqualTo(T0);
  }

  @Test
  void aReplayedWebhookIdChangesNothing() {
    LlmBatchJob batch = create(LlmProvider.OPENAI, "batch_1");
    inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1");
    pollRequests().clearPollRequest(grantNewTerm(), batch.id(), T0);

    assertThat(
            inbox().recordProviderEvent("msg_1", T0.plusSeconds(30), LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.REPLAYED);

    assertThat(pollRequests().requestedPolls(10)).isEmpty();
    assertThat(tracking().find(batch.id()).orElseThrow().batch().lastWokenAt()).isEqualTo(T0);
  }

  @Test
  void anEventForAnUntrackedBatchIsRecordedSoItsReplayIsRecognised() {
    create(LlmProvider.ANTHROPIC, "batch_1");

    assertThat(inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.UNKNOWN_BATCH);
    assertThat(inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.REPLAYED);
    assertThat(pollRequests().requestedPolls(10)).isEmpty();
  }

  @Test
  void aBatchWithItsFinalStatusIsNotAskedForAgain() {
    LlmBatchJob batch = create(LlmProvider.OPENAI, "batch_1");
    poller().completeBatch(grantNewTerm(), batch.id(), List.of(), BatchStatus.COMPLETED, T0, ENDED);

    assertThat(inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.ALREADY_FINAL);

    assertThat(pollRequests().requestedPolls(10)).isEmpty();
    assertThat(tracking().find(batch.id()).orElseThrow().batch().lastWokenAt()).isNull();
  }

  @Test
  void requestsComeOldestFirstUpToTheLimit() {
    LlmBatchJob first = create(LlmProvider.OPENAI, "batch_1");
    LlmBatchJob second = create(LlmProvider.OPENAI, "batch_2");
    LlmBatchJob third = create(LlmProvider.OPENAI, "batch_3");
    inbox().recordProviderEvent("msg_3", T0.plusSeconds(3), LlmProvider.OPENAI, "batch_3");
    inbox().recordProviderEvent("msg_1", T0.plusSeconds(1), LlmProvider.OPENAI, "batch_1");
    inbox().recordProviderEvent("msg_2", T0.plusSeconds(2), LlmProvider.OPENAI, "batch_2");

    assertThat(pollRequests().requestedPolls(2))
        .extracting(request -> request.batch().id())
        .containsExactly(first.id(), second.id());
    assertThat(pollRequests().requestedPolls(10))
        .extracting(request -> request.batch().id())
        .containsExactly(first.id(), second.id(), third.id());
  }

  @Test
  void clearingLeavesARequestMadeAfterTheOneServed() {
    LlmBatchJob batch = create(LlmProvider.OPENAI, "batch_1");
    inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1");
    PollRequest served = pollRequests().requestedPolls(10).get(0);
    Instant later = T0.plusSeconds(5);
    inbox().recordProviderEvent("msg_2", later, LlmProvider.OPENAI, "batch_1");
    long term = grantNewTerm();

    pollRequests().clearPollRequest(term, batch.id(), served.requestedAt());
    assertThat(pollRequests().requestedPolls(10))
        .extracting(PollRequest::requestedAt)
        .containsExactly(later);

    pollRequests().clearPollRequest(term, batch.id(), later);
    assertThat(pollRequests().requestedPolls(10)).isEmpty();
    assertThat(tracking().find(batch.id()).orElseThrow().batch().lastWokenAt()).isEqualTo(later);
  }

  @Test
  void clearingIsFencedByTheTerm() {
    LlmBatchJob batch = create(LlmProvider.OPENAI, "batch_1");
    inbox().recordProviderEvent("msg_1", T0, LlmProvider.OPENAI, "batch_1");
    long stale = grantNewTerm();
    grantNewTerm();

    assertThatThrownBy(() -> pollRequests().clearPollRequest(stale, batch.id(), T0))
        .isInstanceOf(FencedOutException.class);
    assertThat(pollRequests().requestedPolls(10)).hasSize(1);
  }

  @Test
  void forgottenWebhookIdsCountAsNewAgain() {
    create(LlmProvider.OPENAI, "batch_1");
    inbox().recordProviderEvent("msg_old", T0, LlmProvider.OPENAI, "batch_1");
    Instant fresh = T0.plus(Duration.ofHours(72));
    inbox().recordProviderEvent("msg_new", fresh, LlmProvider.OPENAI, "batch_1");

    assertThat(inbox().forgetProviderEventsBefore(fresh)).isEqualTo(1);

    assertThat(inbox().recordProviderEvent("msg_new", fresh, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.REPLAYED);
    assertThat(inbox().recordProviderEvent("msg_old", fresh, LlmProvider.OPENAI, "batch_1"))
        .isEqualTo(ProviderEventReceipt.POLL_REQUESTED);
  }

  private LlmBatchJob create(LlmProvider provider, String providerBatchId) {
    return tracking()
        .create(new NewBatch(provider, providerBatchId, List.of("item-1")), T0.minusSeconds(60));
  }
}
