package dev.baton.bootstrap;

import dev.baton.bootstrap.logging.Logging;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * The jar's entry point. It decides where logs go before any logger exists: a server logs to
 * standard output; a one-shot command logs to standard error, so that its output (for example
 * {@code status --json}) stays clean for scripts.
 */
public final class Main {
  private static final Set<String> ONE_SHOT_COMMANDS =
      Set.of("status", "migrate", "poll-once", "demo");

  private Main() {}

  public static void main(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        if (ONE_SHOT_COMMANDS.contains(arg)) {
          System.setProperty(Logging.TARGET_PROPERTY, "System.err");
        }
        break;
      }
    }
    // Logging starts here, on this thread, before the warm-up's libraries log: SLF4J started by two
    // threads at once replays one thread's first lines under the other's name, with a warning.
    LoggerFactory.getILoggerFactory();
    StartupWarmUp.start(System.getenv());
    BatonCommand.main(args);
  }
}
