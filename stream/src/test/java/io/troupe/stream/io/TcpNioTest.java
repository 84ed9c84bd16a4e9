package io.troupe.stream.io;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every {@link TcpTest} again on Netty's NIO transport ({@code transport = nio}), the one used
 * where the native epoll transport does not load (any system but Linux on x86_64 or aarch64).
 */
class TcpNioTest extends TcpTest {
  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create(Behaviors.empty(), "io-test-nio",
        ConfigFactory.parseString("troupe.stream.materializer.io.tcp.transport = nio")
            .withFallback(ConfigFactory.load()));
  }
}
