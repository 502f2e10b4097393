package dev.baton.bootstrap;

import dev.baton.application.BatchCompletionListener;
import dev.baton.domain.BatchStatus;
import dev.baton.domain.LlmBatchJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default completion listener: one log line per finished batch. */
final class LoggingBatchCompletions implements BatchCompletionListener {
  private static final Logger log = LoggerFactory.getLogger(LoggingBatchCompletions.class);

  @Override
  public void batchCompleted(LlmBatchJob batch, BatchStatus finalStatus, long items) {
    log.info(
        "Batch {} ({} {}) is {}: {} item result(s) stored",
        batch.id(),
        batch.provider().wireName(),
        batch.providerBatchId(),
        finalStatus.wireName(),
        items);
  }
}
