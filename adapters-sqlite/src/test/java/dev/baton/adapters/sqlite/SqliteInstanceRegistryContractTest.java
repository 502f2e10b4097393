package dev.baton.adapters.sqlite;

import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.persistence.JdbiInstanceRegistry;
import dev.baton.testsupport.contract.InstanceRegistryPortContract;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class SqliteInstanceRegistryContractTest extends InstanceRegistryPortContract {
  private SqliteDatabase database;

  @Override
  protected InstanceRegistryPort registry() {
    database = TestDatabases.migrated("jdbc:sqlite::memory:");
    return new JdbiInstanceRegistry(database.jdbi());
  }

  @Override
  protected List<String> storedRoles() {
    return TestDatabases.strings(database, "SELECT role FROM baton_instance");
  }

  @AfterEach
  void close() {
    database.close();
  }
}
