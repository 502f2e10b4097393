package dev.baton.adapters.postgres;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.DatabaseFailure.Kind;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/**
 * What a failure to use PostgreSQL means, decided by SQLSTATE class: classes 28 (invalid
 * authorization: a wrong password, an unknown role) and 3D (an unknown database) are
 * misconfigurations that no retry cures; class 08 (connection), 53 (out of resources) and 57P (the
 * server shuts down, restarts or is starting) mean the database cannot be reached now. Everything
 * else reached the database and failed there.
 */
public final class PostgresFailures {
  private PostgresFailures() {}

  /**
   * The failure {@code error} stands for, or empty when it is not a database failure at all (a bug
   * in the caller, which deserves its stack trace).
   */
  public static Optional<DatabaseFailure> classify(Throwable error) {
    SQLException sql = null;
    FlywayException flyway = null;
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException e) {
        // Hikari's timeout carries the last connection failure as its cause: prefer the deepest.
        sql = e;
      } else if (t instanceof FlywayException e && flyway == null) {
        flyway = e;
      }
    }
    if (sql != null) {
      return Optional.of(new DatabaseFailure(kind(sql), describe(sql)));
    }
    if (flyway != null) {
      return Optional.of(new DatabaseFailure(Kind.FAILED, firstLine(flyway.getMessage())));
    }
    return Optional.empty();
  }

  static Kind kind(SQLException e) {
    String state = e.getSQLState();
    if (state == null || state.length() < 2) {
      // pgjdbc gives every server error a state; none means the driver or the pool gave up.
      return e instanceof SQLTransientException || e.getCause() != null
          ? Kind.UNREACHABLE
          : Kind.FAILED;
    }
    String sqlClass = state.substring(0, 2);
    return switch (sqlClass) {
      case "28", "3D" -> Kind.MISCONFIGURED;
      case "08", "53" -> Kind.UNREACHABLE;
      case "57" -> state.startsWith("57P") ? Kind.UNREACHABLE : Kind.FAILED;
      default -> Kind.FAILED;
    };
  }

  /** The server's own message, on one line, with the SQLSTATE when there is one. */
  static String describe(SQLException e) {
    String message = e.getMessage() == null ? "no message" : e.getMessage();
    String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
    return e.getSQLState() == null ? line : line + " (SQLSTATE " + e.getSQLState() + ")";
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "no message";
    }
    return message.strip().lines().findFirst().orElse("").strip();
  }
}
