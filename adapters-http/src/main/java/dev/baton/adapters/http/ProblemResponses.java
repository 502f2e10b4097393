package dev.baton.adapters.http;

import dev.baton.application.InvalidRequestException;
import dev.baton.application.NotLeaderException;
import dev.baton.application.UnknownJobException;
import dev.baton.domain.DuplicateBatchException;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.util.Collections;
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

  static final String NOT_LEADER_TYPE = "https://baton.dev/problems/not-leader";
  static final String NOT_LEADER_TITLE = "Not the leader";

  /** The extension member of a not-leader problem: where to send the request instead. */
  static final String LEADER_INSTANCE_ID = "leaderInstanceId";

  static final String INVALID_REQUEST_TYPE = "https://baton.dev/problems/invalid-request";
  static final String INVALID_REQUEST_TITLE = "Invalid request";

  /**
   * The extension member of an invalid-request problem: the field or query parameter at fault, as a
   * path into the request ({@code items[3].customId}), or null when the body is not JSON at all.
   */
  static final String FIELD = "field";

  /** The key under which Javalin lists a path's methods when it answers 405. */
  private static final String AVAILABLE_METHODS = "availableMethods";

  void problem(ProblemException e, Context ctx) {
    // 503 is expected (the database is away, the instance stops) and said elsewhere: no trace.
    if (e.status() >= 500 && e.status() != 503) {
      LOG.error("{} {} answered {}", ctx.method().name(), ctx.path(), e.status(), e);
    } else {
      LOG.debug("{} {} answered {}: {}", ctx.method().name(), ctx.path(), e.status(), e.detail());
    }
    write(ctx, e.toProblem());
  }

  /**
   * Only the leader runs jobs and can step down. The leader's id is an extension member as well as
   * part of the detail, so a script can retry against it without parsing prose; it is null, not
   * missing, when no leader is known.
   */
  void notLeader(NotLeaderException e, Context ctx) {
    String leader = e.leaderInstanceId();
    String detail =
        leader == null
            ? "This instance does not lead, and it knows no leader right now; retry once one is"
                + " elected."
            : "This instance does not lead; send the request to the leader, " + leader + ".";
    LOG.debug("{} {} answered 409: {}", ctx.method().name(), ctx.path(), detail);
    write(
        ctx,
        new Problem(
            NOT_LEADER_TYPE,
            NOT_LEADER_TITLE,
            409,
            detail,
            Collections.singletonMap(LEADER_INSTANCE_ID, leader)));
  }

  /** The application's message names the job and nothing else. */
  void unknownJob(UnknownJobException e, Context ctx) {
    LOG.debug("{} {} answered 404: {}", ctx.method().name(), ctx.path(), e.getMessage());
    write(ctx, Problem.ofStatus(404, e.getMessage()));
  }

  /**
   * A request refused for what it says, not for who sent it or when. The field is an extension
   * member as well as the start of the detail, so a client can point at the bad input without
   * parsing prose.
   *
   * @param field the field or query parameter at fault, or null when the body is not JSON
   */
  static ProblemException invalidRequest(String field, String detail) {
    return new ProblemException(
        INVALID_REQUEST_TYPE,
        400,
        INVALID_REQUEST_TITLE,
        detail,
        Collections.singletonMap(FIELD, field));
  }

  /** The application's message names the field and what it accepts, and nothing else. */
  void invalidRequest(InvalidRequestException e, Context ctx) {
    problem(invalidRequest(e.field(), e.getMessage()), ctx);
  }

  /** The message names the provider and the provider's batch id, both the client's own input. */
  void duplicateBatch(DuplicateBatchException e, Context ctx) {
    LOG.debug("{} {} answered 409: {}", ctx.method().name(), ctx.path(), e.getMessage());
    write(ctx, Problem.ofStatus(409, e.getMessage() + "."));
  }

  /** A request whose thread is interrupted is being abandoned because the server stops. */
  static ProblemException interrupted() {
    return ProblemException.ofStatus(
        503, "The instance is shutting down; retry the request against another instance.");
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
