package io.troupe.stream;

import java.util.Arrays;
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

  private static final Attribute[] EMPTY = new Attribute[0];
  private static final Attributes NONE = new Attributes(EMPTY);

  /** Least specific first; never modified after construction. */
  private final Attribute[] items;
  /** Which of the built-in attribute types are present, so that most lookups end at once. */
  private final int kinds;

  private Attributes(Attribute[] items) {
    this(items, kindsOf(items));
  }

  private Attributes(Attribute[] items, int kinds) {
    this.items = items;
    this.kinds = kinds;
  }

  private static int kindsOf(Attribute[] items) {
    int k = 0;
    for (Attribute a : items) {
      k |= kind(a.getClass());
    }
    return k;
  }

  // The built-in attributes are records (final classes), so an exact class test finds them all.
  private static int kind(Class<?> type) {
    if (type == Name.class) {
      return 1;
    } else if (type == AsyncBoundary.class) {
      return 2;
    } else if (type == InputBuffer.class) {
      return 4;
    } else if (type == ActorAttributes.Dispatcher.class) {
      return 8;
    } else if (type == ActorAttributes.SupervisionStrategy.class) {
      return 16;
    }
    return 0;
  }

  /** No attributes. */
  public static Attributes none() {
    return NONE;
  }

  /** Attributes holding the given ones, the last being the most specific. */
  public static Attributes of(Attribute... attributes) {
    Attribute[] copy = attributes.clone();
    for (Attribute a : copy) {
      Objects.requireNonNull(a, "attribute");
    }
    return copy.length == 0 ? NONE : new Attributes(copy);
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
    if (other.items.length == 0) {
      return this;
    }
    if (items.length == 0) {
      return other;
    }
    Attribute[] joined = Arrays.copyOf(items, items.length + other.items.length);
    System.arraycopy(other.items, 0, joined, items.length, other.items.length);
    return new Attributes(joined, kinds | other.kinds);
  }

  /** These attributes followed by {@code attribute}. */
  public Attributes and(Attribute attribute) {
    return and(of(attribute));
  }

  /** The most specific attribute of type {@code type}, if any. */
  public <A extends Attribute> Optional<A> get(Class<A> type) {
    A a = find(type);
    return a == null ? Optional.empty() : Optional.of(a);
  }

  /** The most specific attribute of type {@code type}, or {@code fallback}. */
  public <A extends Attribute> A get(Class<A> type, A fallback) {
    A a = find(type);
    return a == null ? fallback : a;
  }

  /** Whether an attribute of type {@code type} is present. */
  public boolean contains(Class<? extends Attribute> type) {
    return find(type) != null;
  }

  /** Whether there are no attributes at all. */
  public boolean isEmpty() {
    return items.length == 0;
  }

  // Exact class first (attributes are mostly records), subtypes second; no Optional on the way.
  private <A extends Attribute> A find(Class<A> type) {
    int k = kind(type);
    if (k != 0 && (kinds & k) == 0) {
      return null;
    }
    Attribute[] a = items;
    for (int i = a.length - 1; i >= 0; i--) {
      Attribute x = a[i];
      if (x.getClass() == type || type.isInstance(x)) {
        return type.cast(x);
      }
    }
    return null;
  }

  /** The most specific name, if any. */
  public Optional<String> nameOf() {
    return get(Name.class).map(Name::value);
  }

  /** All attributes, least specific first. */
  public List<Attribute> attributeList() {
    return List.of(items);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Attributes a && Arrays.equals(a.items, items);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(items);
  }

  @Override
  public String toString() {
    return "Attributes(" + Arrays.toString(items) + ")";
  }
}
