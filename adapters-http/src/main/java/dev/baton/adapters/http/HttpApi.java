package dev.baton.adapters.http;

import dev.baton.application.port.in.BatchTrackingUseCase;
import dev.baton.application.port.in.ClusterQuery;
import dev.baton.application.port.in.JobsQuery;
import dev.baton.application.port.in.LeadershipHistoryQuery;
import dev.baton.application.port.in.MetricsQuery;
import dev.baton.application.port.in.PauseJobUseCase;
import dev.baton.application.port.in.ProviderWebhookUseCase;
import dev.baton.application.port.in.ReadinessQuery;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.application.port.in.SchedulerStatusQuery;
import dev.baton.application.port.in.StepDownUseCase;
import dev.baton.application.port.in.WebhookDeliveriesUseCase;
import java.util.Objects;

/**
 * Everything the HTTP API asks of the application, handed over at once so that a new endpoint adds
 * a component here instead of a constructor parameter to {@link BatonHttpServer}.
 */
public record HttpApi(
    SchedulerStatusQuery schedulerStatus,
    ReadinessQuery readiness,
    ClusterQuery cluster,
    LeadershipHistoryQuery history,
    JobsQuery jobs,
    RunJobUseCase runJob,
    PauseJobUseCase pauseJob,
    StepDownUseCase stepDown,
    MetricsQuery metrics,
    BatchTrackingUseCase batches,
    WebhookDeliveriesUseCase deliveries,
    ProviderWebhookUseCase providerWebhooks) {

  public HttpApi {
    Objects.requireNonNull(schedulerStatus, "schedulerStatus");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(runJob, "runJob");
    Objects.requireNonNull(pauseJob, "pauseJob");
    Objects.requireNonNull(stepDown, "stepDown");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(providerWebhooks, "providerWebhooks");
  }
}
