package io.troupe.stream;

import io.troupe.actor.ActorSystem;
import io.troupe.japi.function.Function;
import io.troupe.stream.internal.CompositeModule;
import io.troupe.stream.internal.Module;
import java.util.Objects;

/**
 * A blueprint with no open ports, ready to run; running it yields its materialized value.
 *
 * @param <M> the materialized value
 */
public final class RunnableGraph<M> implements Graph<ClosedShape, M> {
  private final Module module;

  RunnableGraph(Module module) {
    this.module = module;
  }

  /** Views a closed graph as a runnable graph. */
  public static <M> RunnableGraph<M> fromGraph(Graph<ClosedShape, M> graph) {
    Objects.requireNonNull(graph, "graph");
    return graph instanceof RunnableGraph<M> r ? r : new RunnableGraph<>(graph.module());
  }

  /** Runs the graph with {@code materializer}. */
  public M run(Materializer materializer) {
    Objects.requireNonNull(materializer, "materializer");
    return materializer.materialize(this);
  }

  /** Runs the graph with the shared materializer of {@code system}. */
  public M run(ActorSystem<?> system) {
    return run(Materializer.matFromSystem(system));
  }

  /** This graph with its materialized value transformed by {@code f}. */
  public <M2> RunnableGraph<M2> mapMaterializedValue(Function<M, M2> f) {
    Objects.requireNonNull(f, "f");
    return new RunnableGraph<>(CompositeModule.mapMaterialized(module, f));
  }

  @Override
  public ClosedShape shape() {
    return ClosedShape.getInstance();
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public RunnableGraph<M> withAttributes(Attributes attributes) {
    return new RunnableGraph<>(module.withAttributes(attributes));
  }

  @Override
  public RunnableGraph<M> addAttributes(Attributes attributes) {
    return withAttributes(module.attributes().and(attributes));
  }

  @Override
  public RunnableGraph<M> named(String name) {
    return addAttributes(Attributes.name(name));
  }

  @Override
  public RunnableGraph<M> async() {
    return addAttributes(Attributes.asyncBoundary());
  }
}
