package dev.baton.adapters.http;

import io.javalin.http.HttpStatus;

/** The body of an {@code application/problem+json} answer (RFC 9457). */
record Problem(String type, String title, int status, String detail) {
  static final String ABOUT_BLANK = "about:blank";
  static final String CONTENT_TYPE = "application/problem+json";

  /**
   * A problem identified by its status alone; RFC 9457 asks that its title be the status's reason
   * phrase.
   */
  static Problem ofStatus(int status, String detail) {
    return new Problem(ABOUT_BLANK, reasonPhrase(status), status, detail);
  }

  private static String reasonPhrase(int status) {
    // Javalin's table says "Server Error" here, not RFC 9110's phrase.
    if (status == 500) {
      return "Internal Server Error";
    }
    return HttpStatus.forStatus(status).getMessage();
  }
}
