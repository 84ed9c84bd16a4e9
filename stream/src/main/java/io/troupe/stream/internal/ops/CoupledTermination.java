package io.troupe.stream.internal.ops;

import io.troupe.stream.Attributes;
import io.troupe.stream.BidiShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;

/**
 * A bidi stage that passes elements through both ways and ends both ways together: a completion
 * or failure arriving on either side, or a cancellation from either side, completes (or fails)
 * the stage, so it closes every port. Behind {@code Flow.fromSinkAndSourceCoupled}. Internal
 * API.
 */
public final class CoupledTermination<I, O> extends GraphStage<BidiShape<I, I, O, O>> {
  private final Inlet<I> in1 = Inlet.create("coupledTermination.in1");
  private final Outlet<I> out1 = Outlet.create("coupledTermination.out1");
  private final Inlet<O> in2 = Inlet.create("coupledTermination.in2");
  private final Outlet<O> out2 = Outlet.create("coupledTermination.out2");
  private final BidiShape<I, I, O, O> shape = BidiShape.of(in1, out1, in2, out2);

  @Override
  public BidiShape<I, I, O, O> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("coupledTermination");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new GraphStageLogic(shape) {
      {
        passThrough(in1, out1);
        passThrough(in2, out2);
      }

      private <T> void passThrough(Inlet<T> in, Outlet<T> out) {
        setHandler(in, new InHandler() {
          @Override
          public void onPush() {
            push(out, grab(in));
          }

          @Override
          public void onUpstreamFinish() {
            completeStage();
          }

          @Override
          public void onUpstreamFailure(Throwable ex) {
            failStage(ex);
          }
        });
        setHandler(out, new OutHandler() {
          @Override
          public void onPull() {
            pull(in);
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancelStage(cause);
          }
        });
      }
    };
  }
}
