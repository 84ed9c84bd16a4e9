package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.Sink;
import io.troupe.stream.SinkShape;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The stages behind {@code MergeHub} and {@code BroadcastHub}: a hub stage in one stream and
 * any number of client stages in other streams, talking by async callbacks and a shared queue.
 * Internal API.
 */
public final class Hubs {
  private Hubs() {}

  /** Commands to a stage that may not have started yet: held until it attaches. */
  private static final class Mailbox {
    private AsyncCallback<Object> target;
    private List<Object> pending = new ArrayList<>(4);

    synchronized void send(Object command) {
      if (target == null) {
        pending.add(command);
      } else {
        target.invoke(command);
      }
    }

    synchronized void attach(AsyncCallback<Object> t) {
      target = t;
      for (Object c : pending) {
        t.invoke(c);
      }
      pending = null;
    }
  }

  // ================================================================== MergeHub

  private record Item(Producer producer, Object element) {}

  /** What the hub knows of one producer, shared with the producer's sink stage. */
  private static final class Producer {
    final AsyncCallback<Object> control;

    Producer(AsyncCallback<Object> control) {
      this.control = control;
    }
  }

  private static final Object CLOSE = new Object();

  /** State shared by a merge hub and its producers. */
  private static final class MergeState {
    final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean hubWaiting = new AtomicBoolean();
    final Map<Producer, Boolean> producers = new ConcurrentHashMap<>();
    volatile boolean closed;
    volatile AsyncCallback<NotUsed> wakeup;
    final int perProducerBufferSize;

    MergeState(int perProducerBufferSize) {
      this.perProducerBufferSize = perProducerBufferSize;
    }

    void offered() {
      if (hubWaiting.get() && hubWaiting.compareAndSet(true, false)) {
        wakeup.invoke(NotUsed.INSTANCE);
      }
    }
  }

  /** The source side of a merge hub; materializes the sink that producers run into it. */
  public static final class MergeHubSource<T> extends GraphStageWithMaterializedValue<SourceShape<T>, Sink<T, NotUsed>> {
    private final Outlet<T> out = Outlet.create("MergeHub.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final int perProducerBufferSize;

    /** The stage; {@code perProducerBufferSize} is checked by the DSL. */
    public MergeHubSource(int perProducerBufferSize) {
      this.perProducerBufferSize = perProducerBufferSize;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("mergeHub");
    }

    @Override
    public Pair<GraphStageLogic, Sink<T, NotUsed>> createLogicAndMaterializedValuePair(Attributes attrs) {
      MergeState st = new MergeState(perProducerBufferSize);
      return Pair.create(new Logic(st), Sink.fromGraph(new ProducerSink<T>(st)));
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final MergeState st;
      private final int ackBatch;
      private final Map<Producer, Integer> unacked = new HashMap<>();

      @SuppressWarnings("this-escape")
      Logic(MergeState st) {
        super(shape);
        this.st = st;
        this.ackBatch = Math.max(1, st.perProducerBufferSize / 2);
        setHandler(out, this);
        st.wakeup = getAsyncCallback(x -> onWakeup());
      }

      @Override
      public void onPull() {
        Item item = local.isEmpty() ? st.queue.poll() : local.poll();
        if (item != null) {
          emitItem(item);
          return;
        }
        st.hubWaiting.set(true);
        // an offer may have come between the poll and the flag: look again
        item = st.queue.poll();
        if (item != null && st.hubWaiting.compareAndSet(true, false)) {
          emitItem(item);
        } else if (item != null) {
          // a wakeup is on its way; it finds this element first
          pushBack(item);
        }
      }

      private final ArrayDeque<Item> local = new ArrayDeque<>(1);

      private void pushBack(Item item) {
        local.add(item);
      }

      private void onWakeup() {
        if (!isAvailable(out)) {
          return;
        }
        Item item = local.isEmpty() ? st.queue.poll() : local.poll();
        if (item != null) {
          emitItem(item);
        } else {
          onPull();
        }
      }

      @SuppressWarnings("unchecked")
      private void emitItem(Item item) {
        push(out, (T) item.element());
        int n = unacked.merge(item.producer(), 1, Integer::sum);
        if (n >= ackBatch) {
          unacked.remove(item.producer());
          item.producer().control.invoke(n);
        }
      }

      @Override
      public void postStop() {
        st.closed = true;
        for (Producer p : st.producers.keySet()) {
          p.control.invoke(CLOSE);
        }
      }
    }
  }

