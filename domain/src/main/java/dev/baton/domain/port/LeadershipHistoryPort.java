package dev.baton.domain.port;

import dev.baton.domain.LeadershipTerm;
import java.util.List;

/**
 * The leadership's past terms ({@code baton_leadership_history}), written by the leadership backend
 * as terms begin and end, and kept for the newest {@link #RETAINED_TERMS} terms.
 */
public interface LeadershipHistoryPort {
  /** How many terms are kept: older ones are deleted when a new term begins. */
  int RETAINED_TERMS = 1000;

  /** The newest {@code limit} terms, newest first. */
  List<LeadershipTerm> recentTerms(int limit);
}
