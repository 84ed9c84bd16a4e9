package io.troupe.stream;

import java.util.Objects;

/**
 * An output port of a stage: where elements of type {@code T} leave.
 *
 * <p>Ports are compared by identity; a stage's shape owns its ports, and {@link GraphDSL} works on
 * copies of them so that one blueprint can be added many times.
 *
 * @param <T> the type of element that leaves here
 */
public final class Outlet<T> {
  private final String name;

  private Outlet(String name) {
    this.name = name;
  }

  /** Creates an output port called {@code name} (used in error messages and {@code toString}). */
  public static <T> Outlet<T> create(String name) {
    return new Outlet<>(Objects.requireNonNull(name, "name"));
  }

  /** The port's name. */
  public String name() {
    return name;
  }

  /** A fresh port with the same name, for copies of shapes. */
  public Outlet<T> carbonCopy() {
    return new Outlet<>(name);
  }

  /** This port seen with another element type, for untyped plumbing. */
  @SuppressWarnings("unchecked")
  public <U> Outlet<U> as() {
    return (Outlet<U>) this;
  }

  @Override
  public String toString() {
    return name;
  }
}
