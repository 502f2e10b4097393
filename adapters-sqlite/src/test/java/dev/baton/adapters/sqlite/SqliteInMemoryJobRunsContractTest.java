package dev.baton.adapters.sqlite;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SqliteInMemoryJobRunsContractTest extends SqliteJobRunsContract {
  private SqliteDatabase database;

  @BeforeEach
  void migrate() {
    database = TestDatabases.migrated("jdbc:sqlite::memory:");
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Override
  SqliteDatabase database() {
    return database;
  }
}
