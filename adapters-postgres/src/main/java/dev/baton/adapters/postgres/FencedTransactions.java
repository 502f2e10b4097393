package dev.baton.adapters.postgres;

import dev.baton.domain.FencedOutException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Every leader-side write goes through here: in one short transaction, the term row is read FOR
 * SHARE and compared with the writer's term, then the write runs and commits. A newer term throws
 * {@link FencedOutException} and rolls back. FOR SHARE lets fenced writes run side by side while
 * making a new leader's term increment wait for them, so no write of an old term lands after a new
 * term exists.
 */
public final class FencedTransactions {
  private final Jdbi jdbi;
  private final long lockKey;

  public FencedTransactions(PostgresDatabase database) {
    this.jdbi = database.jdbi();
    this.lockKey = database.settings().lockKey();
  }

  /**
   * Runs {@code write} fenced by {@code term}.
   *
   * @param operation what is written, for the rejection's message
   * @throws FencedOutException when {@code term} is not the current term; nothing is written
   */
  public <T, X extends Exception> T inFencedTransaction(
      long term, String operation, HandleCallback<T, X> write) throws X {
    return jdbi.inTransaction(
        handle -> {
          requireCurrentTerm(handle, term, operation);
          return write.withHandle(handle);
        });
  }

  private void requireCurrentTerm(Handle handle, long term, String operation) {
    Optional<Long> current =
        handle
            .createQuery("select term from scheduler_leadership where lock_key = :key for share")
            .bind("key", lockKey)
            .mapTo(Long.class)
            .findOne();
    long currentTerm = current.orElse(0L);
    if (currentTerm != term) {
      throw new FencedOutException(operation, term, currentTerm);
    }
  }
}
