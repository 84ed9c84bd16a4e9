package io.troupe.stream.internal.ops;

import io.troupe.actor.NotUsed;
import io.troupe.japi.Pair;
import io.troupe.japi.function.Procedure;
import io.troupe.stream.AbruptStageTerminationException;
import io.troupe.stream.Attributes;
import io.troupe.stream.Inlet;
import io.troupe.stream.Outlet;
import io.troupe.stream.internal.LogicState;
import io.troupe.stream.internal.SubFusingMaterializer;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.SubscriptionTimeoutException;
import io.troupe.stream.stage.AsyncCallback;
import io.troupe.stream.stage.GraphStageLogic;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;
import io.troupe.stream.stage.InHandler;
import io.troupe.stream.stage.OutHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ports that connect a stage to streams it runs or hands out (substreams): {@link Out} feeds a
 * source that someone else materializes, {@link In} is fed by a sink that the owner materializes.
 * Internal API.
 *
 * <p>The two sides talk by async callbacks, one element per pull, so the substream may run on any
 * island. Commands from the owner go through a {@link Link} that holds them until the substream's
 * stage has started, so a substream can be completed before it is materialized, and a substream
 * materialized after its owner stopped still gets the owner's last word.
 *
 * <p>When both sides run on one island (a substream materialized into its owner's island, see
 * {@code SubFusingMaterializer}), a command is handed straight to the receiving stage's handler
 * when that stage is not busy in a handler of its own ({@link Target}); otherwise it is queued as
 * an async callback, and every later command of that direction queues behind it until it ran, so
 * the order never changes.
 */
public final class SubPorts {
  private SubPorts() {}

  private record Push(Object element) {}

  private record Finish(Throwable failure) {}

  private record Cancelled(Throwable cause) {}

  private static final Object PULL = new Object();

  /**
   * Where the commands for one stage go: straight into its handler when the sender runs on the
   * stage's island and the stage is free ({@code SubFusingMaterializer.runHere}), else through an
   * async callback. Commands queued by the island's own thread are counted, and none is handed over
   * directly while any of them waits, so that a direct one never overtakes a queued one.
   */
  private static final class Target {
    private final LogicState state;
    private final Procedure<Object> handler;
    private final AsyncCallback<Object> remote;
    private final AsyncCallback<Object> local;
    /** Commands queued by the island's own thread and not yet run; touched by that thread only. */
    private int queued;
    /**
     * Inside {@link #openReentry()} .. {@link #closeReentry()}: the stage is in a handler that
     * will run commands sent to it meanwhile (from its own thread) when the call it is making
     * returns, instead of queueing them for later.
     */
    private boolean reentryOpen;
    private ArrayDeque<Object> reentered;

    Target(GraphStageLogic logic, Procedure<Object> handler) {
      this.state = LogicState.of(logic);
      this.handler = handler;
      this.remote = logic.getAsyncCallback(handler);
      this.local =
          logic.getAsyncCallback(
              c -> {
                queued--;
                handler.apply(c);
              });
    }

    void send(Object command) {
      if (!SubFusingMaterializer.onIslandOf(state)) {
        remote.invoke(command);
      } else if (reentryOpen && queued == 0) {
        if (reentered == null) {
          reentered = new ArrayDeque<>(2);
        }
        reentered.add(command);
      } else if (queued > 0 || !SubFusingMaterializer.runHere(state, handler, command)) {
        queued++;
        local.invoke(command);
      }
    }

    /** Called by the stage in its handler before a call that may send commands back to it. */
    void openReentry() {
      reentryOpen = true;
    }

    /** Ends {@link #openReentry()}: runs, in order, the commands sent to the stage meanwhile. */
    void closeReentry() throws Exception {
      reentryOpen = false;
      Object c;
      while (reentered != null && (c = reentered.poll()) != null) {
        handler.apply(c);
      }
    }
  }

  /** Commands to a substream's stage, held until it attaches. */
  private static final class Link {
    private volatile Target target;
    private List<Object> pending = new ArrayList<>(2);
    /** Set when the source was not materialized in time: a late stage fails with it. */
    private SubscriptionTimeoutException timedOut;
    /**
     * Set as the source is materialized, before its stage starts (which may be a turn later):
     * a source being run is never timed out.
     */
    private volatile boolean materialized;

