package dev.baton.application.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A Standard Webhooks signing secret: {@code whsec_} followed by the base64 of the key bytes. The
 * HMAC key is the decoded bytes, not the text. {@link #toString} never shows the key.
 */
public final class WebhookSecret {
  public static final String PREFIX = "whsec_";

  /** The least key length accepted, in bytes (the spec asks for 24 to 64). */
  public static final int MIN_KEY_BYTES = 24;

  /** The key length of {@link #generate()}, in bytes. */
  public static final int GENERATED_KEY_BYTES = 32;

  private final byte[] key;

  private WebhookSecret(byte[] key) {
    this.key = key;
  }

  /**
   * Reads {@code whsec_<base64>}.
   *
   * @throws IllegalArgumentException with one line saying what is wrong and what is accepted; the
   *     message never contains any part of {@code text}
   */
  public static WebhookSecret parse(String text) {
    String accepted =
        "expected " + PREFIX + " followed by the base64 of at least " + MIN_KEY_BYTES + " bytes";
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("does not start with " + PREFIX + "; " + accepted);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      // The decoder's message quotes the offending character: say nothing of the text.
      throw new IllegalArgumentException("is not valid base64 after " + PREFIX + "; " + accepted);
    }
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException(
          "holds a key of " + key.length + " bytes, too short; " + accepted);
    }
    return new WebhookSecret(key);
  }

  /** A fresh secret of {@value #GENERATED_KEY_BYTES} random bytes. */
  public static WebhookSecret generate() {
    byte[] key = new byte[GENERATED_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new WebhookSecret(key);
  }

  /** The secret as a receiver configures it: {@code whsec_} + base64. Never log it. */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The HMAC key: a copy of the decoded bytes. */
  byte[] keyBytes() {
    return key.clone();
  }

  @Override
  public String toString() {
    return PREFIX + "****";
  }
}
