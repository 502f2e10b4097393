package dev.baton.adapters.sqlite;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.DatabaseFailure.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/**
 * What a failure to use a SQLite database means, decided by SQLite's primary result code: a file
 * that cannot be opened, written or read as a database is a misconfiguration; a database locked by
 * another process is busy for now; everything else failed inside the database.
 */
public final class SqliteFailures {
  private static final int SQLITE_PERM = 3;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_AUTH = 23;
  private static final int SQLITE_NOTADB = 26;

  private SqliteFailures() {}

  /** The failure {@code error} stands for, or empty when it is not a database failure at all. */
  public static Optional<DatabaseFailure> classify(Throwable error) {
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException e) {
        return Optional.of(new DatabaseFailure(kind(e), oneLine(e.getMessage())));
      }
      if (t instanceof UncheckedIOException e) {
        return Optional.of(
            new DatabaseFailure(
                Kind.MISCONFIGURED, oneLine(e.getMessage()) + ": " + describe(e.getCause())));
      }
    }
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof FlywayException e) {
        String message = e.getMessage() == null ? "no message" : e.getMessage();
        return Optional.of(
            new DatabaseFailure(Kind.FAILED, oneLine(message.lines().findFirst().orElse(""))));
      }
    }
    return Optional.empty();
  }

  static Kind kind(SQLException e) {
    return switch (e.getErrorCode() & 0xff) {
      case SQLITE_BUSY, SQLITE_LOCKED -> Kind.UNREACHABLE;
      case SQLITE_PERM,
          SQLITE_READONLY,
          SQLITE_CORRUPT,
          SQLITE_CANTOPEN,
          SQLITE_AUTH,
          SQLITE_NOTADB ->
          Kind.MISCONFIGURED;
      default -> Kind.FAILED;
    };
  }

  /** An I/O error in words, not as its class name: the path and what is wrong with it. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException missing) {
      return missing.getFile() + ": no such file or directory";
    }
    if (e instanceof AccessDeniedException denied) {
      return denied.getFile() + ": permission denied";
    }
    if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
      return fileSystem.getFile() + ": " + fileSystem.getReason();
    }
    return oneLine(e.getMessage());
  }

  private static String oneLine(String message) {
    return message == null ? "no message" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
