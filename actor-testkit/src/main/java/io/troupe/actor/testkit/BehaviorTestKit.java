package io.troupe.actor.testkit;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Signal;
import java.util.List;

/**
 * Runs a behavior synchronously on the test's thread, recording what it does to its context as
 * {@link Effect}s instead of doing it: no threads, no real time, no actor system needed.
 *
 * <pre>{@code
 * BehaviorTestKit<Command> test = BehaviorTestKit.create(Parent.create());
 * test.run(new CreateChild("child"));
 * test.expectEffectClass(Effect.Spawned.class);
 * test.childInbox("child").expectMessage("hello");
 * }</pre>
 *
 * <p>The behavior is started (its {@code setup} runs) when the kit is created. Messages the
 * behavior sends to itself, adapted messages, timer messages a test {@linkplain
 * Effect.TimerScheduled#send() fires}, replies to asks and results of {@code pipeToSelf} land
 * in the {@link #selfInbox()}; {@link #runOne()} feeds the oldest back. A spawned child is a
 * kit of its own (started too), reachable through {@link #childTestKit}; what is sent to it lands
 * in its {@link #childInbox}. Death watch records {@code Watched} effects; deliver the
 * termination yourself with {@link #signal} and a {@link io.troupe.actor.Terminated}.
 *
 * <p><b>Failures propagate.</b> An exception thrown by the behavior is rethrown, unchanged, by
 * {@link #run}, {@link #runOne} or {@link #signal}; supervision ({@code Behaviors.supervise}) is
 * not applied, so restart, resume and backoff are tested with {@link ActorTestKit} instead. After
 * a failure the kit keeps the behavior it had before the failing input.
 *
 * <p>When the behavior stops, its {@code PostStop} handler (or the action given to {@code
 * Behaviors.stopped}) runs at once and {@link #isAlive()} turns false.
 *
 * @param <T> the type of message the behavior accepts
 */
public interface BehaviorTestKit<T> {

  /** A kit running {@code initialBehavior}, named "testkit". */
  static <T> BehaviorTestKit<T> create(Behavior<T> initialBehavior) {
    return create(initialBehavior, "testkit");
  }

  /** A kit running {@code initialBehavior}; {@code name} is the last element of its path. */
  static <T> BehaviorTestKit<T> create(Behavior<T> initialBehavior, String name) {
    return BehaviorTestKitImpl.createRoot(initialBehavior, name, null);
  }

  /**
   * A kit whose context reports {@code system} as its system, for behaviors that use the system
   * (its config, its event stream). The behavior still runs on the test's thread.
   */
  static <T> BehaviorTestKit<T> create(Behavior<T> initialBehavior, String name, ActorSystem<?> system) {
    return BehaviorTestKitImpl.createRoot(initialBehavior, name, java.util.Objects.requireNonNull(system, "system"));
  }

  /** The ref of the actor under test; what is sent to it lands in {@link #selfInbox()}. */
  ActorRef<T> getRef();

  /**
   * Handles {@code message} with the current behavior.
   *
   * @throws IllegalStateException if the behavior has stopped
   */
  void run(T message);

  /**
   * Takes the oldest message of the {@link #selfInbox()} and handles it.
   *
   * @throws java.util.NoSuchElementException if the self inbox is empty
   */
  void runOne();

  /** Delivers {@code signal} to the current behavior. */
  void signal(Signal signal);

  /** The messages sent to the actor under test that have not been run. */
  TestInbox<T> selfInbox();

  /**
   * The inbox of the live child named {@code name}.
   *
   * @throws IllegalArgumentException if there is no such child
   */
  <U> TestInbox<U> childInbox(String name);

  /** The inbox of the live child {@code child}. */
  <U> TestInbox<U> childInbox(ActorRef<U> child);

  /** The kit running the live child {@code child}. */
  <U> BehaviorTestKit<U> childTestKit(ActorRef<U> child);

  /**
   * The commands the behavior sent to {@code context.getSystem().receptionist()}.
   *
   * @throws IllegalStateException if the kit was created with a real system, whose receptionist
   *     is real
   */
  TestInbox<io.troupe.actor.receptionist.Receptionist.Command> receptionistInbox();

  /** Takes the oldest recorded effect, or {@link Effect.NoEffects} if there is none. */
  Effect getEffect();

  /** Takes all recorded effects, oldest first. */
  List<Effect> getAllEffects();

  /** Whether an effect is recorded and not yet taken. */
  boolean hasEffects();

  /**
   * Takes the oldest effect and checks that it equals {@code expectedEffect}; {@link
   * Effects#noEffects()} expects that none is recorded.
   *
   * @throws AssertionError naming the expected and the actual effect
   */
  void expectEffect(Effect expectedEffect);

  /**
   * Takes the oldest effect and checks that it is an {@code effectClass}; {@code
   * Effect.NoEffects.class} expects that none is recorded.
   */
  <E extends Effect> E expectEffectClass(Class<E> effectClass);

  /** Whether the behavior is still alive (has not stopped). */
  boolean isAlive();

  /** The current behavior (after setup, same and unhandled are resolved). */
  Behavior<T> currentBehavior();

  /** The events logged through {@code context.getLog()} so far, oldest first. */
  List<CapturedLogEvent> getAllLogEntries();

  /** Same as {@link #getAllLogEntries()}. */
  List<CapturedLogEvent> getLog();

  /** Forgets the captured log events. */
  void clearLog();
}
