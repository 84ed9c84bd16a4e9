package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.PartitionHub.ConsumerInfo;
import io.troupe.stream.SinkShape;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStage;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongBiFunction;

/**
 * The stages behind {@code PartitionHub}: a hub sink that routes each element into the queue of
 * one consumer, and the consumer sources, each running in a stream of its own. Internal API.
 *
 * <pre>
 *              upstream
 *                 |
 *            [hub sink] -- partitioner(info, elem) --> consumer id
 *          /      |      \
 *     queue 0  queue 1  queue 2      (lock-free, one per consumer; `buffered` counts them all)
 *        |        |        |
 *  [consumer] [consumer] [consumer]  (each polls its own queue directly)
 * </pre>
 *
 * Elements go through the queues without a message per element: the hub offers into a consumer's
 * queue and wakes the consumer by async callback only if it said it waits ({@link
 * Consumer#needsWakeup}); a consumer polls its queue on each pull and wakes the hub only if the hub
 * said it waits for room ({@code hubWaiting}) and the buffer has drained to half. Each side sets
 * its flag before looking a last time, and the other side changes the state before reading the
 * flag, so no wake-up is lost (the flags and the queue are volatile/CAS, hence totally ordered).
 * Registration, unregistration and termination are rare and go through {@link Shared}, under its
 * lock.
 */
