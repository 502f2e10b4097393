package dev.baton.adapters.http;

import dev.baton.application.port.in.LeadershipHistoryQuery;
import dev.baton.domain.LeadershipTerm;
import java.util.ArrayList;
import java.util.List;

/** The terms a test sets, newest first; remembers the limits asked for. */
final class FakeLeadershipHistoryQuery implements LeadershipHistoryQuery {
  private volatile List<LeadershipTerm> terms = List.of();
  private final List<Integer> limits = new ArrayList<>();

  void answer(List<LeadershipTerm> terms) {
    this.terms = List.copyOf(terms);
  }

  synchronized List<Integer> limits() {
    return List.copyOf(limits);
  }

  @Override
  public synchronized List<LeadershipTerm> recentTerms(int limit) {
    limits.add(limit);
    return terms.stream().limit(limit).toList();
  }
}
