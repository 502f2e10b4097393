package dev.baton.bootstrap;

import dev.baton.application.SchedulerReadiness;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The backend's leadership, whose lock attempts also tell readiness whether the database answers,
 * and if not, why: the lifecycle retries them while the database cannot be asked, so they are this
 * process's steady view of it ({@code /readyz} then says {@code database unreachable:} and the
 * database's own one-line cause).
 */
final class WatchedLeadership implements LeadershipPort {
  private final LeadershipPort backend;
  private final DatabaseBackend database;
  private final Supplier<SchedulerReadiness> readiness;

  WatchedLeadership(
      LeadershipPort backend, DatabaseBackend database, Supplier<SchedulerReadiness> readiness) {
    this.backend = backend;
    this.database = database;
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
            database
                .classify(e)
                .map(BatonProcess::readinessDetail)
                .orElse("database unreachable: lock attempt failed"));
  }
}
