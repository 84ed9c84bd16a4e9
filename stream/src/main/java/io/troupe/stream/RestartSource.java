package io.troupe.stream;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Creator;
import io.troupe.stream.internal.ops.SubPorts;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Objects;

/**
 * A source that runs the source a factory makes and, when that one ends, makes and runs a new
 * one after a backoff delay ({@link RestartSettings}): for a feed that must outlive connection
 * failures.
 *
 * <p>Elements go downstream as the inner source emits them; nothing is lost or repeated by the
 * restart itself (the new inner source decides where to resume). When downstream cancels, the
 * inner source is cancelled and no restart follows. Past {@link RestartSettings#maxRestarts()},
 * the inner source's last completion or failure ends this source; so does a failure that {@link
 * RestartSettings#withRestartOn the restart predicate} rejects.
 *
 * <p><b>Emits when</b> the inner source emits. <b>Backpressures when</b> downstream backpressures
 * (and, between two inner sources, nothing is emitted). <b>Completes when</b> the inner source
 * completes and no restart follows ({@code onFailuresWithBackoff}, or the limit is reached).
 * <b>Fails when</b> the inner source fails and no restart follows. <b>Cancels when</b> downstream
 * cancels: the inner source is cancelled too.
 */
public final class RestartSource {
  private RestartSource() {}

  /** Restarts the inner source whenever it completes or fails. */
  public static <T> Source<T, NotUsed> withBackoff(RestartSettings settings, Creator<Source<T, ?>> sourceFactory) {
    return create(settings, sourceFactory, false);
  }

  /** Restarts the inner source only when it fails; its completion completes this source. */
  public static <T> Source<T, NotUsed> onFailuresWithBackoff(
      RestartSettings settings, Creator<Source<T, ?>> sourceFactory) {
    return create(settings, sourceFactory, true);
  }

  private static <T> Source<T, NotUsed> create(
      RestartSettings settings, Creator<Source<T, ?>> sourceFactory, boolean onlyOnFailures) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(sourceFactory, "sourceFactory");
    return Source.fromGraph(new Stage<>(settings, sourceFactory, onlyOnFailures));
  }

  private static final class Stage<T> extends GraphStage<SourceShape<T>> {
    private final Outlet<T> out = Outlet.create("restartSource.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final RestartSettings settings;
    private final Creator<Source<T, ?>> factory;
    private final boolean onlyOnFailures;

    Stage(RestartSettings settings, Creator<Source<T, ?>> factory, boolean onlyOnFailures) {
      this.settings = settings;
      this.factory = factory;
      this.onlyOnFailures = onlyOnFailures;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(onlyOnFailures ? "restartSourceOnFailures" : "restartSource");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends TimerGraphStageLogic implements SubPorts.InListener<T> {
      private SubPorts.In<T> inner;
      private final RestartTracker tracker = new RestartTracker(settings, this, RestartSource.class);

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(
            out,
            new io.troupe.stream.stage.OutHandler() {
              @Override
              public void onPull() {
                if (inner != null) {
                  inner.pull();
                }
              }

              @Override
              public void onDownstreamFinish(Throwable cause) {
                if (inner != null) {
                  inner.cancel(cause);
                }
                cancelStage(cause);
              }
            });
      }

      @Override
      public void preStart() throws Exception {
        startInner();
      }

      private void startInner() throws Exception {
        tracker.started();
        inner = new SubPorts.In<>(this, "restartSource.inner", this);
        Source<T, ?> s = factory.create();
        s.runWith(inner.sink(), materializer());
        if (isAvailable(out)) {
          inner.pull();
        }
      }

      @Override
      public void onPush(T element) {
        push(out, element);
      }

      @Override
      public void onUpstreamFinish() {
        Duration delay = onlyOnFailures ? null : tracker.nextRestart(null);
        if (delay == null) {
          completeStage();
        } else {
          scheduleRestart(delay);
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        Duration delay = tracker.restartsOn(ex) ? tracker.nextRestart(ex) : null;
        if (delay == null) {
          failStage(ex);
        } else {
          scheduleRestart(delay);
        }
      }

      private void scheduleRestart(Duration delay) {
        inner = null;
        scheduleOnce("restart", delay);
      }

      @Override
      public void postStop() {
        if (inner != null) {
          inner.cancel(noMoreElementsNeeded());
        }
      }

      @Override
      protected void onTimer(Object key) throws Exception {
        startInner();
      }
    }
  }
}
