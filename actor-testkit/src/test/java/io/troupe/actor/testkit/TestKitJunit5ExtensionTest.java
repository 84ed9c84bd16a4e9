package io.troupe.actor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behaviors;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs sample test classes through the JUnit platform and checks what the extension did. */
class TestKitJunit5ExtensionTest {

  static final List<ActorTestKit> SEEN = new CopyOnWriteArrayList<>();

  private static Events run(Class<?> sample) {
    SEEN.clear();
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute().allEvents();
  }

  private static boolean terminated(ActorTestKit kit) {
    return kit.system().getWhenTerminated().toCompletableFuture().isDone();
  }

  @ExtendWith(TestKitJunit5Extension.class)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class SampleWithInjectedField {
    @JUnit5TestKit ActorTestKit testKit;

    @Test
    void a(ActorTestKit parameter) {
      assertThat(parameter).isSameAs(testKit);
      ActorRef<String> ref = testKit.spawn(Behaviors.ignore(), "a");
      assertThat(ref.path().address()).isEqualTo("troupe://SampleWithInjectedField");
      SEEN.add(testKit);
    }

    @Test
    void b() {
      assertThat(terminated(testKit)).isFalse();
      SEEN.add(testKit);
    }
  }

  @Test
  void aNullFieldGetsOneKitPerClassWhichIsShutDownAfterTheClass() {
    run(SampleWithInjectedField.class).assertStatistics(s -> s.succeeded(4).failed(0));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertThat(terminated(SEEN.get(0))).isTrue();
  }

  @ExtendWith(TestKitJunit5Extension.class)
  static class SampleWithBuiltStaticField {
    @JUnit5TestKit
    static ActorTestKit testKit = new JUnit5TestKitBuilder().withName("builtStatic").build();

    @Test
    void usesTheBuiltKit(ActorTestKit parameter) {
      assertThat(parameter).isSameAs(testKit);
      assertThat(testKit.system().name()).isEqualTo("builtStatic");
      SEEN.add(testKit);
    }
  }

  @Test
  void aStaticKitTheTestBuiltIsAdoptedAndShutDown() {
    run(SampleWithBuiltStaticField.class).assertStatistics(s -> s.succeeded(3).failed(0));
    assertThat(SEEN).hasSize(1);
    assertThat(terminated(SEEN.get(0))).isTrue();
  }

  @ExtendWith(TestKitJunit5Extension.class)
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class SampleWithBuiltInstanceField {
    @JUnit5TestKit ActorTestKit testKit = new JUnit5TestKitBuilder()
        .withCustomConfig(com.typesafe.config.ConfigFactory.parseString("troupe.actor.testkit.typed.timefactor = 2"))
        .build();

    @Test
    void a() {
      assertThat(testKit.testKitSettings().testTimeFactor()).isEqualTo(2.0);
      SEEN.add(testKit);
    }

    @Test
    void b() {
      assertThat(terminated(SEEN.get(0))).as("the first test's kit was shut down after it").isTrue();
      assertThat(testKit).isNotSameAs(SEEN.get(0));
      SEEN.add(testKit);
    }
  }

  @Test
  void aKitBuiltPerInstanceIsShutDownAfterEachTest() {
    run(SampleWithBuiltInstanceField.class).assertStatistics(s -> s.succeeded(4).failed(0));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN).allMatch(TestKitJunit5ExtensionTest::terminated);
    assertThat(SEEN.get(0).system().name()).isEqualTo("SampleWithBuiltInstanceField");
  }

  @ExtendWith(TestKitJunit5Extension.class)
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  static class SamplePerClassLifecycle {
    @JUnit5TestKit ActorTestKit testKit = new JUnit5TestKitBuilder().withName("perClass").build();

    @Test
    void a(ActorTestKit parameter) {
      assertThat(parameter).isSameAs(testKit);
      SEEN.add(testKit);
    }

    @Test
    void b() {
      SEEN.add(testKit);
    }
  }

  @Test
  void underPerClassLifecycleTheBuiltKitIsTheClassKit() {
    run(SamplePerClassLifecycle.class).assertStatistics(s -> s.succeeded(4).failed(0));
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
    assertThat(terminated(SEEN.get(0))).isTrue();
  }

  @ExtendWith(TestKitJunit5Extension.class)
  static class SampleWithWrongFieldType {
    @JUnit5TestKit String notAKit;

    @Test
    void never() {}
  }

  @Test
  void aFieldOfTheWrongTypeIsAConfigurationError() {
    run(SampleWithWrongFieldType.class).assertThatEvents().haveExactly(1, event(finishedWithFailure(
        instanceOf(ExtensionConfigurationException.class),
        message("the @JUnit5TestKit field " + SampleWithWrongFieldType.class.getName()
            + ".notAKit must be of type ActorTestKit, but is java.lang.String"))));
  }
}
