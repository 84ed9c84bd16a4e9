package io.troupe.actor.testkit;

import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Cancellable;
import io.troupe.actor.EventStream;
import io.troupe.actor.ExtensibleBehavior;
import io.troupe.actor.InvalidActorNameException;
import io.troupe.actor.PostStop;
import io.troupe.actor.Props;
import io.troupe.actor.Signal;
import io.troupe.actor.TimerScheduler;
import io.troupe.actor.UnhandledMessage;
import io.troupe.actor.internal.BehaviorImpl;
import io.troupe.actor.internal.CallingThreadExecutor;
import io.troupe.actor.internal.InternalContext;
import io.troupe.actor.internal.Interpreter;
import io.troupe.japi.function.Effect;
import io.troupe.japi.function.Function;
import io.troupe.japi.function.Function2;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * The behavior test kit: an {@link InternalContext} that records effects, driven through the same
 * {@link Interpreter} as the real actor cell, on the caller's thread.
 */
final class BehaviorTestKitImpl<T> implements BehaviorTestKit<T> {
  private static final Pattern ACTOR_NAME = Pattern.compile("[-\\w:@&=+,.!~*'_;%]+");
  private static final Object NO_MESSAGE = new Object();
  
  private final ActorSystem<Void> system;
  private final ActorPath path;
  private final TestInboxImpl<T> selfInbox;
  private final ConcurrentLinkedQueue<io.troupe.actor.testkit.Effect> effects = new ConcurrentLinkedQueue<>();
  private final List<CapturedLogEvent> log = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, BehaviorTestKitImpl<?>> children = new LinkedHashMap<>();
  private final Context context = new Context();
  private Behavior<T> current;
  private boolean alive = true;
  private volatile Throwable asyncFailure;

  private BehaviorTestKitImpl(ActorSystem<Void> system, ActorPath path, Behavior<T> initial) {
    this.system = system;
    this.path = path;
    this.selfInbox = new TestInboxImpl<>(path);
    this.current = initial;
    Behavior<T> started;
    try {
      started = Interpreter.start(initial, context);
    } catch (Exception e) {
      throw Texts.sneakyThrow(e);
    }
    become(started);
  }

  @SuppressWarnings("unchecked")
  static <T> BehaviorTestKit<T> createRoot(Behavior<T> initial, String name, ActorSystem<?> system) {
    Objects.requireNonNull(initial, "initialBehavior");
    validateName(name);
    ActorSystem<Void> sys = system == null ? new ActorSystemStub() : (ActorSystem<Void>) system;
    ActorPath p = ActorPath.root(sys.name()).child("user").child(name, uid());
    return new BehaviorTestKitImpl<>(sys, p, initial);
  }

  private static long uid() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private static void validateName(String name) {
    if (name == null) {
      throw new InvalidActorNameException("actor name must not be null");
    }
    if (name.isEmpty() || name.charAt(0) == '$' || !ACTOR_NAME.matcher(name).matches()) {
      throw new InvalidActorNameException("actor name [" + name
          + "] is invalid: use letters, digits and -_.*$+:@&=,!~';% (no '/', no white space, no leading '$')");
    }
  }

  // ---------------------------------------------------------------- running

  private void become(Behavior<T> next) {
    if (next instanceof BehaviorImpl.Stopped<T> stopped) {
      stop(stopped.postStop());
    } else {
      current = next;
    }
  }

  /** Stops the children (each runs its PostStop), then runs this behavior's PostStop. */
  private void stop(Effect postStop) {
    alive = false;
    context.timers = null;
    List<BehaviorTestKitImpl<?>> kids = new ArrayList<>(children.values());
    children.clear();
    for (BehaviorTestKitImpl<?> kid : kids) {
      if (kid.alive) {
        kid.stop(null);
      }
    }
    try {
      if (postStop != null) {
        postStop.apply();
      } else if (current instanceof ExtensibleBehavior<T> started) {
        // a behavior that stopped while starting (in setup) has nothing to signal, as in the cell
        Interpreter.interpretSignal(started, context, PostStop.instance());
      }
    } catch (Exception e) {
      throw Texts.sneakyThrow(e);
    }
  }

  private void requireAlive(Object input) {
    Throwable failure = asyncFailure;
    if (failure != null) {
      asyncFailure = null;
      throw Texts.sneakyThrow(failure);
    }
    if (!alive) {
      throw new IllegalStateException("the behavior of " + path + " has stopped; cannot handle " + input);
    }
  }

