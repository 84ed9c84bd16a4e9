package io.troupe.migrate;

import static org.openrewrite.java.Assertions.java;

import org.junit.jupiter.api.Test;
import org.openrewrite.test.RecipeSpec;
import org.openrewrite.test.RewriteTest;

class FromPekkoStreamTest implements RewriteTest {

  @Override
  public void defaults(RecipeSpec spec) {
    spec.recipe(new FromPekko()).parser(Parsers.pekko());
  }

  @Test
  void streamWithJavadslTypesMaterializedValuesAndPairChangesOnlyItsImports() {
    rewriteRun(
        java(
            """
            package com.example;

            import java.util.List;
            import java.util.concurrent.CompletionStage;
            import org.apache.pekko.Done;
            import org.apache.pekko.NotUsed;
            import org.apache.pekko.actor.typed.ActorSystem;
            import org.apache.pekko.japi.Pair;
            import org.apache.pekko.stream.Materializer;
            import org.apache.pekko.stream.OverflowStrategy;
            import org.apache.pekko.stream.javadsl.Flow;
            import org.apache.pekko.stream.javadsl.Keep;
            import org.apache.pekko.stream.javadsl.RunnableGraph;
            import org.apache.pekko.stream.javadsl.Sink;
            import org.apache.pekko.stream.javadsl.Source;

            public class Pipeline {
              static final Flow<String, Integer, NotUsed> LENGTHS =
                  Flow.of(String.class).map(String::length).buffer(16, OverflowStrategy.backpressure());

              static CompletionStage<List<Integer>> lengths(List<String> words, ActorSystem<?> system) {
                RunnableGraph<Pair<NotUsed, CompletionStage<List<Integer>>>> graph =
                    Source.from(words).via(LENGTHS).toMat(Sink.seq(), Keep.both());
                return graph.run(Materializer.matFromSystem(system)).second();
              }

              static CompletionStage<Done> print(ActorSystem<?> system) {
                return Source.range(1, 3).runWith(Sink.foreach(System.out::println), system);
              }
            }
            """,
            """
            package com.example;

            import java.util.List;
            import java.util.concurrent.CompletionStage;

            import io.troupe.actor.Done;
            import io.troupe.actor.NotUsed;
            import io.troupe.actor.ActorSystem;
            import io.troupe.japi.Pair;
            import io.troupe.stream.Materializer;
            import io.troupe.stream.OverflowStrategy;
            import io.troupe.stream.Flow;
            import io.troupe.stream.Keep;
            import io.troupe.stream.RunnableGraph;
            import io.troupe.stream.Sink;
            import io.troupe.stream.Source;

            public class Pipeline {
              static final Flow<String, Integer, NotUsed> LENGTHS =
                  Flow.of(String.class).map(String::length).buffer(16, OverflowStrategy.backpressure());

              static CompletionStage<List<Integer>> lengths(List<String> words, ActorSystem<?> system) {
                RunnableGraph<Pair<NotUsed, CompletionStage<List<Integer>>>> graph =
                    Source.from(words).via(LENGTHS).toMat(Sink.seq(), Keep.both());
                return graph.run(Materializer.matFromSystem(system)).second();
              }

              static CompletionStage<Done> print(ActorSystem<?> system) {
                return Source.range(1, 3).runWith(Sink.foreach(System.out::println), system);
              }
            }
            """));
  }

  @Test
  void customGraphStageMovesToTheStagePackage() {
    rewriteRun(
        java(
            """
            package com.example;

            import org.apache.pekko.stream.Attributes;
            import org.apache.pekko.stream.FlowShape;
            import org.apache.pekko.stream.Inlet;
            import org.apache.pekko.stream.Outlet;
            import org.apache.pekko.stream.stage.AbstractInHandler;
            import org.apache.pekko.stream.stage.AbstractOutHandler;
            import org.apache.pekko.stream.stage.GraphStage;
            import org.apache.pekko.stream.stage.GraphStageLogic;

            public class Doubler extends GraphStage<FlowShape<Integer, Integer>> {
              final Inlet<Integer> in = Inlet.create("Doubler.in");
              final Outlet<Integer> out = Outlet.create("Doubler.out");
              private final FlowShape<Integer, Integer> shape = FlowShape.of(in, out);

              @Override
              public FlowShape<Integer, Integer> shape() {
                return shape;
              }

              @Override
              public GraphStageLogic createLogic(Attributes inheritedAttributes) {
                return new GraphStageLogic(shape) {
                  {
                    setHandler(in, new AbstractInHandler() {
                      @Override
                      public void onPush() {
                        push(out, grab(in) * 2);
                      }
                    });
                    setHandler(out, new AbstractOutHandler() {
                      @Override
                      public void onPull() {
                        pull(in);
                      }
                    });
                  }
                };
              }
            }
            """,
            """
            package com.example;

            import io.troupe.stream.Attributes;
            import io.troupe.stream.FlowShape;
            import io.troupe.stream.Inlet;
            import io.troupe.stream.Outlet;
            import io.troupe.stream.stage.AbstractInHandler;
            import io.troupe.stream.stage.AbstractOutHandler;
            import io.troupe.stream.stage.GraphStage;
            import io.troupe.stream.stage.GraphStageLogic;

            public class Doubler extends GraphStage<FlowShape<Integer, Integer>> {
              final Inlet<Integer> in = Inlet.create("Doubler.in");
              final Outlet<Integer> out = Outlet.create("Doubler.out");
              private final FlowShape<Integer, Integer> shape = FlowShape.of(in, out);

              @Override
              public FlowShape<Integer, Integer> shape() {
                return shape;
              }

              @Override
              public GraphStageLogic createLogic(Attributes inheritedAttributes) {
                return new GraphStageLogic(shape) {
                  {
                    setHandler(in, new AbstractInHandler() {
                      @Override
                      public void onPush() {
                        push(out, grab(in) * 2);
                      }
                    });
                    setHandler(out, new AbstractOutHandler() {
                      @Override
                      public void onPull() {
                        pull(in);
                      }
                    });
                  }
                };
              }
            }
            """));
  }
}
