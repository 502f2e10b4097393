package dev.baton.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.baton.application.MdcKeys;
import dev.baton.bootstrap.config.BatonConfig;
import dev.baton.domain.InstanceId;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Sets Logback up from the validated configuration: the format ({@code BATON_LOG_FORMAT}), the
 * level ({@code BATON_LOG_LEVEL}) and where lines go. Done in code after the configuration is
 * checked, so a bad value is a configuration error of one line and never Logback's own status
 * messages. The moments before are covered by {@link StartupLogging}, with the same text format at
 * level INFO.
 */
public final class Logging {
  /** Set by {@code Main}: a one-shot command logs to standard error, a server to standard out. */
  public static final String TARGET_PROPERTY = "baton.log.target";

  /** Chatty libraries: their warnings are worth reading, their progress is not. */
  private static final List<String> QUIET_LIBRARIES =
      List.of("org.eclipse.jetty", "io.javalin", "org.flywaydb", "org.jdbi", "com.zaxxer.hikari");

  private Logging() {}

  public static void configure(BatonConfig.LogFormat format, BatonConfig.LogLevel level) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    String instanceId = context.getProperty(MdcKeys.INSTANCE_ID);
    context.reset();
    if (instanceId != null) {
      context.putProperty(MdcKeys.INSTANCE_ID, instanceId);
    }
    install(context, format, level);
  }

  /** Adds the console appender and the levels to a context that has none yet. */
  static void install(
      LoggerContext context, BatonConfig.LogFormat format, BatonConfig.LogLevel level) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setTarget(System.getProperty(TARGET_PROPERTY, "System.out"));
    console.setEncoder(encoder(format, context));
    console.start();

    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level rootLevel = Level.toLevel(level.name());
    root.setLevel(rootLevel);
    root.addAppender(console);
    Level quiet = rootLevel.isGreaterOrEqual(Level.WARN) ? rootLevel : Level.WARN;
    QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(quiet));
  }

  /** Every later line of this process carries {@code instance_id}, on every thread. */
  public static void instanceId(InstanceId instanceId) {
    ((LoggerContext) LoggerFactory.getILoggerFactory())
        .putProperty(MdcKeys.INSTANCE_ID, instanceId.value());
  }

  private static Encoder<ILoggingEvent> encoder(
      BatonConfig.LogFormat format, LoggerContext context) {
    Encoder<ILoggingEvent> encoder;
    if (format == BatonConfig.LogFormat.JSON) {
      encoder = new JsonLogEncoder();
    } else {
      TextLogLayout layout = new TextLogLayout();
      layout.setContext(context);
      layout.start();
      LayoutWrappingEncoder<ILoggingEvent> wrapping = new LayoutWrappingEncoder<>();
      wrapping.setLayout(layout);
      encoder = wrapping;
    }
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }
}
