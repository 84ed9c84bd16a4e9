package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Creator;
import io.troupe.stream.internal.ops.SubPorts;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Objects;

/**
 * A flow that runs the flow a factory makes and, when that one ends, makes and runs a new one
 * after a backoff delay ({@link RestartSettings}): for a step (a connection to a remote service,
 * say) that must outlive its failures.
 *
 * <p>Each inner flow runs as a stream of its own, fed from this flow's upstream and emitting to
 * its downstream. The restart is lossy: elements inside the inner flow when it ends are gone
 * (an element this flow took from upstream but the inner flow had not yet taken goes to the next
 * inner flow). The inner flow ends when its output completes or fails, or when it cancels its
 * input with a failure; an inner flow that merely cancels its input (say, {@code take(n)}) ends
 * when its output completes. During the backoff this flow backpressures.
 *
 * <p>Termination from outside is not restarted: upstream completion (or failure) is passed into
 * the inner flow, and this flow completes (or fails) when the inner flow's output does;
 * downstream cancellation cancels the inner flow and this flow's upstream. Past {@link
 * RestartSettings#maxRestarts()}, and for failures that {@link RestartSettings#withRestartOn the
 * restart predicate} rejects, the inner flow's end ends this flow.
 *
 * <p><b>Emits when</b> the inner flow emits. <b>Backpressures when</b> downstream backpressures,
 * the inner flow backpressures, or a restart is pending. <b>Completes when</b> the inner flow
 * completes after upstream completed, or completes and no restart follows. <b>Fails when</b> the
 * inner flow fails and no restart follows. <b>Cancels when</b> downstream cancels, or the inner
 * flow cancels its input and no restart follows.
 *
 * <pre>{@code
 * Flow<Request, Response, NotUsed> resilient =
 *     RestartFlow.withBackoff(
 *         RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
 *         () -> connection.flow()); // a fresh Flow per connection
 * }</pre>
 */
public final class RestartFlow {
  private RestartFlow() {}

  /** Restarts the inner flow whenever it completes or fails. */
  public static <In, Out> Flow<In, Out, NotUsed> withBackoff(
      RestartSettings settings, Creator<Flow<In, Out, ?>> flowFactory) {
    return create(settings, flowFactory, false);
  }

  /**
   * Restarts the inner flow only when it fails; its completion completes this flow, and an inner
   * flow that cancels its input without a failure cancels this flow's upstream.
   */
  public static <In, Out> Flow<In, Out, NotUsed> onFailuresWithBackoff(
      RestartSettings settings, Creator<Flow<In, Out, ?>> flowFactory) {
    return create(settings, flowFactory, true);
  }

