package io.troupe.stream.internal;

import io.troupe.stream.Attributes;
import io.troupe.stream.FlowShape;
import io.troupe.stream.Shape;
import io.troupe.stream.SinkShape;
import io.troupe.stream.SourceShape;
import io.troupe.stream.stage.GraphStageWithMaterializedValue;

/** A module of one stage. Internal API. */
public final class AtomicModule extends Module {
  private final GraphStageWithMaterializedValue<?, ?> stage;
  private final int inCount;
  private final int outCount;

  /** The module of {@code stage} with {@code attributes}. */
  public AtomicModule(GraphStageWithMaterializedValue<?, ?> stage, Attributes attributes) {
    super(attributes);
    this.stage = stage;
    Shape shape = stage.shape();
    if (shape instanceof FlowShape<?, ?>) {
      this.inCount = 1;
      this.outCount = 1;
    } else if (shape instanceof SourceShape<?>) {
      this.inCount = 0;
      this.outCount = 1;
    } else if (shape instanceof SinkShape<?>) {
      this.inCount = 1;
      this.outCount = 0;
    } else {
      this.inCount = shape.inlets().size();
      this.outCount = shape.outlets().size();
    }
  }

  /** The stage. */
  public GraphStageWithMaterializedValue<?, ?> stage() {
    return stage;
  }

  @Override
  int stageCount() {
    return 1;
  }

  @Override
  int edgeCount() {
    return 0;
  }

  @Override
  public int inCount() {
    return inCount;
  }

  @Override
  public int outCount() {
    return outCount;
  }

  @Override
  public AtomicModule withAttributes(Attributes attributes) {
    return new AtomicModule(stage, attributes);
  }

  @Override
  public String toString() {
    return "AtomicModule(" + stage + ")";
  }
}
