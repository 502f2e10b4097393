package dev.baton.persistence;

import java.util.List;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** One select on a handle of its own, its parameters bound by the caller. */
final class Selects {
  private Selects() {}

  static <T> List<T> list(Jdbi jdbi, String sql, Consumer<Query> bindings, RowMapper<T> rows) {
    return jdbi.withHandle(
        handle -> {
          Query query = handle.createQuery(sql);
          bindings.accept(query);
          return query.map(rows).list();
        });
  }
}
