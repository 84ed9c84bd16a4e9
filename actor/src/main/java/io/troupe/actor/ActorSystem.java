package io.troupe.actor;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.internal.ActorSystemImpl;
import io.troupe.actor.receptionist.Receptionist;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;

/**
 * A tree of actors with the threads, timers and configuration they share; also the ref of its
 * top actor, the guardian, whose behavior the system is created with.
 *
 * <pre>{@code
 * ActorSystem<Greeter.Command> system = ActorSystem.create(Greeter.create(), "hello");
 * system.tell(new Greeter.Greet("Ada"));
 * ...
 * system.terminate();
 * system.getWhenTerminated().toCompletableFuture().join();
 * }</pre>
 *
 * <p>When the guardian stops, the system terminates. {@link #terminate()} runs
 * {@link CoordinatedShutdown}, stops every actor (the user's first, then the system's), and
 * then stops the system's threads.
 *
 * @param <T> the type of message the guardian accepts
 */
public abstract class ActorSystem<T> implements ActorRef<T> {

  /** For the runtime only. */
  protected ActorSystem() {}

  /**
   * Starts a system named {@code name} whose guardian runs {@code guardianBehavior}, configured
   * by {@code application.conf} and the modules' {@code reference.conf} files.
   *
   * @throws InvalidActorNameException if the name is not letters, digits, '-' and '_' starting
   *     with a letter or digit
   */
  public static <T> ActorSystem<T> create(Behavior<T> guardianBehavior, String name) {
    return create(guardianBehavior, name, ConfigFactory.load());
  }

  /** Starts a system with the given configuration; {@code reference.conf} fills what it lacks. */
  public static <T> ActorSystem<T> create(Behavior<T> guardianBehavior, String name, Config config) {
    return create(guardianBehavior, name, config, Props.empty());
  }

  /** Starts a system with the given configuration and props for the guardian. */
  public static <T> ActorSystem<T> create(
      Behavior<T> guardianBehavior, String name, Config config, Props guardianProps) {
    Objects.requireNonNull(guardianBehavior, "guardianBehavior");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(guardianProps, "guardianProps");
    return ActorSystemImpl.start(guardianBehavior, name, config, guardianProps);
  }

  /**
   * Starts a system whose guardian does nothing, for programs that only run streams or spawn
   * with {@link #systemActorOf}; Pekko's {@code ActorSystem.create(name)}.
   */
  public static ActorSystem<Void> create(String name) {
    return create(Behaviors.empty(), name);
  }

  /** Starts a system named "default" whose guardian does nothing. */
  public static ActorSystem<Void> create() {
    return create("default");
  }

  /** The system's name. */
  public abstract String name();

  /** The configuration and the settings read from it. */
  public abstract Settings settings();

  /** A logger for the system itself. */
  public abstract Logger log();

  /** The system's timer service. */
  public abstract Scheduler scheduler();

  /** The default dispatcher, for callbacks that must not block actors. */
  public abstract Executor executionContext();

  /** The dispatcher selected by {@code selector}, as an executor. */
  public abstract Executor dispatcher(DispatcherSelector selector);

  /** The ref whose messages become {@link DeadLetter}s. */
  public abstract <U> ActorRef<U> deadLetters();

  /** A ref that drops every message told to it, silently (no dead letter); for replies nobody needs. */
  public abstract <U> ActorRef<U> ignoreRef();

  /** The system's event stream: publish events and subscribe to them by class. */
  public abstract ActorRef<EventStream.Command> eventStream();

  /**
   * Starts an actor under the system's own guardian ({@code /system}), from any thread.
   *
   * @throws InvalidActorNameException if the name is malformed or taken
   * @throws IllegalStateException if the system is terminating
   */
  public abstract <U> ActorRef<U> systemActorOf(Behavior<U> behavior, String name, Props props);

  /** Starts an actor under {@code /system} with default props. */
  public final <U> ActorRef<U> systemActorOf(Behavior<U> behavior, String name) {
    return systemActorOf(behavior, name, Props.empty());
  }

  /**
   * Starts terminating: runs {@link CoordinatedShutdown}, which stops all actors and then the
   * system's threads. Returns at once; see {@link #getWhenTerminated()}.
   */
  public abstract void terminate();

  /** Completes once the system has terminated and none of its threads is running. */
  public abstract CompletionStage<Done> getWhenTerminated();

  /** Same as {@link #getWhenTerminated()}. */
  public final CompletionStage<Done> whenTerminated() {
    return getWhenTerminated();
  }

  /** The wall-clock time the system started, in milliseconds since the epoch. */
  public abstract long startTime();

  /** How long the system has been running. */
  public abstract Duration uptime();

  /**
   * The extension {@code id} identifies, created now if this is the first time it is asked for;
   * creation happens exactly once even when several threads ask at once.
   */
  public abstract <E extends Extension> E registerExtension(ExtensionId<E> id);

  /**
   * The extension {@code id} identifies.
   *
   * @throws IllegalArgumentException if it has not been created yet
   */
  public abstract <E extends Extension> E extension(ExtensionId<E> id);

  /** Whether the extension {@code id} identifies has been created. */
  public abstract boolean hasExtension(ExtensionId<?> id);

  /**
   * The ref of the system's {@link Receptionist}, where actors register under service keys and
   * others find them; started on first use.
   */
  public ActorRef<Receptionist.Command> receptionist() {
    return Receptionist.get(this).ref();
  }

  /** A text picture of the actor tree, for debugging. */
  public abstract String printTree();
}
