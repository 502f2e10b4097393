package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.DatabaseFailure.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFailuresTest {
  @TempDir Path dir;

  private static void assertMisconfigured(ThrowingCallable failing, Consumer<String> cause) {
    assertThatThrownBy(failing)
        .satisfies(
            e ->
                assertThat(SqliteFailures.classify(e))
                    .hasValueSatisfying(
                        failure -> {
                          assertThat(failure.kind()).isEqualTo(Kind.MISCONFIGURED);
                          cause.accept(failure.cause());
                        }));
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsAMisconfigurationNamingIt() throws Exception {
    Path aFile = Files.writeString(dir.resolve("plain-file"), "not a directory");

    assertMisconfigured(
        () -> new SqliteDatabase("jdbc:sqlite:" + aFile.resolve("baton.db")),
        cause ->
            assertThat(cause)
                .startsWith("cannot create the database directory " + aFile)
                .doesNotContain("Exception"));
  }

  @Test
  void aPathThatIsADirectoryCannotBeOpened() {
    try (SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + dir)) {
      assertThatThrownBy(database::migrate)
          .satisfies(
              e ->
                  assertThat(SqliteFailures.classify(e).map(DatabaseFailure::kind))
                      .contains(Kind.MISCONFIGURED));
    }
  }

  @Test
  void aFileThatIsNoDatabaseIsAMisconfiguration() throws Exception {
    Path notADatabase = Files.writeString(dir.resolve("notes.db"), "x".repeat(4096));
    try (SqliteDatabase database = new SqliteDatabase("jdbc:sqlite:" + notADatabase)) {
      assertMisconfigured(database::migrate, cause -> assertThat(cause).contains("SQLITE_NOTADB"));
    }
  }

  @Test
  void anythingElseIsNoDatabaseFailure() {
    assertThat(SqliteFailures.classify(new IllegalStateException("bug"))).isEmpty();
  }
}
