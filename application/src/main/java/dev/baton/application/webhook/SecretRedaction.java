package dev.baton.application.webhook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text from outside (a provider's error answer) safe to store and log: every configured
 * secret and anything shaped like a provider key is replaced by {@value #MASK}, and the result is
 * cut to at most {@value #MAX_BYTES} bytes of UTF-8.
 *
 * <p>A configured secret is also found URL-encoded and JSON-escaped, the forms in which an answer
 * may echo a request. Key shapes: {@code sk-…} (OpenAI, Anthropic's {@code sk-ant-…}), {@code
 * whsec_…} and the token after {@code Bearer}, when at least 16 characters of a key alphabet
 * containing a digit follow. Secrets that overlap in the text are masked as one run.
 */
public final class SecretRedaction {
  public static final String MASK = "****";

  /** The most bytes of UTF-8 that {@link #redact} returns. */
  public static final int MAX_BYTES = 2048;

  private static final String CUT = "…";

  /**
   * Key-shaped text, in the group {@code key}: a known prefix not glued to a word before it (a
   * URL-encoded character may precede it), or the token after {@code Bearer}.
   */
  private static final Pattern KEY_SHAPED =
      Pattern.compile(
          "(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f]{2}))(?<key>(?:sk-|whsec_)[A-Za-z0-9_\\-+/=]{16,})"
              + "|(?i:bearer)(?:\\s|%20|\\+){1,3}(?<token>[A-Za-z0-9._~+/=\\-]{16,})");

  private final List<String> configured;
  private final List<String> secrets;

  /**
   * @param secrets the configured secrets (API keys, tokens, passwords); nulls and blanks skipped
   */
  public SecretRedaction(Collection<String> secrets) {
    List<String> kept = new ArrayList<>();
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      if (secret == null || secret.isBlank()) {
        continue;
      }
      kept.add(secret);
      forms.add(secret);
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
      forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
      forms.add(jsonEscaped(secret));
    }
    this.configured = List.copyOf(kept);
    this.secrets = List.copyOf(forms);
  }

  /** A redaction that also masks {@code secret} (skipped when null or blank). */
  public SecretRedaction with(String secret) {
    List<String> more = new ArrayList<>(configured);
    more.add(secret);
    return new SecretRedaction(more);
  }

  /** The text with secrets and key-shaped parts masked, at most {@value #MAX_BYTES} bytes. */
  public String redact(String text) {
    Objects.requireNonNull(text, "text");
    BitSet masked = secretChars(text);
    int budget = MAX_BYTES - CUT.getBytes(StandardCharsets.UTF_8).length;
    StringBuilder out = new StringBuilder();
    int bytes = 0;
    int fitsWithCut = 0; // length of out while it still leaves room for the cut mark
    for (int at = 0; at < text.length(); ) {
      String piece;
      if (masked.get(at)) {
        piece = MASK;
        at = masked.nextClearBit(at);
      } else {
        int codePoint = text.codePointAt(at);
        piece = Character.toString(codePoint);
        at += Character.charCount(codePoint);
      }
      bytes += utf8Length(piece);
      if (bytes > MAX_BYTES) {
        return out.substring(0, fitsWithCut) + CUT;
      }
      out.append(piece);
      if (bytes <= budget) {
        fitsWithCut = out.length();
      }
    }
    return out.toString();
  }

  /** The positions of {@code text} inside a secret or a key-shaped run; overlaps simply merge. */
  private BitSet secretChars(String text) {
    BitSet masked = new BitSet(text.length());
    for (String secret : secrets) {
      for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
        masked.set(at, at + secret.length());
      }
    }
    Matcher found = KEY_SHAPED.matcher(text);
    while (found.find()) {
      String group = found.group("key") != null ? "key" : "token";
      // Real keys are random: a run without a digit is a word such as sk-learn-something.
      if (found.group(group).chars().anyMatch(c -> c >= '0' && c <= '9')) {
        masked.set(found.start(group), found.end(group));
      }
    }
    return masked;
  }

  private static int utf8Length(String piece) {
    int bytes = 0;
    for (int at = 0; at < piece.length(); ) {
      int codePoint = piece.codePointAt(at);
      bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
      at += Character.charCount(codePoint);
    }
    return bytes;
  }

  private static String jsonEscaped(String secret) {
    StringBuilder out = new StringBuilder();
    for (char c : secret.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '/' -> out.append("\\/");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
