package io.troupe.migrate;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.java.JavaParser;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class FromPekkoActorTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko())
        .parser(JavaParser.fromJavaVersion().classpath("pekko-actor-typed_2.13", "pekko-actor_2.13", "scala-library", "troupe-actor"));
  }

  @Test
  void typedActorChangesOnlyItsImports() {
    rewriteRun(
        java(
            """
            package com.example;

            import org.apache.pekko.actor.typed.ActorRef;
            import org.apache.pekko.actor.typed.Behavior;
            import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
            import org.apache.pekko.actor.typed.javadsl.ActorContext;
            import org.apache.pekko.actor.typed.javadsl.Behaviors;
            import org.apache.pekko.actor.typed.javadsl.Receive;

            public class Greeter extends AbstractBehavior<Greeter.Greet> {
              public record Greet(String whom, ActorRef<String> replyTo) {}

              public static Behavior<Greet> create() {
                return Behaviors.setup(Greeter::new);
              }

              private Greeter(ActorContext<Greet> context) {
                super(context);
              }

              @Override
              public Receive<Greet> createReceive() {
                return newReceiveBuilder().onMessage(Greet.class, g -> {
                  g.replyTo().tell("Hello, " + g.whom());
                  return this;
                }).build();
              }
            }
            """,
            """
            package com.example;

            import io.troupe.actor.ActorRef;
            import io.troupe.actor.Behavior;
            import io.troupe.actor.AbstractBehavior;
            import io.troupe.actor.ActorContext;
            import io.troupe.actor.Behaviors;
            import io.troupe.actor.Receive;

            public class Greeter extends AbstractBehavior<Greeter.Greet> {
              public record Greet(String whom, ActorRef<String> replyTo) {}

              public static Behavior<Greet> create() {
                return Behaviors.setup(Greeter::new);
              }

              private Greeter(ActorContext<Greet> context) {
                super(context);
              }

              @Override
              public Receive<Greet> createReceive() {
                return newReceiveBuilder().onMessage(Greet.class, g -> {
                  g.replyTo().tell("Hello, " + g.whom());
                  return this;
                }).build();
              }
            }
            """));
  }
}
