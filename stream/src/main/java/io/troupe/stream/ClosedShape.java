package io.troupe.stream;

import java.util.List;

/** The shape of a graph with no open ports: one that can run. */
public final class ClosedShape extends Shape {
  private static final ClosedShape INSTANCE = new ClosedShape();

  private ClosedShape() {}

  /** The only instance. */
  public static ClosedShape getInstance() {
    return INSTANCE;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of();
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of();
  }

  @Override
  public ClosedShape deepCopy() {
    return this;
  }
}
