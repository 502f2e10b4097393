package dev.baton.adapters.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.LlmProvider;
import dev.baton.domain.ProviderBatchState;
import dev.baton.domain.port.LlmBatchProviderPort;
import dev.baton.simulator.SimulatedBatch;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 100 000-line results file, several times larger than the heap: the pom runs this class alone in
 * a JVM with {@code -Xmx64m}, so a client that held the file could not pass.
 */
class LargeResultsFileTest {
  private static final int LINES = 100_000;
  private static final int ANSWER_LENGTH = 1_000;

  @RegisterExtension final SimulatedProviderFixture fixture = new SimulatedProviderFixture();

  @ParameterizedTest
  @EnumSource(LlmProvider.class)
  void aHundredThousandLineResultsFileIsStreamedInABoundedHeap(LlmProvider provider) {
    LlmBatchProviderPort client =
        provider == LlmProvider.ANTHROPIC ? fixture.anthropic() : fixture.openAi();
    String id = provider == LlmProvider.ANTHROPIC ? "msgbatch_large" : "batch_large";
    SimulatedBatch.Builder batch =
        provider == LlmProvider.ANTHROPIC
            ? SimulatedBatch.anthropic(id)
            : SimulatedBatch.openAi(id);
    fixture.simulator.add(batch.endsAfterPolls(0).items(LINES).answerLength(ANSWER_LENGTH).build());
    ProviderBatchState ended = client.retrieveBatch(id);
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Progress progress = new Progress();
    long started = System.nanoTime();

    long count =
        client.streamItemResults(
            ended,
            result -> {
              if (progress.lines == 0) {
                progress.writtenWhenFirstArrived = fixture.simulator.resultLinesWritten();
              }
              assertThat(result.customId()).isEqualTo(SimulatedBatch.customId(progress.lines));
              progress.lines++;
              progress.chars += result.rawJson().length();
              if (progress.lines % 5_000 == 0) {
                progress.maxHeapUsed =
                    Math.max(progress.maxHeapUsed, memory.getHeapMemoryUsage().getUsed());
              }
            });

    long millis = (System.nanoTime() - started) / 1_000_000;
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(
        "%s: %d result lines, %d MB of JSON streamed in %d ms; max heap %d MB, at most %d MB used%n",
        provider.wireName(),
        count,
        progress.chars / (1024 * 1024),
        millis,
        maxHeap / (1024 * 1024),
        progress.maxHeapUsed / (1024 * 1024));
    assertThat(count).isEqualTo(LINES);
    assertThat(progress.lines).isEqualTo(LINES);
    // Holding the lines, even at one byte a character, would take more than the whole heap.
    assertThat(progress.chars).isGreaterThan(maxHeap);
    // The first result was handed over while the server was still writing the file.
    assertThat(progress.writtenWhenFirstArrived).isLessThan(LINES / 2);
  }

  private static final class Progress {
    int lines;
    long chars;
    long writtenWhenFirstArrived;
    long maxHeapUsed;
  }
}
