package io.troupe.actor.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.CoordinatedShutdown;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.DispatcherSelector;
import io.troupe.actor.Done;
import io.troupe.actor.EventStream;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import io.troupe.actor.Props;
import io.troupe.actor.Scheduler;
import io.troupe.actor.Settings;
import io.troupe.actor.UnhandledMessage;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running system: two top-level actors ({@code /user}, the guardian the system was created
 * with, and {@code /system}), the dispatchers, the scheduler, dead letters and the event stream.
 * Internal API.
 *
 * <p>Termination: {@link CoordinatedShutdown} runs its phases; in the last one the user guardian
 * is stopped (its subtree first), then the system guardian; then the scheduler's thread and the
 * dispatchers' threads are stopped and joined, and only then does {@link #getWhenTerminated()}
 * complete.
 */
public final class ActorSystemImpl<T> extends ActorSystem<T> {
  private final String name;
  private final Settings settings;
  private final Logger log;
  private final ActorPath rootPath;
  private final Dispatchers dispatchers;
  private final Scheduler scheduler;
  private final EventStreamImpl eventStream;
  private final DeadLettersRef deadLetters;
  private final ActorRef<Object> ignoreRef;
  private final CoordinatedShutdownImpl coordinatedShutdown;
  private final AtomicLong uids = new AtomicLong();
  private final long startTime = System.currentTimeMillis();
  private final long startNanos = System.nanoTime();
  private final CompletableFuture<Done> whenTerminated = new CompletableFuture<>();
  private final CompletableFuture<Done> userGuardianDone = new CompletableFuture<>();
  private final CompletableFuture<Done> systemGuardianDone = new CompletableFuture<>();
  private final DeadLetterLog deadLetterLog;
  private final ConcurrentHashMap<ExtensionId<?>, FutureTask<Extension>> extensions = new ConcurrentHashMap<>();
  private ActorCell<T> userGuardian;
  private ActorCell<Void> systemGuardian;
  private volatile boolean terminating;
  private volatile boolean terminated;

  private ActorSystemImpl(String name, Config config) {
    this.name = name;
    this.settings = new Settings(name, config);
    this.log = LoggerFactory.getLogger(ActorSystem.class.getName() + "." + name);
    this.rootPath = ActorPath.root(name);
    this.dispatchers = new Dispatchers(name, config, settings.daemonic());
    this.scheduler = createScheduler(config);
    this.eventStream = new EventStreamImpl(rootPath.child("system").child("eventStream"));
    this.deadLetters = new DeadLettersRef(this, rootPath.child("deadLetters"));
    ActorPath ignorePath = rootPath.child("ignore");
    this.ignoreRef = new ActorRef<>() {
      @Override
      public void tell(Object message) {
        Objects.requireNonNull(message, "message");
      }

      @Override
      public ActorPath path() {
        return ignorePath;
      }

      @Override
      public String toString() {
        return "Actor[" + ignorePath + "]";
      }
    };
    this.deadLetterLog = new DeadLetterLog(settings, log);
    this.coordinatedShutdown = new CoordinatedShutdownImpl(this, config);
  }

  /** Creates and starts a system; see {@link ActorSystem#create}. */
  public static <T> ActorSystem<T> start(Behavior<T> guardian, String name, Config config, Props guardianProps) {
    ActorNames.validateSystemName(name);
    Config full = config.withFallback(ConfigFactory.defaultReference()).resolve();
    ActorSystemImpl<T> system = new ActorSystemImpl<>(name, full);
    system.systemGuardian = new ActorCell<>(system, null, "system", system.nextUid(),
        system.dispatchers.defaultDispatcher(), 0, null, Behaviors.<Void>ignore());
    Dispatcher guardianDispatcher = system.dispatchers.select(guardianProps.dispatcherSelector(), null);
    Dispatchers.MailboxSpec mailbox = system.dispatchers.mailbox(guardianProps.mailboxSelector());
    system.userGuardian = new ActorCell<>(system, null, "user", system.nextUid(), guardianDispatcher,
        mailbox.capacity(), mailbox.queue(), guardian);
    system.coordinatedShutdown.installJvmHook();
    system.systemGuardian.start();
    system.loadConfiguredExtensions();
    system.userGuardian.start();
    return system;
  }

