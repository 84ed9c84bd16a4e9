package io.troupe.stream.internal;

import io.troupe.actor.Cancellable;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.japi.function.Function;
import io.troupe.stream.Attributes;
import io.troupe.stream.Outlet;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.OutHandler;
import io.troupe.stream.stage.TimerGraphStageLogic;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/** Source stages, one small class each. Internal API. */
public final class Sources {
  private Sources() {}

  /** Base of sources that materialize nothing. */
  abstract static class Simple<T> extends GraphStage<SourceShape<T>> {
    final Outlet<T> out;
    private final SourceShape<T> shape;
    private final Attributes initial;

    Simple(String name) {
      StageNames names = StageNames.of(name);
      this.out = Outlet.create(names.out());
      this.shape = SourceShape.of(out);
      this.initial = names.attributes();
    }

    @Override
    public final SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected final Attributes initialAttributes() {
      return initial;
    }
  }

  /**
   * Emits the elements of a fresh iterator per materialization. Fusable: at the head of a run of
   * simple stages in its island it becomes part of a {@link FusedSource}.
   */
  public static final class IteratorSource<T> extends Simple<T> implements Fusion.FusableSource {
    private final Creator<? extends Iterator<? extends T>> iterator;

    /** The stage. */
    public IteratorSource(String name, Creator<? extends Iterator<? extends T>> iterator) {
      super(name);
      this.iterator = iterator;
    }

    @Override
    public Iterator<?> iterator() throws Exception {
      return iterator.create();
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private Iterator<? extends T> it;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandler(out, this);
      }

      @Override
      public void preStart() throws Exception {
        it = iterator.create();
        if (!it.hasNext()) {
          completeStage();
        }
      }

