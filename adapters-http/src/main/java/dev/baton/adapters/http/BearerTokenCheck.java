package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may call what, in one place: a request that may change something (any method but {@code GET}
 * and {@code HEAD}) needs the admin token; a read of batch data (any route under {@value #BATCHES}
 * or {@value #DELIVERIES}) needs the read or the admin token, unless no token is configured at all;
 * every other read (health, readiness, metrics, the scheduler, jobs and cluster views) is open.
 *
 * <p>Runs once a route has matched and decides on the route as declared ({@code
 * /v1/batches/{batchId}}), not on the request's spelling of it, so no encoding of a path slips past
 * the rule; an unknown path is still a 404 and a method a path does not take a 405, and neither
 * runs anything.
 *
 * <p>No or a wrong token is 401 with a {@code WWW-Authenticate} challenge (RFC 6750), so the client
 * knows to present the right one. 403 means no token could help here: the read token on a request
 * that changes something, or any {@code POST} while no admin token is configured. Every presented
 * token is compared with both configured ones, each in constant time.
 */
final class BearerTokenCheck implements Handler {
  static final String BATCHES = "/v1/batches";
  static final String DELIVERIES = "/v1/deliveries";

  /** Routes whose reads expose stored batch data (results, errors, webhook deliveries). */
  private static final List<String> PROTECTED_READS = List.of(BATCHES, DELIVERIES);

  /** Routes that authenticate each request by its own signature, and take no bearer token. */
  private static final Set<String> SIGNED_ROUTES = Set.of(OpenAiWebhookHandler.PATH);

  static final String NOT_CONFIGURED_TYPE = "https://baton.dev/problems/admin-token-not-configured";
  static final String NOT_CONFIGURED_DETAIL =
      "This instance has no admin token, so it refuses every POST. Set BATON_ADMIN_TOKEN to a long"
          + " random secret (for example the output of 'openssl rand -hex 32'), restart the"
          + " instance, and send the secret as 'Authorization: Bearer <token>'.";
  static final String READ_TOKEN_WRITES_DETAIL =
      "The read token only allows reading batches; this request needs the admin token.";

  private static final String BEARER_PREFIX = "Bearer ";
  private static final String CHALLENGE = "Bearer realm=\"baton\"";
  private static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

  private final ApiTokens tokens;

  BearerTokenCheck(ApiTokens tokens) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public void handle(Context ctx) {
    String route = matchedRoute(ctx);
    if (SIGNED_ROUTES.contains(route)) {
      return;
    }
    HandlerType method = ctx.method();
    boolean reads = HandlerType.GET.equals(method) || HandlerType.HEAD.equals(method);
    if (reads) {
      if (isProtectedRead(route) && !tokens.readsOpen()) {
        requireReader(ctx);
      }
      return;
    }
    requireAdmin(ctx);
  }

  /** Whether {@code route} is one of the protected prefixes or lies below one. */
  static boolean isProtectedRead(String route) {
    for (String prefix : PROTECTED_READS) {
      if (route.equals(prefix) || route.startsWith(prefix + "/")) {
        return true;
      }
    }
    return false;
  }

  private void requireReader(Context ctx) {
    Presented presented = presented(ctx, "the read or the admin token");
    if (!presented.admin() && !presented.reader()) {
      throw unauthorized(
          ctx,
          INVALID_TOKEN_CHALLENGE,
          "The bearer token is neither this instance's read token nor its admin token.");
    }
  }

  private void requireAdmin(Context ctx) {
    if (tokens.admin().isEmpty()) {
      throw new ProblemException(
          NOT_CONFIGURED_TYPE, 403, "No admin token configured", NOT_CONFIGURED_DETAIL);
    }
    Presented presented = presented(ctx, "the admin token");
    if (presented.admin()) {
      return;
    }
    if (presented.reader()) {
      throw ProblemException.ofStatus(403, READ_TOKEN_WRITES_DETAIL);
    }
    throw unauthorized(
        ctx, INVALID_TOKEN_CHALLENGE, "The bearer token is not this instance's admin token.");
  }

  /** Which configured tokens the request's bearer token is; both are always compared. */
  private record Presented(boolean admin, boolean reader) {}

  private Presented presented(Context ctx, String needed) {
    String authorization = ctx.header(Header.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized(
          ctx,
          CHALLENGE,
          "This request needs the header 'Authorization: Bearer <token>' with " + needed + ".");
    }
    String credentials = bearerCredentials(authorization);
    if (credentials == null) {
      throw unauthorized(
          ctx,
          CHALLENGE,
          "The Authorization header must read 'Bearer <token>'; no other scheme is taken.");
    }
    boolean admin = tokens.admin().map(token -> token.matches(credentials)).orElse(false);
    boolean reader = tokens.read().map(token -> token.matches(credentials)).orElse(false);
    return new Presented(admin, reader);
  }

  /** The route as declared, such as {@code /v1/batches/{batchId}}. */
  private static String matchedRoute(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    return endpoint == null ? ctx.path() : endpoint.path;
  }

  /** The credentials of a {@code Bearer} header (the scheme in any case), or null. */
  private static String bearerCredentials(String authorization) {
    if (!authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return null;
    }
    String credentials = authorization.substring(BEARER_PREFIX.length()).strip();
    return credentials.isEmpty() ? null : credentials;
  }

  private static ProblemException unauthorized(Context ctx, String challenge, String detail) {
    ctx.header(Header.WWW_AUTHENTICATE, challenge);
    return ProblemException.ofStatus(401, detail);
  }
}
