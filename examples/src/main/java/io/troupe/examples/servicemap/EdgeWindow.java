package io.troupe.examples.servicemap;

import java.util.List;

/**
 * The calls along one edge of the service map within one aggregation window.
 *
 * @param from the caller group
 * @param to the service called
 * @param flows the flows in the window
 * @param bytes their bytes
 * @param rejected how many were rejected
 */
public record EdgeWindow(String from, String to, long flows, long bytes, long rejected) {

  /** Aggregates {@code edges}, which all share one key and are not empty. */
  public static EdgeWindow of(List<Edge> edges) {
    Edge first = edges.get(0);
    long bytes = 0;
    long rejected = 0;
    for (Edge e : edges) {
      if (!e.key().equals(first.key())) {
        throw new IllegalArgumentException("edges of two keys in one window: " + first.key() + " and " + e.key());
      }
      bytes += e.bytes();
      rejected += e.accepted() ? 0 : 1;
    }
    return new EdgeWindow(first.from(), first.to(), edges.size(), bytes, rejected);
  }

  /** The key of the edge. */
  public String key() {
    return from + " -> " + to;
  }
}
