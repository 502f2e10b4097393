package dev.baton.adapters.postgres;

import dev.baton.domain.FencedOutException;
import dev.baton.persistence.FencedTransactions;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The fence on PostgreSQL: the term row is read FOR SHARE and compared with the writer's term. FOR
 * SHARE lets fenced writes run side by side while making a new leader's term increment wait for
 * them, so no write of an old term lands after a new term exists. A statement timeout bounds that
 * wait, so slow work inside the transaction (a host's own SQL) cannot hold up a takeover for long.
 */
public final class PostgresFencedTransactions implements FencedTransactions {
  private static final String STATEMENT_TIMEOUT =
      "set local statement_timeout = " + PostgresSettings.FENCED_STATEMENT_TIMEOUT.toMillis();

  private final Jdbi jdbi;
  private final long lockKey;

  public PostgresFencedTransactions(PostgresDatabase database) {
    this.jdbi = database.jdbi();
    this.lockKey = database.settings().lockKey();
  }

  @Override
  public <T, X extends Exception> T inFencedTransaction(
      long term, String operation, HandleCallback<T, X> write) throws X {
    return jdbi.inTransaction(
        handle -> {
          handle.execute(STATEMENT_TIMEOUT);
          requireCurrentTerm(handle, term, operation);
          return write.withHandle(handle);
        });
  }

  private void requireCurrentTerm(Handle handle, long term, String operation) {
    Optional<Long> current =
        handle
            .createQuery(
                "select term from <schema>.baton_leadership where lock_key = :key for share")
            .bind("key", lockKey)
            .mapTo(Long.class)
            .findOne();
    long currentTerm = current.orElse(0L);
    if (currentTerm != term) {
      throw new FencedOutException(operation, term, currentTerm);
    }
  }
}
