package dev.baton.adapters.http;

import dev.baton.application.port.in.ClusterQuery;
import dev.baton.application.port.in.ClusterView;
import java.util.List;

/** The cluster a test sets; none registered until then. */
final class FakeClusterQuery implements ClusterQuery {
  private volatile ClusterView cluster = new ClusterView(null, null, List.of());

  void answer(ClusterView cluster) {
    this.cluster = cluster;
  }

  @Override
  public ClusterView cluster() {
    return cluster;
  }
}
