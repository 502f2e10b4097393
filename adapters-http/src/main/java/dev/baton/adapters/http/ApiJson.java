package dev.baton.adapters.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

  static ObjectMapper objectMapper() {
    SimpleModule timestamps = new SimpleModule("baton-timestamps");
    timestamps.addSerializer(Instant.class, new InstantSerializer());
    return JsonMapper.builder()
        .addModule(timestamps)
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
}
