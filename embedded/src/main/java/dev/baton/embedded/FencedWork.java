package dev.baton.embedded;

import java.sql.Connection;

/**
 * Writes that commit only while the run's term is still the current one.
 *
 * @param <T> what the work returns
 */
@FunctionalInterface
public interface FencedWork<T> {

  /**
   * Does the work on {@code connection}, inside a transaction Baton commits when this returns and
   * rolls back when it throws. Do not commit, roll back or close the connection yourself.
   */
  T apply(Connection connection) throws Exception;
}
