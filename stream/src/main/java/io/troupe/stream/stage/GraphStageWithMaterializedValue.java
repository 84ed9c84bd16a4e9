package io.troupe.stream.stage;

import io.troupe.japi.Pair;
import io.troupe.stream.Attributes;
import io.troupe.stream.Graph;
import io.troupe.stream.Shape;
import io.troupe.stream.internal.AtomicModule;
import io.troupe.stream.internal.GenericGraph;
import io.troupe.stream.internal.Module;

/**
 * A stage, written by implementing its logic, that also materializes a value of type {@code M}
 * (a future of its result, a control handle...).
 *
 * <p>The stage object is a blueprint: each materialization calls {@link
 * #createLogicAndMaterializedValuePair} for a fresh logic, so keep all mutable state in the
 * logic.
 *
 * @param <S> the stage's shape
 * @param <M> the materialized value
 */
public abstract class GraphStageWithMaterializedValue<S extends Shape, M> implements Graph<S, M> {
  private volatile Module module;

  /** For subclasses. */
  protected GraphStageWithMaterializedValue() {}

  /** The stage's ports; must return the same shape every time. */
  @Override
  public abstract S shape();

  /** Creates the logic of one materialization and the value it materializes. */
  public abstract Pair<GraphStageLogic, M> createLogicAndMaterializedValuePair(
      Attributes inheritedAttributes) throws Exception;

  /** The attributes the stage starts with, such as its name. */
  protected Attributes initialAttributes() {
    return Attributes.none();
  }

  @Override
  public final Module module() {
    Module m = module;
    if (m == null) {
      m = new AtomicModule(this, initialAttributes());
      module = m;
    }
    return m;
  }

  @Override
  public Graph<S, M> withAttributes(Attributes attributes) {
    return new GenericGraph<>(shape(), new AtomicModule(this, attributes));
  }

  @Override
  public String toString() {
    return initialAttributes().nameOf().orElse(getClass().getSimpleName());
  }
}
