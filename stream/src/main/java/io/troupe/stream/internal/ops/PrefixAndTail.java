package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Source;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code prefixAndTail(n)}: takes up to {@code n} elements, then emits them with a source of the
 * rest (the tail, a substream with the subscription timeout) and completes its output; the stage
 * goes on feeding the tail. Internal API; {@code Source.prefixAndTail} gives the contract.
 */
public final class PrefixAndTail<T>
    extends GraphStage<FlowShape<T, Pair<List<T>, Source<T, NotUsed>>>> {
  private final int n;
  private final Inlet<T> in = Inlet.create("prefixAndTail.in");
  private final Outlet<Pair<List<T>, Source<T, NotUsed>>> out = Outlet.create("prefixAndTail.out");
  private final FlowShape<T, Pair<List<T>, Source<T, NotUsed>>> shape = FlowShape.of(in, out);

  /**
   * The stage.
   *
   * @throws IllegalArgumentException if {@code n} is negative
   */
  public PrefixAndTail(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, was " + n);
    }
    this.n = n;
  }

  @Override
  public FlowShape<T, Pair<List<T>, Source<T, NotUsed>>> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("prefixAndTail");
  }

  @Override
  public GraphStageLogic createLogic(Attributes attrs) {
    return new Logic();
  }

  private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
    private final List<T> prefix = new ArrayList<>(Math.min(n, 64));
    private SubPorts.Out<T> tail;

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandlers(in, out, this);
    }

    // ---- the prefix: this logic is the handler of both ports

    @Override
    public void onPull() {
      if (prefix.size() == n) {
        emitWithTail();
      } else {
        pull(in);
      }
    }

    @Override
    public void onPush() {
      prefix.add(grab(in));
      if (prefix.size() == n) {
        emitWithTail();
      } else {
        pull(in);
      }
    }

    @Override
    public void onUpstreamFinish() {
      // fewer than n elements: the prefix so far and an empty tail
      emit(out, Pair.create(Collections.unmodifiableList(prefix), Source.<T>empty()),
          this::completeStage);
    }

    // ---- the tail

    private void emitWithTail() {
      tail = new SubPorts.Out<>(this, "prefixAndTail.tail", new SubPorts.OutListener() {
        @Override
        public void onPull() {
          if (!hasBeenPulled(in) && !isClosed(in)) {
            pull(in);
          }
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          cancelStage(cause);
        }
      });
      new SubPorts.Unmaterialized(this).watch(tail);
      push(out, Pair.create(Collections.unmodifiableList(prefix), tail.source()));
      complete(out);
      setHandler(in, new InHandler() {
        @Override
        public void onPush() {
          tail.push(grab(in));
        }

        @Override
        public void onUpstreamFinish() {
          tail.complete();
          completeStage();
        }

        @Override
        public void onUpstreamFailure(Throwable ex) {
          tail.fail(ex);
          failStage(ex);
        }
      });
    }

    @Override
    public void postStop() {
      if (tail != null) {
        tail.ownerStopped();
      }
    }
  }
}
