package dev.baton.adapters.postgres;

import dev.baton.domain.port.JobRunPort;
import dev.baton.testsupport.contract.JobRunPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresJobRunsContractTest extends JobRunPortContract {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private PostgresElectors electors;
  private PostgresDatabase database;

  @BeforeEach
  void freshTables() {
    electors = new PostgresElectors(postgres);
    database = electors.database("baton-runs");
    database.migrate();
    database
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "truncate <schema>.baton_job_run, <schema>.baton_scheduled_job, <schema>.baton_leadership"));
  }

  @AfterEach
  void close() {
    electors.close();
  }

  @Override
  protected JobRunPort jobRuns(int retainedRunsPerJob) {
    return new PostgresJobRuns(
        database, new PostgresFencedTransactions(database), retainedRunsPerJob);
  }

  @Override
  protected long grantNewTerm() {
    return database
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "insert into <schema>.baton_leadership as l (lock_key, term, holder_instance_id,"
                            + " holder_pid, acquired_at) values (:key, 1, 'test', 0,"
                            + " clock_timestamp()) on conflict (lock_key) do update set term ="
                            + " l.term + 1 returning term")
                    .bind("key", electors.lockKey())
                    .mapTo(Long.class)
                    .one());
  }
}
