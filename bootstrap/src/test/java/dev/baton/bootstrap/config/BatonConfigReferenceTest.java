package dev.baton.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/configuration.md lists exactly the keys the code reads, with the code's defaults. */
class BatonConfigReferenceTest {
  private static final Pattern ROW = Pattern.compile("^\\| `(BATON_[A-Z_]+)` \\| ([^|]+) \\|");

  private static Map<String, String> documentedDefaults() throws IOException {
    Path doc = Path.of("..", "docs", "configuration.md");
    Map<String, String> rows = new LinkedHashMap<>();
    for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
      Matcher row = ROW.matcher(line);
      if (row.find()) {
        rows.put(row.group(1), row.group(2).trim());
      }
    }
    return rows;
  }

  @Test
  void everyKeyOfTheCodeIsDocumentedWithItsDefaultAndNothingElseIs() throws IOException {
    Map<String, String> documented = documentedDefaults();

    assertThat(documented.keySet()).containsExactlyElementsOf(ConfigKey.names());
    for (ConfigKey key : ConfigKey.values()) {
      String expected =
          key.defaultValue()
              .map(value -> "`" + value + "`")
              .orElse(key == ConfigKey.BATON_TAKEOVER_GRACE_MS ? "derived" : "unset");
      assertThat(documented.get(key.name())).as(key.name()).isEqualTo(expected);
    }
  }
}
