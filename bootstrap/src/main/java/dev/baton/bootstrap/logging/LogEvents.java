package dev.baton.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import dev.baton.application.MdcKeys;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What both log formats take from an event: its time, context fields and exception. */
final class LogEvents {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** The context fields in the order they are shown; other MDC entries follow them. */
  private static final List<String> ORDER =
      List.of(MdcKeys.INSTANCE_ID, MdcKeys.TERM, MdcKeys.JOB, MdcKeys.RUN_ID);

  private LogEvents() {}

  /** ISO-8601 in UTC with milliseconds, as the HTTP API writes its timestamps. */
  static String timestamp(ILoggingEvent event) {
    return TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp()));
  }

  /**
   * The context fields that apply to the event: the process's instance id (a property of the
   * logging context, so every thread has it), then the thread's MDC entries.
   */
  static Map<String, String> fields(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    Map<String, String> fields = new LinkedHashMap<>();
    String instanceId =
        event.getLoggerContextVO() == null
            ? null
            : event.getLoggerContextVO().getPropertyMap().get(MdcKeys.INSTANCE_ID);
    for (String key : ORDER) {
      String value = mdc.get(key);
      if (value == null && key.equals(MdcKeys.INSTANCE_ID)) {
        value = instanceId;
      }
      if (value != null) {
        fields.put(key, value);
      }
    }
    mdc.forEach(fields::putIfAbsent);
    return fields;
  }

  /** The exception with its stack trace and causes as one text, or null. */
  static String exception(ILoggingEvent event) {
    IThrowableProxy proxy = event.getThrowableProxy();
    return proxy == null ? null : ThrowableProxyUtil.asString(proxy);
  }
}
