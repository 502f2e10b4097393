package dev.baton.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class StartupLoggingTest {
  @Test
  void logbackFindsItThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(Configurator.class))
        .anySatisfy(found -> assertThat(found).isInstanceOf(StartupLogging.class));
  }

  @Test
  void writesInfoLinesToTheConsoleAndEndsLogbacksSearch() {
    LoggerContext context = new LoggerContext();

    Configurator.ExecutionStatus status = new StartupLogging().configure(context);

    assertThat(status).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(root.getAppender("console")).isInstanceOf(ConsoleAppender.class);
    assertThat(root.getAppender("console").isStarted()).isTrue();
    assertThat(context.getLogger("org.eclipse.jetty").getEffectiveLevel()).isEqualTo(Level.WARN);
  }
}
