package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.CombineOps;
import java.util.List;

/**
 * A fan-in junction that, once each of its inputs has emitted, emits the list of every input's
 * latest element each time an input emits (in the order of the inputs): for combining the
 * current values of several changing sources.
 *
 * <p>An input is pulled again only after a list with its element went downstream, so a slow
 * downstream holds up the inputs; elements that arrive from different inputs while it waits go
 * out together in one list. Before every input has emitted, an input's newer element replaces
 * its older one.
 *
 * <p>Emits when an input emitted and every input has emitted at least once; backpressures when
 * downstream backpressures; completes when all inputs complete (or any, with {@code
 * eagerComplete}), after the pending list; cancels when downstream cancels.
 */
public final class MergeLatest {
  private MergeLatest() {}

  /**
   * A merge of the latest elements of {@code inputPorts} inputs, completing when all complete.
   *
   * @throws IllegalArgumentException if {@code inputPorts} is not positive
   */
  public static <T> Graph<UniformFanInShape<T, List<T>>, NotUsed> create(int inputPorts) {
    return create(inputPorts, false);
  }

  /** Like {@link #create(int)}; with {@code eagerComplete} it completes when any input does. */
  public static <T> Graph<UniformFanInShape<T, List<T>>, NotUsed> create(
      int inputPorts, boolean eagerComplete) {
    return new CombineOps.MergeLatest<>(inputPorts, eagerComplete);
  }
}
