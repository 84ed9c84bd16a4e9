package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/** The shape of a junction with one inlet and two outlets of different types, such as an unzip. */
public final class FanOutShape2<I, A, B> extends Shape {
  private final Inlet<I> in;
  private final Outlet<A> out0;
  private final Outlet<B> out1;

  private FanOutShape2(Inlet<I> in, Outlet<A> out0, Outlet<B> out1) {
    this.in = Objects.requireNonNull(in, "in");
    this.out0 = Objects.requireNonNull(out0, "out0");
    this.out1 = Objects.requireNonNull(out1, "out1");
  }

  /** A shape with ports named {@code name.in}, {@code name.out0} and {@code name.out1}. */
  public static <I, A, B> FanOutShape2<I, A, B> create(String name) {
    return new FanOutShape2<>(
        Inlet.create(name + ".in"), Outlet.create(name + ".out0"), Outlet.create(name + ".out1"));
  }

  /** The inlet. */
  public Inlet<I> in() {
    return in;
  }

  /** The first outlet. */
  public Outlet<A> out0() {
    return out0;
  }

  /** The second outlet. */
  public Outlet<B> out1() {
    return out1;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out0, out1);
  }

  @Override
  public FanOutShape2<I, A, B> deepCopy() {
    return new FanOutShape2<>(in.carbonCopy(), out0.carbonCopy(), out1.carbonCopy());
  }
}
