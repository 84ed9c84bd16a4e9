package io.troupe.stream.internal.ops;

import io.troupe.stream.Attributes;
import io.troupe.stream.BufferOverflowException;
import io.troupe.stream.DelayOverflowStrategy;
import io.troupe.stream.DelayStrategy;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Holds each element back for the delay its {@link DelayStrategy} gives it, in a buffer whose
 * size is the {@link Attributes.InputBuffer} maximum (16 when none is set). Internal API.
 */
public final class Delay<T> extends GraphStage<FlowShape<T, T>> {
  /*
   * Elements leave in arrival order: the buffer is a ring of (deadline, element) pairs and one
   * timer is armed for the deadline of the oldest element only. When the timer fires and downstream
   * waits, the oldest is pushed and the timer re-armed for the next one; without demand the oldest
   * stays due and the next pull pushes it. A later element with a shorter delay (delayWith) waits
   * behind an earlier one, as in Pekko. Deadlines are read from the actor system scheduler's clock,
   * so ManualTime drives the operator in tests.
   */
  private static final Object TIMER = "delay";
  private static final int DEFAULT_SIZE = 16;

  private final Inlet<T> in = Inlet.create("delay.in");
  private final Outlet<T> out = Outlet.create("delay.out");
  private final FlowShape<T, T> shape = FlowShape.of(in, out);
  private final Supplier<DelayStrategy<T>> strategies;
  private final DelayOverflowStrategy.Kind overflow;

  /** The stage; the arguments are checked by the DSL. */
  public Delay(Supplier<DelayStrategy<T>> strategies, DelayOverflowStrategy overflow) {
    this.strategies = strategies;
    this.overflow = overflow.kind();
  }

  /** Checks a fixed delay: not null, not negative. */
  public static Duration checkedDelay(Duration of) {
    java.util.Objects.requireNonNull(of, "of");
    if (of.isNegative()) {
      throw new IllegalArgumentException("delay: of must not be negative, was " + of);
    }
    return of;
  }

  @Override
  public FlowShape<T, T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("delay");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    int size = attrs.get(Attributes.InputBuffer.class).map(Attributes.InputBuffer::max).orElse(DEFAULT_SIZE);
    return new Logic(size);
  }

  private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
    private DelayStrategy<T> strategy;
    private final long[] deadlines;
    private final Object[] elems;
    private int head;
    private int count;
    /** The deadline the timer is armed for, valid while it is active. */
    private long armedFor;

    @SuppressWarnings("this-escape")
    Logic(int size) {
      super(shape);
      this.deadlines = new long[size];
      this.elems = new Object[size];
      setHandlers(in, out, this);
    }

    private long now() {
      return materializer().system().scheduler().nanoTime();
    }

    @Override
    public void preStart() {
      // one strategy per materialization: it may keep state across elements
      strategy = strategies.get();
      if (strategy == null) {
        throw new IllegalArgumentException("delayWith: the delay strategy supplier returned null");
      }
      pull(in);
    }

    private boolean full() {
      return count == elems.length;
    }

    /** Whether to ask upstream for another element now. */
    private boolean mayPull() {
      if (isClosed(in) || hasBeenPulled(in)) {
        return false;
      }
      if (!full()) {
        return true;
      }
      return switch (overflow) {
        case BACKPRESSURE -> false;
        // the arriving element will push the oldest out early, so only with demand
        case EMIT_EARLY -> isAvailable(out);
        default -> true;
      };
    }

    @Override
    public void onPush() throws Exception {
      T elem = grab(in);
      Duration d = strategy.nextDelay(elem);
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(
            "delayWith: the delay strategy returned " + d + " for element " + elem + "; it must not be negative");
      }
      if (full()) {
        switch (overflow) {
          case EMIT_EARLY -> {
            if (isAvailable(out)) {
              push(out, removeHead());
            } else {
              // not reached: a full emitEarly buffer pulls only when downstream waits
              throw new IllegalStateException("delay: emitEarly buffer full without demand");
            }
          }
          case DROP_HEAD -> removeHead();
          case DROP_TAIL -> {
            int last = index(count - 1);
            elems[last] = null;
            count--;
          }
          case DROP_BUFFER -> clear();
          case DROP_NEW -> {
            if (mayPull()) {
              pull(in);
            }
            return;
          }
          case FAIL -> {
            failStage(new BufferOverflowException(
                "Buffer overflow for delay operator (max capacity was: " + elems.length + ")!"));
            return;
          }
          case BACKPRESSURE -> throw new IllegalStateException("delay: backpressure buffer overflowed");
        }
      }
      long nanos = saturatedNanos(d);
      long now = now();
      long deadline = nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
      int slot = index(count);
      deadlines[slot] = deadline;
      elems[slot] = elem;
      count++;
      emitDueOrArm();
      if (mayPull()) {
        pull(in);
      }
    }

    @Override
    public void onPull() {
      emitDueOrArm();
      if (mayPull()) {
        pull(in);
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (count == 0) {
        completeStage();
      }
    }

    @Override
    protected void onTimer(Object key) {
      emitDueOrArm();
      if (mayPull()) {
        pull(in);
      }
    }

    /**
     * Pushes the oldest element if it is due and downstream waits; then arms the timer for the
     * oldest one not yet due, or completes when upstream is done and the buffer empty.
     */
    private void emitDueOrArm() {
      if (count == 0) {
        return;
      }
      long now = now();
      long wait = deadlines[head] - now;
      if (wait <= 0) {
        if (isAvailable(out)) {
          push(out, removeHead());
          if (count == 0) {
            cancelTimer(TIMER);
            if (isClosed(in)) {
              completeStage();
            }
            return;
          }
          wait = deadlines[head] - now;
        } else {
          // due, waiting for demand: the next pull pushes it
          cancelTimer(TIMER);
          return;
        }
      }
      if (wait > 0 && !(armedFor == deadlines[head] && isTimerActive(TIMER))) {
        armedFor = deadlines[head];
        scheduleOnce(TIMER, Duration.ofNanos(wait));
      }
    }

    private int index(int i) {
      int j = head + i;
      return j >= elems.length ? j - elems.length : j;
    }

    @SuppressWarnings("unchecked")
    private T removeHead() {
      T e = (T) elems[head];
      elems[head] = null;
      head = index(1);
      count--;
      return e;
    }

    private void clear() {
      java.util.Arrays.fill(elems, null);
      head = 0;
      count = 0;
    }
  }

  /** {@code d} in nanoseconds, or {@code Long.MAX_VALUE} when it is longer than that. */
  static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
