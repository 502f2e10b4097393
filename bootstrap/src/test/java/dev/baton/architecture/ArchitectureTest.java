package dev.baton.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Baton's production classes obey the module table. */
class ArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/baton-test-support"))
            .withImportOption(location -> !location.contains("/test-support/"))
            .importPackages("dev.baton");
  }

  static Stream<ArchRule> rules() {
    return ArchitectureRules.ALL.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void productionClassesObey(ArchRule rule) {
    rule.check(production);
  }

  @Test
  void everyPackageTheRulesNameHasClasses() {
    for (String pkg : ArchitectureRules.NAMED_PACKAGES) {
      assertThat(production.stream().map(JavaClass::getPackageName))
          .as("classes in %s", pkg)
          .contains(pkg);
    }
  }

  @Test
  void testSupportIsNotPartOfTheImport() {
    assertThat(production.stream().map(JavaClass::getPackageName))
        .noneMatch(name -> name.startsWith("dev.baton.testsupport"))
        .noneMatch(name -> name.contains(".fixture"));
  }
}
