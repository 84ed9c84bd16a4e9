package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-out junction that emits each element to all its outputs.
 *
 * <p>Emits when all outputs have pulled; backpressures when any output backpressures; completes
 * when upstream completes; cancels when all outputs cancel (or any, with {@code eagerCancel}).
 */
public final class Broadcast {
  private Broadcast() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A broadcast to {@code outputPorts} outputs. */
  public static <T> Graph<UniformFanOutShape<T, T>, NotUsed> create(int outputPorts) {
    return create(outputPorts, false);
  }

  /** A broadcast that cancels upstream as soon as one output cancels when {@code eagerCancel}. */
  public static <T> Graph<UniformFanOutShape<T, T>, NotUsed> create(int outputPorts, boolean eagerCancel) {
    requirePorts("outputPorts", outputPorts);
    return new Junctions.Broadcast<>(outputPorts, eagerCancel);
  }
}
