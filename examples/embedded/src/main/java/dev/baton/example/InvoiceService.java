package dev.baton.example;

import dev.baton.embedded.Baton;
import dev.baton.embedded.Schedule;
import dev.baton.embedded.Task;
import java.time.Duration;
import java.time.ZoneId;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An invoicing service that runs on several machines against one PostgreSQL database. Its two
 * periodic jobs must run on one instance at a time, and their writes must never land twice: Baton
 * elects the instance and fences the writes.
 *
 * <p>Run it with the database in {@code INVOICES_DATABASE_URL}, e.g. {@code
 * jdbc:postgresql://127.0.0.1:5432/invoices?user=postgres}; start it twice and stop either.
 */
public final class InvoiceService {
  private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

  private InvoiceService() {}

  public static void main(String[] args) throws InterruptedException {
    String jdbcUrl = System.getenv("INVOICES_DATABASE_URL");
    if (jdbcUrl == null) {
      System.err.println("INVOICES_DATABASE_URL is not set: name a PostgreSQL JDBC URL");
      System.exit(2);
    }
    // The service's own tables, through its own Flyway: db/migration, flyway_schema_history.
    Flyway.configure().dataSource(jdbcUrl, null, null).load().migrate();
    Invoices invoices = new Invoices();

    // Baton: two jobs, run on one instance at a time, their writes fenced.
    Task reminders = run -> run.inFencedTransaction(c -> invoices.sendReminders(c, run));
    Task report = run -> run.inFencedTransaction(c -> invoices.writeMonthlyReport(c, run));
    Baton baton =
        Baton.builder()
            .postgres(jdbcUrl)
            .instanceId("invoices")
            .job("send-reminders", Schedule.every(Duration.ofMillis(500)), reminders)
            .job("monthly-report", Schedule.cron("0 6 1 * *", ZoneId.of("Europe/Berlin")), report)
            .start();

    Runtime.getRuntime().addShutdownHook(new Thread(baton::close));
    log.info("Invoice service {} started", baton.instanceId());
    Thread.currentThread().join(); // until SIGTERM, whose shutdown hook closes Baton
  }
}
