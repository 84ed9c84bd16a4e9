package io.troupe.actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

public class ExtensionTest {
  private final List<ActorSystem<?>> systems = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (ActorSystem<?> s : systems) {
      ProbeInbox.terminate(s);
    }
  }

  private ActorSystem<Void> start(String name) {
    ActorSystem<Void> s = ProbeInbox.system(Behaviors.empty(), name);
    systems.add(s);
    return s;
  }

  /** Counts how often it is created, per system. */
  public static final class Counter implements Extension {
    static final ConcurrentHashMap<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();
    public static final ExtensionId<Counter> ID = new ExtensionId<>() {
      @Override
      public Counter createExtension(ActorSystem<?> system) {
        CREATED.computeIfAbsent(system.name(), n -> new AtomicInteger()).incrementAndGet();
        return new Counter(system);
      }
    };

    final ActorSystem<?> system;

    Counter(ActorSystem<?> system) {
      this.system = system;
    }
  }

  @Test
  void anExtensionIsCreatedLazilyOncePerSystem() {
    ActorSystem<Void> a = start("ext-a");
    ActorSystem<Void> b = start("ext-b");
    assertThat(a.hasExtension(Counter.ID)).isFalse();
    assertThat(Counter.CREATED.get("ext-a")).isNull();

    Counter first = Counter.ID.get(a);
    assertThat(a.hasExtension(Counter.ID)).isTrue();
    assertThat(Counter.ID.get(a)).isSameAs(first);
    assertThat(a.extension(Counter.ID)).isSameAs(first);
    assertThat(a.registerExtension(Counter.ID)).isSameAs(first);
    assertThat(Counter.CREATED.get("ext-a").get()).isEqualTo(1);

    Counter other = Counter.ID.get(b);
    assertThat(other).isNotSameAs(first);
    assertThat(other.system).isSameAs(b);
    assertThat(first.system).isSameAs(a);
  }

  /** Blocks its creation until released, to make racing threads wait for it. */
  public static final class Slow implements Extension {
    static final AtomicInteger CREATED = new AtomicInteger();
    static final CountDownLatch CREATING = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    public static final ExtensionId<Slow> ID = new ExtensionId<>() {
      @Override
      public Slow createExtension(ActorSystem<?> system) {
        CREATED.incrementAndGet();
        CREATING.countDown();
        try {
          assertThat(RELEASE.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new Slow();
      }
    };
  }

  @Test
  void threadsThatAskAtOnceGetTheOneInstance() throws Exception {
    ActorSystem<Void> system = start("ext-race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Slow>> results = new ArrayList<>();
      results.add(pool.submit(() -> Slow.ID.get(system)));
      assertThat(Slow.CREATING.await(10, TimeUnit.SECONDS)).isTrue();
      // the creation is under way; everyone else must wait for it rather than create another
      for (int i = 0; i < 7; i++) {
        results.add(pool.submit(() -> Slow.ID.get(system)));
      }
      assertThat(system.hasExtension(Slow.ID)).isFalse();
      Slow.RELEASE.countDown();
      Slow first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Slow> f : results) {
        assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(Slow.CREATED.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Listed in configuration, created at start-up. */
  public static final class FromConfig implements Extension {
    static final AtomicInteger CREATED = new AtomicInteger();
    public static final ExtensionId<FromConfig> ID = new ExtensionId<>() {
      @Override
      public FromConfig createExtension(ActorSystem<?> system) {
        CREATED.incrementAndGet();
        return new FromConfig();
      }
    };
  }

  @Test
  void extensionsListedInConfigurationAreCreatedAtStartUp() {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ext-config", ConfigFactory.parseString(
        "troupe.actor.typed.extensions = [\"" + FromConfig.class.getName() + "\"]").withFallback(ProbeInbox.CONFIG));
    systems.add(system);
    assertThat(system.hasExtension(FromConfig.ID)).isTrue();
    assertThat(FromConfig.CREATED.get()).isEqualTo(1);
    FromConfig.ID.get(system);
    assertThat(FromConfig.CREATED.get()).isEqualTo(1);
  }

  @Test
  void anUnknownConfiguredExtensionFailsTheStartWithItsName() {
    assertThatThrownBy(() -> ActorSystem.create(Behaviors.empty(), "ext-bad", ConfigFactory.parseString(
        "troupe.actor.typed.extensions = [\"no.such.Extension\"]").withFallback(ProbeInbox.CONFIG)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no.such.Extension");
  }

  /** Fails the first time it is created. */
  public static final class Flaky implements Extension {
    static final AtomicInteger ATTEMPTS = new AtomicInteger();
    public static final ExtensionId<Flaky> ID = new ExtensionId<>() {
      @Override
      public Flaky createExtension(ActorSystem<?> system) {
        if (ATTEMPTS.incrementAndGet() == 1) {
          throw new IllegalStateException("not yet");
        }
        return new Flaky();
      }
    };
  }

  @Test
  void aFailedCreationIsReportedAndTriedAgainLater() {
    ActorSystem<Void> system = start("ext-flaky");
    assertThatThrownBy(() -> Flaky.ID.get(system)).isInstanceOf(IllegalStateException.class).hasMessage("not yet");
    assertThat(system.hasExtension(Flaky.ID)).isFalse();
    assertThatThrownBy(() -> system.extension(Flaky.ID)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Flaky.ID.get(system)).isNotNull();
    assertThat(Flaky.ATTEMPTS.get()).isEqualTo(2);
  }
}
