package io.troupe.stream.internal;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Supervision;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Operators around futures, failures and termination. Internal API. */
final class AsyncOps {
  private AsyncOps() {}

  /** Runs an asynchronous function on up to {@code parallelism} elements at once. */
  static final class MapAsync<A, B> extends Linear<A, B> {
    private final int parallelism;
    private final Function<A, CompletionStage<B>> f;
    private final boolean ordered;

    MapAsync(int parallelism, Function<A, CompletionStage<B>> f, boolean ordered) {
      super(ordered ? "mapAsync" : "mapAsyncUnordered");
      this.parallelism = parallelism;
      this.f = f;
      this.ordered = ordered;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic(attrs);
    }

    /** One element's future result. */
    private static final class Slot<B> {
      boolean done;
      B value;
      Throwable failure;
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final Attributes attrs;
      private final ArrayDeque<Slot<B>> slots = new ArrayDeque<>();
      private int inFlight;
      private final AsyncCallback<Slot<B>> completed = getAsyncCallback(s -> onCompleted(s));

      @SuppressWarnings("this-escape")
      Logic(Attributes attrs) {
        super(shape());
        this.attrs = attrs;
        setHandlers(in, out, this);
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onPush() {
        A a = grab(in);
        CompletionStage<B> cs;
        try {
          cs = f.apply(a);
          if (cs == null) {
            throw new NullPointerException("mapAsync function returned null for " + a);
          }
        } catch (Exception e) {
          if (decide(attrs, e) == Supervision.Directive.STOP) {
            failStage(e);
          } else {
            pullIfRoom();
          }
          return;
        }
        if (cs instanceof CompletableFuture<B> done
            && done.isDone()
            && !done.isCompletedExceptionally()
            && slots.isEmpty()
            && isAvailable(out)) {
          // Already complete, nothing waiting ahead of it, downstream asks: pass it straight on.
          B value = done.getNow(null);
          if (value != null) {
            push(out, value);
          }
          pullIfRoom();
          return;
        }
        Slot<B> slot = new Slot<>();
        inFlight++;
        if (ordered) {
          slots.add(slot);
        }
        CompletableFuture<B> fut = cs instanceof CompletableFuture<B> cf ? cf : null;
        if (fut != null && fut.isDone()) {
          // Synchronous path: no callback, no hop through the island's inbox.
          Pair<B, Throwable> r = Sources.resultOf(fut);
          slot.value = r.first();
          slot.failure = r.second();
          onCompleted(slot);
        } else {
          cs.whenComplete(
              (v, t) -> {
                slot.value = v;
                slot.failure = t == null ? null : Sources.unwrap(t);
                completed.invoke(slot);
              });
        }
        pullIfRoom();
      }

      private void pullIfRoom() {
        if (inFlight < parallelism && !hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }

      private void onCompleted(Slot<B> slot) {
        slot.done = true;
        if (slot.failure != null) {
          if (decide(attrs, slot.failure) == Supervision.Directive.STOP) {
            failStage(slot.failure);
            return;
          }
          slot.value = null; // resumed: drop it
        }
        if (!ordered) {
          if (slot.value != null) {
            slots.add(slot);
          } else {
            inFlight--;
          }
        }
        drain();
      }

      private void drain() {
        if (ordered) {
          while (!slots.isEmpty() && slots.peek().done) {
            Slot<B> head = slots.peek();
            if (head.value == null) {
              slots.poll();
              inFlight--;
              continue;
            }
            if (!isAvailable(out)) {
              break;
            }
            slots.poll();
            inFlight--;
            push(out, head.value);
          }
        } else if (isAvailable(out) && !slots.isEmpty()) {
          inFlight--;
          push(out, slots.poll().value);
        }
        if (isClosed(in) && inFlight == 0) {
          completeStage();
        } else {
          pullIfRoom();
        }
      }

      @Override
      public void onPull() {
        drain();
      }

      @Override
      public void onUpstreamFinish() {
        if (inFlight == 0) {
          completeStage();
        }
      }
    }
  }

  /** Turns a matching failure into one last element. */
  static final class Recover<T> extends Linear<T, T> {
    private final Class<? extends Throwable> type;
    private final Creator<T> supplier;

    Recover(Class<? extends Throwable> type, Creator<T> supplier) {
      super("recover");
      this.type = type;
      this.supplier = supplier;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFailure(Throwable ex) throws Exception {
        if (type.isInstance(ex)) {
          T t = supplier.create();
          if (t == null) {
            completeStage();
          } else {
            emit(out, t, this::completeStage);
          }
        } else {
          failStage(ex);
        }
      }
    }
  }

  /** Replaces a matching failure. */
  static final class MapError<T, E extends Throwable> extends Linear<T, T> {
    private final Class<E> type;
    private final Function<E, Throwable> f;

    MapError(Class<E> type, Function<E, Throwable> f) {
      super("mapError");
      this.type = type;
      this.f = f;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFailure(Throwable ex) throws Exception {
        failStage(type.isInstance(ex) ? f.apply(type.cast(ex)) : ex);
      }
    }
  }

  /** Logs elements, completion, failure and cancellation. */
  static final class Log<T> extends Linear<T, T> {
    private static final Logger log = LoggerFactory.getLogger("io.troupe.stream.Log");
    private final String name;
    private final Function<T, Object> extract;

    Log(String name, Function<T, Object> extract) {
      super("log");
      this.name = name;
      this.extract = extract;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() throws Exception {
        T t = grab(in);
        if (log.isDebugEnabled()) {
          log.debug("[{}] Element: {}", name, extract.apply(t));
        }
        push(out, t);
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFinish() {
        log.debug("[{}] Upstream finished.", name);
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        log.error("[{}] Upstream failed.", name, ex);
        failStage(ex);
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        log.debug("[{}] Downstream finished, cause: {}", name, cause.toString());
        cancelStage(cause);
      }
    }
  }

  /** Passes elements and materializes the stream's termination as a future. */
  static final class WatchTermination<T>
      extends GraphStageWithMaterializedValue<FlowShape<T, T>, CompletionStage<Done>> {
    private final Inlet<T> in = Inlet.create("watchTermination.in");
    private final Outlet<T> out = Outlet.create("watchTermination.out");
    private final FlowShape<T, T> shape = FlowShape.of(in, out);

    @Override
    public FlowShape<T, T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<Done> done = new CompletableFuture<>();
      return Pair.create(new Logic(done), done);
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final CompletableFuture<Done> done;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<Done> done) {
        super(shape);
        this.done = done;
        setHandlers(in, out, this);
      }

      @Override
      public void onPush() {
        push(out, grab(in));
      }

      @Override
      public void onPull() {
        pull(in);
      }

      @Override
      public void onUpstreamFinish() {
        done.complete(Done.INSTANCE);
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        done.completeExceptionally(ex);
        failStage(ex);
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        if (cause instanceof NoMoreElementsNeeded) {
          done.complete(Done.INSTANCE);
        } else {
          done.completeExceptionally(cause);
        }
        cancelStage(cause);
      }

      @Override
      public void postStop() {
        if (!done.isDone()) {
          done.completeExceptionally(
              new io.troupe.stream.AbruptStageTerminationException(
                  "watchTermination stopped before the stream completed"));
        }
      }
    }
  }
}
