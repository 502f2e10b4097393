package dev.baton.testsupport.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Finds or starts the server for {@link PostgresServer#shared()}, in the order {@link TestPostgres}
 * documents.
 */
final class PostgresServerLocator {

  static final String URL_VARIABLE = "BATON_TEST_POSTGRES_URL";

  /** A current major version; the fixture needs nothing newer than 13. */
  static final String CONTAINER_IMAGE = "postgres:16-alpine";

  /** Where a machine with PostgreSQL installed from its packages answers, as user postgres. */
  static final String LOCAL_DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  static final String NO_SERVER_MESSAGE =
      "No PostgreSQL for tests: set "
          + URL_VARIABLE
          + " (e.g. "
          + LOCAL_DEFAULT_URL
          + "), run PostgreSQL on 127.0.0.1:5432 with a user postgres, provide a Docker engine"
          + " for Testcontainers, or run as a non-root user for embedded PostgreSQL";

  private static final Logger log = LoggerFactory.getLogger(PostgresServerLocator.class);

  enum Source {
    GIVEN_URL,
    LOCAL_DEFAULT,
    TESTCONTAINERS,
    EMBEDDED
  }

  private PostgresServerLocator() {}

  /**
   * Kept apart from starting anything so the order can be tested without a server, Docker or a root
   * shell. Each probe is only asked when the ways before it are closed: the Docker probe is slow
   * and noisy.
   *
   * @throws IllegalStateException with {@link #NO_SERVER_MESSAGE} when none of the ways is open
   */
  static Source choose(
      String givenUrl,
      BooleanSupplier localDefaultAnswers,
      BooleanSupplier dockerAvailable,
      boolean runningAsRoot) {
    if (givenUrl != null && !givenUrl.isBlank()) {
      return Source.GIVEN_URL;
    }
    if (localDefaultAnswers.getAsBoolean()) {
      return Source.LOCAL_DEFAULT;
    }
    if (dockerAvailable.getAsBoolean()) {
      return Source.TESTCONTAINERS;
    }
    if (!runningAsRoot) {
      return Source.EMBEDDED;
    }
    throw new IllegalStateException(NO_SERVER_MESSAGE);
  }

  static PostgresServer locate() {
    String givenUrl = System.getenv(URL_VARIABLE);
    Source source =
        choose(
            givenUrl,
            PostgresServerLocator::localDefaultAnswers,
            () -> DockerClientFactory.instance().isDockerAvailable(),
            // initdb refuses to run as root, so embedded PostgreSQL cannot start there.
            "root".equals(System.getProperty("user.name")));
    PostgresServer server =
        switch (source) {
          case GIVEN_URL -> fromGivenUrl(givenUrl);
          case LOCAL_DEFAULT ->
              new PostgresServer(PostgresUrl.parse(LOCAL_DEFAULT_URL), "the local default");
          case TESTCONTAINERS -> startContainer();
          case EMBEDDED -> startEmbedded();
        };
    log.info("Test PostgreSQL: {}", server);
    return server;
  }

  private static PostgresServer fromGivenUrl(String givenUrl) {
    PostgresUrl url;
    try {
      url = PostgresUrl.parse(givenUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(URL_VARIABLE + " is " + e.getMessage(), e);
    }
    PostgresServer server = new PostgresServer(url, "from " + URL_VARIABLE);
    // Checked here so a wrong URL fails once with its cause, not as a CREATE DATABASE error later.
    try {
      server.openAdminConnection().close();
      return server;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot connect to " + URL_VARIABLE + " " + url.redacted() + ": " + e.getMessage(), e);
    }
  }

  private static boolean localDefaultAnswers() {
    try {
      new PostgresServer(PostgresUrl.parse(LOCAL_DEFAULT_URL), "the local default")
          .openAdminConnection()
          .close();
      return true;
    } catch (SQLException e) {
      log.debug("No PostgreSQL at {}: {}", LOCAL_DEFAULT_URL, e.getMessage());
      return false;
    }
  }

  @SuppressWarnings("resource") // Testcontainers' reaper stops it when the JVM exits
  private static PostgresServer startContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer(CONTAINER_IMAGE);
    container.start();
    PostgresUrl url =
        PostgresUrl.of(
            container.getHost(),
            container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
            PostgresUrl.DEFAULT_DATABASE,
            Map.of("user", container.getUsername(), "password", container.getPassword()));
    return new PostgresServer(url, "Testcontainers " + CONTAINER_IMAGE);
  }

  private static PostgresServer startEmbedded() {
    EmbeddedPostgres embedded;
    try {
      embedded = EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
    PostgresUrl url =
        PostgresUrl.parse(
            embedded.getJdbcUrl(PostgresUrl.DEFAULT_DATABASE, PostgresUrl.DEFAULT_DATABASE));
    return new PostgresServer(url, "embedded PostgreSQL (zonky)");
  }
}
