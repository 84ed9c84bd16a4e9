package io.troupe.stream.internal;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Creator;
import io.troupe.stream.Attributes;
import io.troupe.stream.Graph;
import io.troupe.stream.Inlet;
import io.troupe.stream.Keep;
import io.troupe.stream.NeverMaterializedException;
import io.troupe.stream.Outlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Operators that run a second stream from inside a stage (lazy sources and sinks, recovery by
 * switching sources), and the two helper stages that connect the stage to that stream. Internal
 * API.
 *
 * <p>The helper stages talk to the owning stage only through async callbacks, one element per
 * request, so the sub-stream may run on any island.
 */
public final class Streams {
  private Streams() {}

  /** What a {@link SubSink} reports to its owner. */
  sealed interface SubEvent permits SubElement, SubDone {}

  record SubElement(Object value) implements SubEvent {}

  /** Completion ({@code failure == null}) or failure of the sub-stream. */
  record SubDone(Throwable failure) implements SubEvent {}

  /** A sink in the sub-stream that hands elements to its owner one request at a time. */
  static final class SubSink<T> extends GraphStageWithMaterializedValue<SinkShape<T>, NotUsed> {
    private final Inlet<T> in = Inlet.create("subSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final AsyncCallback<SubEvent> owner;
    /** Commands from the owner: TRUE = pull, a Throwable = cancel. Set when materialized. */
    volatile AsyncCallback<Object> commands;

    SubSink(AsyncCallback<SubEvent> owner) {
      this.owner = owner;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      GraphStageLogic logic =
          new GraphStageLogic(shape) {
            {
              setHandler(
                  in,
                  new InHandler() {
                    @Override
                    public void onPush() {
                      owner.invoke(new SubElement(grab(in)));
                    }

                    @Override
                    public void onUpstreamFinish() {
                      owner.invoke(new SubDone(null));
                      completeStage();
                    }

                    @Override
                    public void onUpstreamFailure(Throwable ex) {
                      owner.invoke(new SubDone(ex));
                      failStage(ex);
                    }
                  });
              commands =
                  getAsyncCallback(
                      c -> {
                        if (c instanceof Throwable t) {
                          cancel(in, t);
                        } else {
                          tryPull(in);
                        }
                      });
            }
          };
      return Pair.create(logic, NotUsed.INSTANCE);
    }
  }

  /** Materializes the source {@code create} makes on first demand. */
  public static final class LazySource<T, M>
      extends GraphStageWithMaterializedValue<SourceShape<T>, CompletionStage<M>> {
    private final Creator<? extends Graph<SourceShape<T>, M>> create;
    private final Outlet<T> out = Outlet.create("lazySource.out");
    private final SourceShape<T> shape = SourceShape.of(out);

    public LazySource(Creator<? extends Graph<SourceShape<T>, M>> create) {
      this.create = create;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<M>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<M> promise = new CompletableFuture<>();
      return Pair.create(new Logic(promise), promise);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final CompletableFuture<M> promise;
      private final AsyncCallback<SubEvent> events = getAsyncCallback(this::onEvent);
      private SubSink<T> sub;
      private boolean subDone;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<M> promise) {
        super(shape);
        this.promise = promise;
        setHandler(out, this);
      }

      @Override
      public void onPull() throws Exception {
        if (sub == null) {
          sub = new SubSink<>(events);
          M m;
          try {
            m = Source.fromGraph(create.create()).toMat(sub, Keep.left()).run(materializer());
          } catch (Exception e) {
            promise.completeExceptionally(e);
            failStage(e);
            return;
          }
          promise.complete(m);
        }
        sub.commands.invoke(Boolean.TRUE);
      }

      @SuppressWarnings("unchecked")
      private void onEvent(SubEvent e) {
        switch (e) {
          case SubElement el -> push(out, (T) el.value());
          case SubDone d -> {
            subDone = true;
            if (d.failure() == null) {
              completeStage();
            } else {
              failStage(d.failure());
            }
          }
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        if (sub == null) {
          promise.completeExceptionally(
              new NeverMaterializedException("downstream cancelled before lazySource was materialized"));
        } else if (!subDone) {
          sub.commands.invoke(cause);
        }
        completeStage();
      }

      @Override
      public void postStop() {
        if (!promise.isDone()) {
          promise.completeExceptionally(
              new NeverMaterializedException("stream ended before lazySource was materialized"));
        }
        if (sub != null && !subDone) {
          sub.commands.invoke(noMoreElementsNeeded());
        }
      }
    }
  }

