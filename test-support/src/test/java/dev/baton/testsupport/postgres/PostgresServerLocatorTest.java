package dev.baton.testsupport.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.testsupport.postgres.PostgresServerLocator.Source;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class PostgresServerLocatorTest {

  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_LOCAL = () -> false;
  private static final BooleanSupplier LOCAL = () -> true;

  @Test
  void aGivenUrlWinsWithoutProbingAnything() {
    BooleanSupplier mustNotBeAsked =
        () -> {
          throw new AssertionError("probed although a URL was given");
        };

    assertThat(
            PostgresServerLocator.choose(
                "jdbc:postgresql://h/d", mustNotBeAsked, mustNotBeAsked, true))
        .isEqualTo(Source.GIVEN_URL);
  }

  @Test
  void theLocalDefaultComesBeforeDockerWithoutAskingIt() {
    BooleanSupplier mustNotBeAsked =
        () -> {
          throw new AssertionError("Docker probed although the local default answered");
        };

    assertThat(PostgresServerLocator.choose(null, LOCAL, mustNotBeAsked, true))
        .isEqualTo(Source.LOCAL_DEFAULT);
  }

  @Test
  void dockerComesBeforeEmbedded() {
    assertThat(PostgresServerLocator.choose(null, NO_LOCAL, DOCKER, false))
        .isEqualTo(Source.TESTCONTAINERS);
    assertThat(PostgresServerLocator.choose("  ", NO_LOCAL, DOCKER, true))
        .isEqualTo(Source.TESTCONTAINERS);
  }

  @Test
  void embeddedOnlyWhenNotRoot() {
    assertThat(PostgresServerLocator.choose(null, NO_LOCAL, NO_DOCKER, false))
        .isEqualTo(Source.EMBEDDED);
  }

  @Test
  void failsWithOneLineNamingEveryWay() {
    assertThatThrownBy(() -> PostgresServerLocator.choose("", NO_LOCAL, NO_DOCKER, true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("BATON_TEST_POSTGRES_URL")
        .hasMessageContaining("127.0.0.1:5432")
        .hasMessageContaining("Docker")
        .hasMessageContaining("non-root")
        .message()
        .doesNotContain("\n");
  }
}
