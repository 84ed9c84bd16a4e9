package io.troupe.stream.internal.io;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Netty event loops that run one actor system's TCP connections: one thread accepting
 * connections and a few doing socket IO. Both are daemon threads, shut down with the system.
 * Internal API.
 */
public final class TcpTransport {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final TcpSettings settings;
  private volatile Consumer<Channel> channelObserver = ch -> {};

  /** Starts the event loops of {@code settings}; thread names begin with {@code name}. */
  public TcpTransport(String name, TcpSettings settings) {
    this.settings = settings;
    this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-tcp-accept", true));
    this.workers = new NioEventLoopGroup(
        settings.eventLoopThreads(), new DefaultThreadFactory(name + "-tcp-io", true));
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
