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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source fed through a {@link BoundedSourceQueue} whose offers answer at once. Internal API.
 *
 * <p>Producers claim a slot of a bounded ring ({@link Ring}; above {@link Ring#MAX_CAPACITY}
 * elements a linked queue whose count is claimed by CAS instead, so that a huge bound allocates
 * nothing up front) so that the bound holds under contention, publish their element into it, and
 * wake the stage by an async callback only when the stage said it is waiting ({@code waiting} flipped true by the stage, false by the one producer that wins the
 * CAS). After raising the flag the stage polls once more, so an element added between its last
 * poll and the flag is never stranded; a surplus wake-up is harmless.
 *
 * <p>A wake-up costs the producer an unpark and the stage a trip through the dispatcher, far more
 * than an element: a stage that drains faster than its producers offer would otherwise pay one
 * per element or so. So while elements are flowing, a stage that finds the queue empty spins
 * briefly ({@link #SPINS} polls with a spin-wait hint, a few microseconds at most) before it
 * declares itself waiting; an idle queue (the first poll after a wake-up finds nothing) parks at
 * once.
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

  /** Empty polls a flowing stage makes before it waits for a wake-up. */
  static final int SPINS = 256;

  /** The bounded buffer between the offering threads and the stage. */
  interface Buffer {
    /** Adds {@code e} unless the buffer is full; any thread. */
    boolean offer(Object e);

    /** The oldest element, or null when there is none (yet); the stage's thread only. */
    Object poll();

    /** How many elements wait (a snapshot). */
    int size();
  }

  /** A linked buffer for large bounds: a count claimed by CAS, then a lock-free queue. */
  static final class LinkedBuffer implements Buffer {
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int capacity;

    LinkedBuffer(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public boolean offer(Object e) {
      int n;
      do {
        n = count.get();
        if (n >= capacity) {
          return false;
        }
      } while (!count.compareAndSet(n, n + 1));
      queue.add(e);
      return true;
    }

    @Override
    public Object poll() {
      Object e = queue.poll();
      if (e != null) {
        count.decrementAndGet();
      }
      return e;
    }

    @Override
    public int size() {
      return count.get();
    }
  }

  /** Keeps the producers' index off the cache line of whatever precedes the ring's fields. */
  abstract static class RingPadBefore {
    long p01, p02, p03, p04, p05, p06, p07, p08;
  }

  /** Written by producers. */
  abstract static class RingProducerSide extends RingPadBefore {
    volatile long producerIndex;
    /**
     * The consumer index plus the capacity as a producer last saw it: claims below it need no
     * read of the consumer's index (its cache line stays with the consumer).
     */
    volatile long producerLimit;
  }

  /** Keeps the two sides' indices on different cache lines. */
  abstract static class RingPadBetween extends RingProducerSide {
    long p11, p12, p13, p14, p15, p16, p17, p18;
  }

  /** Written by the consumer. */
  abstract static class RingConsumerSide extends RingPadBetween {
    volatile long consumerIndex;
  }

  /** Keeps the consumer's index off the cache line of the fields after it. */
  abstract static class RingPadAfter extends RingConsumerSide {
    long p21, p22, p23, p24, p25, p26, p27, p28;
  }

  /**
   * A bounded multi-producer single-consumer ring holding at most {@code capacity} elements (the
   * array is the next power of two). A producer claims an index by CAS on the producer index, after
   * checking that the ring has room (against a cached limit, re-reading the consumer index only
   * when the limit is reached), then publishes its element with a release store into the slot;
   * the consumer reads the slot with an acquire load, clears it and moves the consumer index on
   * with a release store, which is what tells producers the slot is free. The two indices sit on
   * separate cache lines, no node is allocated and the consumer needs no CAS (the idea of JCTools'
   * MpscArrayQueue). A slot claimed but not yet published reads as empty: the producer checks the
   * stage's {@code waiting} flag after publishing, so the element is never stranded.
   */
  static final class Ring extends RingPadAfter implements Buffer {
    /** The largest bound served by a ring (its array is allocated at once). */
    static final int MAX_CAPACITY = 1 << 16;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle PRODUCER_LIMIT;
    private static final VarHandle CONSUMER_INDEX;

    static {
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        PRODUCER_INDEX = l.findVarHandle(RingProducerSide.class, "producerIndex", long.class);
        PRODUCER_LIMIT = l.findVarHandle(RingProducerSide.class, "producerLimit", long.class);
        CONSUMER_INDEX = l.findVarHandle(RingConsumerSide.class, "consumerIndex", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final Object[] slots;
    private final int mask;
    private final int capacity;

    Ring(int capacity) {
      int len = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
      this.slots = new Object[Math.max(2, len)];
      this.mask = slots.length - 1;
      this.capacity = capacity;
      PRODUCER_LIMIT.setRelease(this, (long) capacity);
    }

    @Override
    public boolean offer(Object e) {
      long p;
      do {
        p = (long) PRODUCER_INDEX.getVolatile(this);
        if (p >= (long) PRODUCER_LIMIT.getVolatile(this)) {
          long limit = (long) CONSUMER_INDEX.getAcquire(this) + capacity;
          if (p >= limit) {
            return false;
          }
          PRODUCER_LIMIT.setRelease(this, limit); // racing producers may lower it: harmless
        }
      } while (!PRODUCER_INDEX.compareAndSet(this, p, p + 1));
      SLOT.setRelease(slots, (int) (p & mask), e); // publish: the consumer's acquire sees it
      return true;
    }

    @Override
    public Object poll() {
      long c = (long) CONSUMER_INDEX.getOpaque(this); // only this thread writes it
      int i = (int) (c & mask);
      Object e = SLOT.getAcquire(slots, i);
      if (e == null) {
        return null; // empty, or claimed and not yet published
      }
      SLOT.setOpaque(slots, i, null);
      CONSUMER_INDEX.setRelease(this, c + 1); // frees the slot for producers
      return e;
    }

    @Override
    public int size() {
      long c = (long) CONSUMER_INDEX.getVolatile(this);
      long p = (long) PRODUCER_INDEX.getVolatile(this);
      return (int) Math.max(0, p - c);
    }
  }

  private final class Logic extends GraphStageLogic implements OutHandler {
    private final Buffer queue =
        bufferSize <= Ring.MAX_CAPACITY ? new Ring(bufferSize) : new LinkedBuffer(bufferSize);
    private final AtomicBoolean waiting = new AtomicBoolean();
    private final AsyncCallback<Object> commands = getAsyncCallback(this::onCommand);
    /** Non-null once offers are refused: what they are answered. */
    private volatile QueueOfferResult closed;
    /** Elements were emitted since the stage last waited: spinning is likely to pay. */
    private boolean flowing;

    final BoundedSourceQueue<T> handle =
        new BoundedSourceQueue<>() {
          @Override
          public QueueOfferResult offer(T element) {
            Objects.requireNonNull(element, "element");
            QueueOfferResult c = closed;
            if (c != null) {
              return c;
            }
            if (!queue.offer(element)) {
              return QueueOfferResult.dropped();
            }
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
            return queue.size();
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
      } else if (closed != null && queue.size() == 0) {
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

    @SuppressWarnings("unchecked")
    private T poll() {
      return (T) queue.poll();
    }

    @Override
    public void onPull() {
      T e = poll();
      if (e == null && flowing) {
        for (int i = 0; i < SPINS && e == null && closed == null; i++) {
          Thread.onSpinWait();
          e = poll();
        }
      }
      if (e == null) {
        flowing = false;
        waiting.set(true);
        e = poll();
        if (e != null) {
          waiting.set(false);
        }
      }
      if (e != null) {
        flowing = true;
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
      while (queue.poll() != null) {
        // drop what is left
      }
    }
  }
}
