package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/** The shape of a junction with two inlets of different types and one outlet, such as a zip. */
public final class FanInShape2<A, B, O> extends Shape {
  private final Inlet<A> in0;
  private final Inlet<B> in1;
  private final Outlet<O> out;

  private FanInShape2(Inlet<A> in0, Inlet<B> in1, Outlet<O> out) {
    this.in0 = Objects.requireNonNull(in0, "in0");
    this.in1 = Objects.requireNonNull(in1, "in1");
    this.out = Objects.requireNonNull(out, "out");
  }

  /** A shape with ports named {@code name.in0}, {@code name.in1} and {@code name.out}. */
  public static <A, B, O> FanInShape2<A, B, O> create(String name) {
    return new FanInShape2<>(
        Inlet.create(name + ".in0"), Inlet.create(name + ".in1"), Outlet.create(name + ".out"));
  }

  /** The first inlet. */
  public Inlet<A> in0() {
    return in0;
  }

  /** The second inlet. */
  public Inlet<B> in1() {
    return in1;
  }

  /** The outlet. */
  public Outlet<O> out() {
    return out;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in0, in1);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out);
  }

  @Override
  public FanInShape2<A, B, O> deepCopy() {
    return new FanInShape2<>(in0.carbonCopy(), in1.carbonCopy(), out.carbonCopy());
  }
}
