package dev.baton.bootstrap;

import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.bootstrap.config.ConfigException;
import dev.baton.bootstrap.config.ConfigLoader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar baton.jar [serve|migrate]}; {@code serve} when no command is given. */
@Command(
    name = "baton",
    mixinStandardHelpOptions = true,
    versionProvider = BatonCommand.Version.class,
    description = "Leader-elected scheduler for LLM batch polling.",
    subcommands = {
      BatonCommand.Serve.class,
      BatonCommand.Migrate.class,
      StatusCommand.class,
      PollOnceCommand.class,
      DemoCommand.class
    })
public final class BatonCommand implements Callable<Integer> {
  static final int CONFIG_ERROR = 2;
  private static final Logger log = LoggerFactory.getLogger(BatonCommand.class);

  @Override
  public Integer call() throws Exception {
    return new Serve().call();
  }

  public static void main(String[] args) {
    int exitCode = new CommandLine(new BatonCommand()).execute(args);
    System.exit(exitCode);
  }

  /** Loads the configuration, or prints one line naming the bad key and returns null. */
  static ConfigLoader.Loaded loadConfig(PrintWriter err) {
    try {
      ConfigLoader.Loaded loaded = ConfigLoader.fromSystemEnvironment().load();
      log.info("Effective configuration: {}", loaded.effectiveLine());
      if (!loaded.unknownKeys().isEmpty()) {
        log.warn("Ignoring unknown environment variables {}", loaded.unknownKeys());
      }
      return loaded;
    } catch (ConfigException e) {
      err.println("baton: configuration error: " + e.getMessage());
      err.flush();
      return null;
    }
  }

  @Command(name = "serve", description = "Run Baton: HTTP API, leader election and the jobs.")
  static final class Serve implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      PrintWriter err = new PrintWriter(System.err, true);
      ConfigLoader.Loaded loaded = loadConfig(err);
      if (loaded == null) {
        return CONFIG_ERROR;
      }
      BatonProcess process;
      try {
        process = new BatonProcess(loaded.config(), InstanceIds.generate());
      } catch (com.google.inject.CreationException e) {
        ConfigException cause = findConfigException(e);
        if (cause != null) {
          err.println("baton: configuration error: " + cause.getMessage());
          return CONFIG_ERROR;
        }
        throw e;
      } catch (ConfigException e) {
        err.println("baton: configuration error: " + e.getMessage());
        return CONFIG_ERROR;
      }
      process.runUntilStopped();
      return 0;
    }
  }

  @Command(name = "migrate", description = "Apply the database migrations, then exit.")
  static final class Migrate implements Callable<Integer> {
    @Override
    public Integer call() {
      PrintWriter err = new PrintWriter(System.err, true);
      ConfigLoader.Loaded loaded = loadConfig(err);
      if (loaded == null) {
        return CONFIG_ERROR;
      }
      BatonConfig config = loaded.config();
      try (DatabaseBackend database = DatabaseBackends.open(config, InstanceIds.generate())) {
        database.migrate();
        log.info("Migrations of the {} database applied", database.name());
        return 0;
      } catch (ConfigException e) {
        err.println("baton: configuration error: " + e.getMessage());
        return CONFIG_ERROR;
      }
    }
  }

  private static ConfigException findConfigException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException config) {
        return config;
      }
    }
    return null;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"baton " + BatonVersion.current()};
    }
  }
}
