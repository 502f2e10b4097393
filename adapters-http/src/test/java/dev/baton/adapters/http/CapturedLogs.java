package dev.baton.adapters.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Every log line written during a test, with Baton's and Javalin's loggers turned up to DEBUG so
 * that the lines an operator might enable are checked too.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {
  private static final List<String> VERBOSE_LOGGERS = List.of("dev.baton", "io.javalin");

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Map<String, Level> previousLevels = new HashMap<>();
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          StringBuilder line = new StringBuilder(event.getFormattedMessage());
          for (var cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
          }
          lines.add(line.toString());
        }
      };

  @Override
  public void beforeEach(ExtensionContext context) {
    for (String name : VERBOSE_LOGGERS) {
      Logger logger = logger(name);
      previousLevels.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    }
    appender.setContext(logger(Logger.ROOT_LOGGER_NAME).getLoggerContext());
    appender.start();
    logger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    logger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    appender.stop();
    previousLevels.forEach((name, level) -> logger(name).setLevel(level));
  }

  List<String> lines() {
    return new ArrayList<>(lines);
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
