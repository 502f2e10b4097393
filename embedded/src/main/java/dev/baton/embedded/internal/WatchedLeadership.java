package dev.baton.embedded.internal;

import dev.baton.application.SchedulerReadiness;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The backend's leadership, whose lock attempts also tell readiness whether the database answers,
 * and if not, why: the lifecycle retries them while the database cannot be asked, so they are this
 * process's steady view of it ({@code /readyz} then says {@code database unreachable:} and the
 * database's own one-line cause).
 */
public final class WatchedLeadership implements LeadershipPort {
  private final LeadershipPort backend;
  private final Function<Throwable, Optional<DatabaseFailure>> classify;
  private final Supplier<SchedulerReadiness> readiness;

  /**
   * @param classify what an error means for the database, empty when it is no database failure
   * @param readiness asked at each attempt: the lifecycle it watches is built after this
   */
  public WatchedLeadership(
      LeadershipPort backend,
      Function<Throwable, Optional<DatabaseFailure>> classify,
      Supplier<SchedulerReadiness> readiness) {
    this.backend = backend;
    this.classify = classify;
    this.readiness = readiness;
  }

  @Override
  public boolean supportsElection() {
    return backend.supportsElection();
  }

  @Override
  public Optional<LeaderLease> tryAcquire() {
    try {
      return watched(backend::tryAcquire);
    } catch (InterruptedException e) {
      throw new AssertionError("tryAcquire does not wait", e);
    }
  }

  @Override
  public Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException {
    return watched(() -> backend.awaitAcquire(maxWait));
  }

  @Override
  public Optional<LeadershipRecord> storedLeadership() {
    return backend.storedLeadership();
  }

  @Override
  public Optional<String> leaderInstanceId() {
    return backend.leaderInstanceId();
  }

  @Override
  public void onCleanRelease(Runnable listener) {
    backend.onCleanRelease(listener);
  }

  @FunctionalInterface
  private interface Attempt {
    Optional<LeaderLease> acquire() throws InterruptedException;
  }

  private Optional<LeaderLease> watched(Attempt attempt) throws InterruptedException {
    try {
      Optional<LeaderLease> granted = attempt.acquire();
      readiness.get().databaseReady();
      return granted;
    } catch (RuntimeException e) {
      reportFailure(e);
      throw e;
    }
  }

  private void reportFailure(RuntimeException e) {
    readiness
        .get()
        .databaseUnavailable(
            classify
                .apply(e)
                .map(DatabaseProblem::readinessDetail)
                .orElse("database unreachable: lock attempt failed"));
  }
}
