package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-out junction that sends each element to the output a function picks.
 *
 * <p>Emits when the chosen output has pulled; backpressures when the chosen output backpressures;
 * completes when upstream completes; cancels when all outputs cancel. Elements for a cancelled
 * output are dropped; an index outside {@code 0 .. outputPorts - 1} fails the stream.
 */
public final class Partition {
  private Partition() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A partition over {@code outputPorts} outputs by {@code partitioner}. */
  public static <T> Graph<UniformFanOutShape<T, T>, NotUsed> create(
      int outputPorts, Function<T, Integer> partitioner) {
    requirePorts("outputPorts", outputPorts);
    java.util.Objects.requireNonNull(partitioner, "partitioner");
    return new Junctions.Partition<>(outputPorts, partitioner);
  }
}
