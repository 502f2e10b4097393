package dev.baton.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.baton.testsupport.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two copies of the example service, as real processes on one PostgreSQL database: its jobs run on
 * exactly one, a SIGKILL moves them to the other, and Baton's migrations stay out of the service's.
 */
class TwoInvoiceServicesTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final long TAKEOVER_TARGET_MS = 3000;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process process : processes) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Process startCopy(String name) throws IOException {
    Path log = Path.of("target", "invoice-service-" + name + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                InvoiceService.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("INVOICES_DATABASE_URL", postgres.jdbcUrl());
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private List<String> strings(String sql, Object... parameters) throws SQLException {
    try (Connection connection = postgres.openConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    }
  }

  private long count(String sql, Object... parameters) throws SQLException {
    return Long.parseLong(strings(sql, parameters).get(0));
  }

  private boolean tableExists(String name) throws SQLException {
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select to_regclass('" + name + "') is not null")) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  /** Which process runs as which Baton instance, by the pid each registered. */
  private Map<Long, String> instancesByPid() throws SQLException {
    try (Connection connection = postgres.openConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("select pid, instance_id from baton.baton_instance")) {
      Map<Long, String> instances = new java.util.HashMap<>();
      while (rows.next()) {
        instances.put(rows.getLong(1), rows.getString(2));
      }
      return instances;
    }
  }

  @Test
  void theJobsRunOnOneCopyAndMoveToTheOtherWithinSecondsOfASigkill() throws Exception {
    Process first = startCopy("first");
    Process second = startCopy("second");

    await()
        .atMost(WAIT)
        .until(
            () ->
                tableExists("public.reminder_run")
                    && tableExists("baton.baton_instance")
                    && instancesByPid().size() == 2);
    await().atMost(WAIT).until(() -> count("select count(*) from reminder_run") >= 4);
    List<String> writers = strings("select distinct instance_id from reminder_run");
    assertThat(writers).as("instances that ran send-reminders").hasSize(1);
    String leaderId = writers.get(0);
    Map<Long, String> instances = instancesByPid();
    Process leader = instances.get(first.pid()).equals(leaderId) ? first : second;
    Process survivor = leader == first ? second : first;
    String survivorId = instances.get(survivor.pid());

    long killedAt = System.nanoTime();
    leader.destroyForcibly();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> count("select count(*) from reminder_run where instance_id = ?", survivorId) > 0);
    long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    System.out.printf(
        "Example service: SIGKILL of the leader to the first fenced write of the other copy: %d ms"
            + " (target <= %d ms)%n",
        takeoverMs, TAKEOVER_TARGET_MS);

    assertThat(takeoverMs).isLessThanOrEqualTo(TAKEOVER_TARGET_MS);
    assertThat(survivor.isAlive()).isTrue();
    assertThat(count("select count(*) - count(distinct slot) from reminder_run"))
        .as("slots run twice")
        .isZero();
    assertThat(strings("select script from public.flyway_schema_history order by installed_rank"))
        .as("the service's own migration history")
        .containsExactly("V1__invoices.sql");
    assertThat(count("select count(*) from baton.baton_schema_history where success")).isPositive();
    assertThat(
            strings(
                "select table_name from information_schema.tables"
                    + " where table_schema = 'public' order by table_name"))
        .containsExactly("flyway_schema_history", "invoice", "monthly_report", "reminder_run");
    Optional<String> overdue =
        strings("select count(*) from invoice where reminded_at is not null").stream().findFirst();
    assertThat(overdue).contains("2");
  }
}
