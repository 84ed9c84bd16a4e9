package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/** The shape of a graph with one open inlet and one open outlet: a processing step. */
public final class FlowShape<I, O> extends Shape {
  private final Inlet<I> in;
  private final Outlet<O> out;

  private FlowShape(Inlet<I> in, Outlet<O> out) {
    this.in = Objects.requireNonNull(in, "in");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A flow shape around {@code in} and {@code out}. */
  public static <I, O> FlowShape<I, O> of(Inlet<I> in, Outlet<O> out) {
    return new FlowShape<>(in, out);
  }

  /** The inlet. */
  public Inlet<I> in() {
    return in;
  }

  /** The outlet. */
  public Outlet<O> out() {
    return out;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out);
  }

  @Override
  public FlowShape<I, O> deepCopy() {
    return new FlowShape<>(in.carbonCopy(), out.carbonCopy());
  }
}
