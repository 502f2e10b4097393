package dev.baton.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The snippet README.md and docs/embedding.md show is the example's own code, line for line. */
class DocumentedSnippetTest {
  private static final Path REPOSITORY = Path.of("../..");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  private static String stripped(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }

  private static String firstJavaBlockAfter(Path page, String heading) throws IOException {
    String text = Files.readString(REPOSITORY.resolve(page));
    int start = text.indexOf(heading);
    assertThat(start).as("%s has a section %s", page, heading).isNotNegative();
    Matcher block = JAVA_BLOCK.matcher(text);
    assertThat(block.find(start)).as("a java block after %s in %s", heading, page).isTrue();
    return block.group(1);
  }

  @Test
  void theReadmeAndTheEmbeddingPageShowTheExamplesCode() throws IOException {
    String example =
        stripped(Files.readString(Path.of("src/main/java/dev/baton/example/InvoiceService.java")));
    for (var page :
        List.of(
            List.of("README.md", "## Use Baton in your service"),
            List.of("docs/embedding.md", "## An example service"))) {
      String snippet = stripped(firstJavaBlockAfter(Path.of(page.get(0)), page.get(1)));
      assertThat(snippet.lines().count())
          .as("lines of Baton code in %s", page.get(0))
          .isLessThanOrEqualTo(10);
      assertThat(example)
          .as("InvoiceService.java holds the snippet of %s", page.get(0))
          .contains(snippet);
    }
  }
}
