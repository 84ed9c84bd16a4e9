package io.troupe.stream;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a graph with two directions of flow: a "top" one from {@code in1} to {@code out1}
 * and a "bottom" one from {@code in2} to {@code out2}, such as one layer of a protocol stack.
 *
 * <pre>
 *         +------------+
 *  in1 ~~&gt;|            |~~&gt; out1
 *         |    bidi    |
 * out2 &lt;~~|            |&lt;~~ in2
 *         +------------+
 * </pre>
 *
 * <p>By convention the left side ({@code in1}, {@code out2}) faces the application and the right
 * side ({@code out1}, {@code in2}) faces the transport. {@link #inlets()} are {@code [in1, in2]},
 * {@link #outlets()} {@code [out1, out2]}.
 *
 * @param <I1> the type of element entering the top direction
 * @param <O1> the type of element leaving the top direction
 * @param <I2> the type of element entering the bottom direction
 * @param <O2> the type of element leaving the bottom direction
 */
public final class BidiShape<I1, O1, I2, O2> extends Shape {
  private final Inlet<I1> in1;
  private final Outlet<O1> out1;
  private final Inlet<I2> in2;
  private final Outlet<O2> out2;

  private BidiShape(Inlet<I1> in1, Outlet<O1> out1, Inlet<I2> in2, Outlet<O2> out2) {
    this.in1 = Objects.requireNonNull(in1, "in1");
    this.out1 = Objects.requireNonNull(out1, "out1");
    this.in2 = Objects.requireNonNull(in2, "in2");
    this.out2 = Objects.requireNonNull(out2, "out2");
  }

  /** A bidi shape of the top ports {@code in1 → out1} and the bottom ports {@code in2 → out2}. */
  public static <I1, O1, I2, O2> BidiShape<I1, O1, I2, O2> of(
      Inlet<I1> in1, Outlet<O1> out1, Inlet<I2> in2, Outlet<O2> out2) {
    return new BidiShape<>(in1, out1, in2, out2);
  }

  /** The bidi shape whose top direction is {@code top}'s ports and bottom one {@code bottom}'s. */
  public static <I1, O1, I2, O2> BidiShape<I1, O1, I2, O2> fromFlows(
      FlowShape<I1, O1> top, FlowShape<I2, O2> bottom) {
    Objects.requireNonNull(top, "top");
    Objects.requireNonNull(bottom, "bottom");
    return new BidiShape<>(top.in(), top.out(), bottom.in(), bottom.out());
  }

  /** The inlet of the top direction. */
  public Inlet<I1> in1() {
    return in1;
  }

  /** The outlet of the top direction. */
  public Outlet<O1> out1() {
    return out1;
  }

  /** The inlet of the bottom direction. */
  public Inlet<I2> in2() {
    return in2;
  }

  /** The outlet of the bottom direction. */
  public Outlet<O2> out2() {
    return out2;
  }

  /** The same ports turned upside down: the bottom direction becomes the top one. */
  public BidiShape<I2, O2, I1, O1> reversed() {
    return new BidiShape<>(in2, out2, in1, out1);
  }

  @Override
  public List<Inlet<?>> inlets() {
    return List.of(in1, in2);
  }

  @Override
  public List<Outlet<?>> outlets() {
    return List.of(out1, out2);
  }

  @Override
  public BidiShape<I1, O1, I2, O2> deepCopy() {
    return new BidiShape<>(in1.carbonCopy(), out1.carbonCopy(), in2.carbonCopy(), out2.carbonCopy());
  }
}
