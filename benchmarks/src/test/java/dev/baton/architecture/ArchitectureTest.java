package dev.baton.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' production classes obey bootstrap's rule for them: bootstrap cannot import them
 * itself, since this module depends on it.
 */
class ArchitectureTest {
  private static JavaClasses benchmarks;

  @BeforeAll
  static void importTheBenchmarks() {
    benchmarks =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // bootstrap's test classes (its fixtures) when the reactor hands over their directory
            .withImportOption(location -> !location.contains("/bootstrap/"))
            .importPackages("dev.baton.benchmarks");
  }

  @Test
  void benchmarksUseBatonAsALibrary() {
    ArchitectureRules.BENCHMARKS_USE_BATON_AS_A_LIBRARY.check(benchmarks);
  }

  @Test
  void theImportHoldsThePollingAndTakeoverBenchmarks() {
    assertThat(benchmarks.stream().map(JavaClass::getName))
        .contains(
            "dev.baton.benchmarks.polling.PollingRig", "dev.baton.benchmarks.takeover.Scenario")
        .noneMatch(name -> name.contains(".fixture."));
  }
}
