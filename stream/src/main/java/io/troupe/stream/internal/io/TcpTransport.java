package io.troupe.stream.internal.io;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty event loops that run one actor system's TCP connections: one thread accepting
 * connections and a few doing socket IO. Both are daemon threads, shut down with the system.
 * Internal API.
 */
public final class TcpTransport {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final int readAhead;

  /**
   * Starts the event loops; thread names begin with {@code name}. A connection reads at most
   * {@code readAhead} bytes beyond what its downstream has taken.
   */
  public TcpTransport(String name, int workerThreads, int readAhead) {
    this.readAhead = readAhead;
    this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory(name + "-tcp-accept", true));
    this.workers = new NioEventLoopGroup(workerThreads, new DefaultThreadFactory(name + "-tcp-io", true));
  }

  int readAhead() {
    return readAhead;
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
