package dev.baton.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One term of the leadership, as {@code baton_leadership_history} keeps it.
 *
 * @param endedAt null while the term lasts, or until the next leader completes an unclean end
 * @param endReason null while {@code endedAt} is
 */
public record LeadershipTerm(
    long term,
    String holderInstanceId,
    Instant acquiredAt,
    Instant endedAt,
    TermEndReason endReason) {

  public LeadershipTerm {
    Objects.requireNonNull(holderInstanceId, "holderInstanceId");
    Objects.requireNonNull(acquiredAt, "acquiredAt");
  }
}
