package dev.baton.example;

import dev.baton.embedded.Run;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The invoicing service's own SQL, on its own tables. Baton only decides when and where it runs.
 */
final class Invoices {

  /** Marks overdue invoices reminded and records the run; returns how many were reminded. */
  int sendReminders(Connection connection, Run run) throws SQLException {
    int reminded;
    try (PreparedStatement update =
        connection.prepareStatement(
            "update invoice set reminded_at = now() where due_on < current_date")) {
      reminded = update.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into reminder_run (run_id, instance_id, term, slot, reminded)"
                + " values (?, ?, ?, ?, ?)")) {
      insert.setLong(1, run.runId());
      insert.setString(2, run.instanceId());
      insert.setLong(3, run.term());
      insert.setObject(4, run.scheduledAt().atOffset(ZoneOffset.UTC));
      insert.setInt(5, reminded);
      insert.executeUpdate();
    }
    return reminded;
  }

  /** Writes the month's report once: the sum still open. */
  long writeMonthlyReport(Connection connection, Run run) throws SQLException {
    long open;
    try (PreparedStatement sum =
            connection.prepareStatement("select coalesce(sum(amount_cents), 0) from invoice");
        ResultSet rows = sum.executeQuery()) {
      rows.next();
      open = rows.getLong(1);
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "insert into monthly_report (month, open_cents, written_by) values (?, ?, ?)"
                + " on conflict (month) do nothing")) {
      insert.setObject(1, LocalDate.ofInstant(run.scheduledAt(), ZoneOffset.UTC).withDayOfMonth(1));
      insert.setLong(2, open);
      insert.setString(3, run.instanceId());
      insert.executeUpdate();
    }
    return open;
  }
}
