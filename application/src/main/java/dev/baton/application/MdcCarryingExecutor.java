package dev.baton.application;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * An executor whose tasks run with the logging context (MDC) of the thread that handed them over,
 * so that a provider call made for a run logs that run's {@code job}, {@code run_id} and {@code
 * term}; the worker's own context comes back after each task.
 */
public final class MdcCarryingExecutor extends AbstractExecutorService {
  private final ExecutorService delegate;

  public MdcCarryingExecutor(ExecutorService delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void execute(Runnable task) {
    Map<String, String> submitter = MDC.getCopyOfContextMap();
    delegate.execute(
        () -> {
          Map<String, String> own = MDC.getCopyOfContextMap();
          replace(submitter);
          try {
            task.run();
          } finally {
            replace(own);
          }
        });
  }

  private static void replace(Map<String, String> context) {
    if (context == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(context);
    }
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return delegate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }
}
