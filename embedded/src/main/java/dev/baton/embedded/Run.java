package dev.baton.embedded;

import java.time.Instant;

/** One run of a job, as its {@link Task} sees it. */
public interface Run {

  /** The run's id, as {@code GET /v1/jobs} and the {@code baton_job_run} table show it. */
  long runId();

  String jobName();

  /** The instance that runs it: the leader. */
  String instanceId();

  /** The leadership term it runs under; every fenced write compares against it. */
  long term();

  /** The slot of the schedule this run stands for, or when a run asked for was started. */
  Instant scheduledAt();

  /**
   * Runs {@code work} in one transaction that first takes the term row (PostgreSQL: {@code SELECT …
   * FOR SHARE}; SQLite: {@code BEGIN IMMEDIATE}) and checks this run's term: the writes commit only
   * while this instance still leads under it, and roll back otherwise. The term row stays
   * share-locked for the whole of {@code work}, which holds up a new leader's term: keep slow calls
   * (HTTP to other services) outside it.
   *
   * @return what {@code work} returned
   * @throws dev.baton.domain.FencedOutException when a newer term exists; nothing was committed
   * @throws Exception what {@code work} threw; nothing was committed
   */
  <T> T inFencedTransaction(FencedWork<T> work) throws Exception;
}
