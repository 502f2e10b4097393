package dev.baton.benchmarks.polling;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap a poll cycle needs: what is in use before it (after a collection) and the most in use
 * while it runs, sampled every few milliseconds on a thread of its own. The figures are those of
 * the whole benchmark JVM, which also holds the simulated provider's batches.
 */
final class HeapSampler implements AutoCloseable {
  private static final long SAMPLE_EVERY_MILLIS = 10;
  private static final double MB = 1024.0 * 1024.0;

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final double beforeMb;
  private final Thread sampler;
  private volatile long peakBytes;
  private volatile boolean sampling = true;

  private HeapSampler() {
    memory.gc();
    long before = memory.getHeapMemoryUsage().getUsed();
    this.beforeMb = before / MB;
    this.peakBytes = before;
    this.sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Collects, notes the heap in use, and starts sampling. */
  static HeapSampler start() {
    return new HeapSampler();
  }

  private void sample() {
    while (sampling) {
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used > peakBytes) {
        peakBytes = used;
      }
      try {
        Thread.sleep(SAMPLE_EVERY_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  double beforeMb() {
    return beforeMb;
  }

  /** The most in use at any sample so far. */
  double peakMb() {
    return peakBytes / MB;
  }

  @Override
  public void close() {
    sampling = false;
    sampler.interrupt();
    try {
      sampler.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
