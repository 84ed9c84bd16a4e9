package io.troupe.stream.internal;

import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The two ends of an async boundary between islands and the bounded buffer between them.
 * Internal API.
 *
 * <p>The upstream end pulls its upstream whenever the ring has room, so demand is effectively
 * requested in batches of the ring's capacity. Each side wakes the other only when the other
 * said it is waiting, and then in batches: the waiting consumer once the ring is half full or at
 * the end of the producer island's turn (so a burst of elements costs one wake-up, not one per
 * element); the waiting producer once three quarters of the ring is free again. (Spinning on an
 * empty ring before waiting was measured: it slows the pipeline down on a busy two-core machine,
 * so the consumer does not spin.) Both wait flags are checked Dekker-style (set the flag, then
 * re-check the indices, all with volatile accesses), so no wake-up is lost.
 */
final class AsyncBoundary {
  private AsyncBoundary() {}

  /** Keeps the producer's index off the cache line of whatever precedes the channel. */
  abstract static class PadBeforeProducer {
    long p01, p02, p03, p04, p05, p06, p07, p08;
  }

  /** Written by the producer only. */
  abstract static class ProducerSide extends PadBeforeProducer {
    volatile long producerIndex;
    /** The consumer's index as the producer last read it; never ahead of the real one. */
    long consumerIndexSeen;
  }

  /** Keeps the two sides' indices on different cache lines. */
  abstract static class PadBetween extends ProducerSide {
    long p11, p12, p13, p14, p15, p16, p17, p18;
  }

  /** Written by the consumer only. */
  abstract static class ConsumerSide extends PadBetween {
    volatile long consumerIndex;
    /** The producer's index as the consumer last read it; never ahead of the real one. */
    long producerIndexSeen;
  }

  /** Keeps the consumer's index off the cache line of the fields after it. */
  abstract static class PadAfterConsumer extends ConsumerSide {
    long p21, p22, p23, p24, p25, p26, p27, p28;
  }

  /**
   * A single-producer single-consumer ring plus completion and wake-up state. Each side caches
   * the other's index and re-reads it only when the ring looks full (producer) or empty
   * (consumer), and the two indices sit on separate cache lines, so the sides do not bounce a
   * cache line between their cores on every element.
   */
  static final class Channel extends PadAfterConsumer {
    private static final VarHandle PRODUCER_WAITING;
    private static final VarHandle CONSUMER_WAITING;

