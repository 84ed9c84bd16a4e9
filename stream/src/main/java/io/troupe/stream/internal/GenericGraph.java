package io.troupe.stream.internal;

import io.troupe.stream.Attributes;
import io.troupe.stream.Graph;
import io.troupe.stream.Shape;

/** A graph that is nothing but a shape and a module. Internal API. */
public final class GenericGraph<S extends Shape, M> implements Graph<S, M> {
  private final S shape;
  private final Module module;

  /** A graph of {@code shape} described by {@code module}. */
  public GenericGraph(S shape, Module module) {
    this.shape = shape;
    this.module = module;
  }

  @Override
  public S shape() {
    return shape;
  }

  @Override
  public Module module() {
    return module;
  }

  @Override
  public Graph<S, M> withAttributes(Attributes attributes) {
    return new GenericGraph<>(shape, module.withAttributes(attributes));
  }
}
