package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LeadershipTerm;
import dev.baton.domain.TermEndReason;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipHistoryPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.testsupport.contract.LeadershipHistoryContract;
import dev.baton.testsupport.contract.LeadershipPortContract;
import dev.baton.testsupport.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
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

  /** The terms the same electors leave behind. */
  @Nested
  class History extends LeadershipHistoryContract {
    @Override
    protected LeadershipPort leadershipOf(String instanceId) {
      return electors.leadership(instanceId);
    }

    @Test
    void aLeaderFencedOutAfterItsSessionWasKilledOverwritesTheLostOfTheNextLeader()
        throws SQLException, InterruptedException {
      PostgresLeaderLease first = (PostgresLeaderLease) electors.leadership("a").tryAcquire().get();
      try (Connection admin = postgres.openAdminConnection();
          PreparedStatement kill = admin.prepareStatement("select pg_terminate_backend(?)")) {
        kill.setInt(1, first.lockSessionPid());
        kill.execute();
      }
      LeaderLease second =
          electors.leadership("b").awaitAcquire(Duration.ofSeconds(15)).orElseThrow();
      assertThat(history().recentTerms(2).get(1).endReason()).isEqualTo(TermEndReason.LOST);

      first.abandonFencedOut();

      LeadershipTerm ended = history().recentTerms(2).get(1);
      assertThat(ended.endReason()).isEqualTo(TermEndReason.FENCED_OUT);
      assertThat(ended.endedAt()).as("the next leader's time").isEqualTo(second.acquiredAt());
      second.release();
    }

    @Test
    void termsPastTheRetentionAreDeletedWhenATermBegins() throws SQLException {
      electors.leadership("a").tryAcquire().get().release();
      try (Connection admin = postgres.openConnection();
          PreparedStatement jump =
              admin.prepareStatement(
                  "update baton.baton_leadership set term = ? where lock_key = ?")) {
        jump.setLong(1, LeadershipHistoryPort.RETAINED_TERMS);
        jump.setLong(2, electors.lockKey());
        jump.executeUpdate();
      }
      electors.leadership("b").tryAcquire().get().release();

      assertThat(history().recentTerms(10))
          .extracting(LeadershipTerm::term)
          .containsExactly(LeadershipHistoryPort.RETAINED_TERMS + 1L);
    }

    @Override
    protected LeadershipHistoryPort history() {
      return new PostgresLeadershipHistory(electors.database("baton-reader"));
    }
  }
}
