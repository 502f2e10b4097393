package dev.baton.adapters.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A secret a client presents as {@code Authorization: Bearer <token>}: the admin token ({@code
 * BATON_ADMIN_TOKEN}) or the read token ({@code BATON_READ_TOKEN}).
 *
 * <p>Only the SHA-256 digest of the secret is kept: comparing digests takes the same time whatever
 * the presented value and its length, and no method of this class can give the secret back, {@link
 * #toString()} included.
 */
public final class BearerToken {
  /**
   * RFC 6750's {@code b64token}: a token outside this syntax could never be sent in an {@code
   * Authorization} header, so accepting it would lock every client out without saying why.
   */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private final byte[] digest;

  private BearerToken(byte[] digest) {
    this.digest = digest;
  }

  /**
   * @throws IllegalArgumentException when {@code secret} is empty or has characters a bearer token
   *     cannot carry (spaces, quotes, ...); the message never repeats the secret
   */
  public static BearerToken of(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (!B64TOKEN.matcher(secret).matches()) {
      throw new IllegalArgumentException(
          "a token must be a non-empty bearer token: letters, digits and - . _ ~ + /,"
              + " optionally ending in =");
    }
    return new BearerToken(sha256(secret));
  }

  /** The token as configured, where null or blank means none. */
  public static Optional<BearerToken> fromConfiguration(String secretOrBlank) {
    if (secretOrBlank == null || secretOrBlank.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(of(secretOrBlank));
  }

  /** Whether {@code presented} is the secret, in time that depends on neither of them. */
  boolean matches(String presented) {
    return MessageDigest.isEqual(digest, sha256(presented));
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
