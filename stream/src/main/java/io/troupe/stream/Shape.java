package io.troupe.stream;

import java.util.List;

/**
 * The ports of a graph: the inlets and outlets it leaves open for its surroundings to connect.
 *
 * <p>A shape is a description; it holds no elements. {@link #deepCopy()} returns the same kind of
 * shape with fresh ports, which is how {@link GraphDSL} adds a blueprint many times.
 */
public abstract class Shape {
  /** For subclasses. */
  protected Shape() {}

  /** The open input ports, in a fixed order. */
  public abstract List<Inlet<?>> inlets();

  /** The open output ports, in a fixed order. */
  public abstract List<Outlet<?>> outlets();

  /** The same kind of shape with fresh ports of the same names. */
  public abstract Shape deepCopy();

  /** Whether this shape has the same number of inlets and outlets as {@code other}. */
  public boolean hasSamePortCounts(Shape other) {
    return inlets().size() == other.inlets().size() && outlets().size() == other.outlets().size();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + inlets() + ", " + outlets() + ")";
  }
}
