package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Stage;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigKey;
import dev.baton.domain.DatabaseFailure;
import dev.baton.domain.DatabaseFailure.Kind;
import dev.baton.embedded.internal.DatabaseProblem;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class CommandFailuresTest {

  private static CommandFailures.Outcome outcome(Throwable e) {
    return CommandFailures.expected(e).orElseThrow();
  }

  private static DatabaseProblem problem(Kind kind, String cause) {
    return new DatabaseProblem(
        new DatabaseFailure(kind, cause), "jdbc:postgresql://db/baton?password=****", null);
  }

  @Test
  void aMisconfiguredDatabaseIsAConfigurationErrorNamingTheUrlKey() {
    assertThat(outcome(problem(Kind.MISCONFIGURED, "FATAL: role \"x\" does not exist")))
        .isEqualTo(
            new CommandFailures.Outcome(
                "baton: configuration error: BATON_DATABASE_URL:"
                    + " 'jdbc:postgresql://db/baton?password=****': FATAL: role \"x\" does not"
                    + " exist",
                ExitCodes.USAGE));
  }

  @Test
  void anUnreachableDatabaseIsExitCodeFourAndAFailedOneIsOne() {
    assertThat(outcome(problem(Kind.UNREACHABLE, "Connection refused")).exitCode())
        .isEqualTo(ExitCodes.DATABASE_UNREACHABLE);
    assertThat(outcome(problem(Kind.UNREACHABLE, "Connection refused")).line())
        .startsWith("baton: database unreachable (")
        .endsWith("): Connection refused");
    assertThat(outcome(problem(Kind.FAILED, "ERROR: boom")).exitCode()).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void aConfigurationErrorInsideGuicesCollectedErrorsIsFound() {
    Throwable creation =
        ThrowableAssert.catchThrowable(
            () ->
                Guice.createInjector(
                    Stage.PRODUCTION,
                    new AbstractModule() {
                      @Provides
                      @Singleton
                      String value() {
                        throw new ConfigException(ConfigKey.BATON_DATABASE_URL, "cannot create x");
                      }

                      @Provides
                      @Singleton
                      Integer needsValue(String value) {
                        return value.length();
                      }
                    }));

    assertThat(creation).isInstanceOf(CreationException.class);
    assertThat(outcome(creation).line())
        .isEqualTo("baton: configuration error: BATON_DATABASE_URL: cannot create x");
  }

  @Test
  void aBugIsNoExpectedFailure() {
    assertThat(CommandFailures.expected(new IllegalStateException("bug"))).isEmpty();
  }
}
