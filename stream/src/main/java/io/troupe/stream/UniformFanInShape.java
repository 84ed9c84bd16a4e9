package io.troupe.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The shape of a junction with {@code n} inlets of one type and one outlet, such as a merge. */
public final class UniformFanInShape<T, O> extends Shape {
  private final List<Inlet<T>> ins;
  private final Outlet<O> out;

  private UniformFanInShape(Outlet<O> out, List<Inlet<T>> ins) {
    this.out = Objects.requireNonNull(out, "out");
    this.ins = List.copyOf(ins);
  }

  /** A fan-in shape with the given outlet and inlets. */
  public static <T, O> UniformFanInShape<T, O> of(Outlet<O> out, List<Inlet<T>> ins) {
    return new UniformFanInShape<>(out, ins);
  }

  /** A fan-in shape with {@code n} inlets named {@code name.in0 ...} and an outlet {@code name.out}. */
  public static <T, O> UniformFanInShape<T, O> create(String name, int n) {
    List<Inlet<T>> ins = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ins.add(Inlet.create(name + ".in" + i));
    }
    return new UniformFanInShape<>(Outlet.create(name + ".out"), ins);
  }

  /** The inlet at {@code i}. */
  public Inlet<T> in(int i) {
    return ins.get(i);
  }

  /** All inlets. */
  public List<Inlet<T>> getInlets() {
    return ins;
  }

  /** The outlet. */
  public Outlet<O> out() {
    return out;
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.copyOf(ins);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out);
  }

  @Override
  public UniformFanInShape<T, O> deepCopy() {
    return new UniformFanInShape<>(out.carbonCopy(), ins.stream().map(Inlet::carbonCopy).toList());
  }
}
