package dev.baton.adapters.sqlite;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobRunsContractTest extends SqliteJobRunsContract {
  @TempDir Path directory;
  private SqliteDatabase database;

  @BeforeEach
  void migrate() {
    database = TestDatabases.migratedFile(directory);
  }

  @Override
  SqliteDatabase database() {
    return database;
  }
}
