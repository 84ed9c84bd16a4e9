package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Source;
import io.troupe.stream.TooManySubstreamsOpenException;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Routes each element to the substream of its key, emitting a new substream source for each new
 * key; at most {@code maxSubstreams} may be open at once. Internal API.
 *
 * <p>Only one element is held at a time: upstream is pulled when nothing is held and some
 * substream (or the main outlet, for a new key) has demand, so a slow substream backpressures
 * everything. Elements of a key whose substream was cancelled are dropped, unless {@code
 * allowClosedSubstreamRecreation}, which opens a new substream for it.
 */
public final class GroupBy<T, K> extends GraphStage<FlowShape<T, Source<T, NotUsed>>> {
  private final int maxSubstreams;
  private final Function<T, K> keyFor;
  private final boolean allowRecreation;
  private final Inlet<T> in = Inlet.create("groupBy.in");
  private final Outlet<Source<T, NotUsed>> out = Outlet.create("groupBy.out");
  private final FlowShape<T, Source<T, NotUsed>> shape = FlowShape.of(in, out);

  /** The stage; arguments are validated by the caller. */
  public GroupBy(int maxSubstreams, Function<T, K> keyFor, boolean allowRecreation) {
    this.maxSubstreams = maxSubstreams;
    this.keyFor = keyFor;
    this.allowRecreation = allowRecreation;
  }

  @Override
  public FlowShape<T, Source<T, NotUsed>> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("groupBy");
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

    private final Map<Object, SubPorts.Out<T>> open = new HashMap<>();
    private final Set<Object> closedKeys = new HashSet<>();
    private int demanding;
    private T held;
    private Object heldKey;
    /** The substream the held element waits for; null while it waits for a new substream. */
    private SubPorts.Out<T> heldFor;
    private boolean mainCancelled;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    @Override
    public void onPush() throws Exception {
      T element = grab(in);
      K key = keyFor.apply(element);
      if (key == null) {
        throw new IllegalArgumentException("groupBy: the key function returned null for " + element);
      }
      SubPorts.Out<T> sub = open.get(key);
      if (sub != null) {
        if (sub.isAvailable()) {
          deliver(sub, element);
        } else {
          hold(element, key, sub);
        }
      } else if (closedKeys.contains(key) || mainCancelled) {
        pullIfWanted();
      } else if (open.size() >= maxSubstreams) {
        failStage(new TooManySubstreamsOpenException(maxSubstreams, key));
      } else {
        hold(element, key, null);
        if (isAvailable(out)) {
          openHeld();
        }
      }
    }

    private void hold(T element, Object key, SubPorts.Out<T> sub) {
      held = element;
      heldKey = key;
      heldFor = sub;
    }

    private void openHeld() {
      Object key = heldKey;
      SubPorts.Out<T>[] self = newHolder();
      SubPorts.Out<T> sub =
          new SubPorts.Out<>(
              this,
              "groupBy-" + key,
              new SubPorts.OutListener() {
                @Override
                public void onPull() {
                  SubPorts.Out<T> s = self[0];
                  demanding++;
                  if (held != null && heldFor == s) {
                    T e = held;
                    held = null;
                    heldFor = null;
                    deliver(s, e);
                  } else {
                    pullIfWanted();
                  }
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  SubPorts.Out<T> s = open.remove(key);
                  if (s.hadDemandWhenCancelled()) {
                    demanding--;
                  }
                  if (!allowRecreation) {
                    closedKeys.add(key);
                  }
                  if (held != null && heldFor == s) {
                    if (allowRecreation && !mainCancelled) {
                      heldFor = null;
                      if (isAvailable(out)) {
                        openHeld();
                      }
                      return;
                    }
                    held = null;
                    heldFor = null;
                  }
                  afterChange();
                }
              });
      self[0] = sub;
      open.put(key, sub);
      heldFor = sub;
      unmaterialized().watch(sub);
      push(out, sub.source());
    }

    @SuppressWarnings("unchecked")
    private SubPorts.Out<T>[] newHolder() {
      return (SubPorts.Out<T>[]) new SubPorts.Out<?>[1];
    }

    private void deliver(SubPorts.Out<T> sub, T element) {
      demanding--;
      sub.push(element);
      afterChange();
    }

    private void afterChange() {
      if (held == null && isClosed(in)) {
        completeAll();
      } else if (mainCancelled && open.isEmpty() && held == null) {
        completeStage();
      } else {
        pullIfWanted();
      }
    }

    private void pullIfWanted() {
      if (held == null
          && !isClosed(in)
          && !hasBeenPulled(in)
          && (demanding > 0 || (!mainCancelled && isAvailable(out)))) {
        pull(in);
      }
    }

    @Override
    public void onPull() {
      if (held != null && heldFor == null) {
        openHeld();
      } else {
        pullIfWanted();
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (held == null) {
        completeAll();
      }
    }

    private void completeAll() {
      for (SubPorts.Out<T> s : open.values()) {
        s.complete();
      }
      open.clear();
      completeStage();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      for (SubPorts.Out<T> s : open.values()) {
        s.fail(ex);
      }
      open.clear();
      failStage(ex);
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      mainCancelled = true;
      if (held != null && heldFor == null) {
        held = null;
      }
      if (open.isEmpty()) {
        cancelStage(cause);
      } else {
        pullIfWanted();
      }
    }

    @Override
    public void postStop() {
      for (SubPorts.Out<T> s : open.values()) {
        s.ownerStopped();
      }
    }
  }
}
