package com.example.reports;

import dev.baton.embedded.Baton;
import dev.baton.embedded.Schedule;
import java.sql.PreparedStatement;
import java.time.Duration;

/** Writes a report row on every run of its job, under Baton's leadership and fence. */
public final class ReportService {
  private ReportService() {}

  /** Adds the service's job to a builder that already names the database, and starts Baton. */
  public static Baton start(Baton.Builder database) {
    return database
        .instanceId("reports")
        .job(
            "write-report",
            Schedule.every(Duration.ofMillis(200)),
            run ->
                run.inFencedTransaction(
                    connection -> {
                      try (PreparedStatement insert =
                          connection.prepareStatement(
                              "insert into report (run_id, instance_id, term) values (?, ?, ?)")) {
                        insert.setLong(1, run.runId());
                        insert.setString(2, run.instanceId());
                        insert.setLong(3, run.term());
                        return insert.executeUpdate();
                      }
                    }))
        .start();
  }
}
