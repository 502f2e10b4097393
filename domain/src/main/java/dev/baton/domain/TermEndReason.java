package dev.baton.domain;

/**
 * How a leadership term ended, as {@code baton_leadership_history.end_reason} and the history API
 * spell it. The leader records a clean end itself; an unclean one is recorded {@link #LOST} by the
 * next leader, and {@link #FENCED_OUT} by the old leader when a fenced write tells it so.
 */
public enum TermEndReason {
  /** Given back cleanly, at shutdown. */
  RELEASED,
  /** Ended without a clean release (crash, killed session, partition); seen by the next leader. */
  LOST,
  /** The old leader learned from a fenced write that a newer term had begun. */
  FENCED_OUT,
  /** Given back cleanly by the operator's step-down. */
  STEPPED_DOWN;

  public String wireName() {
    return WireEnum.wireName(this);
  }

  public static TermEndReason fromWire(String wire) {
    return WireEnum.fromWire(TermEndReason.class, wire);
  }
}
