package io.troupe.stream.io;

import com.typesafe.config.ConfigFactory;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behaviors;
import org.junit.jupiter.api.BeforeAll;

/** Every {@link TcpTlsTest} again on Netty's NIO transport ({@code transport = nio}). */
class TcpTlsNioTest extends TcpTlsTest {
  @BeforeAll
  static void startSystem() {
    system = ActorSystem.create(Behaviors.empty(), "io-tls-test-nio",
        ConfigFactory.parseString("troupe.stream.materializer.io.tcp.transport = nio")
            .withFallback(ConfigFactory.load()));
  }
}
