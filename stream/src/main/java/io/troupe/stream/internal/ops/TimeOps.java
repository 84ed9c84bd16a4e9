package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.internal.GroupWindow;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Operators driven by time: timeouts, time windows, keep-alive, time-bounded groups. Internal API. */
public final class TimeOps {
  private TimeOps() {}

  /** Base of the one-in one-out timed stages. */
  private abstract static class Timed<A, B> extends GraphStage<FlowShape<A, B>> {
    final Inlet<A> in;
    final Outlet<B> out;
    private final FlowShape<A, B> shape;
    private final String name;

    Timed(String name) {
      this.name = name;
      this.in = Inlet.create(name + ".in");
      this.out = Outlet.create(name + ".out");
      this.shape = FlowShape.of(in, out);
    }

    @Override
    public final FlowShape<A, B> shape() {
      return shape;
    }

    @Override
    protected final Attributes initialAttributes() {
      return Attributes.name(name);
    }
  }

  /** Which timeout a {@link Timeout} stage enforces. */
  public enum TimeoutKind {
    /** No element for the duration, at any time. */
    IDLE,
    /** No first element within the duration. */
    INITIAL,
    /** The stream not completed within the duration. */
    COMPLETION
  }

  /** Passes elements and fails with a {@link TimeoutException} when its timeout expires. */
  public static final class Timeout<T> extends Timed<T, T> {
    private final Duration timeout;
    private final TimeoutKind kind;

    /** The stage. */
    public Timeout(Duration timeout, TimeoutKind kind) {
      super(kind.name().toLowerCase(java.util.Locale.ROOT) + "Timeout");
      this.timeout = timeout;
      this.kind = kind;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
      private boolean seen;
      /** For {@code IDLE}: elements move the deadline without a timer each. */
      private final IdleDeadline idle =
          kind == TimeoutKind.IDLE ? new IdleDeadline(this, "timeout", timeout) : null;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        if (idle != null) {
          idle.start();
        } else {
          scheduleOnce("timeout", timeout);
        }
      }

      @Override
      public void onPush() {
        seen = true;
        if (idle != null) {
          idle.touch();
        } else if (kind == TimeoutKind.INITIAL) {
          cancelTimer("timeout");
        }
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      protected void onTimer(Object key) {
        if ((kind == TimeoutKind.INITIAL && seen) || (idle != null && !idle.expired())) {
          return;
        }
        String what =
            switch (kind) {
              case IDLE -> "no element passed for " + timeout + " (idleTimeout)";
              case INITIAL -> "the first element did not arrive within " + timeout + " (initialTimeout)";
              case COMPLETION -> "the stream did not complete within " + timeout + " (completionTimeout)";
            };
        failStage(new TimeoutException(what));
      }
    }
  }

  /** Passes elements until a duration has passed, then completes. */
  public static final class TakeWithin<T> extends Timed<T, T> {
    private final Duration duration;

    /** The stage. */
    public TakeWithin(Duration duration) {
      super("takeWithin");
      this.duration = duration;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new TimerGraphStageLogic(shape()) {
        {
          setHandler(in, () -> push(out, grab(in)));
          setHandler(out, () -> pull(in));
        }

        @Override
        public void preStart() {
          scheduleOnce("end", duration);
        }

        @Override
        protected void onTimer(Object key) {
          completeStage();
        }
      };
    }
  }

  /** Drops elements until a duration has passed, then passes everything. */
  public static final class DropWithin<T> extends Timed<T, T> {
    private final Duration duration;

    /** The stage. */
    public DropWithin(Duration duration) {
      super("dropWithin");
      this.duration = duration;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new TimerGraphStageLogic(shape()) {
        private boolean open;

        {
          setHandler(
              in,
              () -> {
                T e = grab(in);
                if (open) {
                  push(out, e);
                } else {
                  pull(in);
                }
              });
          setHandler(out, () -> pull(in));
        }

        @Override
        public void preStart() {
          scheduleOnce("open", duration);
        }

        @Override
        protected void onTimer(Object key) {
          open = true;
        }
      };
    }
  }

  /** Injects an element made by a supplier when nothing passed for a while. */
  public static final class KeepAlive<T> extends Timed<T, T> {
    private final Duration maxIdle;
    private final Creator<T> injected;

    /** The stage. */
    public KeepAlive(Duration maxIdle, Creator<T> injected) {
      super("keepAlive");
      this.maxIdle = maxIdle;
      this.injected = injected;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        scheduleOnce("idle", maxIdle);
      }

      @Override
      public void onPush() {
        scheduleOnce("idle", maxIdle);
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        if (!hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      protected void onTimer(Object key) throws Exception {
        if (isAvailable(out) && !isClosed(in)) {
          push(out, injected.create());
        }
        scheduleOnce("idle", maxIdle);
      }
    }
  }

  /**
   * Collects elements into lists, emitting a list when it holds {@code maxNumber} elements, when
   * its weight reaches {@code maxWeight}, or when {@code interval} passed since the last emission,
   * whichever comes first (never an empty list); {@code groupedWithin} is the case without a cost
   * function. An element that would push the list past {@code maxWeight} waits and starts the next
   * list, so an element heavier than {@code maxWeight} on its own makes a list of one. The window
   * ({@link GroupWindow}) can end a fused run.
   */
  public static final class GroupedWeightedWithin<T> extends Timed<T, List<T>>
      implements GroupWindow.Windowed {
    private final GroupWindow.Spec window;

    /** {@code groupedWithin(n, interval)}. */
    public GroupedWeightedWithin(int n, Duration interval) {
      this("groupedWithin", Long.MAX_VALUE, n, null, interval);
    }

    /** {@code groupedWeightedWithin(maxWeight, maxNumber, costFn, interval)}. */
    public GroupedWeightedWithin(
        long maxWeight, int maxNumber, Function<T, Long> costFn, Duration interval) {
      this("groupedWeightedWithin", maxWeight, maxNumber, costFn, interval);
    }

    private GroupedWeightedWithin(
        String name, long maxWeight, int maxNumber, Function<T, Long> costFn, Duration interval) {
      super(name);
      this.window = GroupWindow.Spec.within(maxWeight, maxNumber, costFn, interval);
    }

    @Override
    public GroupWindow.Spec window() {
      return window;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return GroupWindow.logic(shape(), window);
    }
  }
}
