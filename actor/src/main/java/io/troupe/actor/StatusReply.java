package io.troupe.actor;

import java.util.Objects;

/**
 * A reply that is either a value or an error, for protocols where a request can fail; see
 * {@link AskPattern#askWithStatus}.
 *
 * @param <T> the type of the value
 */
public final class StatusReply<T> {
  private static final StatusReply<Done> ACK = new StatusReply<>(Done.INSTANCE, null);

  private final T value;
  private final Throwable error;

  private StatusReply(T value, Throwable error) {
    this.value = value;
    this.error = error;
  }

  /** A successful reply carrying {@code value}. */
  public static <T> StatusReply<T> success(T value) {
    return new StatusReply<>(Objects.requireNonNull(value, "value"), null);
  }

  /** A successful reply carrying {@link Done}. */
  public static StatusReply<Done> ack() {
    return ACK;
  }

  /** An error reply with a message; the asker sees an {@link ErrorMessage}. */
  public static <T> StatusReply<T> error(String message) {
    return new StatusReply<>(null, new ErrorMessage(Objects.requireNonNull(message, "message")));
  }

  /** An error reply with an exception. */
  public static <T> StatusReply<T> error(Throwable error) {
    return new StatusReply<>(null, Objects.requireNonNull(error, "error"));
  }

  /** Whether this is a success. */
  public boolean isSuccess() {
    return error == null;
  }

  /** Whether this is an error. */
  public boolean isError() {
    return error != null;
  }

  /**
   * The value of a success.
   *
   * @throws IllegalStateException for an error reply
   */
  public T getValue() {
    if (error != null) {
      throw new IllegalStateException("StatusReply is an error: " + error.getMessage(), error);
    }
    return value;
  }

  /** The error of an error reply; {@code null} for a success. */
  public Throwable getError() {
    return error;
  }

  T getValueOrThrow() {
    if (error instanceof RuntimeException re) {
      throw re;
    }
    if (error != null) {
      throw new java.util.concurrent.CompletionException(error);
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StatusReply<?> r && Objects.equals(value, r.value) && Objects.equals(error, r.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, error);
  }

  @Override
  public String toString() {
    return error == null ? "Success(" + value + ")" : "Error(" + error.getMessage() + ")";
  }

  /** The error an error reply made with a message carries; without a stack trace. */
  public static final class ErrorMessage extends RuntimeException {
    /** Creates the error. */
    public ErrorMessage(String message) {
      super(message, null, false, false);
    }
  }
}
