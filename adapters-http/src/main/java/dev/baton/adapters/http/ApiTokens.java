package dev.baton.adapters.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The tokens this instance accepts: the admin token allows everything, the read token only the
 * batch reads. With neither, batch reads are open, which only a loopback bind may allow (see {@link
 * #allowOpenReadsOn}).
 *
 * @param admin {@code BATON_ADMIN_TOKEN}; empty refuses every {@code POST}
 * @param read {@code BATON_READ_TOKEN}
 */
public record ApiTokens(Optional<BearerToken> admin, Optional<BearerToken> read) {

  public ApiTokens {
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(read, "read");
  }

  /** No token at all: every {@code POST} refused, batch reads open (loopback binds only). */
  public static ApiTokens none() {
    return new ApiTokens(Optional.empty(), Optional.empty());
  }

  /** Whether batch reads need no token: only when no token is configured. */
  public boolean readsOpen() {
    return admin.isEmpty() && read.isEmpty();
  }

  /**
   * Whether a server with these tokens may listen on {@code settings}' address: open batch reads
   * are for local use, so without any token only a loopback address is allowed.
   */
  public boolean allowOpenReadsOn(HttpServerSettings settings) {
    return !readsOpen() || settings.isLoopback();
  }
}
