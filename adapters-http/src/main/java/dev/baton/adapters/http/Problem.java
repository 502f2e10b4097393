package dev.baton.adapters.http;

import io.javalin.http.HttpStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The body of an {@code application/problem+json} answer (RFC 9457).
 *
 * @param extensions members a problem type adds beside the standard four, written at the same level
 *     as them; values may be null
 */
record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {
  static final String ABOUT_BLANK = "about:blank";
  static final String CONTENT_TYPE = "application/problem+json";

  private static final Set<String> STANDARD_MEMBERS =
      Set.of("type", "title", "status", "detail", "instance");

  Problem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    for (String name : extensions.keySet()) {
      if (STANDARD_MEMBERS.contains(name)) {
        throw new IllegalArgumentException("'" + name + "' is a standard member, not an extension");
      }
    }
    // Map.copyOf refuses null values, and "the leader is unknown" is one.
    extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  Problem(String type, String title, int status, String detail) {
    this(type, title, status, detail, Map.of());
  }

  /**
   * A problem identified by its status alone; RFC 9457 asks that its title be the status's reason
   * phrase.
   */
  static Problem ofStatus(int status, String detail) {
    return new Problem(ABOUT_BLANK, reasonPhrase(status), status, detail);
  }

  static String reasonPhrase(int status) {
    // Javalin's table says "Server Error" here, not RFC 9110's phrase.
    if (status == 500) {
      return "Internal Server Error";
    }
    return HttpStatus.forStatus(status).getMessage();
  }
}
