package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.FanInOps;

/**
 * A fan-in junction of two inputs that emits the elements of the primary input {@code in(0)},
 * and only if that one completes without emitting anything, the elements of the secondary input
 * {@code in(1)}. The secondary input is cancelled as soon as the primary emits.
 *
 * <p>Emits when the primary has an element, or it completed empty and the secondary has one;
 * backpressures when downstream backpressures; completes when the primary completed after
 * emitting, or the secondary completed after the primary completed empty; cancels when downstream
 * cancels. A failure of either input fails the stage.
 */
public final class OrElse {
  private OrElse() {}

  /** An or-else junction: primary {@code in(0)}, secondary {@code in(1)}. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create() {
    return new FanInOps.OrElse<T>();
  }

  /** Like {@link #create()}; the class only fixes the element type. */
  public static <T> Graph<UniformFanInShape<T, T>, NotUsed> create(Class<T> clazz) {
    return create();
  }
}
