package io.troupe.stream.internal.ops;

import io.troupe.stream.Attributes;
import io.troupe.stream.BackpressureTimeoutException;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;

/**
 * Passes elements and fails with a {@link BackpressureTimeoutException} when downstream has not
 * pulled again within a timeout after an element was pushed to it. Internal API.
 */
public final class BackpressureTimeout<T> extends GraphStage<FlowShape<T, T>> {
  /*
   * A timer per element would allocate on the hot path, so the timer is lazy: a push arms it only
   * when none is active, with the full timeout. When it fires, the operator looks at the element
   * pushed last: if downstream has pulled since, nothing happens (the next push arms a new timer);
   * if not, it fails when the timeout has passed since that push, else it re-arms for the rest.
   * The deadline is thus exact while costing at most one timer per timeout period.
   */
  private static final Object TIMER = "backpressureTimeout";

  private final Inlet<T> in = Inlet.create("backpressureTimeout.in");
  private final Outlet<T> out = Outlet.create("backpressureTimeout.out");
  private final FlowShape<T, T> shape = FlowShape.of(in, out);
  private final Duration timeout;
  private final long timeoutNanos;

  /** The stage; the timeout is checked by the DSL. */
  public BackpressureTimeout(Duration timeout) {
    this.timeout = timeout;
    this.timeoutNanos = Delay.saturatedNanos(timeout);
  }

  @Override
  public FlowShape<T, T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("backpressureTimeout");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
    private boolean waitingForPull;
    private long pushedAt;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    private long now() {
      return materializer().system().scheduler().nanoTime();
    }

    @Override
    public void onPush() {
      // the state first: a downstream pull may arrive before push returns
      pushedAt = now();
      waitingForPull = true;
      if (!isTimerActive(TIMER)) {
        scheduleOnce(TIMER, timeout);
      }
      push(out, grab(in));
    }

    @Override
    public void onPull() {
      waitingForPull = false;
      pull(in);
    }

    @Override
    protected void onTimer(Object key) {
      if (!waitingForPull) {
        return;
      }
      long waited = now() - pushedAt;
      if (waited >= timeoutNanos) {
        failStage(new BackpressureTimeoutException(
            "downstream did not pull within " + timeout + " after an element was pushed (backpressureTimeout)"));
      } else {
        scheduleOnce(TIMER, Duration.ofNanos(timeoutNanos - waited));
      }
    }
  }
}
