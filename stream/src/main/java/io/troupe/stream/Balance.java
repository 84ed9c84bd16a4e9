package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-out junction that sends each element to one output that wants it.
 *
 * <p>Emits when any output has pulled; backpressures when no output wants an element; completes
 * when upstream completes; cancels when all outputs cancel.
 */
public final class Balance {
  private Balance() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A balance over {@code outputPorts} outputs. */
  public static <T> Graph<UniformFanOutShape<T, T>, NotUsed> create(int outputPorts) {
    requirePorts("outputPorts", outputPorts);
    return new Junctions.Balance<>(outputPorts);
  }
}
