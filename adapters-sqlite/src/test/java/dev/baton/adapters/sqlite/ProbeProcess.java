package dev.baton.adapters.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running {@link LeadershipProbeMain} in its own JVM, driven line by line. */
final class ProbeProcess implements AutoCloseable {
  /** Bounds a JVM start and each answer; generous for a loaded machine. */
  static final Duration GENEROUS = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(ProbeProcess.class);

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

  private ProbeProcess(Process process) {
    this.process = process;
    this.commands = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readOutput, "probe-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  static ProbeProcess start(String jdbcUrl, long lockKey, String instanceId)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LeadershipProbeMain.class.getName(),
                jdbcUrl,
                Long.toString(lockKey),
                instanceId)
            .redirectErrorStream(true)
            .start();
    ProbeProcess probe = new ProbeProcess(process);
    try {
      assertThat(probe.nextAnswer()).isEqualTo("ready");
    } catch (RuntimeException | Error | InterruptedException e) {
      probe.close();
      throw e;
    }
    return probe;
  }

  private void readOutput() {
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        if (line.startsWith(LeadershipProbeMain.ANSWER)) {
          answers.add(line.substring(LeadershipProbeMain.ANSWER.length()));
        } else {
          log.info("[probe {}] {}", process.pid(), line);
        }
      }
    } catch (IOException e) {
      log.debug("probe {} output ended: {}", process.pid(), e.toString());
    }
  }

  /** Sends a command and returns the probe's first answer to it. */
  String ask(String command) throws IOException, InterruptedException {
    send(command);
    return nextAnswer();
  }

  void send(String command) throws IOException {
    commands.write(command + "\n");
    commands.flush();
  }

  String nextAnswer() throws InterruptedException {
    String answer = answers.poll(GENEROUS.toMillis(), TimeUnit.MILLISECONDS);
    assertThat(answer)
        .as("an answer from probe %d (alive: %s) within %s", pid(), process.isAlive(), GENEROUS)
        .isNotNull();
    return answer;
  }

  long pid() {
    return process.pid();
  }

  /** Ends the probe as a crash would: no chance to release anything. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(GENEROUS.toMillis(), TimeUnit.MILLISECONDS))
        .as("probe %d exited", pid())
        .isTrue();
  }

  /** Kills the probe if it still runs, and waits (bounded) until it is gone. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(GENEROUS.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("probe {} did not exit within {}", pid(), GENEROUS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
