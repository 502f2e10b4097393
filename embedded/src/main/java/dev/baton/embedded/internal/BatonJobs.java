package dev.baton.embedded.internal;

import dev.baton.adapters.webhook.Webhooks;
import dev.baton.application.BatchWebhookUrls;
import dev.baton.application.DeliverWebhooksJob;
import dev.baton.application.JobDefinition;
import dev.baton.application.JobScheduler;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.ProbeJob;
import dev.baton.application.schedule.JobSchedule;
import dev.baton.domain.WebhookEvents;
import dev.baton.domain.port.ClockPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Baton's own jobs as configured — the polling of LLM batches, the delivery of completion webhooks,
 * the probe — and the provider clients and webhook sender they run on.
 */
final class BatonJobs implements AutoCloseable {
  private final Optional<ProviderClients> providers;
  private final Optional<Webhooks> webhooks;
  private final Optional<PollLlmBatchesJob> pollJob;
  private final List<JobDefinition> definitions = new ArrayList<>();

  /**
   * @param scheduler the scheduler these jobs end up on, asked once a batch completes
   */
  BatonJobs(
      EngineConfig config, Backend backend, ClockPort clock, Supplier<JobScheduler> scheduler) {
    this.providers =
        config
            .polling()
            .map(
                polling ->
                    new ProviderClients(
                        polling.anthropic(),
                        polling.openAi(),
                        polling.concurrency(),
                        config.providerRequests(),
                        config.secrets()));
    this.webhooks =
        config
            .webhooks()
            .map(
                settings ->
                    new Webhooks(
                        settings,
                        backend.webhookDeliveries(),
                        clock,
                        config.events(),
                        config.secrets()));
    this.pollJob =
        providers.map(
            clients ->
                new PollLlmBatchesJob(
                    config.polling().orElseThrow().settings(),
                    backend.batchPoller(),
                    backend.pollRequests(),
                    clients.clients(),
                    clients.calls(),
                    clock,
                    (batch, finalStatus, items) -> {
                      // Its webhook is in the outbox now: send it without waiting for the next
                      // second.
                      webhooks.ifPresent(sender -> scheduler.get().wake(DeliverWebhooksJob.NAME));
                      config.completions().batchCompleted(batch, finalStatus, items);
                    },
                    config.events(),
                    webhooks.map(Webhooks::events).orElse(WebhookEvents.NONE)));
    config
        .polling()
        .filter(EngineConfig.Polling::scheduled)
        .ifPresent(
            polling ->
                definitions.add(
                    new JobDefinition(
                        PollLlmBatchesJob.NAME,
                        JobSchedule.every(polling.interval()),
                        polling.jitter(),
                        Optional.empty(),
                        pollJob.orElseThrow())));
    webhooks.map(Webhooks::job).ifPresent(definitions::add);
    config.probeInterval().map(ProbeJob::every).ifPresent(definitions::add);
  }

  /** The scheduled ones, in the order the status lists them. */
  List<JobDefinition> definitions() {
    return List.copyOf(definitions);
  }

  /** The polling job, also when it is not scheduled (a one-off cycle runs it by hand). */
  Optional<PollLlmBatchesJob> pollJob() {
    return pollJob;
  }

  /** Which URLs a tracked batch may name for its completion webhook. */
  BatchWebhookUrls batchUrls() {
    return webhooks.map(Webhooks::batchUrls).orElse(BatchWebhookUrls.refused());
  }

  @Override
  public void close() {
    providers.ifPresent(ProviderClients::close);
    webhooks.ifPresent(Webhooks::close);
  }
}
