package io.troupe.stream;

/**
 * Factories of TCP socket options, as Pekko's {@code org.apache.pekko.io.TcpSO} (its Java API),
 * and the options that only TCP has ({@link KeepAlive}, {@link TcpNoDelay}, Pekko's {@code
 * Tcp.SO} members). Each factory returns an {@link Inet.SocketOption}; see {@link Inet} for how
 * options combine with the configured defaults.
 */
public final class TcpSO {
  private TcpSO() {}

  /**
   * TCP keep-alive probes on an idle connection ({@code SO_KEEPALIVE}).
   *
   * @param on enabled when true
   */
  public record KeepAlive(boolean on) implements Inet.SocketOption {}

  /**
   * Nagle's algorithm off when true ({@code TCP_NODELAY}): small writes go out at once instead of
   * waiting for the acknowledgement of earlier ones. On by default (config {@code
   * socket-options.tcp-no-delay}), as in Pekko and Netty.
   *
   * @param on Nagle's algorithm disabled when true
   */
  public record TcpNoDelay(boolean on) implements Inet.SocketOption {}

  /** {@code SO_KEEPALIVE} on or off. */
  public static KeepAlive keepAlive(boolean on) {
    return new KeepAlive(on);
  }

  /** {@code TCP_NODELAY} on (Nagle's algorithm off) or off. */
  public static TcpNoDelay tcpNoDelay(boolean on) {
    return new TcpNoDelay(on);
  }

  /**
   * {@code SO_RCVBUF} of {@code size} bytes.
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static Inet.SO.ReceiveBufferSize receiveBufferSize(int size) {
    return new Inet.SO.ReceiveBufferSize(size);
  }

  /**
   * {@code SO_SNDBUF} of {@code size} bytes.
   *
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static Inet.SO.SendBufferSize sendBufferSize(int size) {
    return new Inet.SO.SendBufferSize(size);
  }

  /** {@code SO_REUSEADDR} on or off. */
  public static Inet.SO.ReuseAddress reuseAddress(boolean on) {
    return new Inet.SO.ReuseAddress(on);
  }

  /**
   * {@code IP_TOS} of {@code tc}.
   *
   * @throws IllegalArgumentException if {@code tc} is not within 0..255
   */
  public static Inet.SO.TrafficClass trafficClass(int tc) {
    return new Inet.SO.TrafficClass(tc);
  }
}
