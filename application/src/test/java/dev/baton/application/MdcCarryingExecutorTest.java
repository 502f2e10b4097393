package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MdcCarryingExecutorTest {
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final ExecutorService executor = new MdcCarryingExecutor(worker);

  @AfterEach
  void stop() throws InterruptedException {
    MDC.clear();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTaskRunsWithTheContextOfItsSubmitterAndTheWorkerKeepsItsOwn() throws Exception {
    worker.submit(() -> MDC.put("worker", "own")).get();
    MDC.put(MdcKeys.JOB, "poll_llm_batches");
    MDC.put(MdcKeys.RUN_ID, "41");

    Map<String, String> inTask = executor.submit(MDC::getCopyOfContextMap).get();
    Map<String, String> afterTask = worker.submit(MDC::getCopyOfContextMap).get();

    assertThat(inTask).isEqualTo(Map.of(MdcKeys.JOB, "poll_llm_batches", MdcKeys.RUN_ID, "41"));
    assertThat(afterTask).isEqualTo(Map.of("worker", "own"));
  }

  @Test
  void aSubmitterWithoutContextLeavesTheTaskWithout() throws Exception {
    MDC.clear();

    assertThat(executor.submit(MDC::getCopyOfContextMap).get()).isNullOrEmpty();
  }
}
