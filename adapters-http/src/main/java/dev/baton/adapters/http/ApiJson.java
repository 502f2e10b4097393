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
    module.addSerializer(
        Instant.class,
        new WrittenBy<>(
            Instant.class, (instant, gen, provider) -> gen.writeString(timestamp(instant))));
    module.addSerializer(Problem.class, new WrittenBy<>(Problem.class, ApiJson::writeProblem));
    return JsonMapper.builder()
        .addModule(module)
        // Fractional seconds read as 0.2 and whole ones as 300, never 3E+2.
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
        .build();
  }

  /** RFC 9457 puts extension members beside the standard ones, not in an object of their own. */
  private static void writeProblem(Problem problem, JsonGenerator gen, SerializerProvider provider)
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

  /** How the API writes a value of one type. */
  @FunctionalInterface
  private interface Writer<T> {
    void write(T value, JsonGenerator gen, SerializerProvider provider) throws IOException;
  }

  /** A serializer that is its {@link Writer}. */
  private static final class WrittenBy<T> extends StdSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final transient Writer<T> writer;

    WrittenBy(Class<T> type, Writer<T> writer) {
      super(type);
      this.writer = writer;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      writer.write(value, gen, provider);
    }
  }
}
