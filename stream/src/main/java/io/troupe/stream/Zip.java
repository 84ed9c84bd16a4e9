package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-in junction that pairs one element of each of its two inputs.
 *
 * <p>Emits when both inputs have an element; backpressures when downstream backpressures;
 * completes when either input completes (after a pending pair); cancels when downstream cancels.
 */
public final class Zip {
  private Zip() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A zip into {@link Pair}s. */
  public static <A, B> Graph<FanInShape2<A, B, Pair<A, B>>, NotUsed> create() {
    return new Junctions.ZipWith<A, B, Pair<A, B>>(Pair::create);
  }
}
