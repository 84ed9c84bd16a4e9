package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/** The shape of a graph with exactly one open inlet: a sink of elements. */
public final class SinkShape<T> extends Shape {
  private final Inlet<T> in;

  private SinkShape(Inlet<T> in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** A sink shape around {@code in}. */
  public static <T> SinkShape<T> of(Inlet<T> in) {
    return new SinkShape<>(in);
  }

  /** The inlet. */
  public Inlet<T> in() {
    return in;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of();
  }

  @Override
  public SinkShape<T> deepCopy() {
    return new SinkShape<>(in.carbonCopy());
  }
}