  /** Passes elements; on a matching failure switches to a new source, a limited number of times. */
  static final class RecoverWith<T> extends Linear<T, T> {
    private final int attempts;
    private final Class<? extends Throwable> type;
    private final Creator<Graph<SourceShape<T>, NotUsed>> alternative;

    RecoverWith(
        int attempts,
        Class<? extends Throwable> type,
        Creator<Graph<SourceShape<T>, NotUsed>> alternative) {
      super("recoverWithRetries");
      this.attempts = attempts;
      this.type = type;
      this.alternative = alternative;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new Logic();
    }

    private final class Logic extends GraphStageLogic implements InHandler, OutHandler {
      private final AsyncCallback<SubEvent> events = getAsyncCallback(this::onEvent);
      private SubSink<T> sub;
      private int used;
      private boolean subDone;

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
        if (sub != null) {
          sub.commands.invoke(Boolean.TRUE);
        } else {
          pull(in);
        }
      }

      @Override
      public void onUpstreamFinish() {
        if (sub == null) {
          completeStage();
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) throws Exception {
        if (sub == null) {
          switchOver(ex);
        }
      }

      private void switchOver(Throwable ex) throws Exception {
        if (!type.isInstance(ex) || (attempts != -1 && used >= attempts)) {
          failStage(ex);
          return;
        }
        used++;
        setKeepGoing(true);
        sub = new SubSink<>(events);
        subDone = false;
        Source.fromGraph(alternative.create()).to(sub).run(materializer());
        if (isAvailable(out)) {
          sub.commands.invoke(Boolean.TRUE);
        }
      }

      @SuppressWarnings("unchecked")
      private void onEvent(SubEvent e) throws Exception {
        switch (e) {
          case SubElement el -> push(out, (T) el.value());
          case SubDone d -> {
            subDone = true;
            if (d.failure() == null) {
              completeStage();
            } else {
              switchOver(d.failure());
            }
          }
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        if (sub != null && !subDone) {
          sub.commands.invoke(cause);
        }
        cancelStage(cause);
      }

      @Override
      public void postStop() {
        if (sub != null && !subDone) {
          sub.commands.invoke(noMoreElementsNeeded());
        }
      }
    }
  }

  /** What the owner sends to a {@link SubSource}: an element, or completion, or failure. */
  record SubPush(Object value) {}

  /** A source in the sub-stream that emits what its owner hands it. */
  static final class SubSource<T> extends GraphStageWithMaterializedValue<SourceShape<T>, NotUsed> {
    private final Outlet<T> out = Outlet.create("subSource.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    /** Events to the owner: TRUE = pulled, a Throwable = cancelled. */
    private final AsyncCallback<Object> owner;
    volatile AsyncCallback<Object> commands;

    SubSource(AsyncCallback<Object> owner) {
      this.owner = owner;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      GraphStageLogic logic =
          new GraphStageLogic(shape) {
            {
              setHandler(
                  out,
                  new OutHandler() {
                    @Override
                    public void onPull() {
                      owner.invoke(Boolean.TRUE);
                    }

                    @Override
                    public void onDownstreamFinish(Throwable cause) {
                      owner.invoke(cause);
                      completeStage();
                    }
                  });
              commands =
                  getAsyncCallback(
                      c -> {
                        if (c instanceof SubPush p) {
                          push(out, (T) p.value());
                        } else if (c instanceof SubDone d) {
                          if (d.failure() == null) {
                            completeStage();
                          } else {
                            failStage(d.failure());
                          }
                        }
                      });
            }
          };
      return Pair.create(logic, NotUsed.INSTANCE);
    }
  }

