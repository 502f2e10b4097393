package dev.baton.adapters.postgres;

import org.jdbi.v3.core.Jdbi;

/** The invariant every failover test ends with, read from the database clock. */
final class JobRunOverlaps {
  private JobRunOverlaps() {}

  /** Pairs of finished runs of one job whose intervals overlap. */
  static long count(Jdbi jdbi) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select count(*) from <schema>.baton_job_run a join <schema>.baton_job_run b on a.job_name = b.job_name"
                        + " and a.id < b.id and a.finished_at is not null"
                        + " and b.finished_at is not null"
                        + " and a.started_at < b.finished_at and b.started_at < a.finished_at")
                .mapTo(Long.class)
                .one());
  }
}
