package io.troupe.migrate;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class FromPekkoTestKitTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko()).parser(Parsers.pekko());
  }

  @Test
  void junit4TestWithTestKitJunitResourceAndConfigStringMoves() {
    rewriteRun(
        java(
            """
            package com.example;

            import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturing;
            import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJunitResource;
            import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
            import org.apache.pekko.actor.typed.ActorRef;
            import org.apache.pekko.actor.typed.javadsl.Behaviors;
            import org.junit.ClassRule;
            import org.junit.Rule;
            import org.junit.Test;

            public class EchoTest {
              @ClassRule
              public static final TestKitJunitResource testKit = new TestKitJunitResource("pekko.loglevel = DEBUG");

              @Rule public final LogCapturing logCapturing = new LogCapturing();

              @Test
              public void echoes() {
                TestProbe<String> probe = testKit.createTestProbe();
                ActorRef<String> echo = testKit.spawn(Behaviors.<String>receiveMessage(m -> {
                  probe.getRef().tell(m);
                  return Behaviors.same();
                }));
                echo.tell("hi");
                probe.expectMessage("hi");
              }
            }
            """,
            """
            package com.example;

            import io.troupe.actor.testkit.LogCapturing;
            import io.troupe.actor.testkit.TestKitJunitResource;
            import io.troupe.actor.testkit.TestProbe;
            import io.troupe.actor.ActorRef;
            import io.troupe.actor.Behaviors;
            import org.junit.ClassRule;
            import org.junit.Rule;
            import org.junit.Test;

            public class EchoTest {
              @ClassRule
              public static final TestKitJunitResource testKit = new TestKitJunitResource("troupe.loglevel = DEBUG");

              @Rule public final LogCapturing logCapturing = new LogCapturing();

              @Test
              public void echoes() {
                TestProbe<String> probe = testKit.createTestProbe();
                ActorRef<String> echo = testKit.spawn(Behaviors.<String>receiveMessage(m -> {
                  probe.getRef().tell(m);
                  return Behaviors.same();
                }));
                echo.tell("hi");
                probe.expectMessage("hi");
              }
            }
            """));
  }

  @Test
  void junit5TestWithExtensionAnnotationAndBuilderMoves() {
    rewriteRun(
        java(
            """
            package com.example;

            import java.time.Duration;
            import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
            import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
            import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
            import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
            import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
            import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
            import org.apache.pekko.actor.typed.ActorRef;
            import org.apache.pekko.actor.typed.javadsl.Behaviors;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(TestKitJUnit5Extension.class)
            @ExtendWith(LogCapturingExtension.class)
            class EchoTest {
              @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

              @Test
              void echoes() {
                TestProbe<String> probe = testKit.createTestProbe();
                ActorRef<String> echo = testKit.spawn(Behaviors.<String>receiveMessage(m -> {
                  probe.getRef().tell(m);
                  return Behaviors.same();
                }));
                echo.tell("hi");
                probe.expectMessage(Duration.ofSeconds(3), "hi");
              }
            }
            """,
            """
            package com.example;

            import java.time.Duration;

            import io.troupe.actor.testkit.JUnit5TestKit;
            import io.troupe.actor.testkit.TestKitJunit5Extension;
            import io.troupe.actor.testkit.ActorTestKit;
            import io.troupe.actor.testkit.JUnit5TestKitBuilder;
            import io.troupe.actor.testkit.LogCapturingExtension;
            import io.troupe.actor.testkit.TestProbe;
            import io.troupe.actor.ActorRef;
            import io.troupe.actor.Behaviors;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.api.extension.ExtendWith;

            @ExtendWith(TestKitJunit5Extension.class)
            @ExtendWith(LogCapturingExtension.class)
            class EchoTest {
              @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

              @Test
              void echoes() {
                TestProbe<String> probe = testKit.createTestProbe();
                ActorRef<String> echo = testKit.spawn(Behaviors.<String>receiveMessage(m -> {
                  probe.getRef().tell(m);
                  return Behaviors.same();
                }));
                echo.tell("hi");
                probe.expectMessage(Duration.ofSeconds(3), "hi");
              }
            }
            """));
  }
}
