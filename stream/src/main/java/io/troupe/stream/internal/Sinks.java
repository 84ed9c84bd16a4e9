package io.troupe.stream.internal;

import io.troupe.actor.Done;
import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Sink stages, one small class each. Internal API. */
public final class Sinks {
  private Sinks() {}

  /** Base of sinks: one inlet and a materialized value. */
  abstract static class Base<T, M> extends GraphStageWithMaterializedValue<SinkShape<T>, M> {
    final Inlet<T> in;
    private final SinkShape<T> shape;
    private final Attributes initial;

    Base(String name) {
      StageNames names = StageNames.of(name);
      this.in = Inlet.create(names.in());
      this.shape = SinkShape.of(in);
      this.initial = names.attributes();
    }

    @Override
    public final SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected final Attributes initialAttributes() {
      return initial;
    }
  }

  /** A sink logic that pulls continuously and completes a promise. */
  abstract static class PromiseLogic<T, R> extends GraphStageLogic implements InHandler {
    final Inlet<T> in;
    final CompletableFuture<R> promise;

    @SuppressWarnings("this-escape")
    PromiseLogic(SinkShape<T> shape, CompletableFuture<R> promise) {
      super(shape);
      this.in = shape.in();
      this.promise = promise;
      setHandler(in, this);
    }

    @Override
    public void preStart() {
      pull(in);
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      promise.completeExceptionally(ex);
      failStage(ex);
    }

    @Override
    public void postStop() {
      if (!promise.isDone()) {
        promise.completeExceptionally(
            new AbruptStageTerminationException(
                "stage " + this + " was stopped before its stream completed"));
      }
    }
  }

  /** Collects all elements into a list. */
  public static final class Seq<T> extends Base<T, CompletionStage<List<T>>> {
    /** The stage. */
    public Seq() {
      super("seqSink");
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<List<T>>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<List<T>> p = new CompletableFuture<>();
      return Pair.create(
          new PromiseLogic<T, List<T>>(shape(), p) {
            private final ArrayList<T> buf = new ArrayList<>();

            @Override
            public void onPush() {
              buf.add(grab(in));
              pull(in);
            }

            @Override
            public void onUpstreamFinish() {
              promise.complete(java.util.Collections.unmodifiableList(buf));
              completeStage();
            }
          },
          p);
    }
  }

  /** Keeps the first element (or fails on an empty stream, or answers an optional). */
  public static final class Head<T, R> extends Base<T, CompletionStage<R>> {
    private final boolean optional;

    /** The stage; with {@code optional} it materializes {@code Optional<T>}. */
    public Head(boolean optional) {
      super(optional ? "headOptionSink" : "headSink");
      this.optional = optional;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Pair<GraphStageLogic, CompletionStage<R>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<R> p = new CompletableFuture<>();
      return Pair.create(
          new PromiseLogic<T, R>(shape(), p) {
            @Override
            public void onPush() {
              T t = grab(in);
              promise.complete(optional ? (R) Optional.of(t) : (R) t);
              completeStage();
            }

            @Override
            public void onUpstreamFinish() {
              if (optional) {
                promise.complete((R) Optional.empty());
              } else {
                promise.completeExceptionally(new NoSuchElementException("head of empty stream"));
              }
              completeStage();
            }
          },
          p);
    }
  }

  /** Keeps the last element (or fails on an empty stream, or answers an optional). */
  public static final class Last<T, R> extends Base<T, CompletionStage<R>> {
    private final boolean optional;

    /** The stage; with {@code optional} it materializes {@code Optional<T>}. */
    public Last(boolean optional) {
      super(optional ? "lastOptionSink" : "lastSink");
      this.optional = optional;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Pair<GraphStageLogic, CompletionStage<R>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<R> p = new CompletableFuture<>();
      return Pair.create(
          new PromiseLogic<T, R>(shape(), p) {
            private T last;

            @Override
            public void onPush() {
              last = grab(in);
              pull(in);
            }

            @Override
            public void onUpstreamFinish() {
              if (optional) {
                promise.complete((R) Optional.ofNullable(last));
              } else if (last == null) {
                promise.completeExceptionally(new NoSuchElementException("last of empty stream"));
              } else {
                promise.complete((R) last);
              }
              completeStage();
            }
          },
          p);
    }
  }

