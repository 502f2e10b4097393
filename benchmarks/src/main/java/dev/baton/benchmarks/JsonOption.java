package dev.baton.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --json}: where a benchmark's result goes, {@code target/<the command>.json} unless given.
 */
public final class JsonOption {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--json",
      description = "Where the JSON result goes (default: target/${COMMAND-NAME}.json).")
  Path json;

  /**
   * Writes what {@code report} builds with a fresh mapper, pretty-printed, its directory created if
   * need be, and says where on {@code progress}.
   */
  public void write(Function<ObjectMapper, ? extends JsonNode> report, PrintStream progress)
      throws IOException {
    Path file =
        (json != null ? json : Path.of("target", command.name() + ".json")).toAbsolutePath();
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    ObjectMapper mapper = new ObjectMapper();
    mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report.apply(mapper));
    progress.println("JSON written to " + file);
  }
}
