package io.troupe.stream.internal.ops;

import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.SinkQueueWithCancel;
import io.troupe.stream.SinkShape;
import io.troupe.stream.StreamDetachedException;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code Sink.queue(maxConcurrentPulls)}: buffers up to the input buffer's maximum (16 by
 * default) ahead of the pulls and hands out elements as the materialized queue is pulled.
 * Internal API.
 */
public final class QueueSink<T>
    extends GraphStageWithMaterializedValue<SinkShape<T>, SinkQueueWithCancel<T>> {
  private final Inlet<T> in = Inlet.create("queueSink.in");
  private final SinkShape<T> shape = SinkShape.of(in);
  private final int maxConcurrentPulls;

  /**
   * The stage.
   *
   * @throws IllegalArgumentException if {@code maxConcurrentPulls} is not positive
   */
  public QueueSink(int maxConcurrentPulls) {
    if (maxConcurrentPulls < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentPulls must be > 0, was " + maxConcurrentPulls);
    }
    this.maxConcurrentPulls = maxConcurrentPulls;
  }

  @Override
  public SinkShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("queueSink");
  }

  private static final Object CANCEL = new Object();

  @Override
  public Pair<GraphStageLogic, SinkQueueWithCancel<T>> createLogicAndMaterializedValuePair(
      Attributes attrs) {
    int bufferSize =
        attrs.get(Attributes.InputBuffer.class, new Attributes.InputBuffer(16, 16)).max();
    Logic logic = new Logic(Math.max(1, bufferSize));
    SinkQueueWithCancel<T> queue = new SinkQueueWithCancel<>() {
      @Override
      public CompletionStage<Optional<T>> pull() {
        CompletableFuture<Optional<T>> next = new CompletableFuture<>();
        logic.commands.invokeWithFeedback(next).whenComplete((d, e) -> {
          if (e != null) {
            next.completeExceptionally(new StreamDetachedException(
                "the stream of this Sink.queue has stopped"));
          }
        });
        return next;
      }

      @Override
      public void cancel() {
        logic.commands.invoke(CANCEL);
      }
    };
    return Pair.create(logic, queue);
  }

  private final class Logic extends GraphStageLogic implements InHandler {
    private final int bufferSize;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Optional<T>>> pulls = new ArrayDeque<>();
    private Throwable failure;
    private boolean finished;
    final AsyncCallback<Object> commands = getAsyncCallback(this::onCommand);

    @SuppressWarnings("this-escape")
    Logic(int bufferSize) {
      super(shape);
      this.bufferSize = bufferSize;
      setHandler(in, this);
    }

    @Override
    public void preStart() {
      setKeepGoing(true); // the buffer outlives the inlet: pulls may come after completion
      pull(in);
    }

    @SuppressWarnings("unchecked")
    private void onCommand(Object c) {
      if (c == CANCEL) {
        for (CompletableFuture<Optional<T>> p : pulls) {
          p.complete(Optional.empty());
        }
        pulls.clear();
        completeStage();
        return;
      }
      CompletableFuture<Optional<T>> next = (CompletableFuture<Optional<T>>) c;
      if (pulls.size() == maxConcurrentPulls) {
        next.completeExceptionally(new IllegalStateException("Sink.queue allows at most "
            + maxConcurrentPulls + " pull(s) waiting at once; wait for the previous one"));
        return;
      }
      pulls.add(next);
      serve();
    }

    @Override
    public void onPush() {
      buffer.add(grab(in));
      serve();
    }

    @Override
    public void onUpstreamFinish() {
      finished = true;
      serve();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      failure = ex;
      finished = true;
      serve();
    }

    /** Answers waiting pulls from the buffer, then asks upstream for more if there is room. */
    private void serve() {
      while (!pulls.isEmpty() && !buffer.isEmpty()) {
        pulls.poll().complete(Optional.of(buffer.poll()));
      }
      if (finished && buffer.isEmpty()) {
        if (pulls.isEmpty()) {
          return; // the end is told to the next pull, as an element would be
        }
        for (CompletableFuture<Optional<T>> p : pulls) {
          if (failure != null) {
            p.completeExceptionally(failure);
          } else {
            p.complete(Optional.empty());
          }
        }
        pulls.clear();
        // stopped from here on: a later pull fails with StreamDetachedException
        if (failure != null) {
          failStage(failure);
        } else {
          completeStage();
        }
        return;
      }
      if (!finished && !hasBeenPulled(in) && buffer.size() < bufferSize) {
        pull(in);
      }
    }
  }
}
