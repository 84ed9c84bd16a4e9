package io.troupe.stream.internal.ops;

import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Graph;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.internal.SubFusingMaterializer;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns each element into a source and emits the elements of up to {@code breadth} of those
 * sources at once, as they arrive ({@code breadth} 1 is {@code flatMapConcat}). Each inner source
 * runs as a stream of its own, feeding this stage one element per pull. Internal API.
 */
public final class FlatMapMerge<T, U> extends GraphStage<FlowShape<T, U>> {
  private final int breadth;
  private final Function<T, ? extends Graph<SourceShape<U>, ?>> f;
  private final Inlet<T> in;
  private final Outlet<U> out;
  private final FlowShape<T, U> shape;
  private final String name;

  /** The stage; arguments are validated by the caller. */
  public FlatMapMerge(int breadth, Function<T, ? extends Graph<SourceShape<U>, ?>> f) {
    this.breadth = breadth;
    this.f = f;
    this.name = breadth == 1 ? "flatMapConcat" : "flatMapMerge";
    this.in = Inlet.create(name + ".in");
    this.out = Outlet.create(name + ".out");
    this.shape = FlowShape.of(in, out);
  }

  @Override
  public FlowShape<T, U> shape() {
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
    private final Set<SubPorts.In<U>> active = new LinkedHashSet<>();
    /** Inner streams whose one element waits for downstream demand, in arrival order. */
    private final ArrayDeque<Ready<U>> ready = new ArrayDeque<>();

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    @Override
    public void preStart() {
      pull(in);
    }

    @Override
    public void onPush() throws Exception {
      Graph<SourceShape<U>, ?> source = f.apply(grab(in));
      SubPorts.In<U>[] holder = newHolder();
      SubPorts.In<U> sub =
          new SubPorts.In<>(
              this,
              name + "-inner",
              new SubPorts.InListener<U>() {
                @Override
                public void onPush(U element) {
                  if (isAvailable(out)) {
                    push(out, element);
                    holder[0].pull();
                  } else {
                    ready.add(new Ready<>(holder[0], element));
                  }
                }

                @Override
                public void onUpstreamFinish() {
                  active.remove(holder[0]);
                  afterInnerDone();
                }

                @Override
                public void onUpstreamFailure(Throwable ex) {
                  active.remove(holder[0]);
                  failStage(ex);
                }
              });
      holder[0] = sub;
      active.add(sub);
      Source.fromGraph(source).runWith(sub.sink(), SubFusingMaterializer.of(this));
      sub.pull();
      if (active.size() < breadth) {
        tryPull(in);
      }
    }

    @SuppressWarnings("unchecked")
    private SubPorts.In<U>[] newHolder() {
      return (SubPorts.In<U>[]) new SubPorts.In<?>[1];
    }

    private void afterInnerDone() {
      if (isClosed(in)) {
        if (active.isEmpty() && ready.isEmpty()) {
          completeStage();
        }
      } else if (active.size() < breadth) {
        tryPull(in);
      }
    }

    @Override
    public void onPull() {
      Ready<U> r = ready.poll();
      if (r != null) {
        push(out, r.element());
        r.sub().pull();
        if (isClosed(in) && active.isEmpty() && ready.isEmpty()) {
          completeStage();
        }
      }
    }

    @Override
    public void onUpstreamFinish() {
      if (active.isEmpty() && ready.isEmpty()) {
        completeStage();
      }
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      cancelInner(cause);
      cancelStage(cause);
    }

    private void cancelInner(Throwable cause) {
      for (SubPorts.In<U> s : active) {
        s.cancel(cause);
      }
      active.clear();
    }

    @Override
    public void postStop() {
      cancelInner(noMoreElementsNeeded());
    }
  }

  private record Ready<U>(SubPorts.In<U> sub, U element) {}
}
