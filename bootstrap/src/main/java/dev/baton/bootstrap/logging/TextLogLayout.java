package dev.baton.bootstrap.logging;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.util.Map;

/**
 * {@code BATON_LOG_FORMAT=text}: one line a event for people, then the stack trace if any.
 *
 * <pre>
 * 2026-11-27T00:41:08.120Z INFO  [baton-job-1] d.b.application.PollLlmBatchesJob {instance_id=baton-0123456789ab term=7 job=poll_llm_batches run_id=41} - Polled 3 running LLM batches ...
 * </pre>
 */
final class TextLogLayout extends LayoutBase<ILoggingEvent> {
  private final TargetLengthBasedClassNameAbbreviator loggerName =
      new TargetLengthBasedClassNameAbbreviator(36);

  @Override
  public String doLayout(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(160);
    line.append(LogEvents.timestamp(event)).append(' ');
    String level = event.getLevel().toString();
    line.append(level).append(" ".repeat(Math.max(1, 6 - level.length())));
    line.append('[').append(event.getThreadName()).append("] ");
    line.append(loggerName.abbreviate(event.getLoggerName()));
    Map<String, String> fields = LogEvents.fields(event);
    if (!fields.isEmpty()) {
      line.append(" {");
      fields.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
      line.setCharAt(line.length() - 1, '}');
    }
    line.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
    String exception = LogEvents.exception(event);
    if (exception != null) {
      line.append(exception);
    }
    return line.toString();
  }
}
