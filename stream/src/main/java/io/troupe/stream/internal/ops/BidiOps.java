package io.troupe.stream.internal.ops;

import io.troupe.stream.Attributes;
import io.troupe.stream.BidiShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** Stages of bidi shape that pass both directions through unchanged. Internal API. */
public final class BidiOps {
  private BidiOps() {}

  /**
   * Has {@code logic} pass elements from {@code in} to {@code out} with their completion, failure
   * and cancellation, calling {@code onElement} before each element goes on. Each direction of a
   * pass-through bidi stage is one such pair, independent of the other.
   */
  public static <T> void passAlong(
      GraphStageLogic logic, Inlet<T> in, Outlet<T> out, Runnable onElement) {
    logic.setHandler(
        in,
        new InHandler() {
          @Override
          public void onPush() {
            onElement.run();
            logic.push(out, logic.grab(in));
          }

          @Override
          public void onUpstreamFinish() {
            logic.complete(out);
          }

          @Override
          public void onUpstreamFailure(Throwable ex) {
            logic.fail(out, ex);
          }
        });
    logic.setHandler(
        out,
        new OutHandler() {
          @Override
          public void onPull() {
            logic.pull(in);
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            logic.cancel(in, cause);
          }
        });
  }

  /**
   * {@code BidiFlow.bidirectionalIdleTimeout}: passes both directions through and fails the whole
   * stage with a {@link TimeoutException} once no element passed in either direction for {@code
   * timeout}.
   */
  public static final class IdleTimeout<I, O> extends GraphStage<BidiShape<I, I, O, O>> {
    private final BidiShape<I, I, O, O> shape =
        BidiShape.of(
            Inlet.<I>create("bidirectionalIdleTimeout.in1"),
            Outlet.<I>create("bidirectionalIdleTimeout.out1"),
            Inlet.<O>create("bidirectionalIdleTimeout.in2"),
            Outlet.<O>create("bidirectionalIdleTimeout.out2"));
    private final Duration timeout;

    /** The stage; {@code timeout} was checked by the caller. */
    public IdleTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    @Override
    public BidiShape<I, I, O, O> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("bidirectionalIdleTimeout");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new TimerGraphStageLogic(shape) {
        private final IdleDeadline deadline = new IdleDeadline(this, "idle", timeout);

        {
          passAlong(this, shape.in1(), shape.out1(), deadline::touch);
          passAlong(this, shape.in2(), shape.out2(), deadline::touch);
        }

        @Override
        public void preStart() {
          deadline.start();
        }

        @Override
        protected void onTimer(Object key) {
          if (deadline.expired()) {
            failStage(new TimeoutException(
                "no element passed in either direction for " + timeout + " (bidirectionalIdleTimeout)"));
          }
        }
      };
    }
  }
}
