package dev.baton.adapters.postgres;

import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresLeadershipContractTest extends LeadershipPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private PostgresElectors electors;

  @BeforeAll
  static void migrate() {
    try (PostgresElectors setup = new PostgresElectors(postgres)) {
      setup.database("baton-migrate").migrate();
    }
  }

  @BeforeEach
  void newLockKey() {
    electors = new PostgresElectors(postgres);
  }

  @AfterEach
  void closeElectors() {
    electors.close();
  }

  @Override
  protected LeadershipPort leadershipOf(String instanceId) {
    return electors.leadership(instanceId);
  }
}