      @Override
      public void onPull() {
        T t = it.next();
        if (t == null) {
          failStage(new NullPointerException("iterator of " + SourceShape.class.getSimpleName()
              + " returned null"));
          return;
        }
        push(out, t);
        if (!it.hasNext()) {
          completeStage();
        }
      }
    }
  }

  /** Emits one element. */
  public static final class Single<T> extends Simple<T> {
    private final T elem;

    /** The stage. */
    public Single(T elem) {
      super("single");
      this.elem = elem;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandler(out, this);
      }

      @Override
      public void onPull() {
        push(out, elem);
        completeStage();
      }
    }
  }

  /** Fails at once, or completes at once when {@code failure} is null. */
  public static final class Failed<T> extends Simple<T> {
    private final Throwable failure;

    /** The stage. */
    public Failed(Throwable failure) {
      super(failure == null ? "empty" : "failed");
      this.failure = failure;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape()) {
        {
          setHandler(out, () -> {});
        }

        @Override
        public void preStart() {
          if (failure == null) {
            completeStage();
          } else {
            failStage(failure);
          }
        }
      };
    }
  }

  /** Emits elements from a state-unfolding function until it returns empty. */
  public static final class Unfold<S, T> extends Simple<T> {
    private final S zero;
    private final Function<S, Optional<Pair<S, T>>> f;

    /** The stage. */
    public Unfold(S zero, Function<S, Optional<Pair<S, T>>> f) {
      super("unfold");
      this.zero = zero;
      this.f = f;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private S state = zero;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandler(out, this);
      }

      @Override
      public void onPull() throws Exception {
        Optional<Pair<S, T>> next = f.apply(state);
        if (next.isEmpty()) {
          completeStage();
        } else {
          state = next.get().first();
          push(out, next.get().second());
        }
      }
    }
  }

  /** Like {@link Unfold} with a function that answers asynchronously. */
  public static final class UnfoldAsync<S, T> extends Simple<T> {
    private final S zero;
    private final Function<S, CompletionStage<Optional<Pair<S, T>>>> f;

    /** The stage. */
    public UnfoldAsync(S zero, Function<S, CompletionStage<Optional<Pair<S, T>>>> f) {
      super("unfoldAsync");
      this.zero = zero;
      this.f = f;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private S state = zero;
      private final io.troupe.stream.stage.AsyncCallback<Pair<Optional<Pair<S, T>>, Throwable>> cb =
          getAsyncCallback(this::handle);

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandler(out, this);
      }

      @Override
      public void onPull() throws Exception {
        CompletionStage<Optional<Pair<S, T>>> cs = f.apply(state);
        CompletableFuture<Optional<Pair<S, T>>> fut = cs.toCompletableFuture();
        if (fut.isDone()) {
          handle(resultOf(fut));
        } else {
          cs.whenComplete((r, t) -> cb.invoke(Pair.create(r, t)));
        }
      }

      private void handle(Pair<Optional<Pair<S, T>>, Throwable> r) {
        if (r.second() != null) {
          failStage(unwrap(r.second()));
        } else if (r.first() == null || r.first().isEmpty()) {
          completeStage();
        } else {
          state = r.first().get().first();
          push(out, r.first().get().second());
        }
      }
    }
  }

  static <T> Pair<T, Throwable> resultOf(CompletableFuture<T> done) {
    try {
      return Pair.create(done.join(), null);
    } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
      return Pair.create(null, unwrap(e));
    }
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Emits the value of a completion stage, or fails with its failure. */
  public static final class FromCompletionStage<T> extends Simple<T> {
    private final CompletionStage<T> stage;

    /** The stage. */
    public FromCompletionStage(CompletionStage<T> stage) {
      super("completionStage");
      this.stage = stage;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final io.troupe.stream.stage.AsyncCallback<Pair<T, Throwable>> cb =
          getAsyncCallback(this::handle);
      private T value;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape());
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        stage.whenComplete((v, t) -> cb.invoke(Pair.create(v, t)));
      }

      private void handle(Pair<T, Throwable> r) {
        if (r.second() != null) {
          failStage(unwrap(r.second()));
        } else if (r.first() == null) {
          completeStage();
        } else if (isAvailable(out)) {
          push(out, r.first());
          completeStage();
        } else {
          value = r.first();
        }
      }

      @Override
      public void onPull() {
        if (value != null) {
          push(out, value);
          completeStage();
        }
      }
    }
  }

  /** Emits a tick element periodically while downstream wants it; materializes a cancellable. */
  public static final class Tick<T> extends GraphStageWithMaterializedValue<SourceShape<T>, Cancellable> {
    private final Duration initialDelay;
    private final Duration interval;
    private final T tick;
    private final Outlet<T> out = Outlet.create("tick.out");
    private final SourceShape<T> shape = SourceShape.of(out);

    /** The stage. */
    public Tick(Duration initialDelay, Duration interval, T tick) {
      this.initialDelay = initialDelay;
      this.interval = interval;
      this.tick = tick;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, Cancellable> createLogicAndMaterializedValuePair(Attributes attrs) {
      Logic logic = new Logic();
      return Pair.create(logic, logic.control);
    }

    private final class Logic extends TimerGraphStageLogic implements OutHandler {
      private final AtomicBoolean cancelled = new AtomicBoolean();
      private final io.troupe.stream.stage.AsyncCallback<Object> cancelCb =
          getAsyncCallback(x -> completeStage());
      final Cancellable control =
          new Cancellable() {
            @Override
            public boolean cancel() {
              boolean first = cancelled.compareAndSet(false, true);
              if (first) {
                cancelCb.invoke(Boolean.TRUE);
              }
              return first;
            }

            @Override
            public boolean isCancelled() {
              return cancelled.get();
            }
          };

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        scheduleAtFixedRate("tick", initialDelay, interval);
      }

      @Override
      protected void onTimer(Object key) {
        if (isAvailable(out) && !cancelled.get()) {
          push(out, tick);
        }
      }

      @Override
      public void onPull() {}
    }
  }

  /** Emits the value the materialized future is completed with, if any. */
  public static final class Maybe<T>
      extends GraphStageWithMaterializedValue<SourceShape<T>, CompletableFuture<Optional<T>>> {
    private final Outlet<T> out = Outlet.create("maybe.out");
    private final SourceShape<T> shape = SourceShape.of(out);

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletableFuture<Optional<T>>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<Optional<T>> promise = new CompletableFuture<>();
      return Pair.create(new Logic(promise), promise);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final CompletableFuture<Optional<T>> promise;
      private final io.troupe.stream.stage.AsyncCallback<Pair<Optional<T>, Throwable>> cb =
          getAsyncCallback(this::handle);
      private T value;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<Optional<T>> promise) {
        super(shape);
        this.promise = promise;
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        promise.whenComplete((v, t) -> cb.invoke(Pair.create(v, t)));
      }

      private void handle(Pair<Optional<T>, Throwable> r) {
        if (r.second() != null) {
          failStage(unwrap(r.second()));
        } else if (r.first() == null || r.first().isEmpty()) {
          completeStage();
        } else if (isAvailable(out)) {
          push(out, r.first().get());
          completeStage();
        } else {
          value = r.first().get();
        }
      }

      @Override
      public void onPull() {
        if (value != null) {
          push(out, value);
          completeStage();
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        promise.complete(Optional.empty());
        completeStage();
      }

      @Override
      public void postStop() {
        promise.complete(Optional.empty());
      }
    }
  }
}
