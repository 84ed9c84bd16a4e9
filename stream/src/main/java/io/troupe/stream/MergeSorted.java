package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.stream.internal.ops.FanInOps;
import java.util.Comparator;
import java.util.Objects;

/**
 * A fan-in junction that merges two sorted inputs into one sorted output: it waits for an element
 * of each input and emits the smaller (the first input's on a tie).
 *
 * <p>Emits when both inputs have an element available, or one has and the other completed;
 * backpressures when downstream backpressures; completes when both inputs complete; cancels when
 * downstream cancels. If an input is not sorted, neither is the output.
 */
public final class MergeSorted {
  private MergeSorted() {}

  /** A sorted merge of elements in their natural order. */
  public static <T extends Comparable<? super T>> Graph<FanInShape2<T, T, T>, NotUsed> create() {
    return new FanInOps.MergeSorted<T>(Comparator.naturalOrder());
  }

  /** A sorted merge in the order of {@code comparator}. */
  public static <T> Graph<FanInShape2<T, T, T>, NotUsed> create(Comparator<? super T> comparator) {
    Objects.requireNonNull(comparator, "comparator");
    return new FanInOps.MergeSorted<T>(comparator);
  }
}
