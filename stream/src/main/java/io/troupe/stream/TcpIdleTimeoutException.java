package io.troupe.stream;

import java.time.Duration;

/** No bytes passed in either direction of a TCP connection within its idle timeout. */
public final class TcpIdleTimeoutException extends StreamTcpException {
  private final Duration duration;

  /** A timeout of {@code duration}, explained by {@code message}. */
  public TcpIdleTimeoutException(String message, Duration duration) {
    super(message);
    this.duration = duration;
  }

  /** The idle timeout that passed. */
  public Duration duration() {
    return duration;
  }
}
