package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testsupport.postgres.PostgresServerLocator.Source;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class PostgresServerLocatorTest {

  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier DOCKER = () -> true;

  @Test
  void aGivenUrlWinsWithoutAskingDocker() {
    BooleanSupplier mustNotBeAsked =
        () -> {
          throw new AssertionError("Docker probed although a URL was given");
        };

    assertThat(PostgresServerLocator.choose("jdbc:postgresql://h/d", mustNotBeAsked, true))
        .isEqualTo(Source.GIVEN_URL);
  }

  @Test
  void dockerComesBeforeEmbedded() {
    assertThat(PostgresServerLocator.choose(null, DOCKER, false)).isEqualTo(Source.TESTCONTAINERS);
    assertThat(PostgresServerLocator.choose("  ", DOCKER, true)).isEqualTo(Source.TESTCONTAINERS);
  }

  @Test
  void embeddedOnlyWhenNotRoot() {
    assertThat(PostgresServerLocator.choose(null, NO_DOCKER, false)).isEqualTo(Source.EMBEDDED);
  }

  @Test
  void failsWithOneLineNamingTheThreeWays() {
    assertThatThrownBy(() -> PostgresServerLocator.choose("", NO_DOCKER, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BATON_TEST_POSTGRES_URL")
        .hasMessageContaining("Docker")
        .hasMessageContaining("non-root")
        .message()
        .doesNotContain("\n");
  }
}