    static {
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        PRODUCER_WAITING = l.findVarHandle(Channel.class, "producerWaiting", int.class);
        CONSUMER_WAITING = l.findVarHandle(Channel.class, "consumerWaiting", int.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final Object[] ring;
    final int mask;
    final int replenishAt;
    volatile boolean done;
    Throwable failure; // written before done
    volatile Throwable cancelled;
    volatile int producerWaiting;
    volatile int consumerWaiting;
    AsyncCallback<Object> wakeConsumer;
    AsyncCallback<Object> wakeProducer;
    AsyncCallback<Throwable> cancelProducer;

    Channel(int capacity) {
      ring = new Object[capacity];
      mask = capacity - 1;
      replenishAt = Math.max(1, capacity - capacity / 4);
    }

    /** Producer side: whether the ring has room for one more element. */
    boolean hasSpace() {
      if (producerIndex - consumerIndexSeen < ring.length) {
        return true;
      }
      consumerIndexSeen = consumerIndex;
      return producerIndex - consumerIndexSeen < ring.length;
    }

    /** Producer side: whether the ring may hold at least half its capacity (an overestimate). */
    boolean halfFull() {
      return producerIndex - consumerIndexSeen >= (ring.length + 1) / 2;
    }

    void offer(Object e) {
      long p = producerIndex;
      ring[(int) p & mask] = e;
      producerIndex = p + 1;
    }

    Object poll() {
      long c = consumerIndex;
      if (c == producerIndexSeen) {
        producerIndexSeen = producerIndex;
        if (c == producerIndexSeen) {
          return null;
        }
      }
      int i = (int) c & mask;
      Object e = ring[i];
      ring[i] = null;
      consumerIndex = c + 1;
      return e;
    }

    boolean clearConsumerWaiting() {
      return consumerWaiting == 1 && (int) CONSUMER_WAITING.getAndSet(this, 0) == 1;
    }

    boolean clearProducerWaiting() {
      return producerWaiting == 1 && (int) PRODUCER_WAITING.getAndSet(this, 0) == 1;
    }
  }

  /** The end in the upstream island: takes elements from upstream into the ring. */
  static final class Upstream extends GraphStageLogic implements InHandler {
    private static final Inlet<Object> IN = Inlet.create("AsyncBoundary.in");
    private static final SinkShape<Object> SHAPE = SinkShape.of(IN);
    private final Channel ch;

    @SuppressWarnings("this-escape")
    Upstream(Channel ch) {
      super(SHAPE);
      this.ch = ch;
      setHandler(IN, this);
      ch.wakeProducer = getAsyncCallback(ignored -> onSpace());
      ch.cancelProducer = getAsyncCallback(cause -> cancelStage(cause));
    }

    @Override
    public void preStart() {
      pull(IN);
    }

    /** At the end of the island's turn: wakes a waiting consumer if elements are in the ring. */
    void flush() {
      if (ch.consumerWaiting == 1
          && ch.producerIndex != ch.consumerIndex
          && ch.clearConsumerWaiting()) {
        ch.wakeConsumer.invoke(null);
      }
    }

    private void onSpace() {
      if (!isClosed(IN) && !hasBeenPulled(IN) && ch.hasSpace()) {
        pull(IN);
      }
    }

    @Override
    public void onPush() {
      ch.offer(grab(IN));
      if (ch.consumerWaiting == 1 && ch.halfFull() && ch.clearConsumerWaiting()) {
        ch.wakeConsumer.invoke(null);
      }
      if (ch.hasSpace()) {
        pull(IN);
      } else {
        ch.producerWaiting = 1;
        if (ch.hasSpace() && ch.clearProducerWaiting()) {
          pull(IN);
        }
      }
    }

    @Override
    public void onUpstreamFinish() {
      ch.done = true;
      if (ch.clearConsumerWaiting()) {
        ch.wakeConsumer.invoke(null);
      }
      completeStage();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      ch.failure = ex;
      ch.done = true;
      if (ch.clearConsumerWaiting()) {
        ch.wakeConsumer.invoke(null);
      }
      completeStage();
    }
  }

  /** The end in the downstream island: hands elements from the ring to downstream. */
  static final class Downstream extends GraphStageLogic implements OutHandler {

    private static final Outlet<Object> OUT = Outlet.create("AsyncBoundary.out");
    private static final SourceShape<Object> SHAPE = SourceShape.of(OUT);
    private final Channel ch;

    @SuppressWarnings("this-escape")
    Downstream(Channel ch) {
      super(SHAPE);
      this.ch = ch;
      setHandler(OUT, this);
      ch.wakeConsumer = getAsyncCallback(ignored -> onData());
    }

    private void onData() {
      if (isAvailable(OUT)) {
        onPull();
      }
    }

    @Override
    public void onPull() {
      Object e = ch.poll();
      if (e != null) {
        deliver(e);
        return;
      }
      if (ch.done) {
        finish();
        return;
      }
      ch.consumerWaiting = 1;
      e = ch.poll();
      if (e != null) {
        ch.consumerWaiting = 0;
        deliver(e);
      } else if (ch.done) {
        ch.consumerWaiting = 0;
        finish();
      }
    }

    private void deliver(Object e) {
      push(OUT, e);
      if (ch.producerWaiting == 1
          && ch.producerIndex - ch.consumerIndex <= ch.ring.length - ch.replenishAt
          && ch.clearProducerWaiting()) {
        ch.wakeProducer.invoke(null);
      }
    }

    private void finish() {
      Object e = ch.poll(); // elements offered before done are visible now
      if (e != null) {
        deliver(e);
        return;
      }
      if (ch.failure != null) {
        failStage(ch.failure);
      } else {
        completeStage();
      }
    }

    @Override
    public void onDownstreamFinish(Throwable cause) {
      ch.cancelled = cause;
      ch.cancelProducer.invoke(cause);
      completeStage();
    }
  }
}
