package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.CombineOps;
import java.util.List;

/**
 * A fan-in junction that emits a list of one element of each of its {@code n} inputs, in the
 * order of the inputs: {@link ZipWithN} that keeps the list.
 *
 * <p>Emits when every input has an element; backpressures when downstream backpressures;
 * completes when any input completes (once the element it left is used); cancels when
 * downstream cancels.
 */
public final class ZipN {
  private ZipN() {}

  /**
   * A zip of {@code n} inputs.
   *
   * @throws IllegalArgumentException if {@code n} is not positive
   */
  public static <A> Graph<UniformFanInShape<A, List<A>>, NotUsed> create(int n) {
    return new CombineOps.ZipWithN<A, List<A>>(elements -> elements, n);
  }
}
