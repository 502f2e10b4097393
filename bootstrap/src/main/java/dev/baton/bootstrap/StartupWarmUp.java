package dev.baton.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Work a start needs that does not depend on the configuration, done on a second thread while the
 * main thread is busy with the command line, the configuration and injection — the JVM flags that
 * would make the start itself faster (a class data archive, C1 only) are flags a user must
 * remember.
 *
 * <ul>
 *   <li>SQLite's native library: the driver copies it out of the jar and compares the copy byte by
 *       byte, about a tenth of a start; done here when the database is SQLite (the default).
 *   <li>The JDK's list of locales, which the HTTP server's MIME types ask for once.
 *   <li>Jackson's first mapper, whose creation initialises most of databind, and Jdbi's first
 *       instance, whose configuration registry is built by reflection (no connection is made).
 *   <li>The classes a start of the service loads from the jar, in the order it loads them ({@code
 *       startup-classes.txt} beside this class, from {@code -Xlog:class+load}; see
 *       docs/benchmarks.md), read from the end, the part the main thread reaches last. Classes are
 *       loaded, not initialised, and one missing from the jar is skipped: a stale list costs
 *       nothing but its benefit.
 * </ul>
 *
 * Nothing here is needed: a failure is ignored, and the main thread does the same work when it gets
 * there first.
 */
final class StartupWarmUp {
  private static final String CLASS_LIST = "startup-classes.txt";
  private static final String SQLITE_PREFIX = "jdbc:sqlite:";

  private StartupWarmUp() {}

  static void start(Map<String, String> environment) {
    boolean sqlite =
        !environment.containsKey("BATON_DATABASE_URL")
            || environment.get("BATON_DATABASE_URL").startsWith(SQLITE_PREFIX);
    Thread warmUp = new Thread(() -> run(sqlite), "baton-startup-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
  }

  private static void run(boolean sqlite) {
    ClassLoader loader = StartupWarmUp.class.getClassLoader();
    if (sqlite) {
      invokeQuietly(loader, "org.sqlite.SQLiteJDBCLoader", "initialize");
      newQuietly(loader, "org.sqlite.SQLiteConfig");
    }
    Locale.getAvailableLocales();
    new ObjectMapper();
    invokeQuietly(loader, "org.jdbi.v3.core.Jdbi", "create", "jdbc:sqlite::memory:");
    List<String> names = classList();
    Collections.reverse(names);
    for (String name : names) {
      try {
        Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        // not in this build: the main thread will not need it either
      }
    }
  }

  private static List<String> classList() {
    List<String> names = new ArrayList<>();
    try (InputStream list = StartupWarmUp.class.getResourceAsStream(CLASS_LIST)) {
      if (list == null) {
        return names;
      }
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      names.clear();
    }
    return names;
  }

  private static void invokeQuietly(
      ClassLoader loader, String className, String staticMethod, String... arguments) {
    try {
      Class<?>[] types = new Class<?>[arguments.length];
      Arrays.fill(types, String.class);
      Class.forName(className, true, loader)
          .getMethod(staticMethod, types)
          .invoke(null, (Object[]) arguments);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // the driver does it itself when the main thread opens the database
    }
  }

  private static void newQuietly(ClassLoader loader, String className) {
    try {
      Class.forName(className, true, loader).getConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      // as above
    }
  }
}
