package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/** The shape of a graph with exactly one open outlet: a source of elements. */
public final class SourceShape<T> extends Shape {
  private final Outlet<T> out;

  private SourceShape(Outlet<T> out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A source shape around {@code out}. */
  public static <T> SourceShape<T> of(Outlet<T> out) {
    return new SourceShape<>(out);
  }

  /** The outlet. */
  public Outlet<T> out() {
    return out;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of();
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out);
  }

  @Override
  public SourceShape<T> deepCopy() {
    return new SourceShape<>(out.carbonCopy());
  }
}
