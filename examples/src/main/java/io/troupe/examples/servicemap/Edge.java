package io.troupe.examples.servicemap;

/**
 * One call seen in the flow logs, after enrichment: from a caller group to a named service.
 *
 * @param from the caller group, such as {@code clients-1} (from the source subnet)
 * @param to the service called, such as {@code orders-db}
 * @param bytes the bytes of the flow
 * @param accepted whether the traffic was accepted
 */
public record Edge(String from, String to, long bytes, boolean accepted) {
  /** The key aggregation groups by. */
  public String key() {
    return from + " -> " + to;
  }
}
