package io.troupe.stream.internal.io;

import io.netty.bootstrap.AbstractBootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Netty event loops that run one actor system's TCP connections: one thread accepting
 * connections and a few doing socket IO. Both are daemon threads, shut down with the system.
 * They use Netty's native epoll transport where it loads and the settings allow it, NIO
 * otherwise; the channel classes and the epoll-only socket options come from here. Internal API.
 */
public final class TcpTransport {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final TcpSettings settings;
  private final boolean epoll;
  private volatile Consumer<Channel> channelObserver = ch -> {};

  /** Starts the event loops of {@code settings}; thread names begin with {@code name}. */
  public TcpTransport(String name, TcpSettings settings) {
    this.settings = settings;
    this.epoll = useEpoll(settings.transport());
    DefaultThreadFactory acceptThreads = new DefaultThreadFactory(name + "-tcp-accept", true);
    DefaultThreadFactory ioThreads = new DefaultThreadFactory(name + "-tcp-io", true);
    int n = settings.eventLoopThreads();
    if (epoll) {
      this.boss = new EpollEventLoopGroup(1, acceptThreads);
      this.workers = new EpollEventLoopGroup(n, ioThreads);
    } else {
      this.boss = new NioEventLoopGroup(1, acceptThreads);
      this.workers = new NioEventLoopGroup(n, ioThreads);
    }
  }

  private static boolean useEpoll(TcpSettings.Transport transport) {
    return switch (transport) {
      case NIO -> false;
      case AUTO -> Epoll.isAvailable();
      case EPOLL -> {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException(TcpSettings.PATH + ".transport = epoll, but Netty's"
              + " native epoll transport does not load here: " + Epoll.unavailabilityCause(),
              Epoll.unavailabilityCause());
        }
        yield true;
      }
    };
  }

  /** Whether the sockets run on Netty's native epoll transport (else NIO). */
  public boolean isEpoll() {
    return epoll;
  }

  Class<? extends SocketChannel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }

  Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioListener.class;
  }

  /**
   * Calls {@code then} on the server channel's event loop once its port is free for a new
   * listener, {@code server} being closed. With epoll that is at once. With NIO the JDK closes a
   * listening socket registered with a selector only when that selector next runs, after Netty
   * reported the channel closed (measured: a connect made right after was still accepted in
   * about 8% of tries); so this waits, a millisecond at a time, until the selector let go of it.
   */
  static void whenPortFreed(Channel server, Runnable then) {
    if (server instanceof NioListener l && l.stillListening()
        && !server.eventLoop().isShuttingDown()) {
      server.eventLoop().schedule(() -> whenPortFreed(server, then), 1, TimeUnit.MILLISECONDS);
    } else {
      then.run();
    }
  }

  /** Netty's NIO server channel, telling whether its socket is still open underneath. */
  public static final class NioListener extends NioServerSocketChannel {
    /** Made by Netty's channel factory. */
    public NioListener() {}

    boolean stillListening() {
      java.nio.channels.ServerSocketChannel ch = javaChannel();
      return ch.isOpen() || ch.isRegistered();
    }
  }

  /** Sets the transport's own options of an outgoing connection's socket. */
  void connectionOptions(AbstractBootstrap<?, ?> b) {
    if (epoll && settings.notSentLowWatermark().isPresent()) {
      b.option(EpollChannelOption.TCP_NOTSENT_LOWAT, (long) settings.notSentLowWatermark().get());
    }
  }

  /** Sets the transport's own options of every socket a server accepts. */
  void acceptedOptions(ServerBootstrap b) {
    if (epoll && settings.notSentLowWatermark().isPresent()) {
      b.childOption(
          EpollChannelOption.TCP_NOTSENT_LOWAT, (long) settings.notSentLowWatermark().get());
    }
  }

  /** The settings the transport was started with. */
  public TcpSettings settings() {
    return settings;
  }

  int readAhead() {
    return settings.readAhead();
  }

  int writeBatch() {
    return settings.writeBatch();
  }

  /**
   * Has {@code observer} called with every connection's channel once its options are set and
   * before it carries any bytes; for tests that check what reached the socket.
   */
  public void observeChannels(Consumer<Channel> observer) {
    this.channelObserver = java.util.Objects.requireNonNull(observer, "observer");
  }

  void channelInitialized(Channel channel) {
    channelObserver.accept(channel);
  }

  EventLoopGroup boss() {
    return boss;
  }

  EventLoopGroup workers() {
    return workers;
  }

  /** Closes every channel and stops the threads, without waiting. */
  public void shutdown() {
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
