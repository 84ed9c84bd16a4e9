package io.troupe.stream.internal.ops;

import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.BoundedSourceQueue;
import io.troupe.stream.Outlet;
import io.troupe.stream.QueueOfferResult;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.OutHandler;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source fed through a {@link BoundedSourceQueue} whose offers answer at once. Internal API.
 *
 * <p>Producers reserve a slot by CAS on the element count (so the bound holds under contention),
 * add to a lock-free queue, and wake the stage by an async callback only when the stage said it
 * is waiting ({@code waiting} flipped true by the stage, false by the one producer that wins the
 * CAS). After raising the flag the stage polls once more, so an element added between its last
 * poll and the flag is never stranded; a surplus wake-up is harmless.
 */
public final class BoundedQueueSource<T>
    extends GraphStageWithMaterializedValue<SourceShape<T>, BoundedSourceQueue<T>> {
  private final int bufferSize;
  private final Outlet<T> out = Outlet.create("boundedQueueSource.out");
  private final SourceShape<T> shape = SourceShape.of(out);

  /** The stage; {@code bufferSize} is validated by the caller. */
  public BoundedQueueSource(int bufferSize) {
    this.bufferSize = bufferSize;
  }

  @Override
  public SourceShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("boundedQueueSource");
  }

  @Override
  public Pair<GraphStageLogic, BoundedSourceQueue<T>> createLogicAndMaterializedValuePair(
      Attributes attrs) {
    Logic logic = new Logic();
    return Pair.create(logic, logic.handle);
  }

  private static final Object WAKE = new Object();

  private final class Logic extends GraphStageLogic implements OutHandler {
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AsyncCallback<Object> commands = getAsyncCallback(this::onCommand);
    /** Non-null once offers are refused: what they are answered. */
    private volatile QueueOfferResult closed;

    final BoundedSourceQueue<T> handle =
        new BoundedSourceQueue<>() {
          @Override
          public QueueOfferResult offer(T element) {
            Objects.requireNonNull(element, "element");
            QueueOfferResult c = closed;
            if (c != null) {
              return c;
            }
            int n;
            do {
              n = count.get();
              if (n >= bufferSize) {
                return QueueOfferResult.dropped();
              }
            } while (!count.compareAndSet(n, n + 1));
            queue.add(element);
            if (waiting.get() && waiting.compareAndSet(true, false)) {
              commands.invoke(WAKE);
            }
            return QueueOfferResult.enqueued();
          }

          @Override
          public void complete() {
            if (closed == null) {
              closed = QueueOfferResult.queueClosed();
            }
            commands.invoke(WAKE);
          }

          @Override
          public void fail(Throwable ex) {
            Objects.requireNonNull(ex, "ex");
            closed = QueueOfferResult.failure(ex);
            commands.invoke(ex);
          }

          @Override
          public int size() {
            return count.get();
          }
        };

    @SuppressWarnings("this-escape")
    Logic() {
      super(shape);
      setHandler(out, this);
    }

    private void onCommand(Object command) {
      if (command instanceof Throwable ex) {
        failStage(ex);
      } else if (isAvailable(out)) {
        onPull();
      } else if (closed != null && count.get() == 0) {
        finish();
      }
    }

    private void finish() {
      if (closed instanceof QueueOfferResult.Failure f) {
        failStage(f.cause());
      } else {
        completeStage();
      }
    }

    private T poll() {
      T e = queue.poll();
      if (e != null) {
        count.decrementAndGet();
      }
      return e;
    }

    @Override
    public void onPull() {
      T e = poll();
      if (e == null) {
        waiting.set(true);
        e = poll();
        if (e != null) {
          waiting.set(false);
        }
      }
      if (e != null) {
        push(out, e);
      } else if (closed != null) {
        finish();
      }
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      closed = QueueOfferResult.queueClosed();
      completeStage();
    }

    @Override
    public void postStop() {
      if (closed == null) {
        closed = QueueOfferResult.queueClosed();
      }
      queue.clear();
      count.set(0);
    }
  }
}
