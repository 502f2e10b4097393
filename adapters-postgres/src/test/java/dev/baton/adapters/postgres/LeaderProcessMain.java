package dev.baton.adapters.postgres;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.LeaderLease;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A separate process that leads and then waits to be killed; prints {@code LEADER <term>}. */
public final class LeaderProcessMain {
  private LeaderProcessMain() {}

  public static void main(String[] args) throws Exception {
    PostgresDatabase database =
        new PostgresDatabase(
            new PostgresSettings(
                args[0],
                new InstanceId(args[2]),
                Long.parseLong(args[1]),
                Duration.ofSeconds(4),
                Duration.ofSeconds(10),
                2));
    database.jdbi().useHandle(handle -> handle.execute("select 1"));
    LeaderLease lease =
        new PostgresAdvisoryLockLeadership(database, java.time.Clock.systemUTC()::instant)
            .awaitAcquire(Duration.ofSeconds(30))
            .orElseThrow();
    System.out.println("LEADER " + lease.term());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
