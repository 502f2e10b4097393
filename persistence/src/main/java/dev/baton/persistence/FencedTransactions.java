package dev.baton.persistence;

import dev.baton.domain.FencedOutException;
import org.jdbi.v3.core.HandleCallback;

/**
 * The fence of every leader-side write, one shape on every backend: in one short transaction the
 * stored term is read (locked against a new leader's increment) and compared with the writer's
 * term, then the write runs and commits. A newer term throws {@link FencedOutException} and rolls
 * back, so no write of an old term lands after a new term exists.
 */
public interface FencedTransactions {

  /**
   * Runs {@code write} fenced by {@code term}.
   *
   * @param operation what is written, for the rejection's message
   * @throws FencedOutException when {@code term} is not the current term; nothing is written
   */
  <T, X extends Exception> T inFencedTransaction(
      long term, String operation, HandleCallback<T, X> write) throws X;
}
