package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Predicate;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Source;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;

/**
 * Cuts the stream into consecutive substreams: {@code splitWhen} starts a new one with each
 * element for which the predicate holds, {@code splitAfter} ends the current one with it.
 * Internal API.
 *
 * <p>When a substream is cancelled, its further elements are dropped until the next cut.
 */
public final class Split<T> extends GraphStage<FlowShape<T, Source<T, NotUsed>>> {
  private final Predicate<T> p;
  private final boolean after;
  private final Inlet<T> in;
  private final Outlet<Source<T, NotUsed>> out;
  private final FlowShape<T, Source<T, NotUsed>> shape;
  private final String name;

  /** The stage: {@code after} selects splitAfter. */
  public Split(Predicate<T> p, boolean after) {
    this.p = p;
    this.after = after;
    this.name = after ? "splitAfter" : "splitWhen";
    this.in = Inlet.create(name + ".in");
    this.out = Outlet.create(name + ".out");
    this.shape = FlowShape.of(in, out);
  }

  @Override
  public FlowShape<T, Source<T, NotUsed>> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name(name);
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
    private SubPorts.Unmaterialized unmaterialized;

    /** The subscription timeout of the substream sources handed out, made at the first one. */
    private SubPorts.Unmaterialized unmaterialized() {
      if (unmaterialized == null) {
        unmaterialized = new SubPorts.Unmaterialized(this);
      }
      return unmaterialized;
    }

    /** The substream being fed; null before the first and between a cut and the next element. */
    private SubPorts.Out<T> current;
    private T held;
    /** Whether the held element waits for a new substream (not for the current one's demand). */
    private boolean heldNeedsNew;
    /** Set when the held element ends its substream (splitAfter). */
    private boolean heldEnds;
    private int count;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    @Override
    public void onPush() throws Exception {
      T element = grab(in);
      boolean cut = p.test(element);
      boolean startsNew = current == null || (!after && cut);
      if (startsNew) {
        if (current != null) {
          current.complete();
          current = null;
        }
        held = element;
        heldNeedsNew = true;
        heldEnds = after && cut;
        if (isAvailable(out)) {
          openNew();
        } else if (isClosed(out)) {
          completeStage();
        }
        return;
      }
      if (current.isClosed()) {
        // the current substream was cancelled: drop until the next cut
        if (after && cut) {
          current = null;
        }
        pullIfWanted();
        return;
      }
      held = element;
      heldNeedsNew = false;
      heldEnds = after && cut;
      if (current.isAvailable()) {
        deliverHeld();
      }
    }

    private void openNew() {
      SubPorts.Out<T> sub =
          new SubPorts.Out<>(
              this,
              name + "-" + (++count),
              new SubPorts.OutListener() {
                @Override
                public void onPull() {
                  if (held != null && !heldNeedsNew) {
                    deliverHeld();
                  } else {
                    pullIfWanted();
                  }
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  if (held != null && !heldNeedsNew) {
                    boolean ends = heldEnds;
                    held = null;
                    if (ends) {
                      current = null;
                    }
                  }
                  if (isClosed(out) && held == null) {
                    completeStage();
                  } else if (isClosed(in) && held == null) {
                    finish(); // upstream is done and nothing waits: the split is over
                  } else {
                    pullIfWanted();
                  }
                }
              });
      current = sub;
      heldNeedsNew = false;
      unmaterialized().watch(sub);
      push(out, sub.source());
    }

    private void deliverHeld() {
      T e = held;
      held = null;
      current.push(e);
      if (heldEnds) {
        current.complete();
        current = null;
      }
      if (isClosed(in)) {
        finish();
      } else {
        pullIfWanted();
      }
    }

    private void pullIfWanted() {
      if (held != null || isClosed(in) || hasBeenPulled(in)) {
        return;
      }
      boolean wanted =
          current == null ? isAvailable(out) : (current.isAvailable() || current.isClosed());
      if (wanted) {
        pull(in);
      }
    }

    @Override
    public void onPull() {
      if (held != null && heldNeedsNew) {
        openNew();
      } else {
        pullIfWanted();
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (held == null) {
        finish();
      }
    }

    private void finish() {
      if (current != null) {
        current.complete();
        current = null;
      }
      completeStage();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      if (current != null) {
        current.fail(ex);
      }
      failStage(ex);
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      if (current == null || current.isClosed()) {
        cancelStage(cause);
      }
    }

    @Override
    public void postStop() {
      if (current != null) {
        current.ownerStopped();
      }
    }
  }
}
