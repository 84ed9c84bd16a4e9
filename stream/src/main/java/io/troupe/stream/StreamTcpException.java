package io.troupe.stream;

/**
 * The failure of a TCP stage: a connection that could not be made, or that closed with an error
 * (for example reset by the peer). The cause, when there is one, is the transport's exception.
 */
public class StreamTcpException extends RuntimeException {
  /** A failure explained by {@code message}. */
  public StreamTcpException(String message) {
    super(message);
  }

  /** A failure explained by {@code message}, caused by {@code cause}. */
  public StreamTcpException(String message, Throwable cause) {
    super(message, cause);
  }
}
