package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliteUrlTest {

  @Test
  void theDefaultUrlIsAFileUnderTheWorkingDirectory() {
    SqliteUrl url = SqliteUrl.parse(SqliteDatabase.DEFAULT_URL);

    assertThat(url.inMemory()).isFalse();
    assertThat(url.file()).isEqualTo(Path.of("baton-data", "baton.db").toAbsolutePath());
  }

  @Test
  void aPathMayCarryParameters() {
    assertThat(SqliteUrl.parse("jdbc:sqlite:/var/lib/baton/baton.db?cache_size=2000").file())
        .isEqualTo(Path.of("/var/lib/baton/baton.db"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:sqlite:file:/var/lib/baton/baton.db",
        "jdbc:sqlite:file:///var/lib/baton/baton.db",
        "jdbc:sqlite:file://localhost/var/lib/baton/baton.db?mode=rwc"
      })
  void fileUrisNameTheirPath(String url) {
    assertThat(SqliteUrl.parse(url).file()).isEqualTo(Path.of("/var/lib/baton/baton.db"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:sqlite:",
        "jdbc:sqlite::memory:",
        "jdbc:sqlite:file::memory:?cache=shared",
        "jdbc:sqlite:file:baton?mode=memory&cache=shared"
      })
  void inMemoryDatabasesHaveNoFile(String url) {
    SqliteUrl parsed = SqliteUrl.parse(url);

    assertThat(parsed.inMemory()).isTrue();
    assertThat(parsed.file()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"jdbc:postgresql://localhost/baton", "sqlite:baton.db", "jdbc:sqlite::resource:x"})
  void otherUrlsAreRefused(String url) {
    assertThatThrownBy(() -> SqliteUrl.parse(url)).isInstanceOf(IllegalArgumentException.class);
  }
}
