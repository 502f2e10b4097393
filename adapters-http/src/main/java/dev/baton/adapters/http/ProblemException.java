package dev.baton.adapters.http;

import java.util.Objects;

/**
 * Ends a request with an {@code application/problem+json} answer. Handlers throw it for the
 * outcomes a client can act on (400, 401, 404, 409, ...); its title and detail reach the client as
 * they are, so they must never carry internals.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;
  private final String title;
  private final String detail;

  /** A problem whose HTTP status says all there is to say about its kind ({@code about:blank}). */
  public ProblemException(int status, String title, String detail) {
    this(Problem.ABOUT_BLANK, status, title, detail);
  }

  /**
   * @param type a stable URI naming the kind of problem, for clients that branch on it
   */
  public ProblemException(String type, int status, String title, String detail) {
    super(status + " " + title + ": " + detail);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem needs a 4xx or 5xx status: " + status);
    }
    this.type = Objects.requireNonNull(type, "type");
    this.status = status;
    this.title = Objects.requireNonNull(title, "title");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return detail;
  }

  Problem toProblem() {
    return new Problem(type, title, status, detail);
  }
}
