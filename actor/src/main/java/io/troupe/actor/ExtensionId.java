package io.troupe.actor;

import java.util.Objects;

/**
 * Identifies an {@link Extension} and creates it: one instance per system, created on first use,
 * thread-safely and exactly once. Subclass it as a singleton:
 *
 * <pre>{@code
 * public final class Metrics implements Extension {
 *   public static final ExtensionId<Metrics> ID = new ExtensionId<>() {
 *     public Metrics createExtension(ActorSystem<?> system) { return new Metrics(system); }
 *   };
 *   public static Metrics get(ActorSystem<?> system) { return ID.get(system); }
 *   ...
 * }
 * }</pre>
 *
 * <p>Ids compare by identity, so keep exactly one instance of each.
 *
 * @param <T> the extension's type
 */
public abstract class ExtensionId<T extends Extension> {

  /** Constructor for subclasses. */
  protected ExtensionId() {}

  /** Creates the extension for {@code system}; called once per system. */
  public abstract T createExtension(ActorSystem<?> system);

  /** The extension of {@code system}, created if needed. */
  public final T get(ActorSystem<?> system) {
    return Objects.requireNonNull(system, "system").registerExtension(this);
  }

  /** Same as {@link #get}; Pekko's Scala-style name. */
  public final T apply(ActorSystem<?> system) {
    return get(system);
  }

  @Override
  public final boolean equals(Object o) {
    return this == o;
  }

  @Override
  public final int hashCode() {
    return System.identityHashCode(this);
  }
}