  /** A producer's sink into a merge hub: it pulls while it has credit in the hub. */
  private static final class ProducerSink<T> extends GraphStage<SinkShape<T>> {
    private final Inlet<T> in = Inlet.create("MergeHub.producer.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final MergeState st;

    ProducerSink(MergeState st) {
      this.st = st;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("mergeHubProducer");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private int credit = st.perProducerBufferSize;
        private final Producer self = new Producer(getAsyncCallback(this::onControl));

        {
          setHandler(
              in,
              new InHandler() {
                @Override
                public void onPush() {
                  credit--;
                  st.queue.add(new Item(self, grab(in)));
                  st.offered();
                  if (credit > 0) {
                    pull(in);
                  }
                }

                @Override
                public void onUpstreamFailure(Throwable ex) {
                  // a failing producer leaves the hub and the other producers running
                  failStage(ex);
                }
              });
        }

        @Override
        public void preStart() {
          st.producers.put(self, Boolean.TRUE);
          if (st.closed) {
            cancelStage(noMoreElementsNeeded());
            return;
          }
          pull(in);
        }

        private void onControl(Object c) {
          if (c == CLOSE) {
            cancelStage(noMoreElementsNeeded());
            return;
          }
          credit += (Integer) c;
          if (credit > 0) {
            tryPull(in);
          }
        }

        @Override
        public void postStop() {
          st.producers.remove(self);
        }
      };
    }
  }

  // ================================================================== BroadcastHub

  private record Register(Consumer consumer) {}

  private record Demand(Consumer consumer) {}

  private record Unregister(Consumer consumer) {}

  private record Batch(List<Object> elements) {}

  private record Finished(Throwable failure) {}

  /** A consumer as the hub sees it. */
  private static final class Consumer {
    final AsyncCallback<Object> control;
    long offset;
    boolean waiting;

    Consumer(AsyncCallback<Object> control) {
      this.control = control;
    }
  }

  /** State shared by a broadcast hub and its consumers. */
  private static final class BroadcastState {
    final Mailbox hub = new Mailbox();
    private final java.util.Set<Consumer> open = new java.util.HashSet<>();
    private boolean terminated;
    private Throwable failure;

    /** Registers {@code c}, or answers how the hub ended if it already has. */
    synchronized Finished register(Consumer c) {
      if (terminated) {
        return new Finished(failure);
      }
      open.add(c);
      hub.send(new Register(c));
      return null;
    }

    /** Tells {@code c} the hub is done for it. */
    synchronized void finish(Consumer c, Throwable failure) {
      if (open.remove(c)) {
        c.control.invoke(new Finished(failure));
      }
    }

    synchronized void forget(Consumer c) {
      open.remove(c);
    }

    /** Ends the hub: later consumers end at once; registered ones still open end now. */
    synchronized void terminate(Throwable failure) {
      if (terminated) {
        return;
      }
      terminated = true;
      this.failure = failure;
      for (Consumer c : open) {
        c.control.invoke(new Finished(failure));
      }
      open.clear();
    }
  }

