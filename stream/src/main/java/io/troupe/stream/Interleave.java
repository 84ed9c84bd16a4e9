package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.FanInOps;

/**
 * A fan-in junction that emits {@code segmentSize} elements of its first input, then {@code
 * segmentSize} of the second, and so on round the inputs; a completed input is skipped.
 *
 * <p>Emits when the input whose turn it is has an element available; backpressures when
 * downstream backpressures; completes when all inputs complete (or any, with {@code eagerClose});
 * cancels when downstream cancels.
 */
public final class Interleave {
  private Interleave() {}

  /**
   * An interleave of {@code inputPorts} inputs in segments of {@code segmentSize}.
   *
   * @throws IllegalArgumentException if {@code inputPorts} or {@code segmentSize} is not positive
   */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int inputPorts, int segmentSize) {
    return create(inputPorts, segmentSize, false);
  }

  /** Like {@link #create(int, int)}; with {@code eagerClose} it completes when any input completes. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(
      int inputPorts, int segmentSize, boolean eagerClose) {
    return new FanInOps.Interleave<T>(inputPorts, segmentSize, eagerClose);
  }

  /** Like {@link #create(int, int, boolean)}; the class only fixes the element type. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(
      Class<T> clazz, int inputPorts, int segmentSize, boolean eagerClose) {
    return create(inputPorts, segmentSize, eagerClose);
  }
}
