package dev.baton.adapters.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ends a request with an {@code application/problem+json} answer. Handlers throw it for the
 * outcomes a client can act on (400, 401, 404, 409, ...); its title, detail and extensions reach
 * the client as they are, so they must never carry internals.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  /** A problem whose HTTP status says all there is to say about its kind ({@code about:blank}). */
  public ProblemException(int status, String title, String detail) {
    this(Problem.ABOUT_BLANK, status, title, detail);
  }

  /**
   * @param type a stable URI naming the kind of problem, for clients that branch on it
   */
  public ProblemException(String type, int status, String title, String detail) {
    this(type, status, title, detail, Map.of());
  }

  /**
   * @param type a stable URI naming the kind of problem, for clients that branch on it
   * @param extensions members the type adds beside {@code type}, {@code title}, {@code status} and
   *     {@code detail}; values may be null
   */
  public ProblemException(
      String type, int status, String title, String detail, Map<String, ?> extensions) {
    super(status + " " + title + ": " + detail);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem needs a 4xx or 5xx status: " + status);
    }
    this.problem = new Problem(type, title, status, detail, new LinkedHashMap<>(extensions));
  }

  /** An {@code about:blank} problem titled with the status's reason phrase, as RFC 9457 asks. */
  public static ProblemException ofStatus(int status, String detail) {
    return new ProblemException(status, Problem.reasonPhrase(status), detail);
  }

  public String type() {
    return problem.type();
  }

  public int status() {
    return problem.status();
  }

  public String title() {
    return problem.title();
  }

  public String detail() {
    return problem.detail();
  }

  Problem toProblem() {
    return problem;
  }
}
