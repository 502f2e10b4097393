package dev.baton.adapters.llm;

/** A provider's answer that does not have the shape its API documents. */
final class MalformedAnswerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedAnswerException(String message) {
    super(message);
  }

  MalformedAnswerException(String message, Throwable cause) {
    super(message, cause);
  }
}
