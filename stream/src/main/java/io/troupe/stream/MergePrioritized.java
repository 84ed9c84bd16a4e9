package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.FanInOps;

/**
 * A fan-in junction that emits the elements of all its inputs as they arrive and, when several
 * inputs have an element ready, shares the output among them in proportion to their priorities.
 *
 * <pre>{@code
 * UniformFanInShape<Job, Job> m = b.add(MergePrioritized.create(new int[] {3, 1}));
 * }</pre>
 *
 * <p>The choice is a smooth weighted round-robin, not a random draw as in Pekko: with inputs of
 * priorities 2 and 1 that both keep elements ready, the output takes from them in the order
 * first, second, first, first, second, first, ... The proportions are Pekko's; the order is
 * deterministic.
 *
 * <p>Emits when one of the inputs has an element available; backpressures when downstream
 * backpressures; completes when all inputs complete (or any, with {@code eagerComplete}), after
 * the elements already taken; cancels when downstream cancels.
 */
public final class MergePrioritized {
  private MergePrioritized() {}

  /**
   * A prioritized merge with one input per entry of {@code priorities}.
   *
   * @throws IllegalArgumentException if {@code priorities} is empty or has an entry below 1
   */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int[] priorities) {
    return create(priorities, false);
  }

  /** Like {@link #create(int[])}; with {@code eagerComplete} it completes when any input completes. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(int[] priorities, boolean eagerComplete) {
    return FanInOps.<T>prioritized(priorities, eagerComplete);
  }

  /** Like {@link #create(int[])}; the class only fixes the element type. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(Class<T> clazz, int[] priorities) {
    return create(priorities, false);
  }

  /** Like {@link #create(int[], boolean)}; the class only fixes the element type. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(
      Class<T> clazz, int[] priorities, boolean eagerComplete) {
    return create(priorities, eagerComplete);
  }
}
