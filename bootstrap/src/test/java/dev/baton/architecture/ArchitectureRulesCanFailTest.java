package dev.baton.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.baton.adapters.http.fixture.HttpAdapterUsingBootstrap;
import dev.baton.adapters.http.fixture.HttpAdapterUsingGuice;
import dev.baton.adapters.http.fixture.HttpAdapterUsingTheLibrarysInternals;
import dev.baton.adapters.llm.fixture.LlmAdapterUsingTheSimulator;
import dev.baton.adapters.sqlite.fixture.SqliteAdapterUsingHttpAdapter;
import dev.baton.application.fixture.ApplicationUsingGuice;
import dev.baton.application.fixture.cycle.first.FirstHalfOfACycle;
import dev.baton.application.fixture.cycle.second.SecondHalfOfACycle;
import dev.baton.benchmarks.fixture.BenchmarkUsingAnAdapter;
import dev.baton.benchmarks.fixture.BenchmarkUsingTheApplication;
import dev.baton.benchmarks.fixture.BenchmarkUsingTheLibrarysInternals;
import dev.baton.benchmarks.fixture.BenchmarkUsingThePublicLibrary;
import dev.baton.bootstrap.fixture.BootstrapThing;
import dev.baton.domain.fixture.DomainUsingJavaSql;
import dev.baton.domain.fixture.MisplacedPort;
import dev.baton.embedded.BatonModule;
import dev.baton.embedded.fixture.EmbeddedUsingGuice;
import dev.baton.embedded.fixture.EmbeddedUsingPicocli;
import dev.baton.persistence.fixture.PersistenceUsingAnAdapter;
import dev.baton.simulator.fixture.SimulatorUsingAnAdapter;
import org.junit.jupiter.api.Test;

/** Each rule fails on a class that breaks it, so a passing rule means something. */
class ArchitectureRulesCanFailTest {

  private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
    JavaClasses imported = new ClassFileImporter().importClasses(classes);
    return rule.evaluate(imported);
  }

  @Test
  void theDomainRulesCatchJavaSqlInTheDomain() {
    assertThat(
            evaluate(ArchitectureRules.DOMAIN_USES_ONLY_THE_JDK, DomainUsingJavaSql.class)
                .hasViolation())
        .isFalse(); // java.sql is inside java..: the second rule is the one that catches it
    assertThat(
            evaluate(ArchitectureRules.DOMAIN_USES_NO_SQL, DomainUsingJavaSql.class).hasViolation())
        .isTrue();
  }

  @Test
  void theDomainRuleCatchesALibraryInTheDomain() {
    assertThat(
            evaluate(ArchitectureRules.DOMAIN_USES_ONLY_THE_JDK, MisplacedPort.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theApplicationRulesCatchAnInjectionFramework() {
    assertThat(
            evaluate(
                    ArchitectureRules.APPLICATION_USES_ONLY_DOMAIN_AND_SLF4J,
                    ApplicationUsingGuice.class)
                .hasViolation())
        .isTrue();
    assertThat(
            evaluate(ArchitectureRules.APPLICATION_USES_NO_FRAMEWORK, ApplicationUsingGuice.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void thePersistenceRuleCatchesSharedCodeUsingAnAdapter() {
    assertThat(
            evaluate(
                    ArchitectureRules.PERSISTENCE_USES_ONLY_DOMAIN_AND_JDBI,
                    PersistenceUsingAnAdapter.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theAdapterRulesCatchAnAdapterUsingAnother() {
    assertThat(
            evaluate(
                    ArchitectureRules.ADAPTERS_DO_NOT_USE_EACH_OTHER,
                    SqliteAdapterUsingHttpAdapter.class,
                    HttpAdapterUsingGuice.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theAdapterRulesCatchAnAdapterUsingBootstrap() {
    assertThat(
            evaluate(
                    ArchitectureRules.ADAPTERS_DO_NOT_USE_BOOTSTRAP,
                    HttpAdapterUsingBootstrap.class,
                    BootstrapThing.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theSimulatorRuleCatchesTheSimulatorUsingAnAdapter() {
    assertThat(
            evaluate(
                    ArchitectureRules.SIMULATOR_USES_ONLY_DOMAIN_AND_AN_HTTP_SERVER,
                    SimulatorUsingAnAdapter.class,
                    HttpAdapterUsingGuice.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theSimulatorRuleCatchesAnAdapterUsingTheSimulator() {
    assertThat(
            evaluate(
                    ArchitectureRules.NO_CORE_OR_ADAPTER_USES_THE_SIMULATOR,
                    LlmAdapterUsingTheSimulator.class,
                    SimulatorUsingAnAdapter.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theGuiceRuleCatchesGuiceOutsideBootstrapAndTheEmbeddedModule() {
    ArchRule rule = ArchitectureRules.ONLY_BOOTSTRAP_AND_THE_EMBEDDED_MODULE_USE_GUICE;
    assertThat(evaluate(rule, HttpAdapterUsingGuice.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, EmbeddedUsingGuice.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, BatonModule.class, EmbeddedUsingPicocli.class).hasViolation())
        .isFalse();
  }

  @Test
  void theInternalsRuleCatchesAnAdapterUsingTheLibrarysInternals() {
    assertThat(
            evaluate(
                    ArchitectureRules.ONLY_THE_SERVICE_USES_THE_LIBRARYS_INTERNALS,
                    HttpAdapterUsingTheLibrarysInternals.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void theEmbeddedRuleCatchesACommandLineInTheLibrary() {
    ArchRule rule = ArchitectureRules.EMBEDDED_IS_THE_CORE_AND_THE_DATABASE_ADAPTERS;
    assertThat(evaluate(rule, EmbeddedUsingPicocli.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, BatonModule.class).hasViolation()).isFalse();
  }

  @Test
  void theBenchmarksRuleCatchesABenchmarkWiringBatonsParts() {
    ArchRule rule = ArchitectureRules.BENCHMARKS_USE_BATON_AS_A_LIBRARY;
    assertThat(evaluate(rule, BenchmarkUsingAnAdapter.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, BenchmarkUsingTheApplication.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, BenchmarkUsingTheLibrarysInternals.class).hasViolation()).isTrue();
    assertThat(evaluate(rule, BenchmarkUsingThePublicLibrary.class).hasViolation()).isFalse();
  }

  @Test
  void theCycleRuleCatchesAPackageCycle() {
    assertThat(
            evaluate(
                    ArchitectureRules.NO_PACKAGE_CYCLES,
                    FirstHalfOfACycle.class,
                    SecondHalfOfACycle.class)
                .hasViolation())
        .isTrue();
  }

  @Test
  void thePortRuleCatchesAPortOutsideTheDomain() {
    assertThat(
            evaluate(ArchitectureRules.PORTS_LIVE_IN_THE_DOMAIN, MisplacedPort.class)
                .hasViolation())
        .isTrue();
  }
}
