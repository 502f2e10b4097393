package dev.baton.application;

import dev.baton.domain.JobRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the next run of one job was asked for by, besides its schedule: callers waiting for the run,
 * a request stored by any instance, a task that has work asked for. A run takes them all when it is
 * triggered and answers its callers with its outcome. Guarded by the {@link JobScheduler}'s lock.
 */
final class RunRequests {
  private final List<CompletableFuture<JobRun>> callers = new ArrayList<>();
  private boolean stored;
  private boolean woken;

  void addCaller(CompletableFuture<JobRun> caller) {
    callers.add(caller);
  }

  /** Queues the stored request; false when one is queued already. */
  boolean queueStored() {
    boolean queued = !stored;
    stored = true;
    return queued;
  }

  /** Queues a woken run; false when one is queued already. */
  boolean queueWake() {
    boolean queued = !woken;
    woken = true;
    return queued;
  }

  boolean any() {
    return !callers.isEmpty() || stored || woken;
  }

  /** Hands every request to the run being triggered. */
  Taken take() {
    Taken taken = new Taken(List.copyOf(callers), stored, woken);
    abandon();
    return taken;
  }

  /** Drops every request; returns the callers, who wait in vain. */
  List<CompletableFuture<JobRun>> abandon() {
    List<CompletableFuture<JobRun>> abandoned = List.copyOf(callers);
    callers.clear();
    stored = false;
    woken = false;
    return abandoned;
  }

  /** The requests one run serves. */
  record Taken(List<CompletableFuture<JobRun>> callers, boolean stored, boolean woken) {
    /** Whether someone asked for the run (not only a wake). */
    boolean requested() {
      return stored || !callers.isEmpty();
    }

    void answer(JobRunner.Result result, String jobName) {
      if (result.status() == JobRunner.Status.FINISHED) {
        callers.forEach(caller -> caller.complete(result.run()));
      } else {
        fail(new IllegalStateException("the start of " + jobName + " was not recorded"));
      }
    }

    void fail(Throwable e) {
      callers.forEach(caller -> caller.completeExceptionally(e));
    }
  }
}
