package io.troupe.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The shape of a junction with one inlet and {@code n} outlets of one type, such as a broadcast. */
public final class UniformFanOutShape<I, T> extends Shape {
  private final Inlet<I> in;
  private final List<Outlet<T>> outs;

  private UniformFanOutShape(Inlet<I> in, List<Outlet<T>> outs) {
    this.in = Objects.requireNonNull(in, "in");
    this.outs = List.copyOf(outs);
  }

  /** A fan-out shape with the given inlet and outlets. */
  public static <I, T> UniformFanOutShape<I, T> of(Inlet<I> in, List<Outlet<T>> outs) {
    return new UniformFanOutShape<>(in, outs);
  }

  /** A fan-out shape with an inlet {@code name.in} and {@code n} outlets {@code name.out0 ...}. */
  public static <I, T> UniformFanOutShape<I, T> create(String name, int n) {
    List<Outlet<T>> outs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outs.add(Outlet.create(name + ".out" + i));
    }
    return new UniformFanOutShape<>(Inlet.create(name + ".in"), outs);
  }

  /** The inlet. */
  public Inlet<I> in() {
    return in;
  }

  /** The outlet at {@code i}. */
  public Outlet<T> out(int i) {
    return outs.get(i);
  }

  /** All outlets. */
  public List<Outlet<T>> getOutlets() {
    return outs;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.copyOf(outs);
  }

  @Override
  public UniformFanOutShape<I, T> deepCopy() {
    return new UniformFanOutShape<>(in.carbonCopy(), outs.stream().map(Outlet::carbonCopy).toList());
  }
}