    /** Called while the source is materialized; whether it was the first time. */
    synchronized boolean materializing() {
      if (materialized) {
        return false;
      }
      materialized = true;
      return true;
    }

    /** Marks the link timed out unless its source was materialized; whether it did so. */
    synchronized boolean timeOut(SubscriptionTimeoutException e) {
      if (materialized) {
        return false;
      }
      timedOut = e;
      return true;
    }

    /** The timeout that ended this link before a stage attached, or null. */
    synchronized SubscriptionTimeoutException timedOut() {
      return timedOut;
    }

    void send(Object command) {
      Target t = target;
      if (t == null) {
        synchronized (this) {
          t = target;
          if (t == null) {
            pending.add(command);
            return;
          }
        }
      }
      t.send(command);
    }

    synchronized void attach(Target t) {
      for (Object c : pending) {
        t.send(c);
      }
      pending = null;
      target = t; // after the pending ones: a sender that sees it sends behind them
    }
  }

  /** What an {@link Out} tells its owner. */
  public interface OutListener {
    /** The substream asked for an element. */
    void onPull() throws Exception;

    /** The substream cancelled. */
    void onDownstreamFinish(Throwable cause) throws Exception;
  }

  /** What an {@link In} tells its owner. */
  public interface InListener<T> {
    /** An element arrived from the substream. */
    void onPush(T element) throws Exception;

    /** The substream completed. */
    void onUpstreamFinish() throws Exception;

    /** The substream failed. */
    void onUpstreamFailure(Throwable ex) throws Exception;
  }

  /** The owner's end of a substream it emits: push when pulled, then complete or fail. */
  public static final class Out<T> {
    private final Link link = new Link();
    private final Target events;
    private final OutListener listener;
    private final String name;
    private boolean available;
    private boolean closed;
    private boolean demandAtClose;

    /** A port owned by {@code owner}; create it on the owner's island. */
    public Out(GraphStageLogic owner, String name, OutListener listener) {
      this.name = name;
      this.listener = listener;
      this.events = new Target(owner, this::onEvent);
    }

    private void onEvent(Object e) throws Exception {
      if (closed) {
        return;
      }
      if (e == PULL) {
        available = true;
        listener.onPull();
      } else if (e instanceof Cancelled c) {
        closed = true;
        demandAtClose = available;
        available = false;
        listener.onDownstreamFinish(c.cause());
      }
    }

    /** Whether the source was materialized, or the port is closed: nothing to time out. */
    boolean materializedOrClosed() {
      return closed || link.materialized;
    }

    /**
     * The source was not materialized in time (called on the owner's island): with mode cancel,
     * the port counts as cancelled and a later run fails; with mode warn, a warning is logged.
     */
    void subscriptionTimedOut(SubscriptionTimeout settings) throws Exception {
      String message =
          "Substream source " + name + " was not materialized within " + settings.timeout();
      if (settings.mode() == SubscriptionTimeout.Mode.WARN) {
        org.slf4j.LoggerFactory.getLogger(SubPorts.class).warn(message);
        return;
      }
      SubscriptionTimeoutException e = new SubscriptionTimeoutException(
          message + ", so it was cancelled (subscription-timeout.mode = cancel)");
      if (!closed && link.timeOut(e)) {
        closed = true;
        listener.onDownstreamFinish(e);
      }
    }

    /** The source to hand out; it may be materialized once. */
    public io.troupe.stream.Source<T, NotUsed> source() {
      return io.troupe.stream.Source.fromGraph(new SubSourceStage<T>(name, link, events));
    }

    /** Whether the substream pulled and may be pushed. */
    public boolean isAvailable() {
      return available;
    }

    /** Whether the substream was completed, failed or cancelled. */
    public boolean isClosed() {
      return closed;
    }

    /** Whether the substream had pulled when it cancelled. */
    public boolean hadDemandWhenCancelled() {
      return demandAtClose;
    }

    /** Pushes {@code element}; only when {@link #isAvailable()}. */
    public void push(T element) {
      if (!available) {
        throw new IllegalStateException("cannot push to substream " + name + ": it did not pull");
      }
      available = false;
      link.send(new Push(element));
    }

