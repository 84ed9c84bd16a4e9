package io.troupe.stream.stage;

import io.troupe.stream.Shape;

/** Pekko's Java name for {@link GraphStageWithMaterializedValue}, so ported stages compile. */
public abstract class AbstractGraphStageWithMaterializedValue<S extends Shape, M>
    extends GraphStageWithMaterializedValue<S, M> {
  /** For subclasses. */
  protected AbstractGraphStageWithMaterializedValue() {}
}
