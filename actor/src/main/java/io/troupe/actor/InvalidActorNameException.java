package io.troupe.actor;

/** Thrown when an actor or system name is malformed or already taken. */
public final class InvalidActorNameException extends IllegalArgumentException {
  /** Creates the exception with a message naming the bad value. */
  public InvalidActorNameException(String message) {
    super(message);
  }
}