    /** Completes the substream (a no-op when closed). */
    public void complete() {
      if (!closed) {
        closed = true;
        available = false;
        link.send(new Finish(null));
      }
    }

    /** Fails the substream (a no-op when closed). */
    public void fail(Throwable ex) {
      if (!closed) {
        closed = true;
        available = false;
        link.send(new Finish(ex));
      }
    }

    /** Fails the substream, if still open, because its owner stopped. */
    public void ownerStopped() {
      fail(new AbruptStageTerminationException("the stage that feeds substream " + name + " stopped"));
    }
  }

  /**
   * The substream sources a stage handed out and nobody has materialized yet, with the subscription
   * timeout for them: one timer per stage (not per substream) runs while any is pending, and a
   * source still not materialized after {@link SubscriptionTimeout#timeout()} is timed out
   * ({@link Out#subscriptionTimedOut}). Sources are handed out in order, so the oldest is first.
   * Create it and call {@link #watch} on the owner's island.
   */
  public static final class Unmaterialized {
    private final SubscriptionTimeout settings;
    private final io.troupe.actor.Scheduler scheduler;
    private final AsyncCallback<Object> check;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private boolean scheduled;

    private record Pending(Out<?> out, long handedOutAt) {}

    /** For the sources {@code owner} hands out, timed out as the owner's system says. */
    public Unmaterialized(GraphStageLogic owner) {
      this.settings = SubscriptionTimeout.of(owner.materializer());
      this.scheduler = owner.materializer().system().scheduler();
      this.check = owner.getAsyncCallback(x -> check());
    }

    /** Starts the timeout of the source {@code out} just handed out. */
    public void watch(Out<?> out) {
      if (settings.mode() == SubscriptionTimeout.Mode.NOOP) {
        return;
      }
      while (!pending.isEmpty() && pending.peek().out().materializedOrClosed()) {
        pending.poll();
      }
      pending.add(new Pending(out, scheduler.nanoTime()));
      if (!scheduled) {
        schedule(settings.timeout().toNanos());
      }
    }

    private void schedule(long nanos) {
      scheduled = true;
      scheduler.scheduleOnce(java.time.Duration.ofNanos(nanos), () -> check.invoke(null),
          Runnable::run);
    }

    private void check() throws Exception {
      scheduled = false;
      long now = scheduler.nanoTime();
      long timeout = settings.timeout().toNanos();
      Pending p;
      while ((p = pending.peek()) != null) {
        if (p.out().materializedOrClosed()) {
          pending.poll();
          continue;
        }
        long due = p.handedOutAt() + timeout;
        if (due - now > 0) {
          schedule(due - now);
          return;
        }
        pending.poll();
        p.out().subscriptionTimedOut(settings);
      }
    }
  }

  /** The source stage of an {@link Out}; materializable once. */
  private static final class SubSourceStage<T>
      extends GraphStageWithMaterializedValue<SourceShape<T>, NotUsed> {
    private final Outlet<T> out;
    private final SourceShape<T> shape;
    private final Link link;
    private final Target owner;
    private final String name;

    SubSourceStage(String name, Link link, Target owner) {
      this.name = name;
      this.out = Outlet.create(name + ".out");
      this.shape = SourceShape.of(out);
      this.link = link;
      this.owner = owner;
    }

    @Override
    public SourceShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      if (!link.materializing()) {
        throw new IllegalStateException(
            "substream source " + name + " cannot be materialized more than once");
      }
      return Pair.create(new Logic(), NotUsed.INSTANCE);
    }

