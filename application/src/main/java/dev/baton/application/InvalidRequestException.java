package dev.baton.application;

/** A request that cannot be served as it is; its message names the field and what is accepted. */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public InvalidRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
