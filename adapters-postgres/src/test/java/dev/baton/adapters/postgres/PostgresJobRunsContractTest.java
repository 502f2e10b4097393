package dev.baton.adapters.postgres;

import dev.baton.domain.port.JobRunPort;
import dev.baton.testsupport.contract.JobRunPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobRunsContractTest extends JobRunPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @RegisterExtension final PostgresElectors electors = new PostgresElectors(postgres);
  private PostgresDatabase database;

  @BeforeEach
  void freshTables() {
    database =
        electors.emptied("baton-runs", "baton_job_run", "baton_scheduled_job", "baton_leadership");
  }

  @Override
  protected JobRunPort jobRuns(int retainedRunsPerJob) {
    return new PostgresJobRuns(
        database, new PostgresFencedTransactions(database), retainedRunsPerJob);
  }

  @Override
  protected long grantNewTerm() {
    return electors.grantNewTerm(database);
  }
}
