package dev.baton.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code BATON_LOG_FORMAT=json}: one JSON object a line for log pipelines, with the message as
 * formatted (never a template with its arguments apart), the timestamp in ISO-8601 UTC, the level,
 * logger and thread, the context fields that apply ({@code instance_id}, {@code term}, {@code job},
 * {@code run_id}) and an exception, stack trace included, as one string field.
 *
 * <pre>{@code
 * {"timestamp":"2026-11-27T00:41:08.120Z","level":"INFO","logger":"dev.baton.application.PollLlmBatchesJob",
 *  "thread":"baton-job-1","message":"Polled 3 running LLM batches ...","instance_id":"baton-0123456789ab",
 *  "term":"7","job":"poll_llm_batches","run_id":"41"}
 * }</pre>
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final byte[] NOTHING = new byte[0];
  private final JsonFactory json = new JsonFactory();

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = json.createGenerator(bytes)) {
      out.writeStartObject();
      out.writeStringField("timestamp", LogEvents.timestamp(event));
      out.writeStringField("level", event.getLevel().toString());
      out.writeStringField("logger", event.getLoggerName());
      out.writeStringField("thread", event.getThreadName());
      out.writeStringField("message", event.getFormattedMessage());
      for (var field : LogEvents.fields(event).entrySet()) {
        out.writeStringField(field.getKey(), field.getValue());
      }
      String exception = LogEvents.exception(event);
      if (exception != null) {
        out.writeStringField("exception", exception);
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a log line as JSON", e);
    }
    bytes.write('\n');
    return bytes.toByteArray();
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }
}
