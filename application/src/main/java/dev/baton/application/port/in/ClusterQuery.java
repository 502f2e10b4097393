package dev.baton.application.port.in;

/** The instances on this database and who leads them ({@code GET /v1/scheduler/instances}). */
public interface ClusterQuery {
  ClusterView cluster();
}
