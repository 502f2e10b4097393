package dev.baton.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads, on a second thread, the classes a start of the service loads from the jar, so that the
 * main thread, busy with logging, configuration and injection, finds the later ones (the HTTP
 * server, Jdbi, Flyway, Jackson) already read. Classes are loaded, not initialised: no static
 * initialiser runs early. A class missing from the jar is skipped, so a stale list costs nothing
 * but its benefit.
 *
 * <p>The list, {@code startup-classes.txt} beside this class, is the jar's classes in the order a
 * start on SQLite loads them ({@code -Xlog:class+load}, see docs/benchmarks.md); it is read from
 * its end, the part the main thread reaches last.
 */
final class StartupClasses {
  private static final String LIST = "startup-classes.txt";

  private StartupClasses() {}

  static void readAhead() {
    Thread reader = new Thread(StartupClasses::load, "baton-startup-classes");
    reader.setDaemon(true);
    reader.start();
  }

  private static void load() {
    ClassLoader loader = StartupClasses.class.getClassLoader();
    List<String> names = new ArrayList<>();
    try (InputStream list = StartupClasses.class.getResourceAsStream(LIST)) {
      if (list == null) {
        return;
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      return;
    }
    Collections.reverse(names);
    for (String name : names) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // not in this build: the main thread will not need it either
      }
    }
  }
}
