package dev.baton.application;

/** An operation that needs the leader was asked of an instance that does not lead. */
public class NotLeaderException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String leaderInstanceId;

  /**
   * @param leaderInstanceId the leader as far as this instance knows, or null
   */
  public NotLeaderException(String message, String leaderInstanceId) {
    super(message);
    this.leaderInstanceId = leaderInstanceId;
  }

  public String leaderInstanceId() {
    return leaderInstanceId;
  }
}
