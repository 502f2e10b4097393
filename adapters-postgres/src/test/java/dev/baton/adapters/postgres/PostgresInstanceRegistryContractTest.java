package dev.baton.adapters.postgres;

import dev.baton.domain.port.InstanceRegistryPort;
import dev.baton.persistence.JdbiInstanceRegistry;
import dev.baton.testsupport.contract.InstanceRegistryPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresInstanceRegistryContractTest extends InstanceRegistryPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private PostgresDatabase database;

  @Override
  protected InstanceRegistryPort registry() {
    database = electors.emptied("baton-registry", "baton_instance");
    return new JdbiInstanceRegistry(database.jdbi());
  }

  @Override
  protected List<String> storedRoles() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("select role from <schema>.baton_instance")
                    .mapTo(String.class)
                    .list());
  }
}
