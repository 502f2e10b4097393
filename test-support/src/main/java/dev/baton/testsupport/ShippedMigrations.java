package dev.baton.testsupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The versions of the migrations Baton ships in one location, read off the files: a migrations test
 * then expects every one of them without a count to keep up to date.
 */
public final class ShippedMigrations {
  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  private ShippedMigrations() {}

  /**
   * @param anchor a class of the module that holds the migrations (a file on the test classpath)
   * @param location the migrations' directory, such as {@code /dev/baton/migration/sqlite}
   * @return the versions in ascending order, such as {@code ["1", "2"]}
   */
  public static List<String> versions(Class<?> anchor, String location) {
    try (Stream<Path> files = Files.list(Path.of(anchor.getResource(location).toURI()))) {
      return files
          .map(file -> MIGRATION.matcher(file.getFileName().toString()))
          .filter(Matcher::matches)
          .map(matched -> Integer.parseInt(matched.group(1)))
          .sorted()
          .map(String::valueOf)
          .collect(Collectors.toList());
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot list the migrations in " + location, e);
    }
  }
}
