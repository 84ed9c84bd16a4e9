package io.troupe.stream.internal.ops;

import io.troupe.japi.Pair;
import io.troupe.japi.function.Function2;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * {@code scanAsync} (and through it {@code foldAsync}) and {@code initialDelay}. Internal API; the
 * DSL gives the contracts.
 */
public final class ScanAsyncAndDelay {
  private ScanAsyncAndDelay() {}

  /**
   * Emits {@code zero}, then each result of the asynchronous {@code f}, one at a time; {@code
   * foldAsync} is this stage followed by keeping the last element.
   */
  public static final class ScanAsync<T, U> extends GraphStage<FlowShape<T, U>> {
    private final String name;
    private final U zero;
    private final Function2<U, T, CompletionStage<U>> f;
    private final Inlet<T> in;
    private final Outlet<U> out;
    private final FlowShape<T, U> shape;

    /** The stage, named {@code name} in attributes and errors; {@code zero} must not be null. */
    public ScanAsync(String name, U zero, Function2<U, T, CompletionStage<U>> f) {
      this.name = name;
      this.zero = Objects.requireNonNull(zero, "zero");
      this.f = Objects.requireNonNull(f, "f");
      this.in = Inlet.create(name + ".in");
      this.out = Outlet.create(name + ".out");
      this.shape = FlowShape.of(in, out);
    }

    @Override
    public FlowShape<T, U> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private U acc = zero;
        private boolean zeroEmitted;
        private boolean awaiting;
        private final AsyncCallback<Pair<U, Throwable>> done = getAsyncCallback(this::onResult);

        {
          setHandler(in, new InHandler() {
            @Override
            public void onPush() throws Exception {
              T element = grab(in);
              CompletionStage<U> next = f.apply(acc, element);
              if (next == null) {
                throw new NullPointerException(name + " function returned null for " + element);
              }
              awaiting = true;
              next.whenComplete((u, ex) -> done.invoke(Pair.create(u, ex)));
            }

            @Override
            public void onUpstreamFinish() {
              if (!awaiting) {
                if (zeroEmitted) {
                  completeStage();
                } else {
                  emit(out, zero, () -> completeStage());
                }
              }
            }
          });
          setHandler(out, new OutHandler() {
            @Override
            public void onPull() {
              if (!zeroEmitted) {
                zeroEmitted = true;
                push(out, zero);
              } else if (!awaiting && !hasBeenPulled(in)) {
                pull(in);
              }
            }
          });
        }

        private void onResult(Pair<U, Throwable> result) {
          awaiting = false;
          Throwable ex = result.second();
          if (ex != null) {
            failStage(ex instanceof java.util.concurrent.CompletionException
                && ex.getCause() != null ? ex.getCause() : ex);
            return;
          }
          if (result.first() == null) {
            failStage(new NullPointerException(name + " future completed with null"));
            return;
          }
          acc = result.first();
          push(out, acc); // downstream pulled for this element
          if (isClosed(in)) {
            completeStage();
          }
        }
      };
    }
  }

  /** Lets elements through only after {@code delay} has passed since the stream started. */
  public static final class InitialDelay<T> extends GraphStage<FlowShape<T, T>> {
    private final Duration delay;
    private final Inlet<T> in = Inlet.create("initialDelay.in");
    private final Outlet<T> out = Outlet.create("initialDelay.out");
    private final FlowShape<T, T> shape = FlowShape.of(in, out);

    /**
     * The stage.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public InitialDelay(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must be >= 0, was " + delay);
      }
      this.delay = delay;
    }

    @Override
    public FlowShape<T, T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("initialDelay");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new TimerGraphStageLogic(shape) {
        private boolean open;

        {
          setHandler(in, () -> push(out, grab(in)));
          setHandler(out, () -> {
            if (open) {
              pull(in);
            }
          });
        }

        @Override
        public void preStart() {
          if (delay.isZero()) {
            open = true;
          } else {
            scheduleOnce("initialDelay", delay);
          }
        }

        @Override
        protected void onTimer(Object key) {
          open = true;
          if (isAvailable(out) && !hasBeenPulled(in)) {
            pull(in);
          }
        }
      };
    }
  }
}
