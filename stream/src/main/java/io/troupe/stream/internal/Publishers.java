package io.troupe.stream.internal;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Keep;
import io.troupe.stream.Outlet;
import io.troupe.stream.RunnableGraph;
import io.troupe.stream.Sink;
import io.troupe.stream.SinkShape;
import io.troupe.stream.Source;
import io.troupe.stream.SourceShape;
import io.troupe.stream.StreamDetachedException;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bridges between streams and {@link java.util.concurrent.Flow}: a sink that is a publisher,
 * a sink that feeds a subscriber, a source that is a subscriber, a source that subscribes to a
 * publisher, and a flow run as a processor. Internal API.
 *
 * <p>Every signal to a subscriber is made from the stage's island, one at a time; requests and
 * cancellations from subscribers travel to the island through async callbacks, so a subscriber
 * that requests from inside {@code onNext} causes no recursion (rule 3.3).
 */
public final class Publishers {
  private Publishers() {}

  private static final Flow.Subscription NO_OP_SUBSCRIPTION =
      new Flow.Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      };

  private static void requireElement(Object o, String what) {
    if (o == null) {
      throw new NullPointerException(what + " must not be null (Reactive Streams rule 2.13)");
    }
  }

  // ------------------------------------------------------------------ Sink.asPublisher

  /*
   * How the publisher sink hands out elements. Elements pulled from upstream go into a ring of
   * `capacity` slots, numbered by an ever-growing sequence: `head` is the oldest element some
   * subscriber still has to receive, `tail` the number of the next element to arrive. Each
   * subscription keeps a cursor (the next element it receives) and its outstanding demand, and
   * receives elements as soon as it has both. Upstream is pulled while the ring has room and at
   * least one subscriber has demand that the buffered elements do not cover, so the fastest
   * subscriber may run at most `capacity` elements ahead of the slowest one. Without fan-out the
   * capacity is 1 and the only subscriber's demand decides every pull, so nothing is buffered.
   *
   * A subscriber that arrives later starts at `tail`: it sees the elements that arrive after it
   * subscribed. After upstream completed, each subscriber drains what is buffered for it and
   * then gets onComplete; the stage keeps going until the last one drained. Upstream failure is
   * signalled at once (rule 1.4 lets a publisher fail without delivering what it buffered).
   */

  /** A sink that materializes a publisher of the stream's elements. */
  public static final class PublisherSink<T>
      extends GraphStageWithMaterializedValue<SinkShape<T>, Flow.Publisher<T>> {
    private final Inlet<T> in = Inlet.create("publisherSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final boolean fanout;

    /** The stage; with {@code fanout} the publisher serves any number of subscribers. */
    public PublisherSink(boolean fanout) {
      this.fanout = fanout;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name("publisherSink");
    }

    @Override
    public Pair<GraphStageLogic, Flow.Publisher<T>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      int capacity =
          fanout
              ? attrs.get(Attributes.InputBuffer.class).map(Attributes.InputBuffer::max).orElse(16)
              : 1;
      Logic logic = new Logic(Math.max(1, capacity));
      return Pair.create(logic, logic.publisher);
    }

    private record Demand(Object sub, long n) {}

    private final class Sub implements Flow.Subscription {
      final Flow.Subscriber<? super T> subscriber;
      final Logic logic;
      long demand;
      long cursor;
      boolean cancelled;

      Sub(Flow.Subscriber<? super T> subscriber, Logic logic) {
        this.subscriber = subscriber;
        this.logic = logic;
      }

      @Override
      public void request(long n) {
        logic.requests.invoke(new Demand(this, n));
      }

      @Override
      public void cancel() {
        logic.cancels.invoke(this);
      }
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      /** Set before the stage stops, with {@link #completed}; late subscribers get it directly. */
      volatile Throwable terminal;

      volatile boolean completed;
      volatile boolean hadSubscriber;
      final AsyncCallback<Flow.Subscriber<? super T>> subscribes =
          getAsyncCallback(this::onSubscribe);
      final AsyncCallback<Demand> requests = getAsyncCallback(this::onRequest);
      final AsyncCallback<Sub> cancels = getAsyncCallback(this::onCancel);
      private final List<Sub> subs = new ArrayList<>();
      private final Object[] ring;
      private final int capacity;
      private final int mask;
      private long head;
      private long tail;
      private boolean upstreamFinished;

      final Flow.Publisher<T> publisher =
          subscriber -> {
            requireElement(subscriber, "subscriber");
            if (completed || terminal != null) {
              signalTerminal(subscriber);
              return;
            }
            subscribes
                .invokeWithFeedback(subscriber)
                .whenComplete(
                    (d, ex) -> {
                      if (ex instanceof StreamDetachedException) {
                        signalTerminal(subscriber);
                      }
                    });
          };

      @SuppressWarnings("this-escape")
      Logic(int capacity) {
        super(shape);
        this.capacity = capacity;
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.ring = new Object[Math.max(1, size)];
        this.mask = ring.length - 1;
        setHandler(in, this);
      }

      /** Called outside the island for a subscriber that arrives after the stage stopped. */
      private void signalTerminal(Flow.Subscriber<? super T> subscriber) {
        if (!fanout && hadSubscriber) {
          rejectSecond(subscriber);
          return;
        }
        subscriber.onSubscribe(NO_OP_SUBSCRIPTION);
        Throwable t = terminal;
        if (t == null) {
          subscriber.onComplete();
        } else {
          subscriber.onError(t);
        }
      }

      private void rejectSecond(Flow.Subscriber<? super T> subscriber) {
        subscriber.onSubscribe(NO_OP_SUBSCRIPTION);
        subscriber.onError(
            new IllegalStateException(
                "this publisher supports only one subscriber (Sink.asPublisher(WITHOUT_FANOUT));"
                    + " use AsPublisher.WITH_FANOUT for more"));
      }

      private void onSubscribe(Flow.Subscriber<? super T> subscriber) {
        if (!fanout && hadSubscriber) {
          rejectSecond(subscriber);
          return;
        }
        if (completed) {
          signalTerminal(subscriber);
          return;
        }
        hadSubscriber = true;
        Sub s = new Sub(subscriber, this);
        s.cursor = tail;
        subs.add(s);
        try {
          subscriber.onSubscribe(s);
        } catch (RuntimeException e) {
          // Rule 2.13: a subscriber that throws is treated as having cancelled.
          drop(s);
        }
        afterChange();
      }

      private void onRequest(Demand d) {
        @SuppressWarnings("unchecked")
        Sub s = (Sub) d.sub();
        if (s.cancelled) {
          return; // rule 3.6
        }
        if (d.n() <= 0L) {
          drop(s);
          s.subscriber.onError(
              new IllegalArgumentException(
                  "Reactive Streams rule 3.9: request must be positive, was " + d.n()));
        } else {
          s.demand = s.demand + d.n() < 0 ? Long.MAX_VALUE : s.demand + d.n(); // rule 3.17
          deliver(s);
        }
        afterChange();
      }

      private void onCancel(Sub s) {
        if (!s.cancelled) {
          drop(s);
          afterChange();
        }
      }

      private void drop(Sub s) {
        s.cancelled = true;
        subs.remove(s);
      }

      /** Hands {@code s} the buffered elements it asked for; completes it once it has all. */
      @SuppressWarnings("unchecked")
      private void deliver(Sub s) {
        while (!s.cancelled && s.demand > 0 && s.cursor < tail) {
          T t = (T) ring[(int) (s.cursor & mask)];
          s.cursor++;
          s.demand--;
          try {
            s.subscriber.onNext(t);
          } catch (RuntimeException e) {
            drop(s); // rule 2.13
          }
        }
        if (upstreamFinished && !s.cancelled && s.cursor == tail) {
          drop(s);
          s.subscriber.onComplete();
        }
      }

      /** Frees what every subscriber has received, stops when nobody is left, pulls if wanted. */
      private void afterChange() {
        long min = tail;
        boolean wanted = false;
        for (Sub s : subs) {
          min = Math.min(min, s.cursor);
          wanted |= s.demand > tail - s.cursor;
        }
        for (long i = head; i < min; i++) {
          ring[(int) (i & mask)] = null;
        }
        head = min;
        if (subs.isEmpty() && hadSubscriber) {
          // Everyone has cancelled or drained: nobody can receive more.
          completed = true;
          setKeepGoing(false);
          completeStage();
          return;
        }
        if (wanted && tail - head < capacity && !isClosed(in) && !hasBeenPulled(in)) {
          pull(in);
        }
      }

      @Override
      public void onPush() {
        ring[(int) (tail & mask)] = grab(in);
        tail++;
        for (Sub s : new ArrayList<>(subs)) {
          deliver(s);
        }
        afterChange();
      }

      @Override
      public void onUpstreamFinish() {
        upstreamFinished = true;
        completed = true;
        for (Sub s : new ArrayList<>(subs)) {
          deliver(s);
        }
        if (subs.isEmpty()) {
          completeStage();
        } else {
          setKeepGoing(true); // some subscribers still drain the buffer
        }
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        terminal = ex;
        for (Sub s : new ArrayList<>(subs)) {
          drop(s);
          s.subscriber.onError(ex);
        }
        Arrays.fill(ring, null);
        failStage(ex);
      }

      @Override
      public void postStop() {
        if (!completed && terminal == null) {
          terminal = new AbruptStageTerminationException("the publisher's stream was torn down");
          for (Sub s : new ArrayList<>(subs)) {
            drop(s);
            s.subscriber.onError(terminal);
          }
        }
        // A torn-down stage drops its subscribers and elements, so none stays reachable (rule 3.13).
        subs.clear();
        Arrays.fill(ring, null);
      }
    }
  }

  // ------------------------------------------------------------------ Sink.fromSubscriber

  /** A sink that hands the stream's elements to a subscriber. */
  public static final class SubscriberSink<T> extends GraphStageWithMaterializedValue<SinkShape<T>, NotUsed> {
    private final Inlet<T> in = Inlet.create("subscriberSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final Flow.Subscriber<T> subscriber;

    /** The stage. */
    public SubscriberSink(Flow.Subscriber<T> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      return Pair.create(new Logic(), NotUsed.INSTANCE);
    }

    private final class Logic extends GraphStageLogic implements InHandler, Flow.Subscription {
      private final AsyncCallback<Long> requests = getAsyncCallback(this::onRequest);
      private final AsyncCallback<Boolean> cancels = getAsyncCallback(c -> onCancel());
      private long demand;
      private boolean done;

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(in, this);
      }

      @Override
      public void preStart() {
        subscriber.onSubscribe(this);
      }

      @Override
      public void request(long n) {
        requests.invoke(n);
      }

      @Override
      public void cancel() {
        cancels.invoke(Boolean.TRUE);
      }

      private void onCancel() {
        if (!done) {
          done = true;
          completeStage();
        }
      }

      private void onRequest(long n) {
        if (done) {
          return; // rule 3.6
        }
        if (n <= 0L) {
          done = true;
          subscriber.onError(
              new IllegalArgumentException(
                  "Reactive Streams rule 3.9: request must be positive, was " + n));
          completeStage();
          return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n; // rule 3.17
        if (!hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }

      @Override
      public void onPush() {
        demand--;
        try {
          subscriber.onNext(grab(in));
        } catch (RuntimeException e) {
          onCancel(); // rule 2.13: a subscriber that throws is treated as having cancelled
          return;
        }
        if (demand > 0 && !done) {
          pull(in);
        }
      }

      @Override
      public void onUpstreamFinish() {
        done = true;
        subscriber.onComplete();
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        done = true;
        subscriber.onError(ex);
        failStage(ex);
      }

      @Override
      public void postStop() {
        if (!done) {
          done = true;
          subscriber.onError(
              new AbruptStageTerminationException("the subscriber's stream was torn down"));
        }
      }
    }
  }

  // ------------------------------------------------------------------ Source.asSubscriber / fromPublisher

  private record OnSubscribe(Flow.Subscription subscription) {}

  private record OnNext(Object value) {}

  private record OnError(Throwable cause) {}

  private enum OnComplete {
    INSTANCE
  }

  /** A source fed by a subscriber: its own (materialized) or one subscribed to a publisher. */
  public static final class SubscriberSource<T>
      extends GraphStageWithMaterializedValue<SourceShape<T>, Flow.Subscriber<T>> {
    private final Outlet<T> out = Outlet.create("subscriberSource.out");
    private final SourceShape<T> shape = SourceShape.of(out);
    private final Flow.Publisher<T> publisher;

    /** The stage; with a publisher, the stage subscribes to it when it starts. */
    public SubscriberSource(Flow.Publisher<T> publisher) {
      this.publisher = publisher;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    public Pair<GraphStageLogic, Flow.Subscriber<T>> createLogicAndMaterializedValuePair(
        Attributes attrs) {
      int batch =
          attrs.get(Attributes.InputBuffer.class).map(Attributes.InputBuffer::max).orElse(16);
      Logic logic = new Logic(batch);
      return Pair.create(logic, logic.subscriber);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      private final int batch;
      private final AtomicBoolean subscribed = new AtomicBoolean();
      private final AsyncCallback<Object> signals = getAsyncCallback(this::onSignal);
      private final ArrayDeque<T> buffer = new ArrayDeque<>();
      private Flow.Subscription subscription;
      private int consumedSinceRequest;
      private boolean upstreamDone;
      private Throwable upstreamFailure;
      private boolean cancelled;

      final Flow.Subscriber<T> subscriber =
          new Flow.Subscriber<T>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
              requireElement(s, "subscription");
              if (!subscribed.compareAndSet(false, true)) {
                s.cancel(); // rule 2.5
                return;
              }
              signals
                  .invokeWithFeedback(new OnSubscribe(s))
                  .whenComplete(
                      (d, ex) -> {
                        if (ex != null) {
                          s.cancel();
                        }
                      });
            }

            @Override
            public void onNext(T item) {
              requireElement(item, "element");
              signals.invoke(new OnNext(item));
            }

            @Override
            public void onError(Throwable t) {
              requireElement(t, "throwable");
              signals.invoke(new OnError(t));
            }

            @Override
            public void onComplete() {
              signals.invoke(OnComplete.INSTANCE);
            }
          };

      @SuppressWarnings("this-escape")
      Logic(int batch) {
        super(shape);
        this.batch = batch;
        setHandler(out, this);
      }

      @Override
      public void preStart() {
        if (publisher != null) {
          publisher.subscribe(subscriber);
        }
      }

      @SuppressWarnings("unchecked")
      private void onSignal(Object signal) {
        if (signal instanceof OnSubscribe os) {
          subscription = os.subscription();
          if (cancelled) {
            subscription.cancel();
          } else {
            subscription.request(batch);
          }
        } else if (signal instanceof OnNext n) {
          if (cancelled) {
            return;
          }
          if (isAvailable(out) && buffer.isEmpty()) {
            push(out, (T) n.value());
            consumed();
          } else {
            buffer.add((T) n.value());
          }
        } else if (signal instanceof OnError e) {
          upstreamDone = true;
          upstreamFailure = e.cause();
          if (buffer.isEmpty()) {
            failStage(e.cause());
          }
        } else {
          upstreamDone = true;
          if (buffer.isEmpty()) {
            completeStage();
          }
        }
      }

      private void consumed() {
        if (++consumedSinceRequest >= batch - batch / 4 && !upstreamDone) {
          subscription.request(consumedSinceRequest);
          consumedSinceRequest = 0;
        }
      }

      @Override
      public void onPull() {
        T t = buffer.poll();
        if (t != null) {
          push(out, t);
          consumed();
        }
        if (buffer.isEmpty() && upstreamDone) {
          if (upstreamFailure != null) {
            failStage(upstreamFailure);
          } else {
            completeStage();
          }
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        cancelled = true;
        if (subscription != null) {
          subscription.cancel();
        }
        completeStage();
      }

      @Override
      public void postStop() {
        if (!upstreamDone && subscription != null && !cancelled) {
          cancelled = true;
          subscription.cancel();
        }
        cancelled = true;
      }
    }
  }

  // ------------------------------------------------------------------ Flow.toProcessor

  /** The runnable graph that materializes {@code flow} as a processor. */
  public static <I, O> RunnableGraph<Flow.Processor<I, O>> toProcessor(
      io.troupe.stream.Flow<I, O, ?> flow) {
    return Source.<I>asSubscriber()
        .via(flow)
        .toMat(Sink.<O>asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both())
        .mapMaterializedValue(p -> new Processor<>(p.first(), p.second()));
  }

  private record Processor<I, O>(Flow.Subscriber<I> in, Flow.Publisher<O> out)
      implements Flow.Processor<I, O> {
    @Override
    public void subscribe(Flow.Subscriber<? super O> subscriber) {
      out.subscribe(subscriber);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      in.onSubscribe(subscription);
    }

    @Override
    public void onNext(I item) {
      in.onNext(item);
    }

    @Override
    public void onError(Throwable throwable) {
      in.onError(throwable);
    }

    @Override
    public void onComplete() {
      in.onComplete();
    }
  }

}