  private Scheduler createScheduler(Config config) {
    String impl = config.getString("troupe.scheduler.implementation");
    ThreadFactory threads = dispatchers.threads(name + "-scheduler");
    try {
      Class<?> cls = Class.forName(impl, true, schedulerClassLoader());
      if (!Scheduler.class.isAssignableFrom(cls) || !AutoCloseable.class.isAssignableFrom(cls)) {
        throw new IllegalArgumentException("troupe.scheduler.implementation [" + impl
            + "] must implement io.troupe.actor.Scheduler and AutoCloseable");
      }
      return (Scheduler) cls.getConstructor(Config.class, ThreadFactory.class).newInstance(config, threads);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create the scheduler [" + impl
          + "]: it needs a public constructor (com.typesafe.config.Config, java.util.concurrent.ThreadFactory)", e);
    }
  }

  private static ClassLoader schedulerClassLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return cl != null ? cl : ActorSystemImpl.class.getClassLoader();
  }

  private void loadConfiguredExtensions() {
    for (String className : settings.config().getStringList("troupe.actor.typed.extensions")) {
      registerExtension(ExtensionIds.load(className));
    }
  }

  // ---------------------------------------------------------------- the public API

  @Override
  @SuppressWarnings("unchecked")
  public <E extends Extension> E registerExtension(ExtensionId<E> id) {
    Objects.requireNonNull(id, "id");
    FutureTask<Extension> task = extensions.get(id);
    if (task == null) {
      FutureTask<Extension> fresh = new FutureTask<>(() -> Objects.requireNonNull(
          id.createExtension(this), () -> "the extension id " + id.getClass().getName() + " created null"));
      task = extensions.putIfAbsent(id, fresh);
      if (task == null) {
        task = fresh;
        fresh.run(); // exactly one thread creates it; the others wait in get()
      }
    }
    try {
      return (E) task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for extension " + id.getClass().getName(), e);
    } catch (ExecutionException e) {
      extensions.remove(id, task); // let a later call try again
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("creating extension " + id.getClass().getName() + " failed", cause);
    }
  }

  @Override
  public <E extends Extension> E extension(ExtensionId<E> id) {
    FutureTask<Extension> task = extensions.get(Objects.requireNonNull(id, "id"));
    if (task == null || !task.isDone()) {
      throw new IllegalArgumentException("the extension " + id.getClass().getName() + " has not been created in "
          + this + "; use registerExtension or the id's get");
    }
    return registerExtension(id);
  }

  @Override
  public boolean hasExtension(ExtensionId<?> id) {
    FutureTask<Extension> task = extensions.get(Objects.requireNonNull(id, "id"));
    return task != null && task.isDone();
  }

  @Override
  public void tell(T message) {
    userGuardian.tell(message);
  }

  @Override
  public ActorPath path() {
    return userGuardian.path();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public Logger log() {
    return log;
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public Executor executionContext() {
    return dispatchers.defaultDispatcher();
  }

  @Override
  public Executor dispatcher(DispatcherSelector selector) {
    return dispatchers.select(Objects.requireNonNull(selector, "selector"), null);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> ActorRef<U> deadLetters() {
    return (ActorRef<U>) deadLetters;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> ActorRef<U> ignoreRef() {
    return (ActorRef<U>) ignoreRef;
  }

  @Override
  public ActorRef<EventStream.Command> eventStream() {
    return eventStream;
  }

  @Override
  public <U> ActorRef<U> systemActorOf(Behavior<U> behavior, String actorName, Props props) {
    ActorNames.validate(actorName);
    return systemGuardian.spawnChild(behavior, actorName, props);
  }

  @Override
  public void terminate() {
    coordinatedShutdown.run(CoordinatedShutdown.actorSystemTerminateReason());
  }

  @Override
  public CompletionStage<Done> getWhenTerminated() {
    return whenTerminated.minimalCompletionStage();
  }

  @Override
  public long startTime() {
    return startTime;
  }

  @Override
  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public String printTree() {
    StringBuilder sb = new StringBuilder();
    printTree(sb, userGuardian, "");
    printTree(sb, systemGuardian, "");
    return sb.toString();
  }

  private static void printTree(StringBuilder sb, ActorCell<?> cell, String indent) {
    sb.append(indent).append(cell.name()).append(cell.isTerminated() ? " (terminated)" : "")
        .append(" [").append(cell.dispatcher.id).append("]\n");
    for (ActorCell<?> kid : cell.childCells()) {
      printTree(sb, kid, indent + "  ");
    }
  }

  @Override
  public String toString() {
    return "ActorSystem[" + name + "]";
  }

  // ---------------------------------------------------------------- for the runtime

  public CoordinatedShutdown coordinatedShutdown() {
    return coordinatedShutdown;
  }

  ActorPath rootPath() {
    return rootPath;
  }

  Dispatchers dispatchers() {
    return dispatchers;
  }

  ActorCell<T> userGuardian() {
    return userGuardian;
  }

  long nextUid() {
    return uids.incrementAndGet();
  }

  @SuppressWarnings("unchecked")
  ActorSystem<Void> asVoid() {
    return (ActorSystem<Void>) (ActorSystem<?>) this;
  }

  void requireRunning(String actorName) {
    if (terminated) {
      throw new IllegalStateException(
          "cannot spawn [" + actorName + "]: the actor system [" + name + "] has terminated");
    }
  }

  void deadLetter(Object message, ActorRef<?> recipient, String reason) {
    DeadLetter letter = new DeadLetter(message, recipient, reason);
    eventStream.publish(letter);
    deadLetterLog.log(letter, terminating);
  }

  void publishUnhandled(UnhandledMessage unhandled) {
    if (log.isDebugEnabled()) {
      log.debug("unhandled message [{}] in {}", unhandled.message(), unhandled.recipient());
    }
    eventStream.publish(unhandled);
  }

  void topLevelTerminated(ActorCell<?> cell, Throwable cause) {
    if (cell == userGuardian) {
      userGuardianDone.complete(Done.INSTANCE);
      if (!terminating) {
        log.debug("the guardian of [{}] stopped{}; terminating the system", name, cause == null ? "" : " by failing");
        terminate();
      }
    } else if (cell == systemGuardian) {
      systemGuardianDone.complete(Done.INSTANCE);
    }
  }

  /** The task of the last coordinated-shutdown phase: stop the user's actors, then the system's. */
  CompletionStage<Done> terminateActors() {
    terminating = true;
    userGuardian.sendSystem(new SystemMessage.Terminate());
    return userGuardianDone.thenCompose(d -> {
      systemGuardian.sendSystem(new SystemMessage.Terminate());
      return systemGuardianDone;
    });
  }

  /** After the last phase: stop the timer thread and the dispatchers, and wait for them. */
  void stopThreads() {
    terminating = true;
    try {
      ((AutoCloseable) scheduler).close();
    } catch (Exception e) {
      log.warn("closing the scheduler of [{}] failed", name, e);
    }
    dispatchers.shutdownAll(settings.config().getDuration("troupe.actor.dispatcher-shutdown-timeout").toMillis());
  }

  void markTerminated() {
    terminated = true;
    whenTerminated.complete(Done.INSTANCE);
  }

  /** Logs dead letters, at most a configured number before pausing for a while. */
  private static final class DeadLetterLog {
    private final Settings settings;
    private final Logger log;
    private long count;
    private long suspendedUntil;

    DeadLetterLog(Settings settings, Logger log) {
      this.settings = settings;
      this.log = log;
    }

    synchronized void log(DeadLetter letter, boolean shuttingDown) {
      int limit = settings.logDeadLetters();
      if (limit == 0 || (shuttingDown && !settings.logDeadLettersDuringShutdown()) || !log.isInfoEnabled()) {
        return;
      }
      long now = System.nanoTime();
      if (suspendedUntil != 0) {
        if (now - suspendedUntil < 0) {
          return;
        }
        suspendedUntil = 0;
        count = 0;
      }
      count++;
      Object m = letter.message();
      log.info("Message [{}] to {} was not delivered because {}. [{}] dead letters encountered{}.",
          m.getClass().getName(), letter.recipient(), letter.reason(), count,
          count >= limit ? ", no more dead letters will be logged for "
              + settings.logDeadLettersSuspendDuration() : "");
      if (count >= limit) {
        suspendedUntil = now + settings.logDeadLettersSuspendDuration().toNanos();
        if (suspendedUntil == 0) {
          suspendedUntil = 1;
        }
      }
    }
  }
}
