package io.troupe.stream.stage;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.Shape;

/**
 * A stage, written by implementing its logic, that materializes nothing of interest: the way to
 * write a custom operator.
 *
 * <pre>{@code
 * final class Double extends GraphStage<FlowShape<Integer, Integer>> {
 *   final Inlet<Integer> in = Inlet.create("Double.in");
 *   final Outlet<Integer> out = Outlet.create("Double.out");
 *   public FlowShape<Integer, Integer> shape() { return FlowShape.of(in, out); }
 *   public GraphStageLogic createLogic(Attributes attrs) {
 *     return new GraphStageLogic(shape()) {{
 *       setHandler(in, () -> push(out, grab(in) * 2));
 *       setHandler(out, () -> pull(in));
 *     }};
 *   }
 * }
 * }</pre>
 *
 * @param <S> the stage's shape
 */
public abstract class GraphStage<S extends Shape> extends GraphStageWithMaterializedValue<S, NotUsed> {
  /** For subclasses. */
  protected GraphStage() {}

  /** Creates the logic of one materialization. */
  public abstract GraphStageLogic createLogic(Attributes inheritedAttributes) throws Exception;

  @Override
  public final Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(
      Attributes inheritedAttributes) throws Exception {
    return Pair.create(createLogic(inheritedAttributes), NotUsed.INSTANCE);
  }
}
