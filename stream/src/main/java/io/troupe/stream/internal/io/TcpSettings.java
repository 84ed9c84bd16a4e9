package io.troupe.stream.internal.io;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.troupe.stream.Inet;
import io.troupe.stream.TcpSO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TCP settings of an actor system, read from {@code troupe.stream.materializer.io.tcp}.
 * Internal API.
 *
 * @param eventLoopThreads socket IO threads (resolved: never 0)
 * @param backlog default backlog of a listening socket
 * @param readAhead bytes a connection reads beyond what its downstream took
 * @param writeBatch bytes of writes collected before they go to the socket mid-round
 * @param connectTimeout default connect timeout, empty for none
 * @param idleTimeout default idle timeout, empty for none
 * @param socketOptions default socket options, applied before a call's own
 * @param transport which Netty transport runs the sockets
 * @param notSentLowWatermark the most bytes a socket holds that it has not sent yet
 *     ({@code TCP_NOTSENT_LOWAT}, epoll transport only), empty to leave the system's
 */
public record TcpSettings(
    int eventLoopThreads,
    int backlog,
    int readAhead,
    int writeBatch,
    Optional<Duration> connectTimeout,
    Optional<Duration> idleTimeout,
    List<Inet.SocketOption> socketOptions,
    Transport transport,
    Optional<Integer> notSentLowWatermark) {

  /** Which Netty transport runs the sockets. */
  public enum Transport {
    /** Netty's native epoll transport where it loads (Linux on x86_64 and aarch64), else NIO. */
    AUTO,
    /** Netty's NIO transport (JDK selectors), on every platform. */
    NIO,
    /** Netty's native epoll transport; {@code Tcp.get} fails where it does not load. */
    EPOLL
  }

  /** The config path of the section. */
  public static final String PATH = "troupe.stream.materializer.io.tcp";

  /**
   * Reads the section from a system's config (falling back to this module's reference.conf).
   *
   * @throws IllegalArgumentException naming the key and value if one is out of range or malformed
   */
  public static TcpSettings fromConfig(Config root) {
    Config c = root.getConfig(PATH);
    int threads = nonNegative(c, "event-loop-threads");
    if (threads == 0) {
      threads = Runtime.getRuntime().availableProcessors();
    }
    int backlog = c.getInt("backlog");
    if (backlog <= 0) {
      throw bad("backlog", backlog, "must be > 0");
    }
    return new TcpSettings(
        threads,
        backlog,
        bytes(c, "read-ahead"),
        bytes(c, "write-batch"),
        optionalDuration(c, "connect-timeout"),
        optionalDuration(c, "idle-timeout"),
        options(c.getConfig("socket-options")),
        transport(c),
        "off".equals(c.getValue("not-sent-low-watermark").unwrapped())
            ? Optional.empty()
            : Optional.of(bytes(c, "not-sent-low-watermark")));
  }

  private static Transport transport(Config c) {
    String v = c.getString("transport");
    return switch (v) {
      case "auto" -> Transport.AUTO;
      case "nio" -> Transport.NIO;
      case "epoll" -> Transport.EPOLL;
      default -> throw bad("transport", v, "must be auto, nio or epoll");
    };
  }

  private static List<Inet.SocketOption> options(Config o) {
    List<Inet.SocketOption> out = new ArrayList<>();
    if (!isDefault(o, "receive-buffer-size")) {
      out.add(TcpSO.receiveBufferSize(bytes(o, "receive-buffer-size")));
    }
    if (!isDefault(o, "send-buffer-size")) {
      out.add(TcpSO.sendBufferSize(bytes(o, "send-buffer-size")));
    }
    if (!isDefault(o, "reuse-address")) {
      out.add(TcpSO.reuseAddress(o.getBoolean("reuse-address")));
    }
    if (!isDefault(o, "traffic-class")) {
      int tc = o.getInt("traffic-class");
      if (tc < 0 || tc > 255) {
        throw bad("socket-options.traffic-class", tc, "must be within 0..255");
      }
      out.add(TcpSO.trafficClass(tc));
    }
    if (!isDefault(o, "keep-alive")) {
      out.add(TcpSO.keepAlive(o.getBoolean("keep-alive")));
    }
    if (!isDefault(o, "tcp-no-delay")) {
      out.add(TcpSO.tcpNoDelay(o.getBoolean("tcp-no-delay")));
    }
    return List.copyOf(out);
  }

  private static boolean isDefault(Config c, String key) {
    return "default".equals(c.getValue(key).unwrapped());
  }

  private static int nonNegative(Config c, String key) {
    int v = c.getInt(key);
    if (v < 0) {
      throw bad(key, v, "must be >= 0");
    }
    return v;
  }

  private static int bytes(Config c, String key) {
    long v;
    try {
      v = c.getBytes(key);
    } catch (ConfigException.BadValue e) {
      throw new IllegalArgumentException(
          PATH + "." + key + " must be a size in bytes, was " + c.getValue(key).unwrapped(), e);
    }
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw bad(key, v, "must be within 1.." + Integer.MAX_VALUE + " bytes");
    }
    return (int) v;
  }

  private static Optional<Duration> optionalDuration(Config c, String key) {
    if ("infinite".equals(c.getValue(key).unwrapped())) {
      return Optional.empty();
    }
    Duration d;
    try {
      d = c.getDuration(key);
    } catch (ConfigException.BadValue e) {
      throw new IllegalArgumentException(PATH + "." + key
          + " must be \"infinite\" or a duration, was " + c.getValue(key).unwrapped(), e);
    }
    if (d.isNegative() || d.isZero()) {
      throw bad(key, d, "must be positive or \"infinite\"");
    }
    return Optional.of(d);
  }

  private static IllegalArgumentException bad(String key, Object value, String rule) {
    return new IllegalArgumentException(PATH + "." + key + " " + rule + ", was " + value);
  }
}
