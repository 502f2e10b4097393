package dev.baton.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.baton.application.ClusterService;
import dev.baton.application.port.in.ClusterView;
import dev.baton.domain.LeaderLockEntry;
import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.InstanceIds;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    description = "Show the leader, the instances and the leader lock of the configured database.",
    exitCodeList = {
      "0:a live leader exists",
      "2:invalid configuration, a wrong password, an unknown role or database",
      "3:no live leader",
      "4:the database cannot be reached"
    })
final class StatusCommand implements Callable<Integer> {
  /** Timestamps as the HTTP API writes them: UTC, exactly three fraction digits. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Option(names = "--json", description = "Print JSON for scripts.")
  boolean json;

  private record Report(ClusterView cluster, Instant leaderSince, List<LeaderLockEntry> lock) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true);
    Backend database =
        ConfiguredEngine.database(BatonCommand.loadConfig().config(), InstanceIds.next("baton"));
    try {
      database.connect();
      ClockPort clock = Clock.systemUTC()::instant;
      LeadershipPort leadership = database.leadership(clock);
      Report report =
          database.use(
              () ->
                  new Report(
                      new ClusterService(
                              database.instances(), leadership, database.leadershipHistory(), clock)
                          .cluster(),
                      leadership
                          .storedLeadership()
                          .filter(LeadershipRecord::isHeld)
                          .map(LeadershipRecord::acquiredAt)
                          .orElse(null),
                      database.lockSessions()));
      ClusterView cluster = report.cluster();
      boolean leaderAlive =
          cluster.leaderInstanceId() != null
              && cluster.instances().stream()
                  .anyMatch(i -> i.instanceId().equals(cluster.leaderInstanceId()) && i.alive());
      if (json) {
        printJson(out, database.name(), cluster, report.leaderSince(), report.lock(), leaderAlive);
      } else {
        printText(out, database.name(), cluster, report.leaderSince(), report.lock(), leaderAlive);
      }
      return leaderAlive ? ExitCodes.OK : ExitCodes.NO_LIVE_LEADER;
    } finally {
      database.close();
    }
  }

  private static String timestamp(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
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
    out.printf("Since:     %s%n", leaderSince == null ? "-" : timestamp(leaderSince));
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
          timestamp(instance.heartbeatAt()));
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
          session.since() == null ? "-" : timestamp(session.since()));
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
    report.put("leaderSince", timestamp(leaderSince));
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
                  row.put("startedAt", timestamp(i.startedAt()));
                  row.put("heartbeatAt", timestamp(i.heartbeatAt()));
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
                  row.put("since", timestamp(s.since()));
                  return row;
                })
            .toList());
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
  }
}
