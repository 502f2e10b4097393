package dev.baton.bootstrap;

import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigLoader;
import dev.baton.bootstrap.logging.Logging;
import dev.baton.embedded.internal.Backend;
import dev.baton.embedded.internal.Engine;
import dev.baton.embedded.internal.InstanceIds;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar baton.jar [command]}; {@code serve} when no command is given. */
@Command(
    name = "baton",
    // Subcommands inherit the help options, the version and the configuration footer.
    scope = CommandLine.ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = BatonCommand.Version.class,
    description = {
      "Runs periodic work, first of all the polling of LLM provider batch jobs, on exactly one"
          + " instance of a cluster that shares a PostgreSQL database (or on one node with SQLite).",
      "",
      "Without a command Baton serves: 'java -jar baton.jar' is 'java -jar baton.jar serve'."
    },
    subcommands = {
      BatonCommand.Serve.class,
      BatonCommand.Migrate.class,
      StatusCommand.class,
      PollOnceCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nConfiguration:%n",
    footer = BatonCommand.CONFIGURATION_HELP,
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done; serve: stopped by SIGTERM or Ctrl-C (the JVM may report 143)",
      "1:the command failed: poll-once's cycle failed, a migration failed; or a bug (with its"
          + " stack trace)",
      "2:invalid configuration or command line, or a failure no retry cures: a wrong database"
          + " password, an unknown role or database, an unusable database file, an HTTP address"
          + " in use or not this machine's",
      "3:status: no live leader",
      "4:status, migrate, poll-once: the database cannot be reached (serve waits for it instead)",
      "5:poll-once: another instance leads and polls"
    })
public final class BatonCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(BatonCommand.class);

  /** Where the configuration comes from, for every command's help. */
  static final String CONFIGURATION_HELP =
      "Environment variables BATON_* (for example BATON_DATABASE_URL), then the properties file"
          + " named by BATON_CONFIG_FILE, then the defaults; a secret may also be read from the"
          + " file named by its _FILE variant (BATON_ADMIN_TOKEN_FILE). Every key is listed in"
          + " docs/configuration.md. An invalid value stops with one line naming the key (exit"
          + " code 2).";

  @Override
  public Integer call() throws Exception {
    return new Serve().call();
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line with its subcommands, and one line instead of a stack trace for failures. */
  static CommandLine commandLine() {
    return new CommandLine(new BatonCommand()).setExecutionExceptionHandler(new CommandFailures());
  }

  /**
   * Loads the configuration and sets the logging up as it says, then logs the effective values.
   *
   * @throws ConfigException naming the first invalid key
   */
  static ConfigLoader.Loaded loadConfig() {
    ConfigLoader.Loaded loaded = ConfigLoader.fromSystemEnvironment().load();
    Logging.configure(loaded.config().logFormat(), loaded.config().logLevel());
    log.info("Effective configuration: {}", loaded.effectiveLine());
    if (!loaded.unknownKeys().isEmpty()) {
      log.warn("Ignoring unknown environment variables {}", loaded.unknownKeys());
    }
    return loaded;
  }

  @Command(
      name = "serve",
      description = {
        "Run Baton (the default command): the HTTP API, leader election and the jobs, until"
            + " SIGTERM or Ctrl-C.",
        "Waits for a database that cannot be reached yet; stops at once with one line when the"
            + " database refuses for good."
      },
      exitCodeList = {
        "0:stopped by SIGTERM or Ctrl-C (the JVM may report 143)",
        "2:invalid configuration, or a failure no retry cures (wrong database password, unknown"
            + " role or database, unusable database file, HTTP address in use or not this"
            + " machine's)"
      })
  static final class Serve implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      BatonConfig config = loadConfig().config();
      new BatonProcess(config, InstanceIds.next("baton")).runUntilStopped();
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "migrate",
      description = "Apply the database migrations, then exit (serve applies them too).",
      exitCodeList = {
        "0:the database is migrated",
        "1:a migration failed",
        "2:invalid configuration, a wrong password, an unknown role or database",
        "4:the database cannot be reached"
      })
  static final class Migrate implements Callable<Integer> {
    @Override
    public Integer call() {
      BatonConfig config = loadConfig().config();
      try (Backend database = ConfiguredEngine.database(config, InstanceIds.next("baton"))) {
        database.connectAndMigrate();
        log.info("Migrations of the {} database applied", database.name());
        return ExitCodes.OK;
      }
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"baton " + Engine.version()};
    }
  }
}
