package dev.baton.persistence;

import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The database the batch stores share: its {@link Jdbi}, the fence of its leader-side writes and
 * its {@link BatchDialect}.
 */
public record BatchDatabase(Jdbi jdbi, FencedTransactions fenced, BatchDialect dialect) {
  public BatchDatabase {
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(fenced, "fenced");
    Objects.requireNonNull(dialect, "dialect");
  }
}
