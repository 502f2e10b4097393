package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * {@code mvn install -DskipTests} must skip the integration tests too: Failsafe 3.6 no longer reads
 * the {@code skipTests} property by itself, so the parent POM hands it over ({@code -DskipITs}
 * still skips only them, through Failsafe's own property).
 */
class BuildConventionsTest {

  @Test
  void failsafeTakesSkipTestsFromTheCommandLine() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("..", "pom.xml").toFile());
    var xpath = XPathFactory.newInstance().newXPath();

    assertThat(xpath.evaluate("/project/properties/skipTests", pom)).isEqualTo("false");
    assertThat(
            xpath.evaluate(
                "/project/build/pluginManagement/plugins/plugin[artifactId="
                    + "'maven-failsafe-plugin']/configuration/skipTests",
                pom))
        .isEqualTo("${skipTests}");
  }
}