public final class PartitionHubStage<T>
    extends GraphStageWithMaterializedValue<SinkShape<T>, Source<T, NotUsed>> {
  private final Inlet<T> in = Inlet.create("PartitionHub.in");
  private final SinkShape<T> shape = SinkShape.of(in);
  private final Supplier<ToLongBiFunction<ConsumerInfo, T>> partitioner;
  private final int startAfterNrOfConsumers;
  private final int bufferSize;

  /** The stage; the arguments are checked by the DSL. */
  public PartitionHubStage(
      Supplier<ToLongBiFunction<ConsumerInfo, T>> partitioner, int startAfterNrOfConsumers, int bufferSize) {
    this.partitioner = partitioner;
    this.startAfterNrOfConsumers = startAfterNrOfConsumers;
    this.bufferSize = bufferSize;
  }

  @Override
  public SinkShape<T> shape() {
    return shape;
  }

  @Override
  protected Attributes initialAttributes() {
    return Attributes.name("partitionHub");
  }

  @Override
  public Pair<GraphStageLogic, Source<T, NotUsed>> createLogicAndMaterializedValuePair(Attributes attrs) {
    Shared st = new Shared(bufferSize);
    return Pair.create(new HubLogic(st), Source.fromGraph(new ConsumerSource<T>(st)));
  }

  // ---------------------------------------------------------------- shared state

  /** The end of a consumer's queue: it completes after the elements before it. */
  private static final Object COMPLETED = new Object();

  /** Wakes a consumer or the hub; carries nothing. */
  private static final Object WAKEUP = new Object();

  private record Register(Consumer consumer) {}

  private record Unregister(Consumer consumer) {}

  /** The hub is done for a consumer: completed (null) or failed. */
  private record Finished(Throwable failure) {}

  /** One consumer: its queue, shared by the hub (offers) and the consumer (polls). */
  private static final class Consumer {
    private static final VarHandle NEEDS_WAKEUP;
    private static final VarHandle TAKEN;

    static {
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        NEEDS_WAKEUP = l.findVarHandle(Consumer.class, "needsWakeup", boolean.class);
        TAKEN = l.findVarHandle(Consumer.class, "taken", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final long id;
    final AsyncCallback<Object> control;
    final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    /** Written by the consumer before it looks at its queue a last time; CASed off by the hub. */
    @SuppressWarnings("unused")
    private volatile boolean needsWakeup;
    /** Elements the consumer took; written by the consumer only (release), read by the hub. */
    @SuppressWarnings("unused")
    private volatile long taken;
    /** Elements the hub routed to this consumer; hub only. */
    long routed;

    Consumer(long id, AsyncCallback<Object> control) {
      this.id = id;
      this.control = control;
    }

    void waitForElements() {
      NEEDS_WAKEUP.setVolatile(this, true);
    }

    void gotElement() {
      NEEDS_WAKEUP.setOpaque(this, false);
    }

    /** Hub: wakes the consumer if it waits; at most one wake-up per wait. */
    void wakeIfWaiting() {
      if ((boolean) NEEDS_WAKEUP.getVolatile(this) && NEEDS_WAKEUP.compareAndSet(this, true, false)) {
        control.invoke(WAKEUP);
      }
    }

    void tookOne() {
      TAKEN.setRelease(this, (long) TAKEN.getOpaque(this) + 1);
    }

    int queueSize() {
      return (int) Math.max(0, routed - (long) TAKEN.getAcquire(this));
    }
  }

  /** What a hub and its consumers share. */
  private static final class Shared {
    final AtomicLong ids = new AtomicLong();
    /** Elements in the consumers' queues (completion markers not counted). */
    final AtomicInteger buffered = new AtomicInteger();
    /** The hub waits for the buffer to drain to {@code lowWater}. */
    final AtomicBoolean hubWaiting = new AtomicBoolean();
    final int lowWater;
    volatile AsyncCallback<Object> hubWakeup;

    // guarded by this
    private AsyncCallback<Object> hub;
    private List<Object> held = new ArrayList<>(4);
    private final Set<Consumer> unaccepted = new HashSet<>();
    private boolean terminated;
    private Throwable failure;

    Shared(int bufferSize) {
      this.lowWater = bufferSize / 2;
    }

    /** Consumer: wakes the hub after taking an element, if it waits and there is room. */
    void tookOne() {
      int now = buffered.decrementAndGet();
      if (now <= lowWater && hubWaiting.get() && hubWaiting.compareAndSet(true, false)) {
        hubWakeup.invoke(WAKEUP);
      }
    }

    private void send(Object command) {
      if (hub == null) {
        held.add(command);
      } else {
        hub.invoke(command);
      }
    }

    /** Hub: commands sent before it started are delivered now. */
    synchronized void attach(AsyncCallback<Object> h) {
      hub = h;
      for (Object c : held) {
        h.invoke(c);
      }
      held = null;
    }

    /** Consumer: joins the hub, or learns how it ended if it has. */
    synchronized Finished register(Consumer c) {
      if (terminated) {
        return new Finished(failure);
      }
      unaccepted.add(c);
      send(new Register(c));
      return null;
    }

    /** Consumer: leaves the hub. */
    synchronized void unregister(Consumer c) {
      if (!terminated) {
        send(new Unregister(c));
      }
    }

    /** Hub: takes in a registered consumer; false if it already left or the hub ended. */
    synchronized boolean accept(Consumer c) {
      return unaccepted.remove(c);
    }

    synchronized boolean isTerminated() {
      return terminated;
    }

    /** Hub: ends for consumers not taken in yet and for those that come later. */
    synchronized void terminate(Throwable failure) {
      if (terminated) {
        return;
      }
      terminated = true;
      this.failure = failure;
      for (Consumer c : unaccepted) {
        c.control.invoke(new Finished(failure));
      }
      unaccepted.clear();
    }
  }

  // ---------------------------------------------------------------- the hub

  private final class HubLogic extends GraphStageLogic implements InHandler, ConsumerInfo {
    private final Shared st;
    /** Current consumers, ascending by id. */
    private final ArrayList<Consumer> consumers = new ArrayList<>();
    /** Elements taken from upstream while there was no consumer to route them to. */
    private final ArrayDeque<T> pending = new ArrayDeque<>();
    private ToLongBiFunction<ConsumerInfo, T> route;
    private boolean initialized;
    private boolean upstreamDone;
    private boolean ended;

    @SuppressWarnings("this-escape")
    HubLogic(Shared st) {
      super(shape);
      this.st = st;
      setHandler(in, this);
      st.hubWakeup = getAsyncCallback(x -> pullIfRoom());
    }

    @Override
    public void preStart() {
      setKeepGoing(true);
      route = partitioner.get();
      initialized = startAfterNrOfConsumers == 0;
      st.attach(getAsyncCallback(this::onCommand));
      pullIfRoom();
    }

    // ---- upstream

    @Override
    public void onPush() {
      T element = grab(in);
      if (initialized && !consumers.isEmpty()) {
        if (!routeOrFail(element)) {
          return;
        }
      } else {
        pending.add(element);
      }
      pullIfRoom();
    }

    @Override
    public void onUpstreamFinish() {
      upstreamDone = true;
      completeIfDone();
    }

    @Override
    public void onUpstreamFailure(Throwable ex) {
      upstreamDone = true;
      fail(ex);
    }

    private void pullIfRoom() {
      if (!initialized || ended || isClosed(in) || hasBeenPulled(in)) {
        return;
      }
      if (st.buffered.get() + pending.size() < bufferSize) {
        pull(in);
        return;
      }
      st.hubWaiting.set(true);
      // a consumer may have taken elements before the flag was up: look again
      if (st.buffered.get() + pending.size() <= st.lowWater && st.hubWaiting.compareAndSet(true, false)) {
        pull(in);
      }
    }

    // ---- routing

    /** Routes {@code element}; false if that failed the hub. */
    private boolean routeOrFail(T element) {
      try {
        long id = route.applyAsLong(this, element);
        if (id < 0) {
          return true; // dropped on purpose
        }
        Consumer c = find(id);
        if (c == null) {
          throw new IllegalArgumentException(
              "PartitionHub: the partitioner returned consumer id " + id + " for element " + element
                  + ", which is not a current consumer " + getConsumerIds());
        }
        c.routed++;
        st.buffered.incrementAndGet();
        c.queue.add(element);
        c.wakeIfWaiting();
        return true;
      } catch (RuntimeException | Error ex) {
        fail(ex);
        return false;
      }
    }

    private Consumer find(long id) {
      int lo = 0;
      int hi = consumers.size() - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long midId = consumers.get(mid).id;
        if (midId < id) {
          lo = mid + 1;
        } else if (midId > id) {
          hi = mid - 1;
        } else {
          return consumers.get(mid);
        }
      }
      return null;
    }

    private void flushPending() {
      while (initialized && !consumers.isEmpty() && !pending.isEmpty() && !ended) {
        routeOrFail(pending.poll());
      }
    }

    // ---- consumers

    private void onCommand(Object command) {
      if (ended) {
        return;
      }
      if (command instanceof Register r) {
        Consumer c = r.consumer();
        if (!st.accept(c)) {
          return;
        }
        int at = consumers.size();
        while (at > 0 && consumers.get(at - 1).id > c.id) {
          at--;
        }
        consumers.add(at, c);
        if (consumers.size() >= startAfterNrOfConsumers) {
          initialized = true;
        }
        flushPending();
        completeIfDone();
        pullIfRoom();
      } else if (command instanceof Unregister u) {
        Consumer c = u.consumer();
        if (!consumers.remove(c)) {
          st.accept(c); // left before it was taken in
          return;
        }
        int dropped = 0;
        for (Object e; (e = c.queue.poll()) != null; ) {
          if (e != COMPLETED) {
            dropped++;
          }
        }
        st.buffered.addAndGet(-dropped);
        pullIfRoom();
      }
    }

    /** After upstream completed: once no element waits for a consumer, complete them all. */
    private void completeIfDone() {
      if (!upstreamDone || ended || !pending.isEmpty()) {
        return;
      }
      ended = true;
      for (Consumer c : consumers) {
        c.queue.add(COMPLETED);
        c.wakeIfWaiting();
      }
      st.terminate(null);
      completeStage();
    }

    private void fail(Throwable ex) {
      if (ended) {
        return;
      }
      ended = true;
      Finished f = new Finished(ex);
      for (Consumer c : consumers) {
        c.control.invoke(f);
      }
      consumers.clear();
      pending.clear();
      st.terminate(ex);
      failStage(ex);
    }

    @Override
    public void postStop() {
      // torn down (materializer shutdown) before the upstream ended: consumers must not hang
      fail(new AbruptStageTerminationException("the PartitionHub was stopped before its upstream completed"));
    }

    // ---- ConsumerInfo, valid while the partitioner runs

    @Override
    public List<Long> getConsumerIds() {
      return new AbstractList<Long>() {
        private final long[] ids = consumers.stream().mapToLong(c -> c.id).toArray();

        @Override
        public Long get(int index) {
          return ids[index];
        }

        @Override
        public int size() {
          return ids.length;
        }
      };
    }

    @Override
    public long consumerIdByIdx(int idx) {
      if (idx < 0 || idx >= consumers.size()) {
        throw new IndexOutOfBoundsException(
            "PartitionHub: no consumer at index " + idx + ", there are " + consumers.size());
      }
      return consumers.get(idx).id;
    }

    @Override
    public int queueSize(long consumerId) {
      Consumer c = find(consumerId);
      if (c == null) {
        throw new IllegalArgumentException(
            "PartitionHub: " + consumerId + " is not a current consumer " + getConsumerIds());
      }
      return c.queueSize();
    }

    @Override
    public int size() {
      return consumers.size();
    }
  }

  // ---------------------------------------------------------------- a consumer

  private static final class ConsumerSource<T> extends GraphStage<SourceShape<T>> {
    private final Outlet<T> out = Outlet.create("PartitionHub.consumer.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final Shared st;

    ConsumerSource(Shared st) {
      this.st = st;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("partitionHubConsumer");
    }

    @Override
    public GraphStageLogic createLogic(Attributes attrs) {
      return new ConsumerLogic();
    }

    private final class ConsumerLogic extends GraphStageLogic implements OutHandler {
      private final Consumer self = new Consumer(st.ids.getAndIncrement(), getAsyncCallback(this::onControl));
      private boolean registered;

      @SuppressWarnings("this-escape")
      ConsumerLogic() {
        super(shape);
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        Finished f = st.register(self);
        if (f != null) {
          end(f.failure());
        } else {
          registered = true;
        }
      }

      @Override
      @SuppressWarnings("unchecked")
      public void onPull() {
        Object e = self.queue.poll();
        if (e == null) {
          self.waitForElements();
          e = self.queue.poll(); // the hub may have offered before it saw the flag
          if (e == null) {
            return;
          }
          self.gotElement();
        }
        if (e == COMPLETED) {
          completeStage();
          return;
        }
        self.tookOne();
        st.tookOne();
        push(out, (T) e);
      }

      private void onControl(Object c) {
        if (c == WAKEUP) {
          if (isAvailable(out)) {
            onPull();
          }
        } else if (c instanceof Finished f) {
          end(f.failure());
        }
      }

      private void end(Throwable failure) {
        if (failure == null) {
          completeStage();
        } else {
          failStage(failure);
        }
      }

      @Override
      public void postStop() {
        if (registered) {
          st.unregister(self);
        }
      }
    }
  }
}
