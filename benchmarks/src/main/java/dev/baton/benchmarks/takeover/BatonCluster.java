package dev.baton.benchmarks.takeover;

import dev.baton.tcpproxy.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code baton.jar} processes of one benchmark run, each reaching PostgreSQL through a {@link
 * TcpProxy} of its own. Every process it starts is killed by {@link #close()}, which the shutdown
 * hook calls too; once closed it starts nothing more, so a round still running when Ctrl-C arrives
 * cannot leave a process behind.
 */
final class BatonCluster implements AutoCloseable {
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(10);

  private final Path jar;
  private final Path logDir;
  private final LocalPostgresUrl database;
  private final Map<String, String> environment;
  private final int size;
  private final int maxStarts;
  private final List<BatonInstance> started = new ArrayList<>(); // guarded by this
  private final List<BatonInstance> reported = new ArrayList<>(); // guarded by this
  private boolean closed; // guarded by this
  private int sequence; // guarded by this

  /**
   * @param database what {@code BATON_DATABASE_URL} names, reached through each process's proxy
   * @param environment the other {@code BATON_*} variables every process gets, on top of the
   *     harness's environment without its own {@code BATON_*} variables
   * @param maxStarts a bound on processes started over the whole run, so that a jar that keeps
   *     crashing cannot be restarted without end
   */
  BatonCluster(
      Path jar,
      Path logDir,
      LocalPostgresUrl database,
      Map<String, String> environment,
      int size,
      int maxStarts) {
    this.jar = jar.toAbsolutePath(); // the processes run in the log directory
    this.logDir = logDir;
    this.database = database;
    this.environment = Map.copyOf(environment);
    this.size = size;
    this.maxStarts = maxStarts;
  }

  int size() {
    return size;
  }

  /** Processes alive now, in start order. */
  synchronized List<BatonInstance> live() {
    return started.stream().filter(BatonInstance::isAlive).toList();
  }

  /**
   * Starts processes until {@link #size()} are alive. The proxies of exited processes are closed
   * first.
   */
  synchronized void fill() {
    started.stream()
        .filter(instance -> !instance.isAlive())
        .forEach(instance -> instance.proxy().close());
    while (live().size() < size) {
      startOne();
    }
  }

  /**
   * Processes that exited although nobody stopped them, each returned once. They are the "no
   * process dies on its own" invariant.
   */
  synchronized List<BatonInstance> unexpectedExits() {
    List<BatonInstance> exited =
        started.stream()
            .filter(instance -> !instance.isAlive() && !instance.exitExpected())
            .filter(instance -> !reported.contains(instance))
            .toList();
    reported.addAll(exited);
    return exited;
  }

  private BatonInstance startOne() {
    if (closed) {
      throw new IllegalStateException("the cluster is closed; no process is started");
    }
    if (sequence >= maxStarts) {
      throw new IllegalStateException(
          maxStarts + " processes started already; the jar keeps exiting, see " + logDir);
    }
    sequence++;
    String name = "baton-" + sequence;
    int port = freeLoopbackPort();
    Path log = logDir.resolve(name + ".log");
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            jar.toString());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(logDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("BATON_"));
    builder.environment().putAll(environment);
    builder.environment().put("BATON_HTTP_HOST", "127.0.0.1");
    builder.environment().put("BATON_HTTP_PORT", String.valueOf(port));
    TcpProxy proxy;
    try {
      proxy = TcpProxy.start(database.host(), database.port());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a TCP proxy to " + database, e);
    }
    builder
        .environment()
        .put("BATON_DATABASE_URL", database.through(proxy.host(), proxy.port()).jdbcUrl());
    try {
      BatonInstance instance = new BatonInstance(name, builder.start(), port, log, proxy);
      started.add(instance);
      return instance;
    } catch (IOException e) {
      proxy.close();
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  /**
   * SIGTERM to every process (its network healed and a paused one resumed first, so that it can act
   * on it), SIGKILL to those still running after a grace, then the proxies are closed; idempotent.
   */
  @Override
  public void close() {
    List<BatonInstance> running;
    List<BatonInstance> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(started);
      running = started.stream().filter(BatonInstance::isAlive).toList();
    }
    for (BatonInstance instance : running) {
      instance.proxy().refuseNewConnections(false); // healed, so each can release and exit
      instance.proxy().pass();
      try {
        instance.resume();
      } catch (IOException e) {
        instance.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        instance.kill();
      }
    }
    running.forEach(BatonInstance::terminate);
    long deadline = System.nanoTime() + GRACEFUL_STOP.toNanos();
    for (BatonInstance instance : running) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!instance.awaitExit(Duration.ofNanos(left))) {
          instance.kill();
          instance.awaitExit(Duration.ofSeconds(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        instance.kill();
      }
    }
    all.forEach(instance -> instance.proxy().close());
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
