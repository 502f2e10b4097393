package dev.baton.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets a request that may change something (any method but {@code GET} and {@code HEAD}) reach its
 * handler only with {@code Authorization: Bearer <admin token>}.
 *
 * <p>Runs once a route has matched, so an unknown path is still a 404 and a method a path does not
 * take a 405: both are public in the API's documentation, and neither runs anything.
 *
 * <p>Without a configured token every such request is refused with 403, not 401: no credentials
 * could succeed, and a 401 would tell the client to retry with some.
 */
final class AdminTokenCheck implements Handler {
  static final String NOT_CONFIGURED_TYPE = "https://baton.dev/problems/admin-token-not-configured";
  static final String NOT_CONFIGURED_DETAIL =
      "This instance has no admin token, so it refuses every POST. Set BATON_ADMIN_TOKEN to a long"
          + " random secret (for example the output of 'openssl rand -hex 32'), restart the"
          + " instance, and send the secret as 'Authorization: Bearer <token>'.";

  private static final String BEARER_PREFIX = "Bearer ";
  private static final String CHALLENGE = "Bearer realm=\"baton\"";
  private static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

  private final Optional<AdminToken> adminToken;

  AdminTokenCheck(Optional<AdminToken> adminToken) {
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
  }

  @Override
  public void handle(Context ctx) {
    HandlerType method = ctx.method();
    if (HandlerType.GET.equals(method) || HandlerType.HEAD.equals(method)) {
      return;
    }
    if (adminToken.isEmpty()) {
      throw new ProblemException(
          NOT_CONFIGURED_TYPE, 403, "No admin token configured", NOT_CONFIGURED_DETAIL);
    }
    String authorization = ctx.header(Header.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      throw unauthorized(
          ctx, CHALLENGE, "This request needs the header 'Authorization: Bearer <admin token>'.");
    }
    String presented = bearerCredentials(authorization);
    if (presented == null) {
      throw unauthorized(
          ctx,
          CHALLENGE,
          "The Authorization header must read 'Bearer <admin token>'; no other scheme is taken.");
    }
    if (!adminToken.get().matches(presented)) {
      throw unauthorized(
          ctx, INVALID_TOKEN_CHALLENGE, "The bearer token is not this instance's admin token.");
    }
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
