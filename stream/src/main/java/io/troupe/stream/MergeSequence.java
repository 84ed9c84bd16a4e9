package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.stream.internal.ops.CombineOps;

/**
 * A fan-in junction that puts back in order a sequence that was split over its inputs: each
 * element has a sequence number ({@code extractSequence}), the numbers of all inputs together are
 * 0, 1, 2, ... without gaps or repeats, and each input carries its part in ascending order. The
 * typical use is to split elements numbered with {@code zipWithIndex} over parallel flows with
 * {@link Partition} and merge their results back in the original order.
 *
 * <p>Emits when an input holds the next number; backpressures when downstream backpressures (an
 * input holds at most one element); completes when all inputs complete; fails with an {@link
 * IllegalStateException} when a number is repeated or an input goes backwards, or when every
 * input holds a later number or has completed (a gap); cancels when downstream cancels.
 */
public final class MergeSequence {
  private MergeSequence() {}

  /**
   * A merge of {@code inputCount} inputs in sequence order.
   *
   * @throws IllegalArgumentException if {@code inputCount} is not positive
   */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(
      int inputCount, Function<T, Long> extractSequence) {
    return new CombineOps.MergeSequence<>(inputCount, extractSequence);
  }

  /** Like {@link #create(int, Function)}; the class only fixes the element type. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(
      Class<T> clazz, int inputCount, Function<T, Long> extractSequence) {
    return create(inputCount, extractSequence);
  }
}
