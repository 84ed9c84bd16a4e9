package io.troupe.stream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.troupe.actor.ActorSystem;
import io.troupe.japi.Pair;
import io.troupe.stream.AsPublisher;
import io.troupe.stream.Flow;
import io.troupe.stream.Keep;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples of the "Interop" and "Testing streams" sections of {@code docs/streams.md}: each
 * test body between the {@code // doc:} markers is the snippet on the page, and the last test
 * checks that the page still shows them verbatim.
 */
class StreamsDocExamplesTest {
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("streams-doc-examples");
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void interopWithJavaUtilConcurrentFlow() throws Exception {
    // doc:interop
    // a stream as a java.util.concurrent.Flow.Publisher (one subscriber; WITH_FANOUT for many)
    java.util.concurrent.Flow.Publisher<Integer> publisher =
        Source.range(1, 3).runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);

    // a stream fed through its subscriber, e.g. by the JDK's SubmissionPublisher, which drops
    // what it is given before anyone subscribed: so subscribe first, then submit
    SubmissionPublisher<String> jdk = new SubmissionPublisher<>();
    Pair<java.util.concurrent.Flow.Subscriber<String>, CompletionStage<List<String>>> in =
        Source.<String>asSubscriber().toMat(Sink.seq(), Keep.both()).run(system);
    jdk.subscribe(in.first());
    jdk.submit("hello");
    jdk.close();

    // a flow as a Flow.Processor; any Flow.Publisher as a source
    java.util.concurrent.Flow.Processor<Integer, Integer> doubler =
        Flow.<Integer>create().map(i -> i * 2).toProcessor().run(system);
    publisher.subscribe(doubler);
    CompletionStage<List<Integer>> doubled = Source.fromPublisher(doubler).runWith(Sink.seq(), system);
    // doc:end
    assertThat(in.second().toCompletableFuture().get(10, TimeUnit.SECONDS))
        .containsExactly("hello");
    assertThat(doubled.toCompletableFuture().get(10, TimeUnit.SECONDS)).containsExactly(2, 4, 6);
  }

  @Test
  void interopWithReactiveStreamsThroughFlowAdapters() throws Exception {
    // doc:adapters
    java.util.concurrent.Flow.Publisher<Integer> flowPublisher =
        Source.range(1, 3).runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), system);
    org.reactivestreams.Publisher<Integer> rsPublisher =
        org.reactivestreams.FlowAdapters.toPublisher(flowPublisher);
    CompletionStage<List<Integer>> back =
        Source.fromPublisher(org.reactivestreams.FlowAdapters.toFlowPublisher(rsPublisher))
            .runWith(Sink.seq(), system);
    // doc:end
    assertThat(back.toCompletableFuture().get(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
  }

  @Test
  void testingWithProbes() throws Exception {
    // doc:probes
    // a probe at the end of a stream: it requests only what the test asks for
    TestSubscriber.Probe<Integer> sink = Source.range(1, 3).runWith(TestSink.create(system), system);
    sink.request(2).expectNext(1, 2);
    sink.request(1).expectNext(3).expectComplete();

    // probes at both ends: drive the upstream, watch the downstream
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>create(system)
            .map(i -> i * 10)
            .toMat(TestSink.create(system), Keep.both())
            .run(system);
    p.second().request(1);
    p.first().sendNext(1);
    p.second().expectNext(10).cancel();
    p.first().expectCancellation();

    // errors
    p = TestSource.<Integer>create(system).toMat(TestSink.create(system), Keep.both()).run(system);
    RuntimeException boom = new RuntimeException("boom");
    p.first().sendError(boom);
    p.second().expectSubscriptionAndError(boom);
    // doc:end
  }

  @Test
  void testingWithManualProbes() throws Exception {
    // doc:manual
    TestSubscriber.ManualProbe<Integer> subscriber = TestSubscriber.manualProbe(system);
    Source.range(1, 2).runWith(Sink.fromSubscriber(subscriber), system);
    java.util.concurrent.Flow.Subscription subscription = subscriber.expectSubscription();
    subscription.request(2);
    subscriber.expectNext(1, 2).expectComplete();

    TestPublisher.ManualProbe<String> publisher = TestPublisher.manualProbe(system);
    CompletionStage<List<String>> seq = Source.fromPublisher(publisher).runWith(Sink.seq(), system);
    TestPublisher.PublisherProbeSubscription<String> s = publisher.expectSubscription();
    s.expectRequest(); // the source asks for a batch
    s.sendNext("a").sendComplete();
    // doc:end
    assertThat(seq.toCompletableFuture().get(10, TimeUnit.SECONDS)).containsExactly("a");
  }

  @Test
  void testingThatNoStageLeaks() throws Exception {
    // doc:leaks
    StreamTestKit.assertAllStagesStopped(
        system,
        () -> {
          TestSubscriber.Probe<Integer> probe =
              Source.repeat(1).runWith(TestSink.create(system), system);
          probe.request(1).expectNext(1);
          probe.cancel(); // without this, the check fails after its timeout
        });
    // doc:end
  }

  @Test
  void thePageShowsTheseExamplesVerbatim() throws Exception {
    Path here = Path.of("src/test/java/io/troupe/stream/testkit/StreamsDocExamplesTest.java");
    Path page = Path.of("../docs/streams.md");
    String source = Files.readString(here);
    String doc = Files.readString(page);
    for (String name : List.of("interop", "adapters", "probes", "manual", "leaks")) {
      String snippet = snippet(source, name);
      assertThat(doc).as("docs/streams.md shows the '%s' example", name).contains(snippet);
    }
  }

  /** The lines between {@code // doc:name} and {@code // doc:end}, without the test's indent. */
  private static String snippet(String source, String name) {
    int start = source.indexOf("// doc:" + name + "\n");
    assertThat(start).as("marker doc:%s", name).isNotNegative();
    start = source.indexOf('\n', start) + 1;
    int end = source.indexOf("// doc:end", start);
    String body = source.substring(start, source.lastIndexOf('\n', end) + 1);
    StringBuilder out = new StringBuilder();
    for (String line : body.split("\n", -1)) {
      out.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
