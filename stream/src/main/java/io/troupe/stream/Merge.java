package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-in junction that emits the elements of all its inputs as they arrive.
 *
 * <p>Emits when any input has an element; backpressures when downstream backpressures; completes
 * when all inputs complete (or any, with {@code eagerComplete}); cancels when downstream cancels.
 */
public final class Merge {
  private Merge() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A merge of {@code inputPorts} inputs. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int inputPorts) {
    return create(inputPorts, false);
  }

  /** A merge that completes when any input completes when {@code eagerComplete}. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int inputPorts, boolean eagerComplete) {
    requirePorts("inputPorts", inputPorts);
    return new Junctions.Merge<>(inputPorts, eagerComplete);
  }
}
