package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.ArrayList;
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

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        scheduleOnce("timeout", timeout);
      }

      @Override
      public void onPush() {
        seen = true;
        if (kind == TimeoutKind.IDLE) {
          scheduleOnce("timeout", timeout);
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
        String what =
            switch (kind) {
              case IDLE -> "no element passed for " + timeout + " (idleTimeout)";
              case INITIAL -> "the first element did not arrive within " + timeout + " (initialTimeout)";
              case COMPLETION -> "the stream did not complete within " + timeout + " (completionTimeout)";
            };
        if (kind != TimeoutKind.INITIAL || !seen) {
          failStage(new TimeoutException(what));
        }
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
   * list, so an element heavier than {@code maxWeight} on its own makes a list of one.
   */
  public static final class GroupedWeightedWithin<T> extends Timed<T, List<T>> {
    private final long maxWeight;
    private final int maxNumber;
    /** Null when only the number of elements counts. */
    private final Function<T, Long> costFn;
    private final Duration interval;

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
      this.maxWeight = maxWeight;
      this.maxNumber = maxNumber;
      this.costFn = costFn;
      this.interval = interval;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
      private List<T> group = new ArrayList<>();
      private long weight;
      /** The element that did not fit into the group: it starts the next one. */
      private T pending;
      private long pendingWeight;
      /** The group is full, or the interval passed with a non-empty group not emitted yet. */
      private boolean due;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        scheduleWithFixedDelay("window", interval, interval);
        pull(in);
      }

      @Override
      public void onPush() throws Exception {
        T e = grab(in);
        long cost = 0;
        if (costFn != null) {
          Long c = costFn.apply(e);
          if (c == null || c < 0) {
            throw new IllegalArgumentException(
                "groupedWeightedWithin: the cost function returned " + c + " for " + e
                    + "; costs must be >= 0");
          }
          cost = c;
        }
        if (!group.isEmpty() && weight + cost > maxWeight) {
          pending = e;
          pendingWeight = cost;
          due = true;
        } else {
          add(e, cost);
          if (!due) {
            pull(in);
            return;
          }
        }
        if (isAvailable(out)) {
          emitGroup();
        }
      }

      /** Adds {@code e} to the group; marks it due when it reached a limit. */
      private void add(T e, long cost) {
        group.add(e);
        weight += cost;
        if (group.size() >= maxNumber || weight >= maxWeight) {
          due = true;
        }
      }

      private void emitGroup() {
        List<T> g = group;
        // the next list starts as large as this one, so lists of a steady size never regrow
        group = new ArrayList<>(Math.min(maxNumber, Math.max(10, g.size())));
        weight = 0;
        due = false;
        if (pending != null) {
          T p = pending;
          pending = null;
          add(p, pendingWeight);
        }
        scheduleWithFixedDelay("window", interval, interval);
        push(out, g);
        if (isClosed(in)) {
          if (group.isEmpty()) {
            completeStage();
          } else {
            due = true; // the last group goes out with the next pull
          }
        } else if (!due && !hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      public void onPull() {
        if (due && !group.isEmpty()) {
          emitGroup();
        }
      }

      @Override
      protected void onTimer(Object key) {
        if (group.isEmpty()) {
          return;
        }
        due = true;
        if (isAvailable(out)) {
          emitGroup();
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (group.isEmpty()) {
          completeStage();
        } else {
          due = true;
          if (isAvailable(out)) {
            emitGroup();
          }
        }
      }
    }
  }
}
