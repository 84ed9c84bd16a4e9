package io.troupe.stream.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.japi.Pair;
import io.troupe.stream.Flow;
import io.troupe.stream.Framing;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import io.troupe.stream.StreamTcpException;
import io.troupe.stream.Tcp;
import io.troupe.util.ByteString;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS over loopback with a self-signed certificate, {@code tls-test.p12} next to this class,
 * made once with:
 *
 * <pre>
 * keytool -genkeypair -alias test -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
 *   -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" -validity 36500 \
 *   -storetype PKCS12 -keystore tls-test.p12 -storepass changeit -keypass changeit
 * </pre>
 */
class TcpTlsTest extends IoTestBase {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static SSLContext serverContext;
  private static SSLContext clientContext;
  private static SSLContext mutualContext; // presents the test certificate and trusts it

  @BeforeAll
  static void loadKeys() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = TcpTlsTest.class.getResourceAsStream("tls-test.p12")) {
      ks.load(in, PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    clientContext = SSLContext.getInstance("TLS");
    clientContext.init(null, tmf.getTrustManagers(), null);
    mutualContext = SSLContext.getInstance("TLS");
    mutualContext.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
  }

  @Test
  void aServerThatRequiresClientCertificatesAcceptsOnlyClientsThatPresentOne() throws Exception {
    Tcp.ServerBinding binding = await(Tcp.get(system)
        .bindWithTls("127.0.0.1", 0, () -> {
          javax.net.ssl.SSLEngine engine = mutualContext.createSSLEngine();
          engine.setNeedClientAuth(true);
          return engine;
        })
        .to(Sink.foreach(conn -> conn.handleWith(Flow.create(), system)))
        .run(system));
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", binding.localAddress().getPort());
    assertThat(await(Source.single(bs("with a certificate"))
        .via(Tcp.get(system).outgoingConnectionWithTls(server, mutualContext))
        .runFold(ByteString.empty(), ByteString::concat, system)).utf8String())
        .isEqualTo("with a certificate");
    Throwable anonymous = awaitFailure(Source.single(bs("without"))
        .via(Tcp.get(system).outgoingConnectionWithTls(server, clientContext))
        .runWith(Sink.ignore(), system));
    assertThat(anonymous).isInstanceOf(StreamTcpException.class)
        .cause().isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("certificate_required");
    await(binding.unbind());
  }

  private static Tcp.ServerBinding bindTlsEcho(String host) throws Exception {
    return await(Tcp.get(system).bindWithTls(host, 0, serverContext)
        .to(Sink.foreach(conn -> conn.handleWith(Flow.create(), system)))
        .run(system));
  }

  @Test
  void aTlsEchoServerAnswersATrustingClient() throws Exception {
    Tcp.ServerBinding binding = bindTlsEcho("127.0.0.1");
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", binding.localAddress().getPort());
    List<ByteString> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(bs("secret line " + i + "\n"));
    }
    Pair<CompletionStage<Tcp.OutgoingConnection>, CompletionStage<List<String>>> p =
        Source.from(lines)
            .viaMat(Tcp.get(system).outgoingConnectionWithTls(server, clientContext), Keep.right())
            .via(Framing.delimiter(bs("\n"), 100))
            .map(ByteString::utf8String)
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    List<String> got = await(p.second());
    assertThat(got).hasSize(50).startsWith("secret line 0").endsWith("secret line 49");
    assertThat(await(p.first()).remoteAddress()).isEqualTo(server);
    await(binding.unbind());
  }

  @Test
  void aLargePayloadCrossesManyTlsRecordsIntact() throws Exception {
    Tcp.ServerBinding binding = bindTlsEcho("127.0.0.1");
    byte[] payload = new byte[3 * 1024 * 1024];
    new Random(3).nextBytes(payload);
    ByteString all = ByteString.fromArrayUnsafe(payload);
    ByteString echoed = await(Source.from(chunks(all, 100_000))
        .via(Tcp.get(system).outgoingConnectionWithTls(
            new InetSocketAddress("127.0.0.1", binding.localAddress().getPort()), clientContext))
        .runFold(ByteString.empty(), ByteString::concat, system));
    assertThat(echoed.length()).isEqualTo(payload.length);
    assertThat(echoed).isEqualTo(all);
    await(binding.unbind());
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateFailsOnlyItsConnection() throws Exception {
    Tcp.ServerBinding binding = bindTlsEcho("127.0.0.1");
    InetSocketAddress server = new InetSocketAddress("127.0.0.1", binding.localAddress().getPort());
    SSLContext trustsNothingOfOurs = SSLContext.getInstance("TLS");
    trustsNothingOfOurs.init(null, null, null); // the JDK's default trust store
    Throwable t = awaitFailure(Source.single(bs("hello"))
        .via(Tcp.get(system).outgoingConnectionWithTls(server, trustsNothingOfOurs))
        .runWith(Sink.ignore(), system));
    assertThat(t).isInstanceOf(StreamTcpException.class)
        .cause().isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("PKIX path building failed");
    // the server goes on serving trusting clients
    assertThat(await(Source.single(bs("still here"))
        .via(Tcp.get(system).outgoingConnectionWithTls(server, clientContext))
        .runFold(ByteString.empty(), ByteString::concat, system)).utf8String())
        .isEqualTo("still here");
    await(binding.unbind());
  }

  @Test
  void theServerNameIsVerified() throws Exception {
    // 127.0.0.2 is loopback too, but the certificate names only localhost and 127.0.0.1
    Tcp.ServerBinding binding = bindTlsEcho("127.0.0.2");
    Throwable t = awaitFailure(Source.single(bs("hello"))
        .via(Tcp.get(system).outgoingConnectionWithTls(
            new InetSocketAddress("127.0.0.2", binding.localAddress().getPort()), clientContext))
        .runWith(Sink.ignore(), system));
    assertThat(t).isInstanceOf(StreamTcpException.class)
        .cause().isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("127.0.0.2");
    await(binding.unbind());
  }
}
