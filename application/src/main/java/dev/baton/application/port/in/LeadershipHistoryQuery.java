package dev.baton.application.port.in;

import dev.baton.domain.LeadershipTerm;
import java.util.List;

/** The leadership's terms ({@code GET /v1/scheduler/history}). */
public interface LeadershipHistoryQuery {
  /** The newest {@code limit} terms, newest first. */
  List<LeadershipTerm> recentTerms(int limit);
}
