package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failed request into a problem document, so that clients see one error format whatever
 * failed: a route that does not exist, a method a route does not take, a handler's {@link
 * ProblemException}, or a bug.
 */
final class ProblemResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

  static final String INTERNAL_ERROR_DETAIL =
      "The server failed to answer the request; the error is in its log.";

  /** The key under which Javalin lists a path's methods when it answers 405. */
  private static final String AVAILABLE_METHODS = "availableMethods";

  void problem(ProblemException e, Context ctx) {
    if (e.status() >= 500) {
      LOG.error("{} {} answered {}", ctx.method().name(), ctx.path(), e.status(), e);
    } else {
      LOG.debug("{} {} answered {}: {}", ctx.method().name(), ctx.path(), e.status(), e.detail());
    }
    write(ctx, e.toProblem());
  }

  /**
   * Javalin's own answers (no route, a route without this method, a body over the size cap) and the
   * {@code *Response} exceptions a handler may throw. Their messages are written for clients, but a
   * 5xx one is not trusted to be.
   */
  void javalinResponse(HttpResponseException e, Context ctx) {
    if (e.getStatus() >= 500) {
      unexpected(e, ctx);
      return;
    }
    if (e instanceof MethodNotAllowedResponse) {
      String allowed = e.getDetails().get(AVAILABLE_METHODS);
      if (allowed != null) {
        ctx.header(Header.ALLOW, allowed);
      }
      write(
          ctx,
          Problem.ofStatus(
              e.getStatus(), ctx.method().name() + " is not allowed on " + ctx.path()));
      return;
    }
    if (e instanceof EndpointNotFound) {
      write(ctx, Problem.ofStatus(404, "No resource at " + ctx.method().name() + " " + ctx.path()));
      return;
    }
    write(ctx, Problem.ofStatus(e.getStatus(), e.getMessage()));
  }

  /** A bug or an outage: the client learns that it failed, the log learns why. */
  void unexpected(Exception e, Context ctx) {
    LOG.error("{} {} failed", ctx.method().name(), ctx.path(), e);
    write(ctx, Problem.ofStatus(500, INTERNAL_ERROR_DETAIL));
  }

  /**
   * Javalin answers a {@link java.lang.Error} thrown by a handler with a bare 500 and no body,
   * without consulting the exception handlers; this fills the body in.
   */
  void bareServerError(Context ctx) {
    if (ctx.resultInputStream() == null) {
      write(ctx, Problem.ofStatus(500, INTERNAL_ERROR_DETAIL));
    }
  }

  private static void write(Context ctx, Problem problem) {
    ctx.status(problem.status()).json(problem).contentType(Problem.CONTENT_TYPE);
  }
}
