package dev.baton.adapters.http;

import dev.baton.domain.LeadershipTerm;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /v1/scheduler/history}.
 *
 * @param nextCursor always null: the limit reaches back over every term kept
 */
record LeadershipHistoryResponse(List<Term> terms, String nextCursor) {

  static LeadershipHistoryResponse from(List<LeadershipTerm> terms) {
    return new LeadershipHistoryResponse(terms.stream().map(Term::from).toList(), null);
  }

  record Term(
      long term, String holderInstanceId, Instant acquiredAt, Instant endedAt, String endReason) {
    static Term from(LeadershipTerm term) {
      return new Term(
          term.term(),
          term.holderInstanceId(),
          term.acquiredAt(),
          term.endedAt(),
          term.endReason() == null ? null : term.endReason().wireName());
    }
  }
}
