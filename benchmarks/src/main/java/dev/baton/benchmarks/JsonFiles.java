package dev.baton.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/** Where a benchmark's JSON result goes: pretty-printed, its directory created if need be. */
public final class JsonFiles {
  private JsonFiles() {}

  /** Writes what {@code report} builds with a fresh mapper to {@code target}. */
  public static void write(Path target, Function<ObjectMapper, ? extends JsonNode> report)
      throws IOException {
    Path file = target.toAbsolutePath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    ObjectMapper mapper = new ObjectMapper();
    mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report.apply(mapper));
  }
}
