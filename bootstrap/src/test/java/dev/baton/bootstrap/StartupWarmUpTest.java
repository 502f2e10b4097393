package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupWarmUpTest {

  /**
   * A class renamed or removed leaves the list stale: the warm-up skips it silently, so this test
   * is where it shows. Regenerate the list as docs/benchmarks.md says.
   */
  @Test
  void everyClassTheListNamesIsInTheBuild() throws IOException {
    List<String> names;
    try (InputStream list = StartupWarmUp.class.getResourceAsStream("startup-classes.txt")) {
      assertThat(list).as("startup-classes.txt beside StartupWarmUp").isNotNull();
      names =
          new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8))
              .lines()
              .filter(line -> !line.isBlank())
              .toList();
    }

    assertThat(names).hasSizeGreaterThan(1000);
    assertThat(names)
        .filteredOn(name -> !loadable(name))
        .as("classes the list names that the build does not have")
        .isEmpty();
  }

  private static boolean loadable(String name) {
    try {
      Class.forName(name, false, StartupWarmUpTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
