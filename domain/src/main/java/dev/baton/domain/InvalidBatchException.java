package dev.baton.domain;

/**
 * A new batch breaks a tracking rule. The field is named as the API names it ({@code
 * providerBatchId}, {@code items}, {@code items[3].customId}), so that a caller can find it.
 */
public class InvalidBatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String problem;

  public InvalidBatchException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  public String field() {
    return field;
  }

  /** What is wrong, without the field's name. */
  public String problem() {
    return problem;
  }
}
