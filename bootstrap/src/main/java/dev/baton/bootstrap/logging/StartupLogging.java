package dev.baton.bootstrap.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import dev.baton.bootstrap.config.BatonConfig;

/**
 * Logback's configuration until Baton's own is read: text lines at level INFO, set in code. Found
 * by Logback through {@code META-INF/services}; it ends Logback's search, so no {@code logback.xml}
 * is looked for or parsed — parsing one (an XML parser and Logback's configuration model) was about
 * a tenth of the service's start.
 */
public final class StartupLogging extends ContextAwareBase implements Configurator {
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.install(context, BatonConfig.LogFormat.TEXT, BatonConfig.LogLevel.INFO);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
