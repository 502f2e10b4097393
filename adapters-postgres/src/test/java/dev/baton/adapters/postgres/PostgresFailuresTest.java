package dev.baton.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.DatabaseFailure.Kind;
import dev.baton.testsupport.postgres.TestPostgres;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresFailuresTest {
  @RegisterExtension static final TestPostgres postgres = new TestPostgres();

  @ParameterizedTest(name = "SQLSTATE {0} is {1}")
  @CsvSource({
    "28P01, MISCONFIGURED", // invalid_password
    "28000, MISCONFIGURED", // invalid_authorization_specification: unknown role
    "3D000, MISCONFIGURED", // invalid_catalog_name: unknown database
    "08001, UNREACHABLE", // refused, unknown host
    "08006, UNREACHABLE", // connection failure while talking
    "57P01, UNREACHABLE", // admin_shutdown: a restart
    "57P03, UNREACHABLE", // cannot_connect_now: starting up
    "53300, UNREACHABLE", // too_many_connections
    "57014, FAILED", // query_canceled
    "42501, FAILED", // insufficient_privilege
    "42P01, FAILED", // undefined_table
  })
  void theSqlStateClassDecides(String state, Kind kind) {
    SQLException error = new SQLException("FATAL: something", state);

    assertThat(PostgresFailures.classify(error))
        .contains(new DatabaseFailure(kind, "FATAL: something (SQLSTATE " + state + ")"));
  }

  @Test
  void thePoolsTimeoutIsUnderstoodByTheConnectionFailureItCarries() {
    SQLException refused =
        new SQLException("FATAL: password authentication failed for user \"baton\"", "28P01", null);
    SQLException timeout =
        new SQLTransientConnectionException(
            "baton-pool - Connection is not available, request timed out after 5005ms",
            null,
            refused);

    assertThat(PostgresFailures.classify(new RuntimeException("wrapped", timeout)))
        .contains(
            new DatabaseFailure(
                Kind.MISCONFIGURED,
                "FATAL: password authentication failed for user \"baton\" (SQLSTATE 28P01)"));
  }

  @Test
  void aDriverFailureWithoutStateButWithAnIoCauseIsUnreachable() {
    SQLException lost =
        new SQLException("The connection attempt failed.", null, new ConnectException());

    assertThat(PostgresFailures.classify(lost).map(DatabaseFailure::kind))
        .contains(Kind.UNREACHABLE);
  }

  @Test
  void aMultiLineMessageBecomesOneLine() {
    SQLException error = new SQLException("ERROR: relation missing\n  Hint: create it", "42P01");

    assertThat(PostgresFailures.classify(error).map(DatabaseFailure::cause))
        .contains("ERROR: relation missing Hint: create it (SQLSTATE 42P01)");
  }

  @Test
  void aFlywayFailureWithoutSqlCauseIsAFailureOfItsFirstLine() {
    FlywayException error = new FlywayException("Validate failed: checksum mismatch\nmore detail");

    assertThat(PostgresFailures.classify(error))
        .contains(new DatabaseFailure(Kind.FAILED, "Validate failed: checksum mismatch"));
  }

  @Test
  void anythingElseIsNoDatabaseFailure() {
    assertThat(PostgresFailures.classify(new NullPointerException())).isEqualTo(Optional.empty());
  }

  @Test
  void aRealServerNamesAnUnknownDatabaseAtOnce() {
    String url = postgres.jdbcUrl().replace("/" + postgres.databaseName(), "/baton_no_such_db");

    assertMisconfigured(url, "\"baton_no_such_db\"", "SQLSTATE 3D000");
  }

  @Test
  void aRealServerNamesAnUnknownRoleAtOnce() {
    String base = postgres.jdbcUrl();
    String url =
        base.contains("user=")
            ? base.replaceAll("user=[^&]*", "user=baton_no_such_role")
            : base + (base.contains("?") ? "&" : "?") + "user=baton_no_such_role";

    assertMisconfigured(url, "\"baton_no_such_role\"", "SQLSTATE 28000");
  }

  private static void assertMisconfigured(String url, String... causeParts) {
    try (PostgresDatabase database = database(url)) {
      assertThatThrownBy(database::checkConnection)
          .satisfies(
              e ->
                  assertThat(PostgresFailures.classify(e))
                      .hasValueSatisfying(
                          failure -> {
                            assertThat(failure.kind()).isEqualTo(Kind.MISCONFIGURED);
                            assertThat(failure.cause()).contains(causeParts);
                          }));
    }
  }

  @Test
  void aPortNobodyListensOnIsUnreachable() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (PostgresDatabase database =
        database("jdbc:postgresql://127.0.0.1:" + closedPort + "/baton?user=baton")) {
      assertThatThrownBy(database::checkConnection)
          .satisfies(
              e ->
                  assertThat(PostgresFailures.classify(e).map(DatabaseFailure::kind))
                      .contains(Kind.UNREACHABLE));
    }
  }

  private static PostgresDatabase database(String url) {
    return new PostgresDatabase(new PostgresElectors(url).settings("baton-failures", url));
  }
}
