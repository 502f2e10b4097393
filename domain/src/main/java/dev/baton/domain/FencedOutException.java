package dev.baton.domain;

/**
 * A leader-side write found that the stored term is no longer the writer's: a newer leader exists.
 * The write was rolled back.
 */
public class FencedOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long writerTerm;
  private final long currentTerm;

  public FencedOutException(String operation, long writerTerm, long currentTerm) {
    super(
        operation
            + " rejected: written under term "
            + writerTerm
            + " but the current term is "
            + currentTerm);
    this.writerTerm = writerTerm;
    this.currentTerm = currentTerm;
  }

  public long writerTerm() {
    return writerTerm;
  }

  public long currentTerm() {
    return currentTerm;
  }
}
