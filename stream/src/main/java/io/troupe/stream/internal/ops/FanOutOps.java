package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Predicate;
import io.troupe.stream.Attributes;
import io.troupe.stream.FanOutShape2;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;

/**
 * The fan-out stages of {@code wireTap} and {@code divertTo}: one inlet, a main outlet ({@code
 * out0}) and a side outlet ({@code out1}). Internal API.
 */
final class FanOutOps {
  private FanOutOps() {}

  /**
   * Passes every element to the main outlet and offers it to the tap outlet without ever waiting
   * for the tap: an element the tap is not ready for replaces the one it has not taken yet.
   */
  static final class WireTap<T> extends GraphStage<FanOutShape2<T, T, T>> {
    private final FanOutShape2<T, T, T> shape = FanOutShape2.create("wireTap");

    @Override
    public FanOutShape2<T, T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("wireTap");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        /** The latest element the tap has not taken, or null. */
        private T forTap;

        {
          setHandler(
              shape.in(),
              new InHandler() {
                @Override
                public void onPush() {
                  T t = grab(shape.in());
                  if (isAvailable(shape.out1())) {
                    push(shape.out1(), t);
                  } else if (!isClosed(shape.out1())) {
                    forTap = t;
                  }
                  push(shape.out0(), t);
                }

                @Override
                public void onUpstreamFinish() {
                  complete(shape.out0());
                  if (forTap != null && !isClosed(shape.out1())) {
                    T last = forTap;
                    forTap = null;
                    emit(shape.out1(), last);
                  }
                  complete(shape.out1());
                }
              });
          setHandler(
              shape.out0(),
              new OutHandler() {
                @Override
                public void onPull() {
                  tryPull(shape.in());
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  cancelStage(cause);
                }
              });
          setHandler(
              shape.out1(),
              new OutHandler() {
                @Override
                public void onPull() {
                  if (forTap != null) {
                    T t = forTap;
                    forTap = null;
                    push(shape.out1(), t);
                  }
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  // the tap leaving never disturbs the main stream
                  forTap = null;
                }
              });
        }
      };
    }
  }

  /**
   * Sends the elements that satisfy a predicate to the side outlet and the others to the main
   * outlet, each waiting for its outlet's demand.
   */
  static final class DivertTo<T> extends GraphStage<FanOutShape2<T, T, T>> {
    private final FanOutShape2<T, T, T> shape = FanOutShape2.create("divertTo");
    private final Predicate<T> when;

    DivertTo(Predicate<T> when) {
      this.when = when;
    }

    @Override
    public FanOutShape2<T, T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("divertTo");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        /** An element waiting for demand from {@code pendingOut}, or null. */
        private T pending;
        private Outlet<T> pendingOut;

        {
          setHandler(
              shape.in(),
              new InHandler() {
                @Override
                public void onPush() throws Exception {
                  T t = grab(shape.in());
                  Outlet<T> target = when.test(t) ? shape.out1() : shape.out0();
                  if (isAvailable(target)) {
                    push(target, t);
                    pullIfWanted();
                  } else {
                    pending = t;
                    pendingOut = target;
                  }
                }

                @Override
                public void onUpstreamFinish() {
                  if (pending == null) {
                    completeStage();
                  }
                }
              });
          setHandler(shape.out0(), new Out(shape.out0()));
          setHandler(shape.out1(), new Out(shape.out1()));
        }

        private void pullIfWanted() {
          if (isClosed(shape.in())) {
            completeStage();
          } else if (isAvailable(shape.out0()) || isAvailable(shape.out1())) {
            tryPull(shape.in());
          }
        }

        final class Out implements OutHandler {
          private final Outlet<T> out;

          Out(Outlet<T> out) {
            this.out = out;
          }

          @Override
          public void onPull() {
            if (pending == null) {
              tryPull(shape.in());
            } else if (pendingOut == out) {
              T t = pending;
              pending = null;
              push(out, t);
              pullIfWanted();
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancelStage(cause);
          }
        }
      };
    }
  }
}
