package io.troupe.actor.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Scheduler;
import java.time.Duration;
import java.util.Objects;
import org.junit.rules.ExternalResource;

/**
 * A JUnit 4 rule that owns an {@link ActorTestKit} and shuts it down after the tests; use it as
 * a class rule so that the tests of a class share one system:
 *
 * <pre>{@code
 * public class GreeterTest {
 *   @ClassRule public static final TestKitJunitResource testKit = new TestKitJunitResource();
 *
 *   @Test
 *   public void greets() {
 *     ActorRef<Greet> greeter = testKit.spawn(Greeter.create(), "greeter");
 *     TestProbe<Greeted> probe = testKit.createTestProbe();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>The kit is created with the rule. Shutting it down fails the class if the system does not
 * terminate within {@code system-shutdown-default}. Needs {@code junit:junit} on the classpath.
 */
public final class TestKitJunitResource extends ExternalResource {
  private final ActorTestKit testKit;

  /** A kit named after the test class, with the default config. */
  public TestKitJunitResource() {
    this(ActorTestKit.create());
  }

  /** A kit named after the test class, with {@code customConfig} over the defaults. */
  public TestKitJunitResource(Config customConfig) {
    this(ActorTestKit.create(customConfig));
  }

  /**
   * A kit named after the test class, with the HOCON text {@code customConfig} over the defaults.
   *
   * @throws com.typesafe.config.ConfigException.Parse if it is not valid HOCON
   */
  public TestKitJunitResource(String customConfig) {
    this(ActorTestKit.create(ConfigFactory.parseString(Objects.requireNonNull(customConfig, "customConfig"))));
  }

  /** A rule that shuts down {@code testKit}. */
  public TestKitJunitResource(ActorTestKit testKit) {
    this.testKit = Objects.requireNonNull(testKit, "testKit");
  }

  /** The kit. */
  public ActorTestKit testKit() {
    return testKit;
  }

  /** The kit's system. */
  public ActorSystem<Void> system() {
    return testKit.system();
  }

  /** The system's scheduler. */
  public Scheduler scheduler() {
    return testKit.scheduler();
  }

  /** How long spawn, stop and asks wait. */
  public Duration timeout() {
    return testKit.timeout();
  }

  /** See {@link ActorTestKit#spawn(Behavior)}. */
  public <T> ActorRef<T> spawn(Behavior<T> behavior) {
    return testKit.spawn(behavior);
  }

  /** See {@link ActorTestKit#spawn(Behavior, String)}. */
  public <T> ActorRef<T> spawn(Behavior<T> behavior, String name) {
    return testKit.spawn(behavior, name);
  }

  /** See {@link ActorTestKit#stop(ActorRef)}. */
  public <T> void stop(ActorRef<T> ref) {
    testKit.stop(ref);
  }

  /** See {@link ActorTestKit#stop(ActorRef, Duration)}. */
  public <T> void stop(ActorRef<T> ref, Duration max) {
    testKit.stop(ref, max);
  }

  /** A probe in the kit's system. */
  public <M> TestProbe<M> createTestProbe() {
    return testKit.createTestProbe();
  }

  /** A probe for messages of {@code clazz}. */
  public <M> TestProbe<M> createTestProbe(Class<M> clazz) {
    return testKit.createTestProbe(clazz);
  }

  /** A probe whose actor name starts with {@code name}. */
  public <M> TestProbe<M> createTestProbe(String name) {
    return testKit.createTestProbe(name);
  }

  /** A named probe for messages of {@code clazz}. */
  public <M> TestProbe<M> createTestProbe(String name, Class<M> clazz) {
    return testKit.createTestProbe(name, clazz);
  }

  @Override
  protected void after() {
    testKit.shutdownTestKit();
  }
}
