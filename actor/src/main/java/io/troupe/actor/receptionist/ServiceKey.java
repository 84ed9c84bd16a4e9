package io.troupe.actor.receptionist;

import java.util.Objects;

/**
 * The name under which actors of one message type register with the {@link Receptionist}: an id
 * plus the message type, so that a lookup yields refs of the right type.
 *
 * <p>Two keys are equal when their ids and message type names are equal.
 *
 * @param <T> the type of message the registered actors accept
 */
public final class ServiceKey<T> {
  private final String id;
  private final Class<T> messageClass;

  private ServiceKey(Class<T> messageClass, String id) {
    this.messageClass = messageClass;
    this.id = id;
  }

  /**
   * The key {@code id} for actors accepting {@code messageClass}.
   *
   * @throws IllegalArgumentException if {@code id} is blank
   */
  public static <T> ServiceKey<T> create(Class<T> messageClass, String id) {
    Objects.requireNonNull(messageClass, "messageClass");
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("service key id must not be blank, was [" + id + "]");
    }
    return new ServiceKey<>(messageClass, id);
  }

  /** The id. */
  public String id() {
    return id;
  }

  /** The id; the bean-style name. */
  public String getId() {
    return id;
  }

  /** The message type of the registered actors. */
  public Class<T> messageClass() {
    return messageClass;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServiceKey<?> k && k.id.equals(id) && k.messageClass.getName().equals(messageClass.getName());
  }

  @Override
  public int hashCode() {
    return id.hashCode() * 31 + messageClass.getName().hashCode();
  }

  @Override
  public String toString() {
    return "ServiceKey[" + messageClass.getName() + "](" + id + ")";
  }
}
