package dev.baton.benchmarks.takeover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalPostgresUrlTest {

  @Test
  void swapsTheDatabaseAndKeepsEveryParameter() {
    LocalPostgresUrl url =
        LocalPostgresUrl.parse(
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=disable");

    assertThat(url.withDatabase("baton_bench_0a1b2c").jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://127.0.0.1:5432/baton_bench_0a1b2c?sslmode=disable&user=postgres");
  }

  @Test
  void goesThroughAProxyToTheSameDatabase() {
    LocalPostgresUrl url =
        LocalPostgresUrl.parse("jdbc:postgresql://localhost:5432/baton_bench_0a?user=postgres");

    assertThat(url.through("127.0.0.1", 40123).jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:40123/baton_bench_0a?user=postgres");
  }

  @Test
  void defaultsAreTheDriversOwn() {
    LocalPostgresUrl url = LocalPostgresUrl.parse("jdbc:postgresql:///?user=postgres");

    assertThat(url.host()).isEqualTo("localhost");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.database()).isEqualTo("postgres");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://localhost:5432/postgres",
        "jdbc:postgresql://LOCALHOST/postgres",
        "jdbc:postgresql://127.0.0.1/postgres",
        "jdbc:postgresql://127.1.2.3:5433/postgres",
        "jdbc:postgresql://[::1]:5432/postgres"
      })
  void acceptsThisMachine(String jdbcUrl) {
    assertThat(LocalPostgresUrl.parse(jdbcUrl).database()).isEqualTo("postgres");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://db.example.com:5432/postgres",
        "jdbc:postgresql://10.0.0.7/postgres",
        "jdbc:postgresql://128.0.0.1/postgres",
        "jdbc:postgresql://localhost.example.com/postgres"
      })
  void refusesAServerElsewhere(String jdbcUrl) {
    assertThatThrownBy(() -> LocalPostgresUrl.parse(jdbcUrl))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only runs against PostgreSQL on this machine");
  }

  @Test
  void refusesSeveralHostsAndWhatIsNotAPostgresUrl() {
    assertThatThrownBy(() -> LocalPostgresUrl.parse("jdbc:postgresql://localhost,127.0.0.1/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one");
    assertThatThrownBy(() -> LocalPostgresUrl.parse("jdbc:mysql://localhost/db?password=s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL JDBC URL")
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void batonInstancesNameTheirSessionsThemselves() {
    LocalPostgresUrl url =
        LocalPostgresUrl.parse(
            "jdbc:postgresql://localhost/postgres?user=postgres&ApplicationName=psql");

    assertThat(url.forBatonInstances().params()).doesNotContainKey("ApplicationName");
    assertThat(url.forBatonInstances().params()).containsEntry("user", "postgres");
  }

  @Test
  void showsNoPassword() {
    LocalPostgresUrl url =
        LocalPostgresUrl.parse("jdbc:postgresql://localhost/postgres?user=u&password=s3cret");

    assertThat(url.toString()).doesNotContain("s3cret").contains("password=***");
    assertThat(url.jdbcUrl()).contains("password=s3cret");
  }
}
