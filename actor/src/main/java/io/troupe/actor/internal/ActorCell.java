package io.troupe.actor.internal;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.BackoffSupervisorStrategy;
import io.troupe.actor.Behavior;
import io.troupe.actor.Cancellable;
import io.troupe.actor.ChildFailed;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.InvalidActorNameException;
import io.troupe.actor.PostStop;
import io.troupe.actor.PreRestart;
import io.troupe.actor.Props;
import io.troupe.actor.RestartSupervisorStrategy;
import io.troupe.actor.Signal;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.actor.TimerScheduler;
import io.troupe.actor.UnhandledMessage;
import io.troupe.actor.spi.MessageQueue;
import io.troupe.japi.function.Effect;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One actor: its mailbox, its behavior, its place in the tree. The cell is also the actor's ref
 * and its context, and the task its dispatcher runs, so that sending and scheduling allocate
 * nothing beyond the message.
 *
 * <pre>
 *   tell(msg) ─► offer into the chunked MPSC queue ─► status IDLE→SCHEDULED (CAS)? ─► dispatcher
 *                                                                                     │
 *   turn:  system messages first (watch, terminate, child terminated, ...)  ◄─────────┘
 *          then up to `throughput` user messages, each: behavior.receive → next behavior,
 *          failures caught here and handled by the supervision frames
 *          then status SCHEDULED→IDLE, and re-check for work that raced in
 * </pre>
 *
 * <p><b>Mailbox.</b> User messages go into a linked list of array chunks: a producer claims a
 * slot by getAndAdd on the tail chunk's counter and publishes the message with a volatile store;
 * the producer that first finds a chunk full links a new one (twice as large, up to
 * {@link #MAX_CHUNK}). The single consumer reads slots in order; a null slot means empty (or a
 * producer between claim and store, which will schedule the cell after its store). System
 * messages are a Treiber stack, reversed by the consumer.
 *
 * <p><b>Status.</b> IDLE, SCHEDULED, DEAD, DRAINING. Whoever moves IDLE to SCHEDULED submits the
 * cell. A producer that finds the cell DEAD takes DRAINING and moves what is left in the mailbox
 * to dead letters, so no message is stranded in a dead mailbox.
 *
 * <p><b>Supervision</b> is a stack of frames, one per {@code Behaviors.supervise} the current
 * behavior was started through; a failure is matched against the innermost frame first.
 *
 * <p>Fields other than the mailbox's and the status are owned by the running turn.
 */
public final class ActorCell<T> extends ForkJoinTask<Void>
    implements ActorRef<T>, InternalContext<T>, Runnable {

  static final int IDLE = 0;
  static final int SCHEDULED = 1;
  static final int DEAD = 2;
  static final int DRAINING = 3;

  private static final byte NEW = 0;
  private static final byte RUNNING = 1;
  private static final byte SUSPENDED = 2;
  private static final byte STOPPING = 3;
  private static final byte TERMINATED = 4;

  private static final int FIRST_CHUNK = 8;
  static final int MAX_CHUNK = 256;
  private static final Object NO_MESSAGE = new Object();
  private static final Logger log = LoggerFactory.getLogger(ActorCell.class);

  private static final VarHandle STATUS;
  private static final VarHandle TAIL;
  private static final VarHandle HEAD;
  private static final VarHandle SYS;
  private static final VarHandle QUEUED;
  private static final VarHandle EXTRAS;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      STATUS = l.findVarHandle(ActorCell.class, "status", int.class);
      TAIL = l.findVarHandle(ActorCell.class, "tail", Chunk.class);
      HEAD = l.findVarHandle(ActorCell.class, "head", Chunk.class);
      SYS = l.findVarHandle(ActorCell.class, "sysStack", SystemMessage.class);
      QUEUED = l.findVarHandle(ActorCell.class, "queued", int.class);
      EXTRAS = l.findVarHandle(ActorCell.class, "extras", Extras.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ActorSystemImpl<?> system;
  final ActorCell<?> parent;
  private final String name; // null for an anonymous actor: see name()
  final long uid;
  final Dispatcher dispatcher;
  private final int capacity; // 0: unbounded
  private final MessageQueue customQueue; // null: the built-in chunked queue below

  private volatile int status;
  private volatile int queued; // messages in a bounded mailbox
  private volatile Chunk tail; // producers' end
  private Chunk head; // consumer's end; set once by the producer that creates the first chunk
  private int headIndex;
  private volatile SystemMessage sysStack;

  private Behavior<T> behavior; // before the first turn: the initial behavior; then a started one
  private byte lifecycle;
  private volatile Extras<T> extras; // written once by CAS; its fields are the owner's
  private ActorPath path;

  ActorCell(
      ActorSystemImpl<?> system,
      ActorCell<?> parent,
      String name,
      long uid,
      Dispatcher dispatcher,
      int capacity,
      MessageQueue customQueue,
      Behavior<T> behavior) {
    this.system = system;
    this.parent = parent;
    this.name = name;
    this.uid = uid;
    this.dispatcher = dispatcher;
    this.capacity = capacity;
    this.customQueue = customQueue;
    this.behavior = behavior;
    this.status = SCHEDULED; // the first turn is submitted by start()
  }

  /** The actor's name; an anonymous actor's is made from its uid when asked for. */
  String name() {
    return name != null ? name : "$" + Long.toString(uid, 36);
  }

  /** Submits the first turn, which starts the behavior. */
  void start() {
    submit();
  }

  /** Hands the cell to its dispatcher; a rejecting executor leaves it idle, to be retried by the next message. */
  private void submit() {
    try {
      dispatcher.schedule(this);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      rejected(e);
    }
  }

  private void yieldTurn() {
    try {
      dispatcher.scheduleElsewhere(this);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      rejected(e);
    }
  }

  private void rejected(java.util.concurrent.RejectedExecutionException e) {
    status = IDLE;
    log.error("the dispatcher of {} rejected its turn (was its executor shut down?); its messages wait", this, e);
  }

  // ---------------------------------------------------------------- mailbox: producers

  @Override
  public void tell(T message) {
    if (message == null) {
      throw new NullPointerException("message must not be null (sent to " + path() + ")");
    }
    enqueue(message);
  }

  /** Puts a user message or an envelope in the mailbox and schedules the cell. */
  void enqueue(Object message) {
    if (capacity > 0) {
      if ((int) QUEUED.getAndAdd(this, 1) >= capacity) {
        QUEUED.getAndAdd(this, -1);
        system.deadLetter(payloadOf(message), this, "the bounded mailbox (capacity " + capacity + ") was full");
        return;
      }
    }
    if (status >= DEAD) {
      system.deadLetter(payloadOf(message), this, "the actor had stopped");
      return;
    }
    offer(message);
    scheduleAfterEnqueue();
  }

  void sendSystem(SystemMessage message) {
    SystemMessage top;
    do {
      top = sysStack;
      message.next = top;
    } while (!SYS.compareAndSet(this, top, message));
    scheduleAfterEnqueue();
  }

  private void scheduleAfterEnqueue() {
    for (; ; ) {
      int s = status;
      if (s == SCHEDULED) {
        return;
      }
      if (s == IDLE) {
        if (STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
          submit();
          return;
        }
      } else {
        drainDead();
        return;
      }
    }
  }

  private void offer(Object message) {
    if (customQueue != null) {
      customQueue.enqueue(message);
      VarHandle.fullFence(); // as the volatile slot store below: visible before the status is read
      return;
    }
    Chunk c = tail;
    if (c == null) {
      Chunk fresh = new Chunk(FIRST_CHUNK);
      if (TAIL.compareAndSet(this, (Chunk) null, fresh)) {
        // Until this store the consumer sees an empty mailbox; whatever other producers put in
        // the chunk meanwhile is found when this producer schedules the cell after its own store.
        HEAD.setRelease(this, fresh);
        c = fresh;
      } else {
        c = tail;
      }
    }
    for (; ; ) {
      Object[] slots = c.slots;
      int i = c.claim();
      if (i < slots.length) {
        // volatile: the store must be visible before this producer reads the status
        SLOT.setVolatile(slots, i, message);
        return;
      }
      Chunk next = c.next;
      if (next == null) {
        Chunk fresh = new Chunk(Math.min(slots.length << 1, MAX_CHUNK));
        next = c.casNext(fresh) ? fresh : c.next;
      }
      TAIL.compareAndSet(this, c, next); // help the tail along; a lost race is fine
      c = next;
    }
  }

  // ---------------------------------------------------------------- mailbox: the consumer

  private Object poll() {
    if (customQueue != null) {
      return customQueue.dequeue();
    }
    Chunk c = head;
    if (c == null) {
      c = (Chunk) HEAD.getAcquire(this);
      if (c == null) {
        return null;
      }
    }
    int i = headIndex;
    Object[] slots = c.slots;
    if (i == slots.length) {
      Chunk next = c.next;
      if (next == null) {
        return null;
      }
      head = c = next;
      headIndex = i = 0;
      slots = c.slots;
    }
    Object m = SLOT.getAcquire(slots, i);
    if (m == null) {
      return null;
    }
    slots[i] = null;
    headIndex = i + 1;
    return m;
  }

  private boolean mailboxEmpty() {
    if (customQueue != null) {
      VarHandle.fullFence();
      return !customQueue.hasMessages();
    }
    Chunk c = head;
    int i = headIndex;
    if (c == null) {
      c = (Chunk) HEAD.getAcquire(this);
      if (c == null) {
        return true;
      }
    }
    Object[] slots = c.slots;
    if (i == slots.length) {
      c = c.next;
      if (c == null) {
        return true;
      }
      slots = c.slots;
      i = 0;
    }
    return SLOT.getVolatile(slots, i) == null;
  }

  /** Moves what is left in a dead cell's mailboxes to dead letters; see the class comment. */
  private void drainDead() {
    for (; ; ) {
      int s = status;
      if (s == DRAINING) {
        Thread.onSpinWait();
        continue;
      }
      if (s != DEAD) {
        return;
      }
      if (STATUS.compareAndSet(this, DEAD, DRAINING)) {
        try {
          Object m;
          while ((m = poll()) != null) {
            system.deadLetter(payloadOf(m), this, "the actor had stopped");
          }
          for (SystemMessage sm = takeSystemMessages(); sm != null; sm = sm.next) {
            sm.processDead(this);
          }
        } finally {
          status = DEAD;
        }
        return;
      }
    }
  }

  private static Object payloadOf(Object message) {
    return message instanceof CellMessage cm ? cm.payload() : message;
  }

  /** Takes all pending system messages, oldest first. */
  private SystemMessage takeSystemMessages() {
    SystemMessage top = (SystemMessage) SYS.getAndSet(this, (SystemMessage) null);
    SystemMessage reversed = null;
    while (top != null) {
      SystemMessage next = top.next;
      top.next = reversed;
      reversed = top;
      top = next;
    }
    return reversed;
  }

  // ---------------------------------------------------------------- the turn

  @Override
  protected boolean exec() {
    if (Thread.currentThread() instanceof Dispatcher.Worker w) {
      w.runTurns(this);
    } else {
      runTurn(null);
    }
    return false; // never complete: the cell is submitted again for its next turn
  }

  @Override
  public void run() {
    runTurn(null);
  }

  /** One turn; {@code worker} is the pool thread running it, whose run-next slot it may spill. */
  void runTurn(Dispatcher.Worker worker) {
    boolean mdc = false;
    try {
      Extras<T> e = extras;
      if (e != null && e.mdcUsed) {
        mdc = true;
        putMdc();
      }
      if (lifecycle == NEW) {
        lifecycle = RUNNING;
        Behavior<T> initial = behavior;
        behavior = null;
        startBehavior(initial, null);
      }
      if (sysStack != null) {
        processSystemMessages();
      }
      int budget = dispatcher.throughput;
      Object m = lifecycle == RUNNING ? poll() : null;
      while (m != null) {
        if (capacity > 0) {
          QUEUED.getAndAdd(this, -1);
        }
        deliver(m);
        if (sysStack != null) {
          processSystemMessages();
        }
        if (lifecycle != RUNNING) {
          break;
        }
        if (--budget == 0 && !mailboxEmpty()) {
          yieldTurn(); // stays SCHEDULED: yield the thread, keep the claim
          return;
        }
        m = poll();
        if (m != null && worker != null && worker.hasNext()) {
          worker.spillNext(); // this turn goes on: let another thread run the cell it readied
        }
      }
    } catch (Throwable t) {
      log.error("internal error in the turn of {}", this, t);
    } finally {
      if (mdc || (extras != null && extras.mdcUsed)) {
        MDC.clear();
      }
    }
    if (lifecycle == TERMINATED) {
      return; // the status is DEAD already
    }
    status = IDLE;
    if ((sysStack != null || (lifecycle == RUNNING && !mailboxEmpty()))
        && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
      submit();
    }
  }

  private void processSystemMessages() {
    for (SystemMessage sm = takeSystemMessages(); sm != null; ) {
      SystemMessage next = sm.next;
      sm.next = null;
      if (lifecycle == TERMINATED) {
        sm.processDead(this);
      } else {
        sm.process(this);
      }
      sm = next;
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(Object m) {
    if (m instanceof CellMessage cm) {
      cm.deliver(this);
    } else {
      invokeUser((T) m, true);
    }
  }

  /** Handles a user message with the current behavior; failures go to supervision. */
  void invokeUser(T message, boolean resetsReceiveTimeout) {
    if (resetsReceiveTimeout) {
      Extras<T> e = extras;
      if (e != null && e.receiveTimeout != null) {
        scheduleReceiveTimeout(e); // the silence is counted from this message's arrival
      }
    }
    try {
      Behavior<T> current = behavior;
      Behavior<T> next = Interpreter.interpretMessage(current, this, message);
      if (next != current) {
        become(next);
      }
    } catch (Throwable t) {
      handleFailure(t);
    }
  }

  private void invokeSignal(Signal signal) {
    try {
      Behavior<T> current = behavior;
      Behavior<T> next = Interpreter.interpretSignal(current, this, signal);
      if (next != current) {
        become(next);
      }
    } catch (Throwable t) {
      handleFailure(t);
    }
  }

  private void become(Behavior<T> next) {
    if (next instanceof BehaviorImpl.Stopped<T> stopped) {
      initiateStop(null, stopped.postStop());
    } else {
      behavior = next;
    }
  }

  // ---------------------------------------------------------------- starting and supervision

  /**
   * Starts {@code initial}; failures while starting are supervised by the frames entered so far.
   * {@code restarting} is the frame restarted from, whose outer wrappers are applied again.
   */
  private void startBehavior(Behavior<T> initial, Frame restarting) {
    Behavior<T> b = initial;
    Frame from = restarting;
    while (true) {
      try {
        Behavior<T> started = from == null ? Interpreter.start(b, this) : startInside(from, b);
        if (started instanceof BehaviorImpl.Stopped<T> stopped) {
          initiateStop(null, stopped.postStop());
        } else {
          behavior = started;
        }
        return;
      } catch (Throwable t) {
        rethrowIfFatal(t);
        Frame f = frameFor(t);
        SupervisorStrategy s = f == null ? null : f.strategy();
        if (s instanceof RestartSupervisorStrategy r && r.maxRestarts() >= 0) {
          if (!countRestart(f, r)) {
            fail(t, "it failed while starting and exceeded the restart limit of " + f.strategy());
            return;
          }
          logHandled(s, t, "restarting after a failure while starting");
          prepareRestart(f, r.stopChildren(), false);
          if (lifecycle == SUSPENDED) {
            return; // resumed when the children have stopped
          }
          b = f.initial();
          from = f;
        } else if (s instanceof BackoffSupervisorStrategy bs) {
          backoff(f, bs, t, false);
          return;
        } else {
          fail(t, f == null ? "it failed while starting" : "it failed while starting, which " + s + " does not retry");
          return;
        }
      }
    }
  }

  /**
   * Starts a restarted frame's initial behavior with the frame's outer wrappers in force (so
   * frames entered now remember them too), then wraps the result in them again, innermost first.
   */
  @SuppressWarnings("unchecked")
  private Behavior<T> startInside(Frame f, Behavior<T> initial) throws Exception {
    if (f.wrappers.isEmpty()) {
      return Interpreter.start(initial, this);
    }
    Extras<T> e = extras();
    ArrayList<Function<Behavior<?>, Behavior<?>>> saved = e.startWrappers;
    e.startWrappers = new ArrayList<>(f.wrappers);
    Behavior<?> started;
    try {
      started = Interpreter.start(initial, this);
    } finally {
      e.startWrappers = saved;
    }
    for (int i = f.wrappers.size() - 1; i >= 0; i--) {
      started = f.wrappers.get(i).apply(started);
    }
    return (Behavior<T>) started;
  }

  @Override
  public void pushStartWrapper(java.util.function.Function<Behavior<?>, Behavior<?>> rewrap) {
    Extras<T> e = extras();
    if (e.startWrappers == null) {
      e.startWrappers = new ArrayList<>(2);
    }
    e.startWrappers.add(rewrap::apply);
  }

  @Override
  public void popStartWrapper() {
    ArrayList<Function<Behavior<?>, Behavior<?>>> w = extras().startWrappers;
    w.remove(w.size() - 1);
  }

  @Override
  public void enterSupervision(BehaviorImpl.Supervise<T> supervise) {
    Extras<T> e = extras();
    if (e.frames == null) {
      e.frames = new ArrayList<>(2);
    }
    List<Function<Behavior<?>, Behavior<?>>> wrappers =
        e.startWrappers == null || e.startWrappers.isEmpty() ? List.of() : List.copyOf(e.startWrappers);
    int top = e.frames.size() - 1;
    if (top >= 0 && sameSupervision(e.frames.get(top).spec, supervise)) {
      // a behavior that becomes a supervised behavior again must not pile up frames
      e.frames.set(top, e.frames.get(top).withSpec(supervise, wrappers));
    } else {
      e.frames.add(new Frame(supervise, wrappers));
    }
  }

  private static boolean sameSupervision(BehaviorImpl.Supervise<?> a, BehaviorImpl.Supervise<?> b) {
    return a.failureType() == b.failureType() && a.strategy().equals(b.strategy());
  }

  private Frame frameFor(Throwable t) {
    Extras<T> e = extras;
    if (e == null || e.frames == null) {
      return null;
    }
    for (int i = e.frames.size() - 1; i >= 0; i--) {
      Frame f = e.frames.get(i);
      if (f.spec.failureType().isInstance(t)) {
        return f;
      }
    }
    return null;
  }

  private void handleFailure(Throwable t) {
    rethrowIfFatal(t);
    if (lifecycle >= STOPPING) {
      log.error("{} failed while stopping", this, t);
      return;
    }
    Frame f = frameFor(t);
    if (f == null) {
      fail(t, "no supervisor strategy handles " + t.getClass().getName());
      return;
    }
    SupervisorStrategy s = f.strategy();
    if (s instanceof SupervisorStrategy.Resume) {
      logHandled(s, t, "resuming");
    } else if (s instanceof SupervisorStrategy.Stop) {
      fail(t, "its supervisor strategy is stop");
    } else if (s instanceof RestartSupervisorStrategy r) {
      if (!countRestart(f, r)) {
        fail(t, "it exceeded the restart limit of " + r);
        return;
      }
      logHandled(s, t, "restarting");
      prepareRestart(f, r.stopChildren(), true);
      if (lifecycle != SUSPENDED) {
        completeRestart();
      }
    } else if (s instanceof BackoffSupervisorStrategy bs) {
      backoff(f, bs, t, true);
    }
  }

  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError vme) {
      throw vme;
    }
  }

  private boolean countRestart(Frame f, RestartSupervisorStrategy r) {
    if (r.maxRestarts() < 0) {
      return true;
    }
    long now = system.scheduler().nanoTime();
    Duration within = r.withinTimeRange();
    if (!within.isZero() && (f.restartCount == 0 || now - f.windowStart > within.toNanos())) {
      f.windowStart = now;
      f.restartCount = 0;
    }
    if (f.restartCount >= r.maxRestarts()) {
      return false;
    }
    f.restartCount++;
    return true;
  }

  /** PreRestart, drop inner frames and timers, and stop children (then wait for them). */
  private void prepareRestart(Frame f, boolean stopChildren, boolean signalPreRestart) {
    if (signalPreRestart && behavior instanceof ExtensibleBehavior<T> current) {
      try {
        Interpreter.interpretSignal(current, this, PreRestart.instance());
      } catch (Throwable t) {
        rethrowIfFatal(t);
        log.error("{} failed while handling PreRestart", this, t);
      }
    }
    Extras<T> e = extras();
    e.frames.subList(e.frames.indexOf(f) + 1, e.frames.size()).clear();
    if (e.timers != null) {
      e.timers.cancelAll();
    }
    e.pendingRestart = f;
    if (stopChildren && stopChildrenAndUnwatchThem(e)) {
      e.waitingForChildren = true;
      lifecycle = SUSPENDED;
    }
  }

  private void completeRestart() {
    Extras<T> e = extras;
    Frame f = e.pendingRestart;
    e.pendingRestart = null;
    lifecycle = RUNNING;
    f.lastRestartNanos = system.scheduler().nanoTime();
    startBehavior(f.initial(), f);
    if (lifecycle == RUNNING && e.deferredNotifications != null) {
      List<SystemMessage.DeathWatchNotification> deferred = e.deferredNotifications;
      e.deferredNotifications = null;
      for (SystemMessage.DeathWatchNotification n : deferred) {
        watchedTerminated(n);
      }
    }
  }

  private void backoff(Frame f, BackoffSupervisorStrategy s, Throwable t, boolean signalPreRestart) {
    long now = system.scheduler().nanoTime();
    if (f.lastRestartNanos != 0 && now - f.lastRestartNanos >= s.resetBackoffAfter().toNanos()) {
      f.restartCount = 0;
    }
    if (s.maxRestarts() >= 0 && f.restartCount >= s.maxRestarts()) {
      fail(t, "it exceeded the restart limit of " + s);
      return;
    }
    Duration delay = s.backoffFor(f.restartCount, ThreadLocalRandom.current().nextDouble());
    f.restartCount++;
    logHandled(s, t, "restarting in " + delay.toMillis() + " ms");
    prepareRestart(f, s.stopChildren(), signalPreRestart);
    Extras<T> e = extras;
    e.backoffPending = true;
    lifecycle = SUSPENDED;
    int generation = ++e.backoffGeneration;
    system.scheduler().scheduleOnce(
        delay, () -> sendSystem(new SystemMessage.BackoffElapsed(generation)), CallingThreadExecutor.INSTANCE);
  }

  void backoffElapsed(int generation) {
    Extras<T> e = extras;
    if (lifecycle == SUSPENDED && e.backoffPending && e.backoffGeneration == generation) {
      e.backoffPending = false;
      if (!e.waitingForChildren) {
        completeRestart();
      }
    }
  }

  private void logHandled(SupervisorStrategy s, Throwable t, String action) {
    if (s.loggingEnabled()) {
      log.error("{} failed, {}: {}", this, action, t.toString(), t);
    }
  }

  private void fail(Throwable t, String why) {
    log.error("{} stops because {}", this, why, t);
    initiateStop(t, null);
  }

  // ---------------------------------------------------------------- stopping

  void stopRequested() {
    initiateStop(null, null);
  }

  private void initiateStop(Throwable failure, Effect postStopAction) {
    if (lifecycle >= STOPPING) {
      return;
    }
    lifecycle = STOPPING;
    if (extras == null && failure == null && postStopAction == null) {
      finishTermination(); // no children, watchers or timers: nothing to wait for or cancel
      return;
    }
    Extras<T> e = extras();
    e.failure = failure;
    e.postStopAction = postStopAction;
    e.pendingRestart = null;
    e.backoffPending = false;
    if (e.timers != null) {
      e.timers.cancelAll();
    }
    cancelReceiveTimeoutTask(e);
    if (!stopChildrenAndUnwatchThem(e)) {
      finishTermination();
    }
  }

  /** Sends Terminate to every child; returns whether there are children to wait for. */
  private boolean stopChildrenAndUnwatchThem(Extras<T> e) {
    List<ActorCell<?>> kids;
    synchronized (e) {
      if (lifecycle == STOPPING) {
        e.childrenClosed = true;
      }
      if (e.hasNoChildren()) {
        return false;
      }
      kids = e.childList();
    }
    for (ActorCell<?> kid : kids) {
      if (e.watching != null && e.watching.remove(kid) != null) {
        kid.sendSystem(new SystemMessage.Unwatch(this));
      }
      kid.sendSystem(new SystemMessage.Terminate());
    }
    return true;
  }

  private void finishTermination() {
    Extras<T> e = extras;
    try {
      if (e != null && e.postStopAction != null) {
        e.postStopAction.apply();
      } else if (behavior instanceof ExtensibleBehavior<T> current) {
        Interpreter.interpretSignal(current, this, PostStop.instance());
      }
    } catch (Throwable t) {
      rethrowIfFatal(t);
      log.error("{} failed while handling PostStop", this, t);
    }
    lifecycle = TERMINATED;
    behavior = null;
    e = extras; // PostStop may have used the context (a logger, say)
    Throwable cause = e == null ? null : e.failure;
    if (e != null) {
      releaseExtras(e, cause);
    }
    if (parent != null) {
      parent.sendSystem(new SystemMessage.ChildTerminated(this));
    } else {
      system.topLevelTerminated(this, cause);
    }
    status = DEAD;
    drainDead();
  }

  /** Notifies watchers, unwatches, and drops what a terminated actor no longer needs. */
  private void releaseExtras(Extras<T> e, Throwable cause) {
    if (e.watchedBy != null) {
      for (ActorCell<?> watcher : e.watchedBy) {
        watcher.sendSystem(new SystemMessage.DeathWatchNotification(this, cause));
      }
      e.watchedBy = null;
    }
    if (e.watching != null) {
      for (ActorCell<?> watched : e.watching.keySet()) {
        watched.sendSystem(new SystemMessage.Unwatch(this));
      }
      e.watching = null;
    }
    e.timers = null;
    e.adapters = null;
    e.frames = null;
    e.deferredNotifications = null;
  }

  /** Whether the actor has terminated (its mailbox no longer accepts messages). */
  public boolean isTerminated() {
    return status >= DEAD;
  }

  // ---------------------------------------------------------------- children

  void childTerminated(ActorCell<?> child) {
    Extras<T> e = extras;
    boolean none;
    synchronized (e) {
      if (child.name == null) {
        e.anonymous.remove(child);
      } else {
        e.children.remove(child.name, child);
      }
      none = e.hasNoChildren();
    }
    if (!none) {
      return;
    }
    if (lifecycle == STOPPING) {
      finishTermination();
    } else if (lifecycle == SUSPENDED && e.waitingForChildren) {
      e.waitingForChildren = false;
      if (!e.backoffPending && e.pendingRestart != null) {
        completeRestart();
      }
    }
  }

  @Override
  public <U> ActorRef<U> spawn(Behavior<U> behavior, String name) {
    return spawn(behavior, name, Props.empty());
  }

  @Override
  public <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props) {
    ActorNames.validate(name);
    return spawnChild(behavior, name, props);
  }

  @Override
  public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior) {
    return spawnAnonymous(behavior, Props.empty());
  }

  @Override
  public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props) {
    return spawnChild(behavior, null, props);
  }

  /** Creates, registers and starts a child ({@code childName} null: anonymous); safe from any thread. */
  <U> ActorCell<U> spawnChild(Behavior<U> childBehavior, String childName, Props props) {
    Objects.requireNonNull(childBehavior, "behavior");
    Objects.requireNonNull(props, "props");
    system.requireRunning(childName == null ? "an anonymous actor" : childName);
    Dispatcher d = system.dispatchers().select(props.dispatcherSelector(), dispatcher);
    Dispatchers.MailboxSpec mailbox = system.dispatchers().mailbox(props.mailboxSelector());
    ActorCell<U> child = new ActorCell<>(
        system, this, childName, system.nextUid(), d, mailbox.capacity(), mailbox.queue(), childBehavior);
    Extras<T> e = extras();
    synchronized (e) {
      if (e.childrenClosed) {
        throw new IllegalStateException(
            "cannot spawn [" + childName + "] as a child of " + path() + ": that actor is stopping");
      }
      if (childName == null) {
        if (e.anonymous == null) {
          e.anonymous = new CellSet();
        }
        e.anonymous.add(child);
      } else {
        if (e.children == null) {
          e.children = new HashMap<>();
        }
        if (e.children.putIfAbsent(childName, child) != null) {
          throw new InvalidActorNameException(
              "actor name [" + childName + "] is not unique among the children of " + path());
        }
      }
    }
    child.start();
    return child;
  }

  @Override
  public <U> void stop(ActorRef<U> child) {
    Objects.requireNonNull(child, "child");
    if (!(child instanceof ActorCell<?> c) || c.parent != this) {
      throw new IllegalArgumentException("only a direct child can be stopped through the context, but "
          + child + " is not a child of " + this
          + "; to stop another actor, send it a message its behavior answers with Behaviors.stopped()");
    }
    c.sendSystem(new SystemMessage.Terminate());
  }

  @Override
  public List<ActorRef<Void>> getChildren() {
    Extras<T> e = extras;
    if (e == null) {
      return List.of();
    }
    synchronized (e) {
      List<ActorRef<Void>> kids = new ArrayList<>();
      for (ActorCell<?> c : e.childList()) {
        kids.add(c.unsafeUpcast());
      }
      return kids;
    }
  }

  @Override
  public Optional<ActorRef<Void>> getChild(String childName) {
    Extras<T> e = extras;
    if (e == null) {
      return Optional.empty();
    }
    synchronized (e) {
      ActorCell<?> c = e.child(childName);
      return c == null ? Optional.empty() : Optional.of(c.unsafeUpcast());
    }
  }

  /** For printTree: the children right now. */
  List<ActorCell<?>> childCells() {
    Extras<T> e = extras;
    if (e == null) {
      return List.of();
    }
    synchronized (e) {
      return e.childList();
    }
  }

  // ---------------------------------------------------------------- death watch

  @Override
  public <U> void watch(ActorRef<U> other) {
    watch(other, NO_MESSAGE);
  }

  @Override
  public <U> void watchWith(ActorRef<U> other, T message) {
    watch(other, Objects.requireNonNull(message, "message"));
  }

  private void watch(ActorRef<?> other, Object message) {
    ActorCell<?> target = watchable(other);
    if (target == this) {
      return;
    }
    Extras<T> e = extras();
    if (e.watching == null) {
      e.watching = new HashMap<>();
    }
    Object previous = e.watching.putIfAbsent(target, message);
    if (previous == null) {
      target.sendSystem(new SystemMessage.Watch(this));
    } else if (!previous.equals(message)) {
      throw new IllegalStateException(other + " is already watched by " + this + " with "
          + (previous == NO_MESSAGE ? "Terminated" : "the message " + previous)
          + "; unwatch it before watching it with another message");
    }
  }

  @Override
  public <U> void unwatch(ActorRef<U> other) {
    ActorCell<?> target = watchable(other);
    Extras<T> e = extras;
    if (e != null && e.watching != null && e.watching.remove(target) != null) {
      target.sendSystem(new SystemMessage.Unwatch(this));
    }
  }

  private ActorCell<?> watchable(ActorRef<?> ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref instanceof ActorCell<?> c) {
      return c;
    }
    if (ref instanceof AdapterRef<?> a) {
      return a.owner;
    }
    if (ref instanceof ActorSystemImpl<?> s) {
      return s.userGuardian();
    }
    throw new IllegalArgumentException("cannot watch " + ref + ": only actors can be watched");
  }

  void addWatcher(ActorCell<?> watcher) {
    Extras<T> e = extras();
    if (e.watchedBy == null) {
      e.watchedBy = new HashSet<>();
    }
    e.watchedBy.add(watcher);
  }

  void removeWatcher(ActorCell<?> watcher) {
    Extras<T> e = extras;
    if (e != null && e.watchedBy != null) {
      e.watchedBy.remove(watcher);
    }
  }

  @SuppressWarnings("unchecked")
  void watchedTerminated(SystemMessage.DeathWatchNotification n) {
    if (lifecycle >= STOPPING) {
      return;
    }
    Extras<T> e = extras;
    if (e == null || e.watching == null || !e.watching.containsKey(n.actor)) {
      return;
    }
    if (lifecycle == SUSPENDED) {
      if (e.deferredNotifications == null) {
        e.deferredNotifications = new ArrayList<>();
      }
      e.deferredNotifications.add(n);
      return;
    }
    Object message = e.watching.remove(n.actor);
    if (message != NO_MESSAGE) {
      invokeUser((T) message, true);
    } else if (n.cause != null && n.actor.parent == this) {
      invokeSignal(new ChildFailed(n.actor, n.cause));
    } else {
      invokeSignal(new Terminated(n.actor));
    }
  }

  // ---------------------------------------------------------------- timers, adapters, ask

  @Override
  public TimerScheduler<T> timers() {
    Extras<T> e = extras();
    if (e.timers == null) {
      e.timers = new TimerSchedulerImpl<>(this);
    }
    return e.timers;
  }

  void timerFired(TimerSchedulerImpl.TimerMessage fired) {
    Extras<T> e = extras;
    if (e == null || e.timers == null) {
      return;
    }
    T message = e.timers.messageFor(fired);
    if (message != null) {
      invokeUser(message, true);
    }
  }

  @Override
  public void setReceiveTimeout(Duration timeout, T message) {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(message, "message");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("receive timeout must be positive, was " + timeout);
    }
    Extras<T> e = extras();
    e.receiveTimeout = timeout;
    e.receiveTimeoutMessage = message;
    scheduleReceiveTimeout(e);
  }

  @Override
  public void cancelReceiveTimeout() {
    Extras<T> e = extras;
    if (e != null) {
      cancelReceiveTimeoutTask(e);
      e.receiveTimeout = null;
      e.receiveTimeoutMessage = null;
    }
  }

  private void cancelReceiveTimeoutTask(Extras<T> e) {
    e.receiveTimeoutGeneration++;
    if (e.receiveTimeoutTask != null) {
      e.receiveTimeoutTask.cancel();
      e.receiveTimeoutTask = null;
    }
  }

  private void scheduleReceiveTimeout(Extras<T> e) {
    cancelReceiveTimeoutTask(e);
    ReceiveTimeoutMessage fire = new ReceiveTimeoutMessage(e.receiveTimeoutGeneration);
    e.receiveTimeoutTask = system.scheduler()
        .scheduleOnce(e.receiveTimeout, () -> enqueue(fire), CallingThreadExecutor.INSTANCE);
  }

  private void receiveTimeoutFired(int generation) {
    Extras<T> e = extras;
    if (e != null && e.receiveTimeout != null && e.receiveTimeoutGeneration == generation) {
      T message = e.receiveTimeoutMessage;
      scheduleReceiveTimeout(e); // fires again after another idle period
      invokeUser(message, false);
    }
  }

  private final class ReceiveTimeoutMessage extends CellMessage {
    final int generation;

    ReceiveTimeoutMessage(int generation) {
      this.generation = generation;
    }

    @Override
    void deliver(ActorCell<?> cell) {
      receiveTimeoutFired(generation);
    }

    @Override
    Object payload() {
      Extras<T> e = extras;
      return e == null || e.receiveTimeoutMessage == null ? "ReceiveTimeout" : e.receiveTimeoutMessage;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> ActorRef<U> messageAdapter(Class<U> messageClass, Function<U, T> adapter) {
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(adapter, "adapter");
    Extras<T> e = extras();
    if (e.adapters == null) {
      e.adapters = new ArrayList<>(2);
    }
    e.adapters.removeIf(a -> a.messageClass == messageClass);
    e.adapters.add(new Adapter<>(messageClass, (Function<Object, T>) adapter));
    if (e.adapterRef == null) {
      e.adapterRef = new AdapterRef<>(this);
    }
    return (ActorRef<U>) e.adapterRef;
  }

  void adapt(Object message) {
    Extras<T> e = extras;
    if (e != null && e.adapters != null) {
      for (int i = e.adapters.size() - 1; i >= 0; i--) {
        Adapter<T> a = e.adapters.get(i);
        if (a.messageClass.isInstance(message)) {
          T adapted;
          try {
            adapted = Objects.requireNonNull(a.function.apply(message), "the message adapter returned null");
          } catch (Throwable t) {
            handleFailure(t);
            return;
          }
          invokeUser(adapted, true);
          return;
        }
      }
    }
    system.publishUnhandled(new UnhandledMessage(message, this));
  }

  <V> void pipeResult(V value, Throwable failure, Function2<V, Throwable, T> applyToResult) {
    T message;
    try {
      message = Objects.requireNonNull(applyToResult.apply(value, failure), "the pipeToSelf function returned null");
    } catch (Throwable t) {
      handleFailure(t);
      return;
    }
    invokeUser(message, true);
  }

  @Override
  public <V> void pipeToSelf(CompletionStage<V> future, Function2<V, Throwable, T> applyToResult) {
    Objects.requireNonNull(future, "future");
    Objects.requireNonNull(applyToResult, "applyToResult");
    future.whenComplete((value, failure) ->
        enqueue(new PipeMessage<>(value, unwrap(failure), applyToResult)));
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  @Override
  public <Req, Res> void ask(
      Class<Res> responseClass,
      ActorRef<Req> target,
      Duration timeout,
      Function<ActorRef<Res>, Req> createRequest,
      Function2<Res, Throwable, T> applyToResponse) {
    Objects.requireNonNull(responseClass, "responseClass");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(createRequest, "createRequest");
    Objects.requireNonNull(applyToResponse, "applyToResponse");
    PromiseRef<Res> promise = PromiseRef.create(target, timeout, system.scheduler());
    Req request;
    try {
      request = Objects.requireNonNull(createRequest.apply(promise), "createRequest returned null");
    } catch (Exception ex) {
      promise.cancelTimeout();
      throw new IllegalArgumentException("ask: createRequest failed", ex);
    }
    promise.setRequestClass(request.getClass());
    target.tell(request);
    pipeToSelf(promise.thenApply(reply -> {
      if (!responseClass.isInstance(reply)) {
        throw new ClassCastException("ask to " + target.path() + " expected a reply of " + responseClass.getName()
            + " but got " + reply.getClass().getName());
      }
      return responseClass.cast(reply);
    }), applyToResponse);
  }


  @Override
  public <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(message, "message");
    return system.scheduler().scheduleOnce(delay, () -> target.tell(message), CallingThreadExecutor.INSTANCE);
  }

  @Override
  public void onUnhandled(T message) {
    system.publishUnhandled(new UnhandledMessage(message, this));
  }

  // ---------------------------------------------------------------- context basics

  @Override
  public ActorRef<T> getSelf() {
    return this;
  }

  @Override
  public ActorSystem<Void> getSystem() {
    return system.asVoid();
  }

  @Override
  public Executor getExecutionContext() {
    return dispatcher;
  }

  @Override
  public Logger getLog() {
    Extras<T> e = extras();
    if (e.logger == null) {
      e.logger = LoggerFactory.getLogger(
          e.loggerName != null ? e.loggerName : BehaviorImpl.loggerNameOf(behavior));
    }
    if (!e.mdcUsed) {
      e.mdcUsed = true;
      putMdc();
    }
    return e.logger;
  }

  @Override
  public void setLoggerName(String loggerName) {
    Extras<T> e = extras();
    e.loggerName = Objects.requireNonNull(loggerName, "name");
    e.logger = null;
  }

  @Override
  public void setLoggerName(Class<?> clazz) {
    setLoggerName(Objects.requireNonNull(clazz, "clazz").getName());
  }

  private void putMdc() {
    MDC.put("troupeSource", path().toString());
    MDC.put("troupeAddress", path().address());
    MDC.put("sourceActorSystem", system.name());
  }

  @Override
  public ActorPath path() {
    ActorPath p = path;
    if (p == null) {
      p = (parent == null ? system.rootPath() : parent.path()).child(name(), uid);
      path = p;
    }
    return p;
  }

  @Override
  public String toString() {
    return "Actor[" + path() + "#" + uid + "]";
  }

  private Extras<T> extras() {
    Extras<T> e = extras;
    if (e == null) {
      Extras<T> fresh = new Extras<>();
      e = EXTRAS.compareAndSet(this, (Extras<T>) null, fresh) ? fresh : extras;
    }
    return e;
  }

  // ForkJoinTask plumbing: the cell has no result.
  @Override
  public Void getRawResult() {
    return null;
  }

  @Override
  protected void setRawResult(Void value) {}

  // ---------------------------------------------------------------- nested types

  /** A chunk of the user mailbox. */
  static final class Chunk {
    private static final VarHandle CLAIMED;
    private static final VarHandle NEXT;

    static {
      try {
        MethodHandles.Lookup l = MethodHandles.lookup();
        CLAIMED = l.findVarHandle(Chunk.class, "claimed", int.class);
        NEXT = l.findVarHandle(Chunk.class, "next", Chunk.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final Object[] slots;
    @SuppressWarnings("unused") // accessed through CLAIMED
    private volatile int claimed;
    volatile Chunk next;

    Chunk(int size) {
      slots = new Object[size];
    }

    /** Claims the next slot; an index past the end means the chunk is full. */
    int claim() {
      return (int) CLAIMED.getAndAdd(this, 1);
    }

    boolean casNext(Chunk fresh) {
      return NEXT.compareAndSet(this, (Chunk) null, fresh);
    }
  }

  /** One {@code Behaviors.supervise} the current behavior was started through. */
  private static final class Frame {
    BehaviorImpl.Supervise<?> spec;
    // the wrappers (interceptors) around the supervise, innermost last: applied again on restart
    List<Function<Behavior<?>, Behavior<?>>> wrappers;
    int restartCount;
    long windowStart;
    long lastRestartNanos;

    Frame(BehaviorImpl.Supervise<?> spec, List<Function<Behavior<?>, Behavior<?>>> wrappers) {
      this.spec = spec;
      this.wrappers = wrappers;
    }

    SupervisorStrategy strategy() {
      return spec.strategy();
    }

    @SuppressWarnings("unchecked")
    <T> Behavior<T> initial() {
      return (Behavior<T>) spec.inner();
    }

    Frame withSpec(BehaviorImpl.Supervise<?> newSpec, List<Function<Behavior<?>, Behavior<?>>> newWrappers) {
      spec = newSpec;
      wrappers = newWrappers;
      return this;
    }
  }

  private record Adapter<T>(Class<?> messageClass, Function<Object, T> function) {}

  private static final class PipeMessage<V, T> extends CellMessage {
    final V value;
    final Throwable failure;
    final Function2<V, Throwable, T> applyToResult;

    PipeMessage(V value, Throwable failure, Function2<V, Throwable, T> applyToResult) {
      this.value = value;
      this.failure = failure;
      this.applyToResult = applyToResult;
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(ActorCell<?> cell) {
      ((ActorCell<T>) cell).pipeResult(value, failure, applyToResult);
    }

    @Override
    Object payload() {
      return failure != null ? failure : value;
    }
  }

  /** State most actors never need, created on first use. */
  private static final class Extras<T> {
    // guarded by synchronized (this): spawning may happen from other threads (systemActorOf)
    HashMap<String, ActorCell<?>> children; // named
    CellSet anonymous;
    boolean childrenClosed;
    // owned by the running turn
    HashMap<ActorCell<?>, Object> watching;
    HashSet<ActorCell<?>> watchedBy;
    TimerSchedulerImpl<T> timers;
    ArrayList<Frame> frames;
    Frame pendingRestart;
    boolean waitingForChildren;
    boolean backoffPending;
    int backoffGeneration;
    Throwable failure;
    Effect postStopAction;
    List<SystemMessage.DeathWatchNotification> deferredNotifications;
    ArrayList<Function<Behavior<?>, Behavior<?>>> startWrappers; // during a start only
    Duration receiveTimeout;
    T receiveTimeoutMessage;
    int receiveTimeoutGeneration;
    Cancellable receiveTimeoutTask;
    ArrayList<Adapter<T>> adapters;
    AdapterRef<T> adapterRef;
    Logger logger;
    String loggerName;
    boolean mdcUsed;

    boolean hasNoChildren() {
      return (children == null || children.isEmpty()) && (anonymous == null || anonymous.isEmpty());
    }

    List<ActorCell<?>> childList() {
      List<ActorCell<?>> all = new ArrayList<>();
      if (children != null) {
        all.addAll(children.values());
      }
      if (anonymous != null) {
        anonymous.addAllTo(all);
      }
      return all;
    }

    ActorCell<?> child(String childName) {
      if (childName.startsWith("$")) {
        if (anonymous == null) {
          return null;
        }
        try {
          return anonymous.findByUid(Long.parseLong(childName.substring(1), 36));
        } catch (NumberFormatException notGenerated) {
          return null;
        }
      }
      return children == null ? null : children.get(childName);
    }
  }
}
