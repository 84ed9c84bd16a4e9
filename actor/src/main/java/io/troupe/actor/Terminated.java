package io.troupe.actor;

import java.util.Objects;

/**
 * The signal that a watched actor has stopped; delivered once per {@link ActorContext#watch}.
 * A watcher that does not handle it fails with a {@link DeathPactException}.
 */
public sealed class Terminated implements Signal permits ChildFailed {
  private final ActorRef<Void> ref;

  /** Creates the signal for {@code ref}. */
  public Terminated(ActorRef<?> ref) {
    this.ref = Objects.requireNonNull(ref, "ref").unsafeUpcast();
  }

  /** The actor that stopped. */
  public ActorRef<Void> getRef() {
    return ref;
  }

  /** The actor that stopped; record-style accessor. */
  public ActorRef<Void> ref() {
    return ref;
  }

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((Terminated) o).ref.equals(ref);
  }

  @Override
  public int hashCode() {
    return ref.hashCode();
  }

  @Override
  public String toString() {
    return "Terminated(" + ref + ")";
  }
}
