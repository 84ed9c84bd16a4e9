package io.troupe.stream;

/** A TCP server could not bind its address (for example the port is in use); see the cause. */
public final class BindFailedException extends StreamTcpException {
  /** A bind failure explained by {@code message}, caused by {@code cause}. */
  public BindFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