  @Override
  public void run(T message) {
    Objects.requireNonNull(message, "message");
    requireAlive(message);
    Behavior<T> next;
    try {
      next = Interpreter.interpretMessage(current, context, message);
    } catch (Exception e) {
      throw Texts.sneakyThrow(e);
    }
    become(next);
  }

  @Override
  public void runOne() {
    if (!selfInbox.hasMessages()) {
      throw new java.util.NoSuchElementException("runOne: the self inbox of " + path + " is empty");
    }
    run(selfInbox.receiveMessage());
  }

  @Override
  public void signal(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    requireAlive(signal);
    Behavior<T> next;
    try {
      next = Interpreter.interpretSignal(current, context, signal);
    } catch (Exception e) {
      throw Texts.sneakyThrow(e);
    }
    become(next);
  }

  // ---------------------------------------------------------------- inspection

  @Override
  public ActorRef<T> getRef() {
    return selfInbox.getRef();
  }

  @Override
  public TestInbox<T> selfInbox() {
    return selfInbox;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> TestInbox<U> childInbox(String name) {
    Objects.requireNonNull(name, "name");
    BehaviorTestKitImpl<?> kid = children.get(name);
    if (kid == null) {
      throw new IllegalArgumentException("childInbox: " + path + " has no live child named [" + name
          + "]; its children: " + children.keySet());
    }
    return (TestInbox<U>) kid.selfInbox;
  }

  @Override
  public <U> TestInbox<U> childInbox(ActorRef<U> child) {
    return childTestKitImpl(child, "childInbox").selfInbox;
  }

  @Override
  public <U> BehaviorTestKit<U> childTestKit(ActorRef<U> child) {
    return childTestKitImpl(child, "childTestKit");
  }

  @SuppressWarnings("unchecked")
  private <U> BehaviorTestKitImpl<U> childTestKitImpl(ActorRef<U> child, String what) {
    Objects.requireNonNull(child, "child");
    for (BehaviorTestKitImpl<?> kid : children.values()) {
      if (kid.getRef().equals(child)) {
        return (BehaviorTestKitImpl<U>) kid;
      }
    }
    throw new IllegalArgumentException(what + ": " + child + " is not a live child of " + path
        + "; its children: " + children.keySet());
  }

  @Override
  public TestInbox<io.troupe.actor.receptionist.Receptionist.Command> receptionistInbox() {
    if (system instanceof ActorSystemStub stub) {
      return stub.receptionistInbox();
    }
    throw new IllegalStateException("receptionistInbox: this kit was created with the real system "
        + system.name() + ", whose receptionist is real");
  }

  @Override
  public io.troupe.actor.testkit.Effect getEffect() {
    io.troupe.actor.testkit.Effect e = effects.poll();
    return e == null ? Effects.noEffects() : e;
  }

  @Override
  public List<io.troupe.actor.testkit.Effect> getAllEffects() {
    List<io.troupe.actor.testkit.Effect> all = new ArrayList<>();
    io.troupe.actor.testkit.Effect e;
    while ((e = effects.poll()) != null) {
      all.add(e);
    }
    return all;
  }

  @Override
  public boolean hasEffects() {
    return !effects.isEmpty();
  }

  @Override
  public void expectEffect(io.troupe.actor.testkit.Effect expectedEffect) {
    Objects.requireNonNull(expectedEffect, "expectedEffect");
    io.troupe.actor.testkit.Effect actual = effects.poll();
    if (expectedEffect instanceof io.troupe.actor.testkit.Effect.NoEffects) {
      if (actual != null) {
        throw new AssertionError("expectEffect: expected no effects, but found " + actual + remaining());
      }
      return;
    }
    if (actual == null) {
      throw new AssertionError("expectEffect: expected " + expectedEffect + ", but no effects were recorded");
    }
    if (!expectedEffect.equals(actual)) {
      throw new AssertionError("expectEffect: expected " + expectedEffect + ", but found " + actual + remaining());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <E extends io.troupe.actor.testkit.Effect> E expectEffectClass(Class<E> effectClass) {
    Objects.requireNonNull(effectClass, "effectClass");
    io.troupe.actor.testkit.Effect actual = effects.poll();
    if (effectClass == io.troupe.actor.testkit.Effect.NoEffects.class) {
      if (actual != null) {
        throw new AssertionError("expectEffectClass: expected no effects, but found " + actual + remaining());
      }
      return (E) Effects.noEffects();
    }
    if (actual == null) {
      throw new AssertionError("expectEffectClass: expected an effect of class " + effectClass.getName()
          + ", but no effects were recorded");
    }
    if (!effectClass.isInstance(actual)) {
      throw new AssertionError("expectEffectClass: expected an effect of class " + effectClass.getName()
          + ", but found " + actual + remaining());
    }
    return effectClass.cast(actual);
  }

  private String remaining() {
    return effects.isEmpty() ? "" : " (and later: " + effects + ")";
  }

  @Override
  public boolean isAlive() {
    return alive;
  }

  @Override
  public Behavior<T> currentBehavior() {
    return current;
  }

  @Override
  public List<CapturedLogEvent> getAllLogEntries() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  @Override
  public List<CapturedLogEvent> getLog() {
    return getAllLogEntries();
  }

  @Override
  public void clearLog() {
    log.clear();
  }

  @Override
  public String toString() {
    return "BehaviorTestKit(" + path + ")";
  }

  private void record(io.troupe.actor.testkit.Effect effect) {
    effects.add(effect);
  }

  // ---------------------------------------------------------------- the context

  /** The context the behavior sees; every method runs on the test's thread. */
  private final class Context implements InternalContext<T> {
    private final Map<ActorRef<?>, Object> watching = new HashMap<>();
    private final List<Adapter<T>> adapters = new ArrayList<>();
    private InboxRef<Object> adapterRef;
    private Timers timers;
    private Logger logger;
    private String loggerName;
    private long anonymousChildren;

    @Override
    public ActorRef<T> getSelf() {
      return selfInbox.getRef();
    }

    @Override
    public ActorSystem<Void> getSystem() {
      return system;
    }

    @Override
    public Logger getLog() {
      if (logger == null) {
        logger = new CapturingLogger(loggerName != null ? loggerName : BehaviorImpl.loggerNameOf(current), log);
      }
      return logger;
    }

    @Override
    public void setLoggerName(String name) {
      loggerName = Objects.requireNonNull(name, "name");
      logger = null;
    }

    @Override
    public void setLoggerName(Class<?> clazz) {
      setLoggerName(Objects.requireNonNull(clazz, "clazz").getName());
    }

    @Override
    public <U> ActorRef<U> spawn(Behavior<U> behavior, String name) {
      return spawn(behavior, name, Props.empty());
    }

    @Override
    public <U> ActorRef<U> spawn(Behavior<U> behavior, String name, Props props) {
      validateName(name);
      BehaviorTestKitImpl<U> kid = spawnChild(behavior, name, props);
      record(new io.troupe.actor.testkit.Effect.Spawned<>(behavior, name, props, kid.getRef()));
      return kid.getRef();
    }

    @Override
    public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior) {
      return spawnAnonymous(behavior, Props.empty());
    }

    @Override
    public <U> ActorRef<U> spawnAnonymous(Behavior<U> behavior, Props props) {
      String name = "$" + Long.toString(++anonymousChildren, 36);
      BehaviorTestKitImpl<U> kid = spawnChild(behavior, name, props);
      record(new io.troupe.actor.testkit.Effect.SpawnedAnonymous<>(behavior, props, kid.getRef()));
      return kid.getRef();
    }

    private <U> BehaviorTestKitImpl<U> spawnChild(Behavior<U> behavior, String name, Props props) {
      Objects.requireNonNull(behavior, "behavior");
      Objects.requireNonNull(props, "props");
      if (!alive) {
        throw new IllegalStateException("cannot spawn [" + name + "] as a child of " + path + ": it has stopped");
      }
      if (children.containsKey(name)) {
        throw new InvalidActorNameException("actor name [" + name + "] is not unique among the children of " + path);
      }
      BehaviorTestKitImpl<U> kid = new BehaviorTestKitImpl<>(system, path.child(name, uid()), behavior);
      children.put(name, kid);
      return kid;
    }

    @Override
    public <U> void stop(ActorRef<U> child) {
      Objects.requireNonNull(child, "child");
      BehaviorTestKitImpl<U> kid;
      try {
        kid = childTestKitImpl(child, "stop");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("only a direct child can be stopped through the context, but "
            + child + " is not a child of " + path, e);
      }
      String name = child.path().name();
      children.values().remove(kid);
      if (kid.alive) {
        kid.stop(null);
      }
      record(new io.troupe.actor.testkit.Effect.Stopped(name));
    }

    @Override
    public <U> void watch(ActorRef<U> other) {
      addWatch(other, NO_MESSAGE);
      record(new io.troupe.actor.testkit.Effect.Watched<>(other));
    }

    @Override
    public <U> void watchWith(ActorRef<U> other, T message) {
      addWatch(other, Objects.requireNonNull(message, "message"));
      record(new io.troupe.actor.testkit.Effect.WatchedWith<>(other, message));
    }

    private void addWatch(ActorRef<?> other, Object message) {
      Objects.requireNonNull(other, "other");
      Object previous = watching.putIfAbsent(other, message);
      if (previous != null && !previous.equals(message)) {
        throw new IllegalStateException(other + " is already watched by " + path + " with "
            + (previous == NO_MESSAGE ? "Terminated" : "the message " + previous)
            + "; unwatch it before watching it with another message");
      }
    }

    @Override
    public <U> void unwatch(ActorRef<U> other) {
      Objects.requireNonNull(other, "other");
      watching.remove(other);
      record(new io.troupe.actor.testkit.Effect.Unwatched<>(other));
    }

    @Override
    public List<ActorRef<Void>> getChildren() {
      List<ActorRef<Void>> refs = new ArrayList<>();
      for (BehaviorTestKitImpl<?> kid : children.values()) {
        refs.add(kid.getRef().unsafeUpcast());
      }
      return refs;
    }

    @Override
    public Optional<ActorRef<Void>> getChild(String name) {
      BehaviorTestKitImpl<?> kid = children.get(name);
      return kid == null ? Optional.empty() : Optional.of(kid.getRef().unsafeUpcast());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U> ActorRef<U> messageAdapter(Class<U> messageClass, Function<U, T> adapter) {
      Objects.requireNonNull(messageClass, "messageClass");
      Objects.requireNonNull(adapter, "adapter");
      adapters.removeIf(a -> a.messageClass() == messageClass);
      adapters.add(new Adapter<>(messageClass, (Function<Object, T>) adapter));
      record(new io.troupe.actor.testkit.Effect.MessageAdapter<>(messageClass, adapter));
      if (adapterRef == null) {
        adapterRef = new InboxRef<>(path.child("$$adapter"), this::adapt);
      }
      return (ActorRef<U>) (ActorRef<?>) adapterRef;
    }

    /** Adapts on the sender's thread (the test's) and puts the result in the self inbox. */
    private void adapt(Object message) {
      for (int i = adapters.size() - 1; i >= 0; i--) {
        Adapter<T> a = adapters.get(i);
        if (a.messageClass().isInstance(message)) {
          T adapted;
          try {
            adapted = Objects.requireNonNull(a.function().apply(message), "the message adapter returned null");
          } catch (Exception e) {
            throw Texts.sneakyThrow(e);
          }
          selfInbox.getRef().tell(adapted);
          return;
        }
      }
      system.eventStream().tell(new EventStream.Publish<>(new UnhandledMessage(message, getSelf())));
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
      Texts.requirePositive(timeout, "timeout");
      Objects.requireNonNull(createRequest, "createRequest");
      Objects.requireNonNull(applyToResponse, "applyToResponse");
      AtomicBoolean answered = new AtomicBoolean();
      ActorRef<Res> replyTo = new InboxRef<Res>(path.root().child("temp").child("$ask", uid()), reply -> {
        if (answered.compareAndSet(false, true)) {
          Throwable failure = responseClass.isInstance(reply) ? null : new ClassCastException("ask to "
              + target.path() + " expected a reply of " + responseClass.getName() + " but got "
              + reply.getClass().getName());
          T mapped;
          try {
            mapped = applyToResponse.apply(failure == null ? responseClass.cast(reply) : null, failure);
          } catch (Exception e) {
            throw Texts.sneakyThrow(e);
          }
          selfInbox.getRef().tell(Objects.requireNonNull(mapped, "the ask's response mapping returned null"));
        }
      });
      Req request;
      try {
        request = Objects.requireNonNull(createRequest.apply(replyTo), "createRequest returned null");
      } catch (Exception e) {
        throw new IllegalArgumentException("ask: createRequest failed", e);
      }
      record(new io.troupe.actor.testkit.Effect.AskInitiated<>(
          target, request, timeout, responseClass, applyToResponse, selfInbox.getRef()));
      target.tell(request);
    }


    @Override
    public <V> void pipeToSelf(CompletionStage<V> future, Function2<V, Throwable, T> applyToResult) {
      Objects.requireNonNull(future, "future");
      Objects.requireNonNull(applyToResult, "applyToResult");
      future.whenComplete((value, failure) -> {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        try {
          selfInbox.getRef().tell(Objects.requireNonNull(applyToResult.apply(value, cause),
              "the pipeToSelf function returned null"));
        } catch (Throwable t) {
          asyncFailure = t; // rethrown by the next run, runOne or signal
        }
      });
    }

    @Override
    public <U> Cancellable scheduleOnce(Duration delay, ActorRef<U> target, U message) {
      Texts.requireNonNegative(delay, "delay");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(message, "message");
      record(new io.troupe.actor.testkit.Effect.Scheduled<>(delay, target, message));
      return new RecordedCancellable();
    }

    @Override
    public void setReceiveTimeout(Duration timeout, T message) {
      Texts.requirePositive(timeout, "timeout");
      Objects.requireNonNull(message, "message");
      record(new io.troupe.actor.testkit.Effect.ReceiveTimeoutSet<>(timeout, message));
    }

    @Override
    public void cancelReceiveTimeout() {
      record(new io.troupe.actor.testkit.Effect.ReceiveTimeoutCancelled());
    }

    @Override
    public Executor getExecutionContext() {
      return CallingThreadExecutor.INSTANCE;
    }

    @Override
    public TimerScheduler<T> timers() {
      if (timers == null) {
        timers = new Timers();
      }
      return timers;
    }

    @Override
    public void enterSupervision(BehaviorImpl.Supervise<T> supervise) {
      // not applied: failures propagate to the test (see BehaviorTestKit)
    }

    @Override
    public void onUnhandled(T message) {
      system.eventStream().tell(new EventStream.Publish<>(new UnhandledMessage(message, getSelf())));
    }
  }

  private record Adapter<T>(Class<?> messageClass, Function<Object, T> function) {}

  /** What {@code scheduleOnce} returns: nothing runs, so cancelling only flips a flag. */
  private static final class RecordedCancellable implements Cancellable {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Override
    public boolean cancel() {
      return cancelled.compareAndSet(false, true);
    }

    @Override
    public boolean isCancelled() {
      return cancelled.get();
    }
  }

  /** Timers that record effects; a timer sends only when the test fires it. */
  private final class Timers implements TimerScheduler<T> {
    private final Map<Object, Timer<T>> active = new HashMap<>();
    private long generation;

    private record Timer<T>(T msg, long generation, boolean repeat) {}

    @Override
    public void startSingleTimer(Object key, T msg, Duration delay) {
      Texts.requireNonNegative(delay, "delay");
      start(key, msg, delay, new io.troupe.actor.testkit.Effect.SingleMode(), false);
    }

    @Override
    public void startTimerWithFixedDelay(Object key, T msg, Duration initialDelay, Duration delay) {
      Texts.requireNonNegative(initialDelay, "initialDelay");
      Texts.requirePositive(delay, "delay");
      start(key, msg, delay, new io.troupe.actor.testkit.Effect.FixedDelayMode(initialDelay), true);
    }

    @Override
    public void startTimerAtFixedRate(Object key, T msg, Duration initialDelay, Duration interval) {
      Texts.requireNonNegative(initialDelay, "initialDelay");
      Texts.requirePositive(interval, "interval");
      start(key, msg, interval, new io.troupe.actor.testkit.Effect.FixedRateMode(initialDelay), true);
    }

    private void start(Object key, T msg, Duration delay, io.troupe.actor.testkit.Effect.TimerMode mode, boolean repeat) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(msg, "msg");
      boolean overriding = active.containsKey(key);
      long gen = ++generation;
      active.put(key, new Timer<>(msg, gen, repeat));
      record(new io.troupe.actor.testkit.Effect.TimerScheduled<>(key, msg, delay, mode, overriding, () -> fire(key, gen)));
    }

    private void fire(Object key, long gen) {
      if (context.timers != this) {
        return; // the actor stopped
      }
      Timer<T> t = active.get(key);
      if (t == null || t.generation() != gen) {
        return; // cancelled or replaced
      }
      if (!t.repeat()) {
        active.remove(key);
      }
      selfInbox.getRef().tell(t.msg());
    }

    @Override
    public boolean isTimerActive(Object key) {
      return active.containsKey(key);
    }

    @Override
    public void cancel(Object key) {
      Objects.requireNonNull(key, "key");
      active.remove(key);
      record(new io.troupe.actor.testkit.Effect.TimerCancelled(key));
    }

    @Override
    public void cancelAll() {
      for (Object key : List.copyOf(active.keySet())) {
        cancel(key);
      }
    }
  }
}
