package io.troupe.stream;

import io.troupe.stream.internal.Module;

/**
 * An immutable, reusable blueprint of stages with the open ports of shape {@code S}; running it
 * materializes the stages and yields a value of type {@code M}.
 *
 * <p>{@link Source}, {@link Flow}, {@link Sink}, {@link RunnableGraph} and every {@link
 * io.troupe.stream.stage.GraphStage} are graphs. Implement your own through {@code GraphStage}
 * or {@link GraphDSL}, not by implementing this interface.
 *
 * @param <S> the shape: which ports are left open
 * @param <M> the materialized value
 */
public interface Graph<S extends Shape, M> {
  /** The open ports. */
  S shape();

  /** The runtime's description of this blueprint; internal, may change without notice. */
  Module module();

  /** This graph with its attributes replaced by {@code attributes}. */
  Graph<S, M> withAttributes(Attributes attributes);

  /** This graph with {@code attributes} added (more specific than those it has). */
  default Graph<S, M> addAttributes(Attributes attributes) {
    return withAttributes(module().attributes().and(attributes));
  }

  /** This graph named {@code name}. */
  default Graph<S, M> named(String name) {
    return addAttributes(Attributes.name(name));
  }

  /** This graph as an island of its own, behind an async boundary. */
  default Graph<S, M> async() {
    return addAttributes(Attributes.asyncBoundary());
  }
}
