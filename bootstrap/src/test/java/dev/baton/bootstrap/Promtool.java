package dev.baton.bootstrap;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own linter, {@code promtool check metrics}, run on a scrape. {@code .ci/run} installs
 * it (Debian package {@code prometheus}); where it is missing the check fails with the line to
 * install it, never skips.
 */
public final class Promtool {
  /** What a test that needs promtool says when it is missing. */
  public static final String INSTALL =
      "promtool is not installed; install it with 'apt-get install -y prometheus' (.ci/run does)";

  private Promtool() {}

  public record Result(int exitCode, String output) {}

  /** Runs {@code promtool check metrics} on {@code scrape} (Prometheus' text format). */
  public static Result checkMetrics(String scrape) throws IOException, InterruptedException {
    Path promtool = find();
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(scrape.getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("promtool check metrics did not end within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.exitValue(), output);
  }

  private static Path find() {
    Optional<Path> found = Optional.empty();
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, "promtool");
      if (Files.isExecutable(candidate)) {
        found = Optional.of(candidate);
        break;
      }
    }
    return found.orElseThrow(() -> new AssertionError(INSTALL));
  }
}
