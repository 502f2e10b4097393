package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.Header;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The cap on request bodies.
 *
 * <p>As a before-handler it refuses a request whose declared body is over the cap before anything
 * else looks at it: Javalin enforces its own cap only when a handler reads the body, and the
 * endpoints that take no body would otherwise answer a 20 MB upload as if it were empty.
 */
final class RequestBodyLimit implements Handler {
  private final long maxBytes;

  RequestBodyLimit(long maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(Context ctx) {
    String declared = ctx.header(Header.CONTENT_LENGTH);
    if (declared == null) {
      return;
    }
    long length;
    try {
      length = Long.parseLong(declared.strip());
    } catch (NumberFormatException e) {
      // Jetty answers 400 to a malformed Content-Length before any handler runs.
      return;
    }
    if (length > maxBytes) {
      throw tooLarge("this one declares " + length + " bytes");
    }
  }

  /**
   * Reads the body of a request to an endpoint that takes none, and drops it. Answering without
   * reading it would make Jetty close the connection under a client still sending, which then sees
   * a reset instead of the answer.
   */
  void discardBody(Context ctx) {
    copyBody(ctx, OutputStream.nullOutputStream());
  }

  /** The whole body of a request, refused with 413 once it passes the cap. */
  byte[] readBody(Context ctx) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    copyBody(ctx, body);
    return body.toByteArray();
  }

  private void copyBody(Context ctx, OutputStream sink) {
    byte[] buffer = new byte[8192];
    long total = 0;
    try (InputStream body = ctx.bodyInputStream()) {
      for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
        total += read;
        // A body sent without a length (chunked) is only known to be too large by reading it.
        if (total > maxBytes) {
          throw tooLarge("this one is longer");
        }
        sink.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the request body failed", e);
    }
  }

  private ProblemException tooLarge(String howLarge) {
    return ProblemException.ofStatus(
        413, "Request bodies are limited to " + maxBytes + " bytes; " + howLarge + ".");
  }
}
