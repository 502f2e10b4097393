package dev.baton.embedded.internal;

import dev.baton.adapters.llm.ProviderRequestObserver;
import dev.baton.adapters.postgres.PostgresConnections;
import dev.baton.application.BatchCompletionListener;
import dev.baton.application.JobDefinition;
import dev.baton.application.PollLlmBatchesJob;
import dev.baton.application.SchedulerSettings;
import dev.baton.application.webhook.WebhookSettings;
import dev.baton.domain.port.SchedulerEventsPort;
import dev.baton.persistence.FencedTransactions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What an {@link Engine} is assembled from. The library's builder fills it from its public
 * settings, the Baton service from its configuration; not part of Baton's API.
 *
 * @param migrate whether Baton applies its own migrations (a host may run them itself)
 * @param scheduler the leadership's timings and this process's instance id
 * @param jobs the application's jobs, each made once the backend's fence is known; they come before
 *     Baton's own jobs
 * @param events what happens, for metrics or logs
 * @param polling the polling job's clients and settings; its provider clients exist whenever it is
 *     given, its job is scheduled only when {@link Polling#scheduled}
 * @param completions called on the leader once a tracked batch took its final status
 * @param webhooks completion webhooks: the outbox's delivery job runs when given
 * @param probeInterval the {@code probe} job's interval, when it runs
 * @param providerRequests told of every provider answer
 * @param secrets what no recorded error may show (API keys, tokens, passwords)
 */
public record EngineConfig(
    Database database,
    long lockKey,
    boolean migrate,
    SchedulerSettings scheduler,
    Duration takeoverGrace,
    List<Function<FencedTransactions, JobDefinition>> jobs,
    SchedulerEventsPort events,
    Optional<Polling> polling,
    BatchCompletionListener completions,
    Optional<WebhookSettings> webhooks,
    Optional<Duration> probeInterval,
    ProviderRequestObserver providerRequests,
    List<String> secrets) {

  public EngineConfig {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(scheduler, "scheduler");
    jobs = List.copyOf(jobs);
    secrets = List.copyOf(secrets);
  }

  /**
   * How long the client waits for an answer on the lock session: room above its longest statement
   * (a lock wait slice, or a heartbeat's check).
   */
  public static Duration lockSessionSocketTimeout(SchedulerSettings scheduler) {
    Duration longest =
        scheduler.lockWaitSlice().compareTo(scheduler.heartbeatTimeout()) > 0
            ? scheduler.lockWaitSlice()
            : scheduler.heartbeatTimeout();
    return longest.plusSeconds(5);
  }

  /** Where Baton's tables are. */
  public sealed interface Database {
    /**
     * @param location the database as messages name it, any password masked
     */
    record Postgres(PostgresConnections connections, String schema, String location)
        implements Database {}

    record Sqlite(String jdbcUrl) implements Database {}
  }

  /**
   * The polling of LLM provider batches ({@code poll_llm_batches}).
   *
   * @param concurrency provider calls in flight at most
   * @param scheduled whether the job runs on its schedule; off, it exists only to be run by hand
   */
  public record Polling(
      Optional<ProviderClients.Access> anthropic,
      Optional<ProviderClients.Access> openAi,
      Duration interval,
      Duration jitter,
      PollLlmBatchesJob.Settings settings,
      int concurrency,
      boolean scheduled) {}
}