    private final class Logic extends GraphStageLogic implements OutHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(out, this);
      }

      private Target self;

      @Override
      public void preStart() {
        SubscriptionTimeoutException late = link.timedOut();
        if (late != null) {
          failStage(late);
          return;
        }
        self = new Target(this, this::onCommand);
        link.attach(self);
      }

      @SuppressWarnings("unchecked")
      private void onCommand(Object c) {
        if (c instanceof Push p) {
          push(out, (T) p.element());
        } else if (c instanceof Finish f) {
          if (f.failure() == null) {
            completeStage();
          } else {
            failStage(f.failure());
          }
        }
      }

      @Override
      public void onPull() throws Exception {
        // the owner may answer at once with the element: push it before returning
        self.openReentry();
        try {
          owner.send(PULL);
        } finally {
          self.closeReentry();
        }
      }

      @Override
      public void onDownstreamFinish(Throwable cause) {
        owner.send(new Cancelled(cause));
        completeStage();
      }
    }
  }

  /** The owner's end of a substream it consumes: pull, then get an element or the end. */
  public static final class In<T> {
    private final Link link = new Link();
    private final Target events;
    private final InListener<T> listener;
    private final String name;
    private boolean pulled;
    private boolean closed;

    /** A port owned by {@code owner}; create it on the owner's island. */
    public In(GraphStageLogic owner, String name, InListener<T> listener) {
      this.name = name;
      this.listener = listener;
      this.events = new Target(owner, this::onEvent);
    }

    @SuppressWarnings("unchecked")
    private void onEvent(Object e) throws Exception {
      if (closed) {
        return;
      }
      if (e instanceof Push p) {
        pulled = false;
        listener.onPush((T) p.element());
      } else if (e instanceof Finish f) {
        closed = true;
        if (f.failure() == null) {
          listener.onUpstreamFinish();
        } else {
          listener.onUpstreamFailure(f.failure());
        }
      }
    }

    /** The sink to run the substream into; it may be materialized once. */
    public io.troupe.stream.Sink<T, NotUsed> sink() {
      return io.troupe.stream.Sink.fromGraph(new SubSinkStage<T>(name, link, events));
    }

    /** Asks the substream for one element (a no-op when closed or already pulled). */
    public void pull() {
      if (!closed && !pulled) {
        pulled = true;
        link.send(PULL);
      }
    }

    /** Whether an element was asked for and has not arrived. */
    public boolean hasBeenPulled() {
      return pulled;
    }

    /** Whether the substream completed, failed or was cancelled. */
    public boolean isClosed() {
      return closed;
    }

    /** Cancels the substream (a no-op when closed). */
    public void cancel(Throwable cause) {
      if (!closed) {
        closed = true;
        link.send(new Cancelled(cause));
      }
    }
  }

  /** The sink stage of an {@link In}; materializable once. */
  private static final class SubSinkStage<T> extends GraphStageWithMaterializedValue<SinkShape<T>, NotUsed> {
    private final Inlet<T> in;
    private final SinkShape<T> shape;
    private final Link link;
    private final Target owner;
    private final AtomicBoolean materialized = new AtomicBoolean();
    private final String name;

    SubSinkStage(String name, Link link, Target owner) {
      this.name = name;
      this.in = Inlet.create(name + ".in");
      this.shape = SinkShape.of(in);
      this.link = link;
      this.owner = owner;
    }

    @Override
    public SinkShape<T> shape() {
      return shape;
    }

    @Override
    protected Attributes initialAttributes() {
      return Attributes.name(name);
    }

    @Override
    public Pair<GraphStageLogic, NotUsed> createLogicAndMaterializedValuePair(Attributes attrs) {
      if (!materialized.compareAndSet(false, true)) {
        throw new IllegalStateException(
            "substream sink " + name + " cannot be materialized more than once");
      }
      return Pair.create(new Logic(), NotUsed.INSTANCE);
    }

    private final class Logic extends GraphStageLogic implements InHandler {
      @SuppressWarnings("this-escape")
      Logic() {
        super(shape);
        setHandler(in, this);
      }

      private Target self;

      @Override
      public void preStart() {
        self = new Target(this, this::onCommand);
        link.attach(self);
      }

      private void onCommand(Object c) {
        if (c == PULL) {
          tryPull(in);
        } else if (c instanceof Cancelled k) {
          cancel(in, k.cause());
        }
      }

      @Override
      public void onPush() throws Exception {
        // the owner may ask for the next element at once: pull before returning
        self.openReentry();
        try {
          owner.send(new Push(grab(in)));
        } finally {
          self.closeReentry();
        }
      }

      @Override
      public void onUpstreamFinish() {
        owner.send(new Finish(null));
        completeStage();
      }

      @Override
      public void onUpstreamFailure(Throwable ex) {
        owner.send(new Finish(ex));
        failStage(ex);
      }
    }
  }
}
