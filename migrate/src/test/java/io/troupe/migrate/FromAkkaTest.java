package io.troupe.migrate;

import static org.openrewrite.java.Assertions.java;
import static org.openrewrite.maven.Assertions.pomXml;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class FromAkkaTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromAkka()).parser(Parsers.akka());
  }

  @Test
  void akkaTypedActorStreamAndTestChangeOnlyTheirImportsAndConfig() {
    rewriteRun(
        java(
            """
            package com.example;

            import akka.Done;
            import akka.actor.testkit.typed.javadsl.TestKitJunitResource;
            import akka.actor.testkit.typed.javadsl.TestProbe;
            import akka.actor.typed.ActorRef;
            import akka.actor.typed.javadsl.Behaviors;
            import akka.stream.javadsl.Sink;
            import akka.stream.javadsl.Source;
            import java.util.concurrent.CompletionStage;
            import org.junit.ClassRule;
            import org.junit.Test;

            public class PingTest {
              @ClassRule
              public static final TestKitJunitResource testKit = new TestKitJunitResource("akka.loglevel = DEBUG");

              @Test
              public void pingsThroughAStream() throws Exception {
                TestProbe<Integer> probe = testKit.createTestProbe();
                ActorRef<Integer> echo = testKit.spawn(Behaviors.<Integer>receiveMessage(n -> {
                  probe.getRef().tell(n);
                  return Behaviors.same();
                }));
                CompletionStage<Done> done = Source.range(1, 2).runWith(Sink.foreach(echo::tell), testKit.system());
                done.toCompletableFuture().get();
                probe.expectMessage(1);
                probe.expectMessage(2);
              }
            }
            """,
            """
            package com.example;

            import io.troupe.actor.testkit.TestKitJunitResource;
            import io.troupe.actor.testkit.TestProbe;
            import io.troupe.actor.ActorRef;
            import io.troupe.actor.Behaviors;
            import io.troupe.stream.Sink;
            import io.troupe.stream.Source;
            import io.troupe.actor.Done;

            import java.util.concurrent.CompletionStage;
            import org.junit.ClassRule;
            import org.junit.Test;

            public class PingTest {
              @ClassRule
              public static final TestKitJunitResource testKit = new TestKitJunitResource("troupe.loglevel = DEBUG");

              @Test
              public void pingsThroughAStream() throws Exception {
                TestProbe<Integer> probe = testKit.createTestProbe();
                ActorRef<Integer> echo = testKit.spawn(Behaviors.<Integer>receiveMessage(n -> {
                  probe.getRef().tell(n);
                  return Behaviors.same();
                }));
                CompletionStage<Done> done = Source.range(1, 2).runWith(Sink.foreach(echo::tell), testKit.system());
                done.toCompletableFuture().get();
                probe.expectMessage(1);
                probe.expectMessage(2);
              }
            }
            """));
  }

  @Test
  void akkaArtifactsBecomeTroupeArtifacts() {
    TroupeSnapshots.assumeInstalled();
    rewriteRun(
        pomXml(
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>com.typesafe.akka</groupId>
                  <artifactId>akka-actor-typed_2.13</artifactId>
                  <version>2.6.21</version>
                </dependency>
                <dependency>
                  <groupId>com.typesafe.akka</groupId>
                  <artifactId>akka-stream-testkit_2.13</artifactId>
                  <version>2.6.21</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """,
            """
            <project>
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.example</groupId>
              <artifactId>app</artifactId>
              <version>1.0</version>
              <dependencies>
                <dependency>
                  <groupId>io.troupe</groupId>
                  <artifactId>troupe-actor</artifactId>
                  <version>%1$s</version>
                </dependency>
                <dependency>
                  <groupId>io.troupe</groupId>
                  <artifactId>troupe-stream-testkit</artifactId>
                  <version>%1$s</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """.formatted(MigrationMapping.akka().troupeVersion())));
  }
}
