package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.stream.internal.ops.CombineOps;
import java.util.List;

/**
 * A fan-in junction that combines one element of each of its {@code n} inputs with a function,
 * which gets the elements in the order of the inputs.
 *
 * <p>Emits when every input has an element; backpressures when downstream backpressures;
 * completes when any input completes (once the element it left is used); cancels when
 * downstream cancels.
 */
public final class ZipWithN {
  private ZipWithN() {}

  /**
   * A zip of {@code n} inputs that combines with {@code zipper}.
   *
   * @throws IllegalArgumentException if {@code n} is not positive
   */
  public static <A, O> Graph<UniformFanInShape<A, O>, NotUsed> create(
      Function<List<A>, O> zipper, int n) {
    return new CombineOps.ZipWithN<>(zipper, n);
  }
}
