package io.troupe.stream;

/**
 * Socket options common to internet sockets, as in Pekko's {@code org.apache.pekko.io.Inet}: the
 * {@link SocketOption} type that {@link Tcp#bind(String, int, int, Iterable, boolean,
 * java.util.Optional) Tcp.bind} and {@link Tcp#outgoingConnection(java.net.InetSocketAddress,
 * java.util.Optional, Iterable, boolean, java.util.Optional, java.util.Optional)
 * Tcp.outgoingConnection} accept, and its generic members in {@link SO}. The TCP-only members
 * and Java factories for all of them are in {@link TcpSO}:
 *
 * <pre>{@code
 * List<Inet.SocketOption> options =
 *     List.of(TcpSO.receiveBufferSize(64 * 1024), TcpSO.tcpNoDelay(false), TcpSO.keepAlive(true));
 * }</pre>
 *
 * <p>An option given to a call overrides the default of the same option from {@code
 * troupe.stream.materializer.io.tcp.socket-options}; if a list holds the same option twice, the
 * last one wins.
 */
public final class Inet {
  private Inet() {}

  /** A socket option: one of {@link SO}'s or {@link TcpSO}'s records. */
  public sealed interface SocketOption
      permits SO.ReceiveBufferSize,
          SO.SendBufferSize,
          SO.ReuseAddress,
          SO.TrafficClass,
          TcpSO.KeepAlive,
          TcpSO.TcpNoDelay {}

  /** The socket options that are not specific to TCP. */
  public static final class SO {
    private SO() {}

    /**
     * The kernel receive buffer size ({@code SO_RCVBUF}), in bytes; fixing it also stops the
     * kernel from growing it, which bounds how far a slow reader lets the peer send ahead. On a
     * listening socket it also sets the window of the connections it accepts.
     *
     * @param size bytes, positive (the kernel may round it, Linux doubles it)
     */
    public record ReceiveBufferSize(int size) implements SocketOption {
      /** @throws IllegalArgumentException if {@code size} is not positive */
      public ReceiveBufferSize {
        if (size <= 0) {
          throw new IllegalArgumentException("ReceiveBufferSize size must be > 0, was " + size);
        }
      }
    }

    /**
     * The kernel send buffer size ({@code SO_SNDBUF}), in bytes.
     *
     * @param size bytes, positive (the kernel may round it, Linux doubles it)
     */
    public record SendBufferSize(int size) implements SocketOption {
      /** @throws IllegalArgumentException if {@code size} is not positive */
      public SendBufferSize {
        if (size <= 0) {
          throw new IllegalArgumentException("SendBufferSize size must be > 0, was " + size);
        }
      }
    }

    /**
     * Whether an address may be bound again while connections on it linger ({@code
     * SO_REUSEADDR}); applies to a listening socket too.
     *
     * @param on enabled when true
     */
    public record ReuseAddress(boolean on) implements SocketOption {}

    /**
     * The traffic class or type-of-service octet of the IP packets sent ({@code IP_TOS}).
     *
     * @param tc 0..255
     */
    public record TrafficClass(int tc) implements SocketOption {
      /** @throws IllegalArgumentException if {@code tc} is not within 0..255 */
      public TrafficClass {
        if (tc < 0 || tc > 255) {
          throw new IllegalArgumentException("TrafficClass tc must be within 0..255, was " + tc);
        }
      }
    }
  }
}
