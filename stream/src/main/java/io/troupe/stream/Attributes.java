package io.troupe.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings attached to a graph that its stages read when they are materialized: name, input
 * buffer size, async boundary, dispatcher, supervision.
 *
 * <p>Attributes are immutable. When blueprints nest, a stage sees the attributes of all its
 * enclosing graphs followed by its own; {@link #get(Class)} answers with the most specific (the
 * innermost, last added) attribute of a type.
 */
public final class Attributes {
  /** One setting. */
  public interface Attribute {}

  /** The name of a graph, used in logs and error messages. */
  public record Name(String value) implements Attribute {
    /** Validates the name. */
    public Name {
      Objects.requireNonNull(value, "name");
    }
  }

  /**
   * The size of the buffer in front of a stage that sits behind an async boundary.
   *
   * @param initial the initial size (kept for Pekko compatibility; Troupe allocates {@code max})
   * @param max the capacity of the hand-off buffer
   */
  public record InputBuffer(int initial, int max) implements Attribute {}

  /** Marks a graph as an island of its own, separated from its surroundings by async boundaries. */
  public record AsyncBoundary() implements Attribute {}

  private static final Attributes NONE = new Attributes(List.of());

  private final List<Attribute> list;

  private Attributes(List<Attribute> list) {
    this.list = list;
  }

  /** No attributes. */
  public static Attributes none() {
    return NONE;
  }

  /** Attributes holding the given ones, the last being the most specific. */
  public static Attributes of(Attribute... attributes) {
    for (Attribute a : attributes) {
      Objects.requireNonNull(a, "attribute");
    }
    return new Attributes(List.of(attributes));
  }

  /** A name for a graph. */
  public static Attributes name(String name) {
    Objects.requireNonNull(name, "name");
    return of(new Name(name));
  }

  /**
   * The input buffer of the stages behind an async boundary.
   *
   * @throws IllegalArgumentException if {@code initial} is not positive, {@code max} is less
   *     than {@code initial}, or {@code max} is not a power of two
   */
  public static Attributes inputBuffer(int initial, int max) {
    if (initial <= 0) {
      throw new IllegalArgumentException("initial must be > 0, was " + initial);
    }
    if (max < initial) {
      throw new IllegalArgumentException("max must be >= initial (" + initial + "), was " + max);
    }
    if (Integer.bitCount(max) != 1) {
      throw new IllegalArgumentException("max must be a power of two, was " + max);
    }
    return of(new InputBuffer(initial, max));
  }

  /** The attribute that makes a graph run as its own island. */
  public static Attributes asyncBoundary() {
    return of(new AsyncBoundary());
  }

  /** These attributes followed by {@code other}, which is more specific. */
  public Attributes and(Attributes other) {
    Objects.requireNonNull(other, "other");
    if (other.list.isEmpty()) {
      return this;
    }
    if (list.isEmpty()) {
      return other;
    }
    List<Attribute> joined = new ArrayList<>(list.size() + other.list.size());
    joined.addAll(list);
    joined.addAll(other.list);
    return new Attributes(Collections.unmodifiableList(joined));
  }

  /** These attributes followed by {@code attribute}. */
  public Attributes and(Attribute attribute) {
    return and(of(attribute));
  }

  /** The most specific attribute of type {@code type}, if any. */
  public <A extends Attribute> Optional<A> get(Class<A> type) {
    for (int i = list.size() - 1; i >= 0; i--) {
      Attribute a = list.get(i);
      if (type.isInstance(a)) {
        return Optional.of(type.cast(a));
      }
    }
    return Optional.empty();
  }

  /** The most specific attribute of type {@code type}, or {@code fallback}. */
  public <A extends Attribute> A get(Class<A> type, A fallback) {
    return get(type).orElse(fallback);
  }

  /** Whether an attribute of type {@code type} is present. */
  public boolean contains(Class<? extends Attribute> type) {
    return get(type).isPresent();
  }

  /** The most specific name, if any. */
  public Optional<String> nameOf() {
    return get(Name.class).map(Name::value);
  }

  /** All attributes, least specific first. */
  public List<Attribute> attributeList() {
    return list;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && a.list.equals(list);
  }

  @Override
  public int hashCode() {
    return list.hashCode();
  }

  @Override
  public String toString() {
    return "Attributes(" + list + ")";
  }
}
