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
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

  /** A sink that materializes a publisher of the stream's elements. */
  public static final class PublisherSink<T>
      extends GraphStageWithMaterializedValue<SinkShape<T>, Flow.Publisher<T>> {
    private final Inlet<T> in = Inlet.create("publisherSink.in");
    private final SinkShape<T> shape = SinkShape.of(in);
    private final boolean fanout;

    /** The stage. */
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
      Logic logic = new Logic();
      return Pair.create(logic, logic.publisher);
    }

    private final class Sub implements Flow.Subscription {
      final Flow.Subscriber<? super T> subscriber;
      final Logic logic;
      long demand;
      boolean cancelled;

      Sub(Flow.Subscriber<? super T> subscriber, Logic logic) {
        this.subscriber = subscriber;
        this.logic = logic;
      }

      @Override
      public void request(long n) {
        logic.requests.invoke(Pair.create(this, n));
      }

      @Override
      public void cancel() {
        logic.requests.invoke(Pair.create(this, 0L));
      }
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      /** Set before the stage stops; late subscribers get this terminal signal directly. */
      volatile Throwable terminal;
      volatile boolean completed;
      final AsyncCallback<Flow.Subscriber<? super T>> subscribes = getAsyncCallback(this::onSubscribe);
      final AsyncCallback<Pair<Sub, Long>> requests = getAsyncCallback(this::onRequest);
      private final List<Sub> subs = new ArrayList<>();
      private boolean hadSubscriber;

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
                      if (ex != null) {
                        signalTerminal(subscriber);
                      }
                    });
          };

      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(in, this);
      }

      private void signalTerminal(Flow.Subscriber<? super T> subscriber) {
        if (!fanout && hadSubscriberVolatile) {
          subscriber.onSubscribe(NO_OP_SUBSCRIPTION);
          subscriber.onError(
              new IllegalStateException("this publisher only supports one subscriber"));
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

      private volatile boolean hadSubscriberVolatile;

      private void onSubscribe(Flow.Subscriber<? super T> subscriber) {
        if (!fanout && hadSubscriber) {
          subscriber.onSubscribe(NO_OP_SUBSCRIPTION);
          subscriber.onError(
              new IllegalStateException("this publisher only supports one subscriber"));
          return;
        }
        hadSubscriber = true;
        hadSubscriberVolatile = true;
        Sub s = new Sub(subscriber, this);
        subs.add(s);
        try {
          subscriber.onSubscribe(s);
        } catch (RuntimeException e) {
          subs.remove(s);
          s.cancelled = true;
        }
        maybePull();
      }

      private void onRequest(Pair<Sub, Long> r) {
        Sub s = r.first();
        long n = r.second();
        if (s.cancelled) {
          return;
        }
        if (n == 0L) {
          removeSub(s);
          return;
        }
        if (n < 0L) {
          removeSub(s);
          s.subscriber.onError(
              new IllegalArgumentException(
                  "Reactive Streams rule 3.9: request must be positive, was " + n));
          return;
        }
        s.demand = s.demand + n < 0 ? Long.MAX_VALUE : s.demand + n;
        maybePull();
      }

      private void removeSub(Sub s) {
        s.cancelled = true;
        subs.remove(s);
        if (subs.isEmpty() && (!fanout || hadSubscriber)) {
          cancel(in);
          completed = true;
          completeStage();
        } else {
          maybePull();
        }
      }

      private void maybePull() {
        if (subs.isEmpty() || isClosed(in) || hasBeenPulled(in)) {
          return;
        }
        for (Sub s : subs) {
          if (s.demand == 0) {
            return;
          }
        }
        pull(in);
      }

      @Override
      public void onPush() {
        T t = grab(in);
        for (Sub s : new ArrayList<>(subs)) {
          s.demand--;
          try {
            s.subscriber.onNext(t);
          } catch (RuntimeException e) {
            s.cancelled = true;
            subs.remove(s);
          }
        }
        if (subs.isEmpty()) {
          cancel(in);
          completed = true;
          completeStage();
        } else {
          maybePull();
        }
      }

      @Override
      public void onUpstreamFinish() {
        completed = true;
        for (Sub s : subs) {
          s.cancelled = true;
          s.subscriber.onComplete();
        }
        subs.clear();
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        terminal = ex;
        for (Sub s : subs) {
          s.cancelled = true;
          s.subscriber.onError(ex);
        }
        subs.clear();
        failStage(ex);
      }

      @Override
      public void postStop() {
        if (!completed && terminal == null) {
          terminal = new AbruptStageTerminationException("publisher's stream was torn down");
          for (Sub s : subs) {
            s.cancelled = true;
            s.subscriber.onError(terminal);
          }
          subs.clear();
        }
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
        requests.invoke(0L);
      }

      private void onRequest(long n) {
        if (done) {
          return;
        }
        if (n == 0L) {
          done = true;
          completeStage();
          return;
        }
        if (n < 0L) {
          done = true;
          subscriber.onError(
              new IllegalArgumentException(
                  "Reactive Streams rule 3.9: request must be positive, was " + n));
          completeStage();
          return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        if (!hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }

      @Override
      public void onPush() {
        demand--;
        subscriber.onNext(grab(in));
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
          subscriber.onError(new AbruptStageTerminationException("subscriber's stream was torn down"));
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