  /** Runs the stream into a sink that becomes available later (lazySink, completionStageSink). */
  public static final class FutureSink<T, M>
      extends GraphStageWithMaterializedValue<SinkShape<T>, CompletionStage<M>> {
    private final Creator<? extends CompletionStage<? extends Graph<SinkShape<T>, M>>> sinkFuture;
    private final Inlet<T> in = Inlet.create("futureSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);

    public FutureSink(Creator<? extends CompletionStage<? extends Graph<SinkShape<T>, M>>> sinkFuture) {
      this.sinkFuture = sinkFuture;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, CompletionStage<M>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      CompletableFuture<M> promise = new CompletableFuture<>();
      return Pair.create(new Logic(promise), promise);
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      private final CompletableFuture<M> promise;
      private final AsyncCallback<Pair<Graph<SinkShape<T>, M>, Throwable>> ready =
          getAsyncCallback(this::onReady);
      private final AsyncCallback<Object> subEvents = getAsyncCallback(this::onSubEvent);
      private SubSource<T> sub;
      private T held;
      private boolean subWants;
      private boolean requested;
      private boolean subDone;

      @SuppressWarnings("this-escape")
      Logic(CompletableFuture<M> promise) {
        super(shape);
        this.promise = promise;
        setHandler(in, this);
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onPush() throws Exception {
        T t = grab(in);
        if (sub != null && subWants) {
          subWants = false;
          sub.commands.invoke(new SubPush(t));
        } else {
          held = t;
        }
        if (!requested) {
          requested = true;
          setKeepGoing(true);
          sinkFuture.create().whenComplete((s, ex) -> ready.invoke(Pair.create(s, ex)));
        }
      }

      private void onReady(Pair<Graph<SinkShape<T>, M>, Throwable> r) {
        if (r.second() != null) {
          Throwable ex = Sources.unwrap(r.second());
          promise.completeExceptionally(ex);
          failStage(ex);
          return;
        }
        sub = new SubSource<>(subEvents);
        M m;
        try {
          m = Source.fromGraph(sub).toMat(r.first(), Keep.right()).run(materializer());
        } catch (RuntimeException e) {
          promise.completeExceptionally(e);
          failStage(e);
          return;
        }
        promise.complete(m);
      }

      private void onSubEvent(Object e) {
        if (e instanceof Throwable cause) {
          subDone = true;
          cancel(in, cause);
          completeStage();
          return;
        }
        if (held != null) {
          sub.commands.invoke(new SubPush(held));
          held = null;
          if (isClosed(in)) {
            finishSub(null);
          }
        } else if (isClosed(in)) {
          finishSub(null);
        } else {
          subWants = true;
          tryPull(in);
        }
      }

      private void finishSub(Throwable failure) {
        if (!subDone) {
          subDone = true;
          sub.commands.invoke(new SubDone(failure));
        }
        completeStage();
      }

      @Override
      public void onUpstreamFinish() {
        if (!requested) {
          promise.completeExceptionally(
              new NeverMaterializedException("stream completed before the first element"));
          completeStage();
        } else if (sub != null && held == null) {
          finishSub(null);
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        if (sub != null) {
          held = null;
          finishSub(ex);
          return;
        }
        promise.completeExceptionally(ex);
        failStage(ex);
      }

      @Override
      public void postStop() {
        if (!promise.isDone()) {
          promise.completeExceptionally(
              new NeverMaterializedException("stream ended before the sink was materialized"));
        }
      }
    }
  }
}
