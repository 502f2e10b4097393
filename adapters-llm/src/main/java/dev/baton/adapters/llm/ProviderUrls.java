package dev.baton.adapters.llm;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A provider's base URL, in the form its documentation gives, and the paths under it. */
final class ProviderUrls {
  private final String base;

  ProviderUrls(String baseUrl) {
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** {@code path} starts with a slash and has its segments {@linkplain #segment encoded}. */
  URI resolve(String path) {
    return URI.create(base + path);
  }

  /**
   * An id as one path segment: anything but unreserved characters is percent-encoded, so an id a
   * user tracked cannot reach another path or carry a query.
   */
  static String segment(String id) {
    if (id.equals(".") || id.equals("..")) {
      return id.replace(".", "%2E");
    }
    StringBuilder encoded = new StringBuilder(id.length());
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }

  static void requireId(String providerBatchId) {
    if (providerBatchId == null || providerBatchId.isBlank()) {
      throw new IllegalArgumentException("a provider batch id is required");
    }
  }
}
