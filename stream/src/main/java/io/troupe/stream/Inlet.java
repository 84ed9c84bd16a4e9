package io.troupe.stream;

import java.util.Objects;

/**
 * An input port of a stage: where elements of type {@code T} arrive.
 *
 * <p>Ports are compared by identity; a stage's shape owns its ports, and {@link GraphDSL} works on
 * copies of them so that one blueprint can be added many times.
 *
 * @param <T> the type of element that arrives here
 */
public final class Inlet<T> {
  private final String name;

  private Inlet(String name) {
    this.name = name;
  }

  /** Creates an input port called {@code name} (used in error messages and {@code toString}). */
  public static <T> Inlet<T> create(String name) {
    return new Inlet<>(Objects.requireNonNull(name, "name"));
  }

  /** The port's name. */
  public String name() {
    return name;
  }

  /** A fresh port with the same name, for copies of shapes. */
  public Inlet<T> carbonCopy() {
    return new Inlet<>(name);
  }

  /** This port seen with another element type, for untyped plumbing. */
  @SuppressWarnings("unchecked")
  public <U> Inlet<U> as() {
    return (Inlet<U>) this;
  }

  @Override
  public String toString() {
    return name;
  }
}
