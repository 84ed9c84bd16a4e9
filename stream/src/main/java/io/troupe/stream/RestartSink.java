package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Creator;
import io.troupe.stream.internal.ops.SubPorts;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Objects;

/**
 * A sink that runs the sink a factory makes and, when that one cancels (it completed its work or
 * failed), makes and runs a new one after a backoff delay ({@link RestartSettings}): for writing
 * to a target that must outlive connection failures.
 *
 * <p>Each inner sink runs as a stream of its own, fed from this sink's upstream; an element this
 * sink took but the inner sink had not yet taken goes to the next inner sink, elements inside the
 * inner sink when it ends are its own business. During the backoff this sink backpressures.
 * Upstream completion (or failure) is passed to the inner sink and ends this sink. Past {@link
 * RestartSettings#maxRestarts()}, and for failures that {@link RestartSettings#withRestartOn the
 * restart predicate} rejects, the inner sink's cancellation cancels upstream with its cause.
 *
 * <p><b>Backpressures when</b> the inner sink backpressures or a restart is pending.
 * <b>Completes when</b> upstream completes (the inner sink is completed). <b>Cancels when</b> the
 * inner sink cancels and no restart follows.
 *
 * <pre>{@code
 * Sink<Event, NotUsed> toStore =
 *     RestartSink.withBackoff(
 *         RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
 *         () -> store.writer()); // a fresh Sink per connection
 * }</pre>
 */
public final class RestartSink {
  private RestartSink() {}

  /** Restarts the inner sink whenever it cancels (finishes or fails). */
  public static <T> Sink<T, NotUsed> withBackoff(RestartSettings settings, Creator<Sink<T, ?>> sinkFactory) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(sinkFactory, "sinkFactory");
    return Sink.fromGraph(new Stage<>(settings, sinkFactory));
  }

  private static final class Stage<T> extends GraphStage<SinkShape<T>> {
    private final Inlet<T> in = Inlet.create("restartSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final RestartSettings settings;
    private final Creator<Sink<T, ?>> factory;

    Stage(RestartSettings settings, Creator<Sink<T, ?>> factory) {
      this.settings = settings;
      this.factory = factory;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("restartSink");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    /*
     * `toInner` feeds the current inner sink (null during a backoff); `held` is an element taken
     * from upstream that no inner sink has taken yet (upstream is pulled only when the inner sink
     * pulls, so at most one).
     */
    private final class Logic extends TimerGraphStageLogic implements InHandler, SubPorts.OutListener {
      private final RestartTracker tracker = new RestartTracker(settings, this, RestartSink.class);
      private SubPorts.Out<T> toInner;
      private T held;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(in, this);
      }

      @Override
      public void preStart() throws Exception {
        startInner();
      }

      private void startInner() throws Exception {
        tracker.started();
        SubPorts.Out<T> feed = new SubPorts.Out<>(this, "restartSink.inner", this);
        Sink<T, ?> sink = factory.create();
        toInner = feed;
        feed.source().runWith(sink, materializer());
      }

      @Override
      public void onPush() {
        T element = grab(in);
        if (toInner != null && toInner.isAvailable()) {
          toInner.push(element);
        } else {
          held = element;
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (held != null) {
          setKeepGoing(true); // hand it to an inner sink, then complete that one
          return;
        }
        if (toInner != null) {
          toInner.complete();
        }
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        if (toInner != null) {
          toInner.fail(ex);
        }
        failStage(ex);
      }

      // ---- the inner sink

      @Override
      public void onPull() {
        if (held != null) {
          T element = held;
          held = null;
          toInner.push(element);
          if (isClosed(in)) {
            toInner.complete();
            completeStage();
          }
        } else {
          tryPull(in);
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        boolean failure = RestartTracker.isFailure(cause);
        Duration delay = failure && !tracker.restartsOn(cause) ? null
            : tracker.nextRestart(failure ? cause : null);
        toInner = null;
        if (delay == null) {
          if (failure) {
            failStage(cause);
          } else {
            cancelStage(cause);
          }
        } else {
          scheduleOnce("restart", delay);
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
      }
    }
  }
}
