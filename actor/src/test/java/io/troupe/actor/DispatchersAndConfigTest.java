package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatchersAndConfigTest {
  private ActorSystem<Void> system;

  @AfterEach
  void tearDown() throws Exception {
    if (system != null) {
      Systems.terminate(system);
    }
  }

  private static Behavior<String> threadReporter(ActorRef<String> out) {
    return Behaviors.receiveMessage(m -> {
      out.tell(Thread.currentThread().getName());
      return Behaviors.same();
    });
  }

  @Test
  void propsSelectTheDispatcherAnActorRunsOn() throws Exception {
    Config config = ConfigFactory.parseString("""
        my-pool { executor = "thread-pool-executor", throughput = 3, thread-pool-executor.fixed-pool-size = 2 }
        """).withFallback(Systems.NO_HOOK);
    system = ActorSystem.create(Behaviors.empty(), "dispatchers", config);
    Inbox<String> out = new Inbox<>(system);
    ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "callers-own-thread"));
    try {
      system.systemActorOf(threadReporter(out.ref), "default").tell("x");
      assertThat(out.receive()).startsWith("dispatchers-troupe.actor.default-dispatcher-");
      system.systemActorOf(threadReporter(out.ref), "blocking", DispatcherSelector.blocking()).tell("x");
      assertThat(out.receive()).startsWith("dispatchers-troupe.actor.default-blocking-io-dispatcher-");
      system.systemActorOf(threadReporter(out.ref), "configured", DispatcherSelector.fromConfig("my-pool")).tell("x");
      assertThat(out.receive()).startsWith("dispatchers-my-pool-");
      system.systemActorOf(threadReporter(out.ref), "own", DispatcherSelector.fromExecutor(own)).tell("x");
      assertThat(out.receive()).isEqualTo("callers-own-thread");
      system.systemActorOf(threadReporter(out.ref), "virtual", DispatcherSelector.virtualThreads()).tell("x");
      assertThat(out.receive()).startsWith("dispatchers-troupe.actor.virtual-thread-dispatcher-");
    } finally {
      Systems.terminate(system); // before the executor it runs an actor on
      system = null;
      own.shutdown();
      assertThat(own.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void anUnknownDispatcherOrMailboxPathFailsTheSpawn() {
    system = Systems.create(Behaviors.empty(), "unknown-paths");
    assertThatThrownBy(() -> system.systemActorOf(Behaviors.ignore(), "a", DispatcherSelector.fromConfig("no.such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no dispatcher is configured at [no.such]");
    assertThatThrownBy(() -> system.systemActorOf(Behaviors.ignore(), "b", MailboxSelector.fromConfig("no.such")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no mailbox is configured at [no.such]");
    assertThatThrownBy(() -> MailboxSelector.bounded(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity must be positive, was 0");
  }

  @Test
  void aMailboxFromConfigIsBoundedByItsCapacity() throws Exception {
    Config config = ConfigFactory.parseString("small-mailbox { mailbox-capacity = 1 }").withFallback(Systems.NO_HOOK);
    system = ActorSystem.create(Behaviors.empty(), "config-mailbox", config);
    Inbox<DeadLetter> dead = new Inbox<>(system);
    system.eventStream().tell(new EventStream.Subscribe<>(DeadLetter.class, dead.ref));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Inbox<String> out = new Inbox<>(system);
    ActorRef<String> a = system.systemActorOf(Behaviors.<String>receiveMessage(m -> {
      out.ref.tell(m);
      release.await(10, TimeUnit.SECONDS);
      return Behaviors.same();
    }), "a", Props.empty().withMailboxFromConfig("small-mailbox"));
    a.tell("first");
    out.expect("first");
    a.tell("second");
    a.tell("third");
    assertThat(dead.receive().message()).isEqualTo("third");
    release.countDown();
    out.expect("second");
  }

  record Urgent(String text) implements MailboxSelector.ControlMessage {}

  /** Orders strings by length, for a priority mailbox from config. */
  public static final class ByLength implements java.util.Comparator<Object> {
    @Override
    public int compare(Object a, Object b) {
      return Integer.compare(String.valueOf(a).length(), String.valueOf(b).length());
    }
  }

  @Test
  void mailboxTypesFromConfig() throws Exception {
    Config config = ConfigFactory.parseString("control { mailbox-type = control-aware }\n"
        + "by-length { mailbox-type = \"" + ByLength.class.getName() + "\" }\n"
        + "nonsense { mailbox-type = \"no.such.Type\" }").withFallback(Systems.NO_HOOK);
    system = ActorSystem.create(Behaviors.empty(), "mailbox-types", config);
    for (String path : new String[] {"control", "by-length"}) {
      Inbox<Object> out = new Inbox<>(system);
      java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
      ActorRef<Object> a = system.systemActorOf(Behaviors.receiveMessage(m -> {
        if (m.equals("block")) {
          out.ref.tell("blocked");
          release.await(10, TimeUnit.SECONDS);
        } else {
          out.ref.tell(m);
        }
        return Behaviors.same();
      }), "a-" + path, MailboxSelector.fromConfig(path));
      a.tell("block");
      out.expect("blocked");
      a.tell("ccc");
      a.tell(path.equals("control") ? new Urgent("u") : "a");
      release.countDown();
      out.expect(path.equals("control") ? new Urgent("u") : "a");
      out.expect("ccc");
    }
    assertThatThrownBy(() -> system.systemActorOf(Behaviors.ignore(), "n", MailboxSelector.fromConfig("nonsense")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mailbox-type [no.such.Type] at [nonsense]");
  }

  @Test
  void badSettingsAreRejectedWhenTheSystemStarts() {
    Config badThroughput = ConfigFactory.parseString("troupe.actor.default-dispatcher.throughput = 0")
        .withFallback(Systems.NO_HOOK);
    assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "bad-throughput", badThroughput))
        .hasMessageContaining("throughput")
        .hasMessageContaining("must be at least 1, was 0");
  }

  @Test
  void extensionsAreCreatedOncePerSystem() throws Exception {
    system = Systems.create(Behaviors.empty(), "extensions");
    java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
    ExtensionId<Counter> id = new ExtensionId<>() {
      @Override
      public Counter createExtension(ActorSystem<?> s) {
        created.incrementAndGet();
        return new Counter();
      }
    };
    assertThat(system.hasExtension(id)).isFalse();
    Thread[] threads = new Thread[8];
    Counter[] seen = new Counter[8];
    for (int i = 0; i < threads.length; i++) {
      int n = i;
      threads[i] = new Thread(() -> seen[n] = id.get(system));
      threads[i].start();
    }
    for (Thread t : threads) {
      t.join(10_000);
    }
    assertThat(created.get()).isEqualTo(1);
    assertThat(seen).containsOnly(system.extension(id));
    assertThat(system.hasExtension(id)).isTrue();
  }

  static final class Counter implements Extension {}

  public static final class ConfiguredExtension implements Extension {
    static final java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
    public static final ExtensionId<ConfiguredExtension> ID = new ExtensionId<>() {
      @Override
      public ConfiguredExtension createExtension(ActorSystem<?> s) {
        created.incrementAndGet();
        return new ConfiguredExtension();
      }
    };
  }

  @Test
  void extensionsListedInConfigAreCreatedAtStartUp() throws Exception {
    Config config = ConfigFactory.parseString("troupe.actor.typed.extensions = [\""
        + ConfiguredExtension.class.getName() + "\"]").withFallback(Systems.NO_HOOK);
    int before = ConfiguredExtension.created.get();
    system = ActorSystem.create(Behaviors.empty(), "configured-extensions", config);
    assertThat(ConfiguredExtension.created.get()).isEqualTo(before + 1);
    assertThat(system.hasExtension(ConfiguredExtension.ID)).isTrue();
  }
}
