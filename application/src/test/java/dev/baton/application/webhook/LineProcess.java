package dev.baton.application.webhook;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real child process spoken to in lines: its output is read on a thread of its own, its errors go
 * to a file that a failure names. Tools it needs that are missing fail the test, never skip it.
 */
final class LineProcess implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;
  private static final String END = "\u0000end of output";

  private final Process process;
  private final Path errors;
  private final Writer input;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private LineProcess(Process process, Path errors) {
    this.process = process;
    this.errors = errors;
    this.input = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, "output of " + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Fails the test with one line when {@code tool --version} cannot run. */
  static String requireTool(String tool, String install) {
    try {
      Process version = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!version.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) || version.exitValue() != 0) {
        fail(tool + " --version failed: " + output.strip() + "; " + install);
      }
      return output.strip();
    } catch (IOException notFound) {
      return fail("this test runs " + tool + ", which is not on the PATH: " + install);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command to its end in {@code directory}; fails with its output unless it exits 0. */
  static void run(Path directory, Path log, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 5 minutes; see " + log);
      }
      if (process.exitValue() != 0) {
        fail(
            String.join(" ", command)
                + " exited with "
                + process.exitValue()
                + ": "
                + Files.readString(log).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static LineProcess start(
      Path directory, Path errors, Map<String, String> environment, List<String> command) {
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(directory.toFile()).redirectError(errors.toFile());
      builder.environment().putAll(environment);
      return new LineProcess(builder.start(), errors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(String line) {
    try {
      input.write(line + "\n");
      input.flush();
    } catch (IOException e) {
      fail("could not write to " + process.info().command().orElse("the process") + ": " + e);
    }
  }

  /** The next line of output, waiting up to a minute. */
  String nextLine() {
    String line;
    try {
      line = lines.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (line == null || line.equals(END)) {
      lines.add(END);
      return fail(
          (line == null ? "no output in " + WAIT_SECONDS + " s" : "the process ended")
              + "; its errors: "
              + errorsSoFar());
    }
    return line;
  }

  private String errorsSoFar() {
    try {
      return Files.readString(errors).strip();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  private void readOutput() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    } catch (IOException closed) {
      // the process was stopped
    } finally {
      lines.add(END);
    }
  }

  @Override
  public void close() {
    try {
      input.close();
    } catch (IOException alreadyGone) {
      // it exited first
    }
    process.destroy();
    try {
      if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
