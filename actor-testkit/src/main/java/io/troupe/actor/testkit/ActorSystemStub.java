package io.troupe.actor.testkit;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorPath;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.DispatcherSelector;
import io.troupe.actor.Done;
import io.troupe.actor.EventStream;
import io.troupe.actor.Extension;
import io.troupe.actor.ExtensionId;
import io.troupe.actor.Props;
import io.troupe.actor.Scheduler;
import io.troupe.actor.Settings;
import io.troupe.actor.internal.CallingThreadExecutor;
import io.troupe.actor.receptionist.Receptionist;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system a {@link BehaviorTestKit}'s context reports when the test gave none: no threads,
 * no scheduler; dead letters, event-stream and receptionist commands are collected in inboxes.
 * Extensions work (created once per stub) unless they need to start actors.
 */
final class ActorSystemStub extends ActorSystem<Void> {
  static final String NAME = "BehaviorTestKit";

  private final Settings settings = new Settings(NAME, ConfigFactory.load());
  private final ActorPath root = ActorPath.root(NAME);
  private final TestInboxImpl<Object> deadLetters = new TestInboxImpl<>(root.child("deadLetters"));
  private final TestInboxImpl<Object> ignore = new TestInboxImpl<>(root.child("ignore"));
  private final TestInboxImpl<EventStream.Command> eventStream = new TestInboxImpl<>(root.child("system").child("eventStream"));
  private final TestInboxImpl<Receptionist.Command> receptionist =
      new TestInboxImpl<>(root.child("system").child("receptionist"));
  private final Map<ExtensionId<?>, Extension> extensions = new HashMap<>();
  private final CompletableFuture<Done> terminated = new CompletableFuture<>();
  private final long startTime = System.currentTimeMillis();

  @Override
  public void tell(Void message) {
    throw new UnsupportedOperationException("the BehaviorTestKit's stub system has no guardian to tell");
  }

  @Override
  public ActorPath path() {
    return root.child("user");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Settings settings() {
    return settings;
  }

  @Override
  public Logger log() {
    return LoggerFactory.getLogger(ActorSystem.class.getName() + "." + NAME);
  }

  @Override
  public Scheduler scheduler() {
    throw new UnsupportedOperationException("the BehaviorTestKit's stub system has no scheduler; use timers "
        + "(TimerScheduled effects) or context.scheduleOnce (Scheduled effects), or create the kit with a real system");
  }

  @Override
  public Executor executionContext() {
    return CallingThreadExecutor.INSTANCE;
  }

  @Override
  public Executor dispatcher(DispatcherSelector selector) {
    return CallingThreadExecutor.INSTANCE;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> ActorRef<U> deadLetters() {
    return (ActorRef<U>) deadLetters.getRef();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> ActorRef<U> ignoreRef() {
    return (ActorRef<U>) ignore.getRef();
  }

  @Override
  public ActorRef<EventStream.Command> eventStream() {
    return eventStream.getRef();
  }

  @Override
  public <U> ActorRef<U> systemActorOf(Behavior<U> behavior, String name, Props props) {
    throw new UnsupportedOperationException("the BehaviorTestKit's stub system cannot start actors; "
        + "create the kit with a real system (BehaviorTestKit.create(behavior, name, system))");
  }

  @Override
  public ActorRef<Receptionist.Command> receptionist() {
    return receptionist.getRef();
  }

  TestInbox<Receptionist.Command> receptionistInbox() {
    return receptionist;
  }

  @Override
  public <E extends Extension> E registerExtension(ExtensionId<E> id) {
    Objects.requireNonNull(id, "id");
    synchronized (extensions) {
      @SuppressWarnings("unchecked")
      E e = (E) extensions.get(id);
      if (e == null) {
        e = Objects.requireNonNull(id.createExtension(this), "createExtension returned null");
        extensions.put(id, e);
      }
      return e;
    }
  }

  @Override
  public <E extends Extension> E extension(ExtensionId<E> id) {
    Objects.requireNonNull(id, "id");
    synchronized (extensions) {
      @SuppressWarnings("unchecked")
      E e = (E) extensions.get(id);
      if (e == null) {
        throw new IllegalArgumentException("the extension " + id + " has not been created in " + this);
      }
      return e;
    }
  }

  @Override
  public boolean hasExtension(ExtensionId<?> id) {
    synchronized (extensions) {
      return extensions.containsKey(Objects.requireNonNull(id, "id"));
    }
  }

  @Override
  public void terminate() {
    terminated.complete(Done.getInstance());
  }

  @Override
  public CompletionStage<Done> getWhenTerminated() {
    return terminated.minimalCompletionStage();
  }

  @Override
  public long startTime() {
    return startTime;
  }

  @Override
  public Duration uptime() {
    return Duration.ofMillis(System.currentTimeMillis() - startTime);
  }

  @Override
  public String printTree() {
    return "";
  }

  @Override
  public String toString() {
    return "ActorSystem[" + NAME + "]";
  }
}
