package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-in junction that emits all elements of its first input, then of the second, and so on.
 *
 * <p>Emits when the current input has an element; backpressures when downstream backpressures;
 * completes when the last input completes; cancels when downstream cancels.
 */
public final class Concat {
  private Concat() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A concatenation of two inputs. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create() {
    return create(2);
  }

  /** A concatenation of {@code inputPorts} inputs. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int inputPorts) {
    requirePorts("inputPorts", inputPorts);
    return new Junctions.Concat<>(inputPorts);
  }
}
