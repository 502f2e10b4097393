package dev.baton.bootstrap.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton.jar demo} as a newcomer runs it: no configuration, no API key, it ends by itself.
 */
class DemoIT {
  @TempDir Path workDir;

  @Test
  void theDemoShowsEveryBatchCompletingWithItsResultsAndEndsByItself() throws Exception {
    try (BatonJar demo =
        BatonJar.start(
            workDir, "demo", Map.of(), "demo", "--poll-seconds", "1", "--linger-seconds", "0")) {
      assertThat(demo.process().waitFor(150, TimeUnit.SECONDS)).isTrue();
      assertThat(demo.process().exitValue()).as(demo::logTail).isZero();
      String output = demo.stdout();
      assertThat(output)
          .contains("SIMULATED provider")
          .containsPattern("msgbatch_demo_quick\\s+completed")
          .containsPattern("msgbatch_demo_slow\\s+completed")
          .containsPattern("batch_demo_quick\\s+completed")
          .containsPattern("batch_demo_slow\\s+completed")
          .contains("\"requestStatus\"", "\"result\"");
      assertThat(demo.process().descendants()).isEmpty();
    }
  }
}
