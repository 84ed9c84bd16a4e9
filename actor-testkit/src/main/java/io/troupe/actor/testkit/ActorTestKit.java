package io.troupe.actor.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.DeadLetter;
import io.troupe.actor.EventStream;
import io.troupe.actor.Props;
import io.troupe.actor.Scheduler;
import io.troupe.actor.UnhandledMessage;
import io.troupe.actor.internal.InternalContext;
import io.troupe.actor.internal.Interpreter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * An actor system for tests, with the means to spawn and stop actors under test and to create
 * {@linkplain TestProbe probes}; shut it down with {@link #shutdownTestKit()} when done.
 *
 * <pre>{@code
 * ActorTestKit testKit = ActorTestKit.create();
 * ActorRef<Ping> pinger = testKit.spawn(Echo.create(), "ping");
 * TestProbe<Pong> probe = testKit.createTestProbe();
 * pinger.tell(new Ping("hello", probe.ref()));
 * probe.expectMessage(new Pong("hello"));
 * testKit.shutdownTestKit();
 * }</pre>
 *
 * <p>{@code spawn} returns once the new actor has started, that is, once its {@code setup} has run
 * (a failing setup included), so timers and receive timeouts it sets are in place.
 *
 * <p>The system's configuration is the one given, then {@code application-test.conf}, then
 * {@link #applicationTestConfig()}'s test defaults (no JVM shutdown hook), then
 * {@code application.conf} and the {@code reference.conf} files. With the JUnit 5 {@link
 * TestKitJunit5Extension} or the JUnit 4 {@link TestKitJunitResource} the kit is created and
 * shut down for you.
 */
public final class ActorTestKit {
  private static final AtomicLong ANONYMOUS_SYSTEMS = new AtomicLong();
  private static final Config TEST_DEFAULTS = ConfigFactory.parseString(
      "troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
      com.typesafe.config.ConfigParseOptions.defaults().setOriginDescription("ActorTestKit test defaults"));

  private final ActorSystem<Void> system;
  private final ActorRef<TestKitGuardian.Command> guardian;
  private final TestKitSettings settings;
  private final boolean ownsGuardian;

  private ActorTestKit(ActorSystem<Void> system, ActorRef<TestKitGuardian.Command> guardian, boolean ownsGuardian) {
    this.system = system;
    this.guardian = guardian;
    this.ownsGuardian = ownsGuardian;
    this.settings = TestKitSettings.create(system);
  }

  /** A kit whose system is named after the test class that calls this. */
  public static ActorTestKit create() {
    return create(testNameFromCallStack(), ConfigFactory.empty());
  }

  /**
   * A kit whose system is named {@code name}.
   *
   * @throws io.troupe.actor.InvalidActorNameException if the name is not a valid system name
   */
  public static ActorTestKit create(String name) {
    return create(name, ConfigFactory.empty());
  }

  /** A kit named after the calling test class, with {@code customConfig} over the defaults. */
  public static ActorTestKit create(Config customConfig) {
    return create(testNameFromCallStack(), customConfig);
  }

  /** A kit whose system is named {@code name}, with {@code customConfig} over the defaults. */
  @SuppressWarnings("unchecked")
  public static ActorTestKit create(String name, Config customConfig) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(customConfig, "customConfig");
    Config config = customConfig
        .withFallback(ConfigFactory.parseResourcesAnySyntax("application-test"))
        .withFallback(TEST_DEFAULTS)
        .withFallback(ConfigFactory.load());
    ActorSystem<TestKitGuardian.Command> system = ActorSystem.create(TestKitGuardian.create(), name, config);
    return new ActorTestKit((ActorSystem<Void>) (ActorSystem<?>) system, system, true);
  }

  /**
   * A kit for an existing system: actors it spawns live under {@code /system}, and {@link
   * #shutdownTestKit()} terminates that system.
   */
  public static ActorTestKit create(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    @SuppressWarnings("unchecked")
    ActorSystem<Void> s = (ActorSystem<Void>) system;
    ActorRef<TestKitGuardian.Command> guardian = system.systemActorOf(
        TestKitGuardian.create(), "testKitGuardian-" + ANONYMOUS_SYSTEMS.incrementAndGet());
    return new ActorTestKit(s, guardian, false);
  }

  /**
   * The configuration a kit falls back to: the test defaults over {@code application.conf} and
   * the {@code reference.conf} files.
   */
  public static Config applicationTestConfig() {
    return TEST_DEFAULTS.withFallback(ConfigFactory.load());
  }

  /** The kit's actor system. */
  public ActorSystem<Void> system() {
    return system;
  }

  /** The kit's settings, from {@code troupe.actor.testkit.typed}. */
  public TestKitSettings testKitSettings() {
    return settings;
  }

  /** How long spawn, stop and asks wait ({@code default-timeout}, dilated). */
  public Duration timeout() {
    return settings.defaultTimeout();
  }

  /** The system's scheduler. */
  public Scheduler scheduler() {
    return system.scheduler();
  }

  // ---------------------------------------------------------------- spawn and stop

  /** Spawns {@code behavior} with a generated name; returns once the actor has started (its setup ran). */
  public <T> ActorRef<T> spawn(Behavior<T> behavior) {
    return spawn(behavior, Props.empty());
  }

  /** Spawns {@code behavior} with a generated name and {@code props}. */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, Props props) {
    Objects.requireNonNull(behavior, "behavior");
    Objects.requireNonNull(props, "props");
    return spawnRequest(null, behavior, props);
  }

  /**
   * Spawns {@code behavior} named {@code name}.
   *
   * @throws io.troupe.actor.InvalidActorNameException if the name is malformed or taken
   */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    return spawn(behavior, name, Props.empty());
  }

  /** Spawns {@code behavior} named {@code name} with {@code props}. */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name, Props props) {
    Objects.requireNonNull(behavior, "behavior");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(props, "props");
    return spawnRequest(name, behavior, props);
  }

  @SuppressWarnings("unchecked")
  private <T> ActorRef<T> spawnRequest(String name, Behavior<T> behavior, Props props) {
    String what = "spawn " + (name == null ? "an anonymous actor" : "[" + name + "]");
    CompletableFuture<Void> started = new CompletableFuture<>();
    Behavior<T> reporting = Behaviors.setup(ctx -> {
      try {
        // start the user's behavior here, on the same context, so that spawn returns only once
        // its setup has run (timers started, receive timeout set, ...)
        return Interpreter.start(behavior, (InternalContext<T>) ctx);
      } finally {
        started.complete(null);
      }
    });
    long deadline = System.nanoTime() + timeout().toNanos();
    ActorRef<T> ref = (ActorRef<T>) askGuardian(
        replyTo -> new TestKitGuardian.SpawnActor<>(name, reporting, props, replyTo), what);
    try {
      started.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("could not " + what + ": its setup did not finish within "
          + Texts.duration(timeout()) + " in " + system, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while trying to " + what, e);
    }
    return ref;
  }

  /** Stops {@code ref}, an actor this kit spawned, and waits up to {@link #timeout()} for it to terminate. */
  public <T> void stop(ActorRef<T> ref) {
    stop(ref, timeout());
  }

  /**
   * Stops {@code ref}, an actor this kit spawned, and waits up to {@code max} for it to terminate.
   *
   * @throws IllegalArgumentException if {@code ref} was not spawned by this kit
   * @throws AssertionError if it does not terminate within {@code max}
   */
  public <T> void stop(ActorRef<T> ref, Duration max) {
    Objects.requireNonNull(ref, "ref");
    Texts.requirePositive(max, "max");
    askGuardian(replyTo -> new TestKitGuardian.StopActor(ref, replyTo), "stop " + ref, max);
  }

  private Object askGuardian(
      io.troupe.japi.function.Function<ActorRef<Object>, TestKitGuardian.Command> request, String what) {
    return askGuardian(request, what, timeout());
  }

  private Object askGuardian(
      io.troupe.japi.function.Function<ActorRef<Object>, TestKitGuardian.Command> request,
      String what,
      Duration max) {
    Object reply;
    try {
      reply = AskPattern.ask(guardian, request, max, system.scheduler())
          .toCompletableFuture()
          .get(max.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new AssertionError("could not " + what + " within " + Texts.duration(max) + " in " + system, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while trying to " + what, e);
    }
    if (reply instanceof RuntimeException failure) {
      failure.addSuppressed(new Exception("the kit's request to " + what + " failed here"));
      throw failure;
    }
    return reply;
  }

  // ---------------------------------------------------------------- probes

  /** A probe in this kit's system. */
  public <M> TestProbe<M> createTestProbe() {
    return TestProbe.create(system);
  }

  /** A probe for messages of {@code clazz}. */
  public <M> TestProbe<M> createTestProbe(Class<M> clazz) {
    return TestProbe.create(clazz, system);
  }

  /** A probe whose actor name starts with {@code name}. */
  public <M> TestProbe<M> createTestProbe(String name) {
    return TestProbe.create(name, system);
  }

  /** A named probe for messages of {@code clazz}. */
  public <M> TestProbe<M> createTestProbe(String name, Class<M> clazz) {
    return TestProbe.create(name, clazz, system);
  }

  /** A probe subscribed to the system's {@link DeadLetter}s (before this returns). */
  public TestProbe<DeadLetter> createDeadLetterProbe() {
    TestProbe<DeadLetter> probe = TestProbe.create("deadLetterProbe", system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, probe.ref()));
    return probe;
  }

  /** A probe subscribed to the system's {@link UnhandledMessage}s (before this returns). */
  public TestProbe<UnhandledMessage> createUnhandledMessageProbe() {
    TestProbe<UnhandledMessage> probe = TestProbe.create("unhandledMessageProbe", system);
    system.eventStream().tell(new EventStream.Subscribe<>(UnhandledMessage.class, probe.ref()));
    return probe;
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Terminates the system and waits up to {@code system-shutdown-default} for it.
   *
   * @throws AssertionError if it did not terminate in time (unless {@code
   *     throw-on-shutdown-timeout = off}, then it is logged)
   */
  public void shutdownTestKit() {
    shutdown(system, settings.defaultActorSystemShutdownTimeout(), settings.throwOnShutdownTimeout());
  }

  /** Terminates {@code system} and waits for it as its test kit settings say. */
  public static void shutdown(ActorSystem<?> system) {
    TestKitSettings s = TestKitSettings.create(system);
    shutdown(system, s.defaultActorSystemShutdownTimeout(), s.throwOnShutdownTimeout());
  }

  /** Terminates {@code system} and waits up to {@code duration}; fails if it did not terminate. */
  public static void shutdown(ActorSystem<?> system, Duration duration) {
    shutdown(system, duration, true);
  }

  /**
   * Terminates {@code system} and waits up to {@code duration}.
   *
   * @throws AssertionError if it did not terminate in time and {@code throwIfShutdownFails}
   */
  public static void shutdown(ActorSystem<?> system, Duration duration, boolean throwIfShutdownFails) {
    Objects.requireNonNull(system, "system");
    Texts.requireNonNegative(duration, "duration");
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      String msg = "Failed to stop the actor system [" + system.name() + "] within "
          + Texts.duration(duration) + "; its actors:\n" + system.printTree();
      if (throwIfShutdownFails) {
        throw new AssertionError(msg, e);
      }
      LoggerFactory.getLogger(ActorTestKit.class).warn(msg);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for [" + system.name() + "] to terminate", e);
    }
  }

  @Override
  public String toString() {
    return "ActorTestKit(" + system.name() + (ownsGuardian ? "" : ", wrapped") + ")";
  }

  // ---------------------------------------------------------------- naming

  private static final java.util.Set<String> KIT_CLASSES = java.util.Set.of(
      ActorTestKit.class.getName(),
      "io.troupe.actor.testkit.TestKitJunit5Extension",
      "io.troupe.actor.testkit.TestKitJunit5Extension$ClassKit",
      "io.troupe.actor.testkit.JUnit5TestKitBuilder",
      "io.troupe.actor.testkit.TestKitJunitResource");

  /** The simple name of the first caller outside the kit, JUnit and the JDK, as a system name. */
  static String testNameFromCallStack() {
    String caller = StackWalker.getInstance().walk(frames -> frames
        .map(StackWalker.StackFrame::getClassName)
        .filter(c -> !KIT_CLASSES.contains(c) && !c.startsWith("java.") && !c.startsWith("jdk.")
            && !c.startsWith("sun.") && !c.startsWith("org.junit."))
        .findFirst()
        .orElse("ActorTestKit"));
    return systemNameFor(caller);
  }

  /** A valid system name made of a class name: the innermost named class, other characters as '_'. */
  static String systemNameFor(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    String[] parts = simple.split("\\$");
    for (int i = parts.length - 1; i >= 0; i--) {
      if (!parts[i].isEmpty() && Character.isJavaIdentifierStart(parts[i].charAt(0))) {
        simple = parts[i];
        break;
      }
    }
    String cleaned = simple.replaceAll("[^a-zA-Z0-9_-]", "_");
    if (cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0))) {
      cleaned = "test" + cleaned;
    }
    return cleaned;
  }
}
