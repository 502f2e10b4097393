package dev.baton.adapters.postgres;

import java.util.Objects;
import javax.sql.DataSource;

/** Where Baton's PostgreSQL connections come from. */
public sealed interface PostgresConnections {

  /**
   * Baton's own pool and its dedicated lock sessions, all opened from {@code jdbcUrl} with
   * server-side keepalives and named after the instance ({@code application_name}), so a new leader
   * can tell whether any session of the previous one is left.
   */
  record OwnPool(String jdbcUrl, int poolSize) implements PostgresConnections {
    public OwnPool {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
      }
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
      }
    }

    @Override
    public String describe() {
      return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    @Override
    public boolean namesEverySession() {
      return true;
    }
  }

  /**
   * The application's own pool. Baton borrows one connection for its lock session and one to listen
   * for clean releases (the pool needs the jobs' connections and two more), configures them with
   * {@code SET} and resets them before giving them back. The jobs' connections are the pool's as
   * they are, unnamed, so a new leader cannot tell whether the previous one is gone and waits the
   * takeover grace after an unclean end.
   */
  record HostPool(DataSource dataSource) implements PostgresConnections {
    public HostPool {
      Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public String describe() {
      return "the application's DataSource (" + dataSource.getClass().getSimpleName() + ")";
    }

    @Override
    public boolean namesEverySession() {
      return false;
    }
  }

  /** Where the connections go, for messages; never a password. */
  String describe();

  /** Whether every session of this instance carries its id as {@code application_name}. */
  boolean namesEverySession();
}
