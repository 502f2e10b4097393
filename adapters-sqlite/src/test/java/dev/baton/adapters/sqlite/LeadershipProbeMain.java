package dev.baton.adapters.sqlite;

import dev.baton.domain.InstanceId;
import dev.baton.domain.port.LeaderLease;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A second Baton process for {@link SqliteLeadershipAcrossProcessesTest}: it answers commands read
 * from standard input ({@code try}, {@code await <millis>}, {@code release}) with lines starting
 * {@value #ANSWER} ({@code await} answers {@code waiting} before it waits), and exits when its
 * input ends, so that it cannot outlive the test.
 *
 * <p>Arguments: the JDBC URL, the lock key, the instance id.
 */
public final class LeadershipProbeMain {
  static final String ANSWER = "probe: ";
  private static final Instant FIXED_TIME = Instant.parse("2026-11-27T00:41:08.123Z");

  private LeadershipProbeMain() {}

  public static void main(String[] args) throws Exception {
    SqliteDatabase database = new SqliteDatabase(args[0]);
    database.migrate();
    SqliteLocalLeadership leadership =
        new SqliteLocalLeadership(
            database, Long.parseLong(args[1]), new InstanceId(args[2]), () -> FIXED_TIME);
    LeaderLease lease = null;
    answer("ready");
    BufferedReader commands =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String command = commands.readLine(); command != null; command = commands.readLine()) {
      String[] words = command.trim().split(" ");
      switch (words[0]) {
        case "try" -> lease = answerAcquisition(leadership.tryAcquire());
        case "await" -> {
          Duration maxWait = Duration.ofMillis(Long.parseLong(words[1]));
          answer("waiting");
          lease = answerAcquisition(leadership.awaitAcquire(maxWait));
        }
        case "release" -> {
          if (lease != null) {
            lease.release();
          }
          answer("released");
        }
        default -> answer("unknown command " + command);
      }
    }
  }

  private static LeaderLease answerAcquisition(Optional<LeaderLease> lease) {
    answer(lease.map(granted -> "acquired " + granted.term()).orElse("not-acquired"));
    return lease.orElse(null);
  }

  private static void answer(String line) {
    System.out.println(ANSWER + line);
    System.out.flush();
  }
}
