package dev.baton.bootstrap.process;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A webhook receiver of {@code docs/webhooks.md}, taken from the page exactly as written (the code
 * under {@code <!-- example: NAME -->}) and run as a process of its own; it prints {@code listening
 * on PORT}, then {@code verified ID BODY} for each webhook it accepts.
 */
final class DocumentedReceiver implements AutoCloseable {
  private static final Path DOC = Path.of("..", "docs", "webhooks.md");

  private final Process process;
  private final Path errors;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final int port;

  private DocumentedReceiver(Process process, Path errors) throws InterruptedException {
    this.process = process;
    this.errors = errors;
    Thread reader = new Thread(this::readOutput, "output of receiver " + process.pid());
    reader.setDaemon(true);
    reader.start();
    String listening = nextLine(60);
    if (listening == null || !listening.matches("listening on \\d+")) {
      fail("the receiver did not start: " + listening + "; errors in " + errors);
    }
    this.port = Integer.parseInt(listening.substring("listening on ".length()));
  }

  static DocumentedReceiver start(Path workDir, String name, String secret)
      throws IOException, InterruptedException {
    Path source = workDir.resolve(name);
    Files.writeString(source, example(name), UTF_8);
    List<String> command =
        name.endsWith(".java")
            ? List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), name)
            : List.of("python3", name);
    Path errors = workDir.resolve(name + ".errors.log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectError(errors.toFile());
    builder.environment().put("WEBHOOK_SECRET", secret);
    builder.environment().put("PORT", "0");
    return new DocumentedReceiver(builder.start(), errors);
  }

  private static String example(String name) throws IOException {
    List<String> lines = Files.readAllLines(DOC, UTF_8);
    int marker =
        lines.stream().map(String::strip).toList().indexOf("<!-- example: " + name + " -->");
    if (marker < 0) {
      return fail(DOC + " has no example marked " + name);
    }
    StringBuilder code = new StringBuilder();
    for (String line : lines.subList(marker + 2, lines.size())) {
      if (line.strip().equals("```")) {
        return code.toString();
      }
      code.append(line).append('\n');
    }
    return fail(DOC + ": the example " + name + " has no closing fence");
  }

  private void readOutput() {
    try (BufferedReader output = process.inputReader(UTF_8)) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + port + "/";
  }

  /** The next line printed, or null when none comes within {@code seconds}. */
  String nextLine(long seconds) throws InterruptedException {
    return lines.poll(seconds, TimeUnit.SECONDS);
  }

  Path errors() {
    return errors;
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