  /** The sink side of a broadcast hub; materializes the source that consumers run from it. */
  public static final class BroadcastHubSink<T> extends GraphStageWithMaterializedValue<SinkShape<T>, Source<T, NotUsed>> {
    private final Inlet<T> in = Inlet.create("BroadcastHub.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final int bufferSize;

    /** The stage; {@code bufferSize} is checked by the DSL. */
    public BroadcastHubSink(int bufferSize) {
      this.bufferSize = bufferSize;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("broadcastHub");
    }

    @Override
    public Pair<GraphStageLogic, Source<T, NotUsed>> createLogicAndMaterializedValuePair(Attributes attrs) {
      BroadcastState st = new BroadcastState();
      return Pair.create(new Logic(st), Source.fromGraph(new ConsumerSource<T>(st)));
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      private final BroadcastState st;
      private final Object[] ring = new Object[bufferSize];
      /** Sequence number of the oldest element kept, and of the next element to arrive. */
      private long head;
      private long tail;
      private final List<Consumer> consumers = new ArrayList<>();
      private boolean upstreamDone;
      private Throwable upstreamFailure;

      @SuppressWarnings("this-escape")
      Logic(BroadcastState st) {
        super(shape);
        this.st = st;
        setHandler(in, this);
      }

      @Override
      public void preStart() {
        setKeepGoing(true);
        st.hub.attach(getAsyncCallback(this::onCommand));
        pull(in);
      }

      @Override
      public void onPush() {
        ring[(int) (tail % bufferSize)] = grab(in);
        tail++;
        for (Consumer c : consumers) {
          if (c.waiting) {
            deliver(c);
          }
        }
        advanceHead();
      }

      @Override
      public void onUpstreamFinish() {
        upstreamDone = true;
        for (Consumer c : new ArrayList<>(consumers)) {
          if (c.offset == tail) {
            finish(c);
          }
        }
        maybeStop();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        upstreamDone = true;
        upstreamFailure = ex;
        consumers.clear();
        st.terminate(ex);
        failStage(ex);
      }

      private void onCommand(Object cmd) {
        if (cmd instanceof Register r) {
          Consumer c = r.consumer();
          c.offset = head;
          consumers.add(c);
          if (upstreamDone && c.offset == tail) {
            finish(c);
            maybeStop();
          }
        } else if (cmd instanceof Demand d) {
          Consumer c = d.consumer();
          if (!consumers.contains(c)) {
            return;
          }
          if (c.offset < tail) {
            deliver(c);
            advanceHead();
            maybeStop();
          } else if (upstreamDone) {
            finish(c);
            maybeStop();
          } else {
            c.waiting = true;
          }
        } else if (cmd instanceof Unregister u) {
          st.forget(u.consumer());
          if (consumers.remove(u.consumer())) {
            advanceHead();
            maybeStop();
          }
        }
      }

      private void deliver(Consumer c) {
        int n = (int) (tail - c.offset);
        List<Object> batch = new ArrayList<>(n);
        for (long s = c.offset; s < tail; s++) {
          batch.add(ring[(int) (s % bufferSize)]);
        }
        c.offset = tail;
        c.waiting = false;
        c.control.invoke(new Batch(batch));
        if (upstreamDone) {
          finish(c);
        }
      }

      private void finish(Consumer c) {
        consumers.remove(c);
        st.finish(c, upstreamFailure);
      }

      /** Frees what every consumer has received; pulls again when there is room. */
      private void advanceHead() {
        if (!consumers.isEmpty()) {
          long min = Long.MAX_VALUE;
          for (Consumer c : consumers) {
            min = Math.min(min, c.offset);
          }
          for (long s = head; s < min; s++) {
            ring[(int) (s % bufferSize)] = null;
          }
          head = min;
        }
        if (!upstreamDone && tail - head < bufferSize) {
          tryPull(in);
        }
      }

      private void maybeStop() {
        if (upstreamDone && consumers.isEmpty()) {
          st.terminate(upstreamFailure);
          completeStage();
        }
      }

      @Override
      public void postStop() {
        // torn down (e.g. materializer shutdown) while consumers still read: fail them
        consumers.clear();
        st.terminate(
            upstreamFailure != null || upstreamDone
                ? upstreamFailure
                : new io.troupe.stream.AbruptStageTerminationException(
                    "the BroadcastHub was stopped before its upstream completed"));
      }
    }
  }

  /** A consumer's source from a broadcast hub. */
  private static final class ConsumerSource<T> extends GraphStage<SourceShape<T>> {
    private final Outlet<T> out = Outlet.create("BroadcastHub.consumer.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final BroadcastState st;

    ConsumerSource(BroadcastState st) {
      this.st = st;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("broadcastHubConsumer");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new GraphStageLogic(shape) {
        private final ArrayDeque<Object> local = new ArrayDeque<>();
        private final Consumer self = new Consumer(getAsyncCallback(this::onControl));
        private boolean asked;
        private Finished finished;
        private boolean registered;

        {
          setHandler(
              out,
              new OutHandler() {
                @Override
                public void onPull() {
                  drain();
                }

                @Override
                public void onDownstreamFinish(Throwable cause) {
                  if (registered && finished == null) {
                    st.hub.send(new Unregister(self));
                  }
                  cancelStage(cause);
                }
              });
        }

        @Override
        public void preStart() {
          Finished f = st.register(self);
          if (f != null) {
            end(f);
            return;
          }
          registered = true;
        }

        @SuppressWarnings("unchecked")
        private void drain() {
          if (!isAvailable(out)) {
            return;
          }
          if (!local.isEmpty()) {
            push(out, (T) local.poll());
          }
          if (local.isEmpty()) {
            if (finished != null) {
              end(finished);
            } else if (!asked && isAvailable(out)) {
              asked = true;
              st.hub.send(new Demand(self));
            }
          }
        }

        private void onControl(Object c) {
          if (c instanceof Batch b) {
            asked = false;
            local.addAll(b.elements());
            drain();
          } else if (c instanceof Finished f) {
            finished = f;
            if (f.failure() != null) {
              end(f);
            } else if (local.isEmpty()) {
              end(f);
            }
          }
        }

        private void end(Finished f) {
          if (f.failure() != null) {
            failStage(f.failure());
          } else {
            completeStage();
          }
        }
      };
    }
  }

}
