package dev.baton.application.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks as the Standard Webhooks specification says, with one secret: Baton's
 * own deliveries are signed here, and providers' webhooks sent to Baton are verified here.
 *
 * <p>The signed content is {@code {webhook-id}.{webhook-timestamp}.{body}}, the body taken as the
 * exact bytes sent; the signature is {@code v1,} + base64 of its HMAC-SHA256 under the secret's key
 * bytes. Time is always passed in: nothing here reads a clock.
 */
public final class StandardWebhooks {
  public static final String ID_HEADER = "webhook-id";
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** How far a webhook's timestamp may be from now, either way, to be accepted. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1";
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,18}");
  private static final Pattern WEBHOOK_ID = Pattern.compile("[\\x21-\\x7e]+");

  private final SecretKeySpec key;

  public StandardWebhooks(WebhookSecret secret) {
    this.key = new SecretKeySpec(secret.keyBytes(), ALGORITHM);
  }

  /**
   * The three headers of one delivery attempt.
   *
   * @param webhookId the event's id, the same on every attempt (printable ASCII, no spaces)
   * @param attemptTime the attempt's time; the header carries its whole Unix seconds
   * @param body the exact bytes that will be sent
   */
  public WebhookHeaders sign(String webhookId, Instant attemptTime, byte[] body) {
    if (webhookId == null || !WEBHOOK_ID.matcher(webhookId).matches()) {
      throw new IllegalArgumentException("a webhook id is printable ASCII without spaces");
    }
    String timestamp = Long.toString(attemptTime.getEpochSecond());
    String signature = VERSION + "," + base64(hmac(webhookId, timestamp, body));
    return new WebhookHeaders(webhookId, timestamp, signature);
  }

  /**
   * Checks a received webhook: its three headers are present and well formed, one of its {@code v1}
   * signatures matches the body (compared in constant time), and its timestamp is within {@link
   * #TOLERANCE} of {@code now}. The signature is checked before the timestamp, so a stale answer
   * means the webhook was genuinely signed with this secret (a replay or a skewed clock) and a
   * forgery is always {@code BAD_SIGNATURE}.
   *
   * @param header the value of a request header by its lowercase name, or null when it is absent
   * @param body the exact bytes received
   */
  public WebhookVerification verify(Function<String, String> header, byte[] body, Instant now) {
    String id = header.apply(ID_HEADER);
    String timestamp = header.apply(TIMESTAMP_HEADER);
    String signatures = header.apply(SIGNATURE_HEADER);
    if (absent(id)) {
      return WebhookVerification.missingHeader(ID_HEADER);
    }
    if (absent(timestamp)) {
      return WebhookVerification.missingHeader(TIMESTAMP_HEADER);
    }
    if (absent(signatures)) {
      return WebhookVerification.missingHeader(SIGNATURE_HEADER);
    }
    if (!TIMESTAMP.matcher(timestamp).matches()) {
      return WebhookVerification.malformedHeader(TIMESTAMP_HEADER, "is not whole Unix seconds");
    }
    byte[] expected = hmac(id, timestamp, body);
    boolean anyV1 = false;
    boolean matched = false;
    for (String entry : signatures.split(" ")) {
      if (entry.isEmpty()) {
        continue;
      }
      int comma = entry.indexOf(',');
      if (comma < 1 || comma == entry.length() - 1) {
        return WebhookVerification.malformedHeader(
            SIGNATURE_HEADER, "holds an entry that is not <version>,<signature>");
      }
      if (!entry.substring(0, comma).equals(VERSION)) {
        continue; // another scheme of the spec (v1a, asymmetric): not ours to check
      }
      byte[] candidate;
      try {
        candidate = Base64.getDecoder().decode(entry.substring(comma + 1));
      } catch (IllegalArgumentException notBase64) {
        return WebhookVerification.malformedHeader(
            SIGNATURE_HEADER, "holds a v1 signature that is not base64");
      }
      anyV1 = true;
      matched |= MessageDigest.isEqual(expected, candidate);
    }
    if (!anyV1) {
      return WebhookVerification.badSignature("holds no v1 signature");
    }
    if (!matched) {
      return WebhookVerification.badSignature("no v1 signature matches the body");
    }
    long skew = now.getEpochSecond() - Long.parseLong(timestamp);
    if (Math.abs(skew) > TOLERANCE.toSeconds()) {
      return WebhookVerification.staleTimestamp(
          Math.abs(skew)
              + " s "
              + (skew > 0 ? "before" : "after")
              + " now; at most "
              + TOLERANCE.toSeconds()
              + " s accepted");
    }
    return WebhookVerification.VERIFIED;
  }

  private byte[] hmac(String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
    }
  }

  private static boolean absent(String header) {
    return header == null || header.isBlank();
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
