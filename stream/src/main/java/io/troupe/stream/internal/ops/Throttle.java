package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.RateExceededException;
import io.troupe.stream.ThrottleMode;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;

/**
 * Limits the rate of elements with a token bucket: {@code cost} tokens come back every {@code
 * per}, at most {@code maximumBurst} are saved up, and each element takes the tokens its cost
 * calculation says. The bucket starts full and follows the system scheduler's clock. Internal API.
 */
public final class Throttle<T> extends GraphStage<FlowShape<T, T>> {
  private final Inlet<T> in = Inlet.create("throttle.in");
  private final Outlet<T> out = Outlet.create("throttle.out");
  private final FlowShape<T, T> shape = FlowShape.of(in, out);
  private final long nanosPerToken;
  private final long capacity;
  private final Function<T, Integer> costOf;
  private final ThrottleMode mode;

  /** The stage; the arguments are checked by the DSL. */
  public Throttle(int cost, Duration per, int maximumBurst, Function<T, Integer> costOf, ThrottleMode mode) {
    this.nanosPerToken = per.toNanos() / cost;
    this.capacity = maximumBurst;
    this.costOf = costOf;
    this.mode = mode;
  }

  /** Checks the arguments shared by all throttle overloads and fills in the automatic burst. */
  public static int checkedBurst(int cost, Duration per, int maximumBurst, ThrottleMode mode) {
    if (cost <= 0) {
      throw new IllegalArgumentException("throttle: cost (elements) must be > 0, was " + cost);
    }
    java.util.Objects.requireNonNull(per, "per");
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("throttle: per must be positive, was " + per);
    }
    java.util.Objects.requireNonNull(mode, "mode");
    long nanos;
    try {
      nanos = per.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("throttle: per is too long, was " + per, e);
    }
    if (nanos / cost == 0) {
      throw new IllegalArgumentException(
          "throttle: rate " + cost + " per " + per + " is above one per nanosecond");
    }
    if (maximumBurst == -1) {
      // automatic: what the rate allows in 100 ms, at least 1
      long auto = (long) ((double) cost * 100_000_000L / nanos);
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, auto));
    }
    if (maximumBurst <= 0) {
      throw new IllegalArgumentException("throttle: maximumBurst must be > 0, was " + maximumBurst);
    }
    return maximumBurst;
  }

  @Override
  public FlowShape<T, T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("throttle");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
    private long tokens;
    private long lastRefill;
    private T held;
    private boolean finishing;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    private long now() {
      return materializer().system().scheduler().nanoTime();
    }

    @Override
    public void preStart() {
      tokens = capacity;
      lastRefill = now();
    }

    /** Adds the tokens that came back since the last refill; returns the nanos to wait for {@code cost}. */
    private long take(long cost) {
      long now = now();
      long elapsed = now - lastRefill;
      long earned = elapsed / nanosPerToken;
      if (earned > 0) {
        if (tokens + earned >= capacity) {
          tokens = capacity;
          lastRefill = now;
        } else {
          tokens += earned;
          lastRefill += earned * nanosPerToken;
        }
      }
      if (tokens >= cost) {
        tokens -= cost;
        return 0;
      }
      long missing = cost - tokens;
      long wait = missing * nanosPerToken - (now - lastRefill);
      // the tokens are spent now; the wait pays them back
      tokens -= cost;
      return Math.max(1, wait);
    }

    @Override
    public void onPush() throws Exception {
      T elem = grab(in);
      Integer c = costOf.apply(elem);
      if (c == null || c < 0) {
        throw new IllegalArgumentException("throttle: cost of element " + elem + " must be >= 0, was " + c);
      }
      long wait = take(c);
      if (wait == 0) {
        push(out, elem);
      } else if (mode == ThrottleMode.ENFORCING) {
        failStage(new RateExceededException("Maximum throttle throughput exceeded."));
      } else {
        held = elem;
        scheduleOnce("throttle", Duration.ofNanos(wait));
      }
    }

    @Override
    public void onPull() {
      if (held == null) {
        pull(in);
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (held == null) {
        completeStage();
      } else {
        finishing = true;
      }
    }

    @Override
    protected void onTimer(Object key) {
      T elem = held;
      held = null;
      push(out, elem);
      if (finishing) {
        completeStage();
      }
    }
  }
}
