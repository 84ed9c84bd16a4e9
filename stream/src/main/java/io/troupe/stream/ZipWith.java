package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import io.troupe.stream.internal.Junctions;

/**
 * A fan-in junction that combines one element of each of its two inputs with a function.
 *
 * <p>Emits when both inputs have an element; backpressures when downstream backpressures;
 * completes when either input completes; cancels when downstream cancels.
 */
public final class ZipWith {
  private ZipWith() {}

  static void requirePorts(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, was " + n);
    }
  }

  /** A zip that combines with {@code f}. */
  public static <A, B, O> Graph<FanInShape2<A, B, O>, NotUsed> create(Function2<A, B, O> f) {
    java.util.Objects.requireNonNull(f, "f");
    return new Junctions.ZipWith<>(f);
  }
}
