package dev.baton.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How the API writes JSON; every response goes through {@link #objectMapper()}. */
final class ApiJson {

  /**
   * Always three fraction digits: {@link DateTimeFormatter#ISO_INSTANT} drops trailing zeros, which
   * gives timestamps of varying length and sorts them wrongly as strings.
   */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ApiJson() {}

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /** Exact and as short as the value: 300 for five minutes, 0.2 for a 200 ms probe job. */
  static BigDecimal seconds(Duration duration) {
    return BigDecimal.valueOf(duration.getSeconds())
        .add(BigDecimal.valueOf(duration.getNano(), 9))
        .stripTrailingZeros();
  }

  static ObjectMapper objectMapper() {
    SimpleModule module = new SimpleModule("baton-api");
    module.addSerializer(Instant.class, new InstantSerializer());
    module.addSerializer(Problem.class, new ProblemSerializer());
    return JsonMapper.builder()
        .addModule(module)
        // Fractional seconds read as 0.2 and whole ones as 300, never 3E+2.
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  private static final class InstantSerializer extends StdSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    InstantSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(timestamp(value));
    }
  }

  /** RFC 9457 puts extension members beside the standard ones, not in an object of their own. */
  private static final class ProblemSerializer extends StdSerializer<Problem> {
    private static final long serialVersionUID = 1L;

    ProblemSerializer() {
      super(Problem.class);
    }

    @Override
    public void serialize(Problem problem, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStringField("type", problem.type());
      gen.writeStringField("title", problem.title());
      gen.writeNumberField("status", problem.status());
      gen.writeStringField("detail", problem.detail());
      for (Map.Entry<String, Object> member : problem.extensions().entrySet()) {
        gen.writeFieldName(member.getKey());
        provider.defaultSerializeValue(member.getValue(), gen);
      }
      gen.writeEndObject();
    }
  }
}
