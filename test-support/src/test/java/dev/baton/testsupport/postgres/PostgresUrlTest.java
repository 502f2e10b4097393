package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void keepsHostsAndQueryParametersWhenTheDatabaseChanges() {
    PostgresUrl url =
        PostgresUrl.parse(
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&sslmode=disable"
                + "&options=-c%20statement_timeout%3D5s");

    assertThat(url.withDatabase("baton_test_1").toJdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://127.0.0.1:5432/baton_test_1"
                + "?options=-c+statement_timeout%3D5s&sslmode=disable&user=postgres");
  }

  @Test
  void readsWhatTheDriverReads() {
    PostgresUrl url =
        PostgresUrl.parse(" jdbc:postgresql://[::1]:5433,db2/app?user=baton&password=a%26b\n");

    assertThat(url.hostPorts()).containsExactly("[::1]:5433", "db2:5432");
    assertThat(url.database()).isEqualTo("app");
    assertThat(url.parameters()).isEqualTo(Map.of("user", "baton", "password", "a&b"));
    assertThat(PostgresUrl.parse(url.toJdbcUrl())).isEqualTo(url);
  }

  @Test
  void fallsBackToTheMaintenanceDatabaseAndDefaultPort() {
    PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db/");

    assertThat(url.toJdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres");
  }

  @Test
  void masksThePasswordWhenShown() {
    PostgresUrl url = PostgresUrl.of("h", 1, "d", Map.of("user", "u", "password", "secret"));

    assertThat(url.redacted()).isEqualTo("jdbc:postgresql://h:1/d?password=***&user=u");
    assertThat(url).hasToString(url.redacted());
  }

  @Test
  void refusesWhatTheDriverRefusesWithoutEchoingTheQuery() {
    assertThatThrownBy(() -> PostgresUrl.parse("postgres://h/d?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://host:port/database")
        .hasMessageNotContaining("secret");
  }
}
