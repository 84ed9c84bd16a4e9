package io.troupe.stream.internal.ops;

import io.troupe.actor.Done;
import io.troupe.japi.Pair;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.Attributes;
import io.troupe.stream.BufferOverflowException;
import io.troupe.stream.Outlet;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.QueueOfferResult;
import io.troupe.stream.SourceQueueWithComplete;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A source fed through a {@link SourceQueueWithComplete}: offers travel to the stage as async
 * callbacks and are answered there, so the buffer needs no locking. Internal API.
 */
public final class QueueSource<T>
    extends GraphStageWithMaterializedValue<SourceShape<T>, SourceQueueWithComplete<T>> {
  private final int bufferSize;
  private final OverflowStrategy strategy;
  private final int maxConcurrentOffers;
  private final Outlet<T> out = Outlet.create("queueSource.out");
  private final SourceShape<T> shape = SourceShape.of(out);

  /** The stage; arguments are validated by the caller. */
  public QueueSource(int bufferSize, OverflowStrategy strategy, int maxConcurrentOffers) {
    this.bufferSize = bufferSize;
    this.strategy = strategy;
    this.maxConcurrentOffers = maxConcurrentOffers;
  }

  @Override
  public SourceShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("queueSource");
  }

  @Override
  public Pair<GraphStageLogic, SourceQueueWithComplete<T>> createLogicAndMaterializedValuePair(
      Attributes attrs) {
    Logic logic = new Logic();
    return Pair.create(logic, logic.handle);
  }

  private record Offer<T>(T element, CompletableFuture<QueueOfferResult> answer) {}

  private record Finish(Throwable failure) {}

  private final class Logic extends GraphStageLogic implements OutHandler {
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final ArrayDeque<Offer<T>> waiting = new ArrayDeque<>();
    private final CompletableFuture<Done> completion = new CompletableFuture<>();
    private final AsyncCallback<Object> commands = getAsyncCallback(this::onCommand);
    /** Set once the stage stopped: what late offers are answered. */
    private volatile QueueOfferResult closedAnswer;
    private boolean completing;
    private boolean endedOnPurpose;

    final SourceQueueWithComplete<T> handle =
        new SourceQueueWithComplete<>() {
          @Override
          public CompletionStage<QueueOfferResult> offer(T element) {
            Objects.requireNonNull(element, "element");
            CompletableFuture<QueueOfferResult> answer = new CompletableFuture<>();
            QueueOfferResult closed = closedAnswer;
            if (closed != null) {
              answer.complete(closed);
              return answer;
            }
            commands
                .invokeWithFeedback(new Offer<>(element, answer))
                .whenComplete(
                    (d, ex) -> {
                      if (ex != null) {
                        QueueOfferResult c = closedAnswer;
                        answer.complete(c == null ? QueueOfferResult.queueClosed() : c);
                      }
                    });
            return answer;
          }

          @Override
          public CompletionStage<Done> watchCompletion() {
            return completion;
          }

          @Override
          public void complete() {
            commands.invoke(new Finish(null));
          }

          @Override
          public void fail(Throwable ex) {
            Objects.requireNonNull(ex, "ex");
            commands.invoke(new Finish(ex));
          }
        };

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandler(out, this);
    }

    @SuppressWarnings("unchecked")
    private void onCommand(Object command) {
      if (command instanceof Finish f) {
        if (f.failure() != null) {
          failWith(f.failure());
        } else {
          completing = true;
          completeIfDrained();
        }
        return;
      }
      Offer<T> o = (Offer<T>) command;
      if (completing) {
        o.answer().complete(QueueOfferResult.queueClosed());
      } else if (buffer.isEmpty() && isAvailable(out)) {
        push(out, o.element());
        o.answer().complete(QueueOfferResult.enqueued());
      } else if (buffer.size() < bufferSize) {
        buffer.add(o.element());
        o.answer().complete(QueueOfferResult.enqueued());
      } else {
        overflow(o);
      }
    }

    private void overflow(Offer<T> o) {
      switch (strategy.kind()) {
        case DROP_HEAD -> {
          buffer.pollFirst();
          enqueue(o);
        }
        case DROP_TAIL -> {
          buffer.pollLast();
          enqueue(o);
        }
        case DROP_BUFFER -> {
          buffer.clear();
          enqueue(o);
        }
        case DROP_NEW -> o.answer().complete(QueueOfferResult.dropped());
        case FAIL -> {
          BufferOverflowException ex =
              new BufferOverflowException("buffer overflow (max capacity was: " + bufferSize + ")");
          o.answer().complete(QueueOfferResult.failure(ex));
          failWith(ex);
        }
        case BACKPRESSURE -> {
          if (waiting.size() < maxConcurrentOffers) {
            waiting.add(o);
          } else {
            o.answer()
                .completeExceptionally(
                    new IllegalStateException(
                        "too many concurrent offers: maxConcurrentOffers is "
                            + maxConcurrentOffers
                            + "; wait for the previous offers' answers before offering more"));
          }
        }
      }
    }

    private void enqueue(Offer<T> o) {
      if (bufferSize == 0) {
        o.answer().complete(QueueOfferResult.dropped());
        return;
      }
      buffer.add(o.element());
      o.answer().complete(QueueOfferResult.enqueued());
    }

    @Override
    public void onPull() {
      if (!buffer.isEmpty()) {
        push(out, buffer.poll());
        Offer<T> next = waiting.poll();
        if (next != null) {
          buffer.add(next.element());
          next.answer().complete(QueueOfferResult.enqueued());
        }
      } else {
        Offer<T> next = waiting.poll();
        if (next != null) {
          push(out, next.element());
          next.answer().complete(QueueOfferResult.enqueued());
        }
      }
      completeIfDrained();
    }

    private void completeIfDrained() {
      if (completing && buffer.isEmpty() && waiting.isEmpty()) {
        endedOnPurpose = true;
        closedAnswer = QueueOfferResult.queueClosed();
        completeStage();
        completion.complete(Done.INSTANCE);
      }
    }

    private void failWith(Throwable ex) {
      endedOnPurpose = true;
      closedAnswer = QueueOfferResult.failure(ex);
      failStage(ex);
      completion.completeExceptionally(ex);
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      endedOnPurpose = true;
      closedAnswer = QueueOfferResult.queueClosed();
      completeStage();
      completion.complete(Done.INSTANCE);
    }

    @Override
    public void postStop() {
      QueueOfferResult closed = closedAnswer;
      if (closed == null) {
        closed = QueueOfferResult.queueClosed();
        closedAnswer = closed;
      }
      for (Offer<T> o : waiting) {
        o.answer().complete(closed);
      }
      waiting.clear();
      if (!endedOnPurpose) {
        completion.completeExceptionally(
            new AbruptStageTerminationException("queue source's stream was torn down"));
      }
    }
  }
}
