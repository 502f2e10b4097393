package dev.baton.adapters.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body read as a blocking stream that gives up when no bytes come for {@code
 * idleTimeout}, or when a deadline passes: {@code HttpRequest.timeout} ends with the headers, and
 * the JDK's own {@code ofInputStream} waits for the next bytes for ever.
 *
 * <p>It asks the connection for one chunk at a time and only after the previous one was read, so at
 * most a few chunks are held however large the body is. Closing it cancels the download.
 */
final class StreamingBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {
  private static final Object END = new Object();

  private final long idleTimeoutNanos;
  private final long deadlineNanos;
  private final Ticker clock;
  private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private Iterator<ByteBuffer> chunk = List.<ByteBuffer>of().iterator();
  private ByteBuffer current;
  private boolean ended;
  private volatile boolean closed;

  /**
   * @param deadlineNanos on {@code clock}: the body must have ended by then, or {@link
   *     Long#MAX_VALUE} for no deadline
   */
  StreamingBody(Duration idleTimeout, long deadlineNanos, Ticker clock) {
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.deadlineNanos = deadlineNanos;
    this.clock = clock;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    return CompletableFuture.completedFuture(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    arrived.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    arrived.add(throwable);
  }

  @Override
  public void onComplete() {
    arrived.add(END);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int read = read(one, 0, 1);
    return read < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!nextBytes()) {
      return -1;
    }
    int count = Math.min(length, current.remaining());
    current.get(buffer, offset, count);
    return count;
  }

  /** Whether bytes are ready in {@link #current}; false at the end of the body. */
  private boolean nextBytes() throws IOException {
    if (closed) {
      throw new IOException("the body was closed");
    }
    while (current == null || !current.hasRemaining()) {
      if (chunk.hasNext()) {
        current = chunk.next();
        continue;
      }
      if (ended) {
        return false;
      }
      Object item = take();
      if (item == END) {
        ended = true;
        return false;
      }
      if (item instanceof Throwable failure) {
        ended = true;
        throw failure instanceof IOException io
            ? io
            : new IOException(failure.getMessage(), failure);
      }
      @SuppressWarnings("unchecked")
      List<ByteBuffer> buffers = (List<ByteBuffer>) item;
      chunk = buffers.iterator();
      subscription.request(1);
    }
    return true;
  }

  private Object take() throws IOException {
    long now = clock.nanoTime();
    long wait = Math.min(idleTimeoutNanos, deadlineNanos - now);
    Object item;
    try {
      item = wait > 0 ? arrived.poll(wait, TimeUnit.NANOSECONDS) : arrived.poll();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("interrupted while reading the answer");
    }
    if (item == null) {
      close();
      boolean deadlinePassed = deadlineNanos - clock.nanoTime() <= 0;
      throw new HttpTimeoutException(
          deadlinePassed
              ? "the answer did not end within the call's time limit"
              : "no data for " + Duration.ofNanos(idleTimeoutNanos).toMillis() + " ms");
    }
    return item;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Flow.Subscription taken = subscription;
    if (taken != null) {
      taken.cancel();
    }
    arrived.clear();
  }
}
