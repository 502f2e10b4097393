package dev.baton.adapters.postgres;

import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLeadershipContractTest extends LeadershipPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);

  @BeforeAll
  static void migrate() {
    PostgresElectors.migrate(postgres);
  }

  @Override
  protected LeadershipPort leadershipOf(String instanceId) {
    return electors.leadership(instanceId);
  }
}