  private static <In, Out> Flow<In, Out, NotUsed> create(
      RestartSettings settings, Creator<Flow<In, Out, ?>> flowFactory, boolean onlyOnFailures) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(flowFactory, "flowFactory");
    return Flow.fromGraph(new Stage<>(settings, flowFactory, onlyOnFailures));
  }

  private static final class Stage<In, Out> extends GraphStage<FlowShape<In, Out>> {
    private final Inlet<In> in = Inlet.create("restartFlow.in");
    private final Outlet<Out> out = Outlet.create("restartFlow.out");
    private final FlowShape<In, Out> shape = FlowShape.of(in, out);
    private final RestartSettings settings;
    private final Creator<Flow<In, Out, ?>> factory;
    private final boolean onlyOnFailures;

    Stage(RestartSettings settings, Creator<Flow<In, Out, ?>> factory, boolean onlyOnFailures) {
      this.settings = settings;
      this.factory = factory;
      this.onlyOnFailures = onlyOnFailures;
    }

    @Override
    public FlowShape<In, Out> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(onlyOnFailures ? "restartFlowOnFailures" : "restartFlow");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    /*
     * The logic owns two substream ports per inner flow: `toInner` feeds the inner flow's input,
     * `fromInner` takes its output. Both are null during a backoff. `held` is an element taken
     * from upstream that no inner flow has taken yet (upstream is pulled only when the inner flow
     * pulls, so at most one). `finishing` means the end came from outside: no more restarts.
     */
    private final class Logic extends TimerGraphStageLogic implements InHandler, OutHandler {
      private final RestartTracker tracker = new RestartTracker(settings, this, RestartFlow.class);
      private SubPorts.Out<In> toInner;
      private SubPorts.In<Out> fromInner;
      private In held;
      private boolean finishing;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() throws Exception {
        startInner();
      }

      private void startInner() throws Exception {
        tracker.started();
        SubPorts.Out<In> feed = new SubPorts.Out<>(this, "restartFlow.innerIn", new FeedListener());
        SubPorts.In<Out> drain = new SubPorts.In<>(this, "restartFlow.innerOut", new DrainListener());
        Flow<In, Out, ?> flow = factory.create();
        toInner = feed;
        fromInner = drain;
        feed.source().via(flow).to(drain.sink()).run(materializer());
        if (isAvailable(out)) {
          drain.pull();
        }
      }

      // ---- outer ports

      @Override
      public void onPush() {
        In element = grab(in);
        if (toInner != null && toInner.isAvailable()) {
          toInner.push(element);
        } else {
          held = element;
        }
      }

      @Override
      public void onUpstreamFinish() {
        finishing = true;
        if (held != null) {
          return; // completed once the held element went into an inner flow
        }
        if (toInner != null) {
          toInner.complete();
        } else {
          completeStage();
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        finishing = true;
        if (toInner != null) {
          toInner.fail(ex);
        } else {
          failStage(ex);
        }
      }

      @Override
      public void onPull() {
        if (fromInner != null) {
          fromInner.pull();
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        finishing = true;
        closeInner(cause);
        cancelStage(cause);
      }

      // ---- the inner flow

      private final class FeedListener implements SubPorts.OutListener {
        @Override
        public void onPull() {
          if (held != null) {
            In element = held;
            held = null;
            toInner.push(element);
            if (isClosed(in)) {
              toInner.complete();
            }
          } else if (isClosed(in)) {
            toInner.complete();
          } else {
            tryPull(in);
          }
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          if (finishing) {
            return;
          }
          if (RestartTracker.isFailure(cause)) {
            innerFailed(cause);
          } else if (onlyOnFailures) {
            cancel(in, cause);
          }
          // otherwise the inner flow ends when its output completes
        }
      }

      private final class DrainListener implements SubPorts.InListener<Out> {
        @Override
        public void onPush(Out element) {
          push(out, element);
        }

        @Override
        public void onUpstreamFinish() {
          Duration delay = finishing || onlyOnFailures ? null : tracker.nextRestart(null);
          if (delay == null) {
            completeStage();
          } else {
            restartAfter(delay);
          }
        }

        @Override
        public void onUpstreamFailure(Throwable ex) {
          innerFailed(ex);
        }
      }

      private void innerFailed(Throwable ex) {
        Duration delay = finishing || !tracker.restartsOn(ex) ? null : tracker.nextRestart(ex);
        if (delay == null) {
          closeInner(ex);
          failStage(ex);
        } else {
          restartAfter(delay);
        }
      }

      private void restartAfter(Duration delay) {
        closeInner(noMoreElementsNeeded());
        scheduleOnce("restart", delay);
      }

      /** Ends what is left of the current inner flow and forgets it. */
      private void closeInner(Throwable cause) {
        if (toInner != null) {
          toInner.complete();
          toInner = null;
        }
        if (fromInner != null) {
          fromInner.cancel(cause);
          fromInner = null;
        }
      }

      @Override
      protected void onTimer(Object key) throws Exception {
        startInner();
      }

      @Override
      public void postStop() {
        if (toInner != null) {
          toInner.ownerStopped();
        }
        if (fromInner != null) {
          fromInner.cancel(noMoreElementsNeeded());
        }
      }
    }
  }
}