  /** Keeps the last {@code n} elements. */
  public static final class TakeLast<T> extends Base<T, CompletionStage<List<T>>> {
    private final int n;

    /** The stage. */
    public TakeLast(int n) {
      super("takeLastSink");
      this.n = n;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<List<T>>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<List<T>> p = new CompletableFuture<>();
      return Pair.create(
          new PromiseLogic<T, List<T>>(shape(), p) {
            private final ArrayDeque<T> buf = new ArrayDeque<>();

            @Override
            public void onPush() {
              buf.add(grab(in));
              if (buf.size() > n) {
                buf.poll();
              }
              pull(in);
            }

            @Override
            public void onUpstreamFinish() {
              promise.complete(List.copyOf(buf));
              completeStage();
            }
          },
          p);
    }
  }

  /** Runs a procedure for each element; materializes completion. */
  public static final class Foreach<T> extends Base<T, CompletionStage<Done>> {
    private final Procedure<T> f;

    /** The stage; a null procedure ignores elements. */
    public Foreach(Procedure<T> f) {
      super(f == null ? "ignoreSink" : "foreachSink");
      this.f = f;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<Done>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<Done> p = new CompletableFuture<>();
      return Pair.create(
          new PromiseLogic<T, Done>(shape(), p) {
            @Override
            public void onPush() throws Exception {
              T t = grab(in);
              if (f != null) {
                try {
                  f.apply(t);
                } catch (Exception e) {
                  if (Linear.decide(attrs, e) == io.troupe.stream.Supervision.Directive.STOP) {
                    promise.completeExceptionally(e);
                    failStage(e);
                    return;
                  }
                }
              }
              pull(in);
            }

            @Override
            public void onUpstreamFinish() {
              promise.complete(Done.INSTANCE);
              completeStage();
            }
          },
          p);
    }
  }

  /** Cancels at once. */
  public static final class Cancelled<T> extends Base<T, NotUsed> {
    /** The stage. */
    public Cancelled() {
      super("cancelledSink");
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      return Pair.create(
          new GraphStageLogic(shape()) {
            {
              setHandler(in, () -> {});
            }

            @Override
            public void preStart() {
              cancel(in);
            }
          },
          NotUsed.INSTANCE);
    }
  }

  /** Calls back when the stream completes: with empty on success, the failure otherwise. */
  public static final class OnComplete<T> extends Base<T, NotUsed> {
    private final Procedure<Optional<Throwable>> callback;

    /** The stage. */
    public OnComplete(Procedure<Optional<Throwable>> callback) {
      super("onCompleteSink");
      this.callback = callback;
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      return Pair.create(
          new GraphStageLogic(shape()) {
            private boolean called;

            {
              setHandler(
                  in,
                  new InHandler() {
                    @Override
                    public void onPush() {
                      grab(in);
                      pull(in);
                    }

                    @Override
                    public void onUpstreamFinish() throws Exception {
                      called = true;
                      callback.apply(Optional.empty());
                      completeStage();
                    }

                    @Override
                    public void onUpstreamFailure(Throwable ex) throws Exception {
                      called = true;
                      callback.apply(Optional.of(ex));
                      failStage(ex);
                    }
                  });
            }

            @Override
            public void preStart() {
              pull(in);
            }

            @Override
            public void postStop() throws Exception {
              if (!called) {
                callback.apply(
                    Optional.of(
                        new AbruptStageTerminationException(
                            "stage was stopped before its stream completed")));
              }
            }
          },
          NotUsed.INSTANCE);
    }
  }
}
