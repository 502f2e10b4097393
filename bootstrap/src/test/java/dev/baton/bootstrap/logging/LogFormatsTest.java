package dev.baton.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.application.MdcKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatsTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger logger = context.getLogger("dev.baton.application.PollLlmBatchesJob");

  private LoggingEvent event(Throwable error) {
    context.putProperty(MdcKeys.INSTANCE_ID, "baton-0123456789ab");
    LoggingEvent event =
        new LoggingEvent(
            Logger.FQCN,
            logger,
            Level.WARN,
            "Polled {} batches in {} ms",
            error,
            new Object[] {3, 40});
    event.setThreadName("baton-job-1");
    event.setTimeStamp(1_796_000_000_120L);
    event.setMDCPropertyMap(
        Map.of(MdcKeys.TERM, "7", MdcKeys.JOB, "poll_llm_batches", MdcKeys.RUN_ID, "41"));
    return event;
  }

  @Test
  void aJsonLineHasTheFormattedMessageTheContextAndTheExceptionAsOneField() throws Exception {
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(context);
    encoder.start();

    String line =
        new String(
            encoder.encode(event(new IllegalStateException("boom"))), StandardCharsets.UTF_8);

    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-30T00:53:20.120Z");
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("dev.baton.application.PollLlmBatchesJob");
    assertThat(json.get("thread").asText()).isEqualTo("baton-job-1");
    assertThat(json.get("message").asText()).isEqualTo("Polled 3 batches in 40 ms");
    assertThat(json.get("instance_id").asText()).isEqualTo("baton-0123456789ab");
    assertThat(json.get("term").asText()).isEqualTo("7");
    assertThat(json.get("job").asText()).isEqualTo("poll_llm_batches");
    assertThat(json.get("run_id").asText()).isEqualTo("41");
    assertThat(json.get("exception").asText())
        .startsWith("java.lang.IllegalStateException: boom")
        .contains("\tat ");
  }

  @Test
  void aTextLineShowsTheContextBeforeTheMessage() {
    TextLogLayout layout = new TextLogLayout();
    layout.setContext(context);
    layout.start();

    assertThat(layout.doLayout(event(null)))
        .isEqualTo(
            "2026-11-30T00:53:20.120Z WARN  [baton-job-1] d.b.application.PollLlmBatchesJob"
                + " {instance_id=baton-0123456789ab term=7 job=poll_llm_batches run_id=41} -"
                + " Polled 3 batches in 40 ms"
                + System.lineSeparator());
  }
}
