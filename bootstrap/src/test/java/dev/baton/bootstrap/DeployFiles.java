package dev.baton.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.baton.bootstrap.config.ConfigKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The files under {@code deploy/}, read as the tools that use them read them. */
public final class DeployFiles {
  private DeployFiles() {}

  /** The repository's root: tests run in the module's directory. */
  public static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  public static final Path DEPLOY = REPOSITORY.resolve("deploy");

  /** Whether Baton reads {@code name}: a key or a secret's {@code _FILE} variant. */
  public static boolean isConfigurationName(String name) {
    return ConfigKey.namesWithFileVariants().contains(name) || name.equals(ConfigKey.CONFIG_FILE);
  }

  /** Whether {@code name} is a secret, which deployment files hand over as a file only. */
  public static boolean isSecret(String name) {
    return ConfigKey.names().contains(name) && ConfigKey.valueOf(name).isSecret();
  }

  public static Path file(String relative) {
    return REPOSITORY.resolve(relative);
  }

  public static String text(String relative) {
    try {
      return Files.readString(file(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A YAML file as a JSON tree (one document). */
  public static JsonNode yaml(String relative) {
    try {
      return new YAMLMapper().readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(relative + " is not valid YAML", e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return new ObjectMapper().readTree(file(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(relative + " is not valid JSON", e);
    }
  }

  /** Every file under {@code deploy/}, relative to the repository. */
  public static List<String> all() {
    try (Stream<Path> files = Files.walk(DEPLOY)) {
      return files
          .filter(Files::isRegularFile)
          .map(path -> REPOSITORY.relativize(path).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The lines {@code NAME=value} of an environment file, as systemd's EnvironmentFile= reads them.
   */
  public static Map<String, String> environmentFile(String relative) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text(relative).lines().toList()) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(relative + ": not NAME=value: " + line);
      }
      values.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
    }
    return values;
  }

  /** A systemd unit file: each section's settings in order, a setting given twice kept twice. */
  public record SystemdUnit(Map<String, Map<String, List<String>>> sections) {
    public static SystemdUnit read(String relative) {
      Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
      Map<String, List<String>> section = null;
      for (String line : text(relative).lines().toList()) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
          continue;
        }
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
          section = new LinkedHashMap<>();
          sections.put(trimmed.substring(1, trimmed.length() - 1), section);
          continue;
        }
        int equals = trimmed.indexOf('=');
        if (section == null || equals < 1 || trimmed.endsWith("\\")) {
          throw new IllegalArgumentException(relative + ": cannot read: " + line);
        }
        section
            .computeIfAbsent(trimmed.substring(0, equals).strip(), key -> new ArrayList<>())
            .add(trimmed.substring(equals + 1).strip());
      }
      return new SystemdUnit(sections);
    }

    /** Every value of a setting, in order; empty when it is not set. */
    public List<String> all(String section, String key) {
      return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The one value of a setting that must be set once. */
    public String one(String section, String key) {
      List<String> values = all(section, key);
      if (values.size() != 1) {
        throw new AssertionError(
            "[" + section + "] " + key + " is set " + values.size() + " times, expected once");
      }
      return values.get(0);
    }

    /** {@code Environment=NAME=value} settings, as a map. */
    public Map<String, String> environment() {
      Map<String, String> environment = new LinkedHashMap<>();
      for (String assignment : all("Service", "Environment")) {
        for (String pair : assignment.split("\\s+")) {
          int equals = pair.indexOf('=');
          environment.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
      }
      return environment;
    }

    /** {@code LoadCredential=ID:PATH} settings: each credential's id and the file it comes from. */
    public Map<String, String> credentials() {
      Map<String, String> credentials = new LinkedHashMap<>();
      for (String credential : all("Service", "LoadCredential")) {
        int colon = credential.indexOf(':');
        credentials.put(credential.substring(0, colon), credential.substring(colon + 1));
      }
      return credentials;
    }
  }
}
