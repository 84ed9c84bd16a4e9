package io.troupe.migrate;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class FromPekkoActorTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko())
        .parser(Parsers.pekko());
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

  @Test
  void staticImportsAndRoutersMove() {
    rewriteRun(
        java(
            """
            package com.example;

            import static org.apache.pekko.actor.typed.javadsl.Behaviors.same;

            import org.apache.pekko.actor.typed.Behavior;
            import org.apache.pekko.actor.typed.SupervisorStrategy;
            import org.apache.pekko.actor.typed.javadsl.Behaviors;
            import org.apache.pekko.actor.typed.javadsl.PoolRouter;
            import org.apache.pekko.actor.typed.javadsl.Routers;

            class Pool {
              static Behavior<String> worker() {
                return Behaviors.receiveMessage(m -> same());
              }

              static PoolRouter<String> pool() {
                return Routers.pool(4, Behaviors.supervise(worker()).onFailure(SupervisorStrategy.restart()));
              }
            }
            """,
            """
            package com.example;

            import static io.troupe.actor.Behaviors.same;

            import io.troupe.actor.routing.PoolRouter;
            import io.troupe.actor.routing.Routers;
            import io.troupe.actor.Behavior;
            import io.troupe.actor.SupervisorStrategy;
            import io.troupe.actor.Behaviors;

            class Pool {
              static Behavior<String> worker() {
                return Behaviors.receiveMessage(m -> same());
              }

              static PoolRouter<String> pool() {
                return Routers.pool(4, Behaviors.supervise(worker()).onFailure(SupervisorStrategy.restart()));
              }
            }
            """));
  }

  @Test
  void doneStatusReplyAndCoordinatedShutdownComeFromTheirOwnPekkoPackages() {
    rewriteRun(
        java(
            """
            package com.example;

            import java.util.concurrent.CompletableFuture;
            import org.apache.pekko.Done;
            import org.apache.pekko.actor.CoordinatedShutdown;
            import org.apache.pekko.actor.typed.ActorRef;
            import org.apache.pekko.actor.typed.ActorSystem;
            import org.apache.pekko.pattern.StatusReply;

            class Shutdown {
              static void register(ActorSystem<?> system) {
                CoordinatedShutdown.get(system)
                    .addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "log", () -> CompletableFuture.completedFuture(Done.getInstance()));
              }

              static void ok(ActorRef<StatusReply<Done>> replyTo) {
                replyTo.tell(StatusReply.ack());
              }
            }
            """,
            """
            package com.example;

            import java.util.concurrent.CompletableFuture;

            import io.troupe.actor.CoordinatedShutdown;
            import io.troupe.actor.Done;
            import io.troupe.actor.StatusReply;
            import io.troupe.actor.ActorRef;
            import io.troupe.actor.ActorSystem;

            class Shutdown {
              static void register(ActorSystem<?> system) {
                CoordinatedShutdown.get(system)
                    .addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "log", () -> CompletableFuture.completedFuture(Done.getInstance()));
              }

              static void ok(ActorRef<StatusReply<Done>> replyTo) {
                replyTo.tell(StatusReply.ack());
              }
            }
            """));
  }
}
