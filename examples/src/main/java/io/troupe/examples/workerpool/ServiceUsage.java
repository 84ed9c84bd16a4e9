package io.troupe.examples.workerpool;

import java.util.HashSet;
import java.util.Set;

/**
 * The traffic one batch sent to one service: flows, bytes, rejected flows, and the anonymized ids
 * of the clients that sent it.
 *
 * @param flows the flows
 * @param bytes the bytes of all flows
 * @param rejectedFlows the flows the network rejected
 * @param clientIds keyed hashes of the source addresses, never the addresses themselves
 */
public record ServiceUsage(long flows, long bytes, long rejectedFlows, Set<String> clientIds) {

  /** Copies {@code clientIds}, so the record stays immutable. */
  public ServiceUsage {
    clientIds = Set.copyOf(clientIds);
  }

  /** The usage of this and {@code other} together. */
  public ServiceUsage plus(ServiceUsage other) {
    Set<String> clients = new HashSet<>(clientIds);
    clients.addAll(other.clientIds);
    return new ServiceUsage(
        flows + other.flows, bytes + other.bytes, rejectedFlows + other.rejectedFlows, clients);
  }
}
