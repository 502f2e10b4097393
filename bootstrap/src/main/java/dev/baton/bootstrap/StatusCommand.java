package dev.baton.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Injector;
import dev.baton.application.ClusterService;
import dev.baton.application.port.in.ClusterView;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.domain.LeaderLockEntry;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.LeadershipPort;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code baton.jar status}: who leads, under which term and since when, the instances and their
 * heartbeats, and the advisory lock as {@code pg_locks} shows it. Exits non-zero when no leader is
 * alive, so scripts can check a cluster with it.
 */
@Command(
    name = "status",
    description = "Show the leader, the instances and the leader lock of the configured database.")
final class StatusCommand implements Callable<Integer> {
  static final int NO_LIVE_LEADER = 3;
  static final int DATABASE_UNREACHABLE = 4;

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    ConfigLoader.Loaded loaded = BatonCommand.loadConfig(err);
    if (loaded == null) {
      return BatonCommand.CONFIG_ERROR;
    }
    Injector injector = DatabaseBackends.injector(loaded.config(), InstanceIds.generate());
    DatabaseBackend database = injector.getInstance(DatabaseBackend.class);
    try {
      ClusterView cluster = injector.getInstance(ClusterService.class).cluster();
      List<LeaderLockEntry> lock = database.lockSessions();
      boolean leaderAlive =
          cluster.leaderInstanceId() != null
              && cluster.instances().stream()
                  .anyMatch(i -> i.instanceId().equals(cluster.leaderInstanceId()) && i.alive());
      Instant leaderSince =
          injector
              .getInstance(LeadershipPort.class)
              .storedLeadership()
              .filter(LeadershipRecord::isHeld)
              .map(LeadershipRecord::acquiredAt)
              .orElse(null);
      if (json) {
        printJson(out, database.name(), cluster, leaderSince, lock, leaderAlive);
      } else {
        printText(out, database.name(), cluster, leaderSince, lock, leaderAlive);
      }
      return leaderAlive ? 0 : NO_LIVE_LEADER;
    } catch (RuntimeException e) {
      err.println("baton: cannot read the cluster state: " + e.getMessage());
      return DATABASE_UNREACHABLE;
    } finally {
      database.close();
    }
  }

  private static void printText(
      PrintWriter out,
      String backend,
      ClusterView cluster,
      Instant leaderSince,
      List<LeaderLockEntry> lock,
      boolean leaderAlive) {
    out.printf(
        "Leader:    %s%n",
        cluster.leaderInstanceId() == null
            ? "none"
            : cluster.leaderInstanceId() + (leaderAlive ? "" : " (not alive)"));
    out.printf("Term:      %s%n", cluster.term() == null ? "none" : cluster.term());
    out.printf("Since:     %s%n", leaderSince == null ? "-" : leaderSince);
    out.printf("Backend:   %s%n%n", backend);
    out.printf(
        "%-20s %-16s %-8s %-10s %-6s %s%n",
        "INSTANCE", "HOST", "PID", "ROLE", "STATE", "HEARTBEAT");
    for (ClusterView.Instance instance : cluster.instances()) {
      out.printf(
          "%-20s %-16s %-8d %-10s %-6s %s%n",
          instance.instanceId(),
          instance.host(),
          instance.pid(),
          instance.role(),
          instance.alive() ? "alive" : "gone",
          instance.heartbeatAt());
    }
    out.println();
    if (backend.equals("sqlite")) {
      out.println("Advisory lock: not used on SQLite (a file lock beside the database elects)");
      return;
    }
    out.println("Advisory lock (pg_locks):");
    out.printf("%-8s %-8s %-20s %-20s %s%n", "PID", "GRANTED", "APPLICATION", "STATE", "SINCE");
    for (LeaderLockEntry session : lock) {
      out.printf(
          "%-8d %-8s %-20s %-20s %s%n",
          session.pid(),
          session.granted() ? "holder" : "waiting",
          session.applicationName(),
          session.state(),
          session.since() == null ? "-" : session.since());
    }
    if (lock.isEmpty()) {
      out.println("(nobody holds or waits for the lock)");
    }
  }

  private static void printJson(
      PrintWriter out,
      String backend,
      ClusterView cluster,
      Instant leaderSince,
      List<LeaderLockEntry> lock,
      boolean leaderAlive)
      throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("backend", backend);
    report.put("leaderInstanceId", cluster.leaderInstanceId());
    report.put("leaderAlive", leaderAlive);
    report.put("term", cluster.term());
    report.put("leaderSince", leaderSince == null ? null : leaderSince.toString());
    report.put(
        "instances",
        cluster.instances().stream()
            .map(
                i -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("instanceId", i.instanceId());
                  row.put("host", i.host());
                  row.put("pid", i.pid());
                  row.put("version", i.version());
                  row.put("role", i.role().name());
                  row.put("startedAt", i.startedAt().toString());
                  row.put("heartbeatAt", i.heartbeatAt().toString());
                  row.put("state", i.alive() ? "alive" : "gone");
                  return row;
                })
            .toList());
    report.put(
        "lock",
        lock.stream()
            .map(
                s -> {
                  Map<String, Object> row = new LinkedHashMap<>();
                  row.put("pid", s.pid());
                  row.put("granted", s.granted());
                  row.put("applicationName", s.applicationName());
                  row.put("state", s.state());
                  row.put("since", s.since() == null ? null : s.since().toString());
                  return row;
                })
            .toList());
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
  }
}
