package io.troupe.stream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorSystem;
import io.troupe.japi.Pair;
import io.troupe.stream.Flow;
import io.troupe.stream.Keep;
import io.troupe.stream.OverflowStrategy;
import io.troupe.stream.Sink;
import io.troupe.stream.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProbeTest {
  static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("probe-test");
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void sinkProbeSeesElementsOnlyAsRequested() throws Exception {
    StreamTestKit.assertAllStagesStopped(
        system,
        () -> {
          TestSubscriber.Probe<Integer> probe =
              Source.range(1, 4).runWith(TestSink.probe(system), system);
          probe.request(2).expectNext(1, 2).expectNoMessage(Duration.ofMillis(50));
          probe.request(2).expectNext(3).expectNext(4).expectComplete();
        });
  }

  @Test
  void sinkProbeSeesFailure() {
    IllegalStateException boom = new IllegalStateException("boom");
    TestSubscriber.Probe<Integer> probe =
        Source.<Integer>failed(boom).runWith(TestSink.probe(system), system);
    probe.expectSubscription();
    assertThat(probe.expectError()).isSameAs(boom);
  }

  @Test
  void sourceProbeDrivesAStreamAndSeesCancellation() throws Exception {
    StreamTestKit.assertAllStagesStopped(
        system,
        () -> {
          Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
              TestSource.<Integer>probe(system)
                  .map(i -> i * 10)
                  .toMat(TestSink.probe(system), Keep.both())
                  .run(system);
          TestPublisher.Probe<Integer> pub = p.first();
          TestSubscriber.Probe<Integer> sub = p.second();
          sub.request(2);
          pub.sendNext(1, 2);
          sub.expectNext(10, 20);
          sub.cancel();
          pub.expectCancellation();
        });
  }

  @Test
  void sourceProbeRequestsInBatches() {
    TestPublisher.Probe<Integer> pub = TestSource.<Integer>probe(system).to(Sink.ignore()).run(system);
    assertThat(pub.expectRequest()).isEqualTo(16);
    pub.sendComplete();
  }

  @Test
  void sourceProbeCompletionAndErrorReachTheSink() {
    Pair<TestPublisher.Probe<String>, TestSubscriber.Probe<String>> p =
        TestSource.<String>probe(system).toMat(TestSink.probe(system), Keep.both()).run(system);
    p.second().request(1);
    p.first().sendNext("a").sendComplete();
    p.second().expectNext("a").expectComplete();
    Pair<TestPublisher.Probe<String>, TestSubscriber.Probe<String>> q =
        TestSource.<String>probe(system).toMat(TestSink.probe(system), Keep.both()).run(system);
    RuntimeException boom = new RuntimeException("x");
    q.first().sendError(boom);
    assertThat(q.second().expectSubscriptionAndError()).isSameAs(boom);
  }

  @Test
  void bufferDropHeadKeepsTheNewestElements() {
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>probe(system)
            .buffer(2, OverflowStrategy.dropHead())
            .toMat(TestSink.probe(system), Keep.both())
            .run(system);
    p.first().sendNext(1, 2, 3, 4);
    p.first().sendComplete();
    p.second().request(10);
    assertThat(p.second().expectNextN(2)).containsExactly(3, 4);
    p.second().expectComplete();
  }

  @Test
  void bufferStrategiesOnOverflow() {
    assertThat(runBuffer(OverflowStrategy.dropTail())).containsExactly(1, 4);
    assertThat(runBuffer(OverflowStrategy.dropNew())).containsExactly(1, 2);
    assertThat(runBuffer(OverflowStrategy.dropBuffer())).containsExactly(3, 4);
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>probe(system)
            .buffer(2, OverflowStrategy.fail())
            .toMat(TestSink.probe(system), Keep.both())
            .run(system);
    p.first().sendNext(1, 2, 3);
    assertThat(p.second().expectSubscriptionAndError())
        .isInstanceOf(io.troupe.stream.BufferOverflowException.class);
  }

  private List<Integer> runBuffer(OverflowStrategy s) {
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>probe(system)
            .buffer(2, s)
            .toMat(TestSink.probe(system), Keep.both())
            .run(system);
    p.first().sendNext(1, 2, 3, 4).sendComplete();
    return p.second().toStrict();
  }

  @Test
  void bufferBackpressureStopsRequestingWhenFull() {
    Pair<TestPublisher.Probe<Integer>, TestSubscriber.Probe<Integer>> p =
        TestSource.<Integer>probe(system)
            .buffer(2, OverflowStrategy.backpressure())
            .toMat(TestSink.probe(system), Keep.both())
            .run(system);
    p.first().sendNext(1, 2);
    p.second().request(2).expectNext(1, 2);
    p.first().sendComplete();
    p.second().expectComplete();
  }

  @Test
  void processorFromFlow() {
    java.util.concurrent.Flow.Processor<Integer, Integer> processor =
        Flow.<Integer>create().map(i -> i + 1).toProcessor().run(system);
    TestPublisher.Probe<Integer> pub = TestPublisher.probe();
    TestSubscriber.Probe<Integer> sub = TestSubscriber.probe();
    processor.subscribe(sub);
    pub.subscribe(processor);
    sub.request(2);
    pub.sendNext(1, 2);
    sub.expectNext(2, 3);
    pub.sendComplete();
    sub.expectComplete();
  }

  @Test
  void fanoutPublisherServesTwoSubscribers() {
    java.util.concurrent.Flow.Publisher<Integer> publisher =
        Source.range(1, 3).runWith(Sink.asPublisher(io.troupe.stream.AsPublisher.WITH_FANOUT), system);
    TestSubscriber.Probe<Integer> a = TestSubscriber.probe();
    TestSubscriber.Probe<Integer> b = TestSubscriber.probe();
    publisher.subscribe(a);
    publisher.subscribe(b);
    a.expectSubscription();
    b.expectSubscription();
    b.request(3);
    a.request(3);
    a.expectNext(1, 2, 3).expectComplete();
    b.expectNext(1, 2, 3).expectComplete();
  }

  @Test
  void nonFanoutPublisherRejectsASecondSubscriber() {
    java.util.concurrent.Flow.Publisher<Integer> publisher =
        Source.<Integer>maybe().runWith(Sink.asPublisher(io.troupe.stream.AsPublisher.WITHOUT_FANOUT), system);
    TestSubscriber.Probe<Integer> a = TestSubscriber.probe();
    TestSubscriber.Probe<Integer> b = TestSubscriber.probe();
    publisher.subscribe(a);
    a.expectSubscription();
    publisher.subscribe(b);
    assertThat(b.expectSubscriptionAndError()).isInstanceOf(IllegalStateException.class);
    a.cancel();
  }

  @Test
  void expectationsFailWithAssertionErrors() {
    TestSubscriber.Probe<Integer> probe = Source.single(1).runWith(TestSink.probe(system), system);
    probe.request(1);
    assertThatThrownBy(() -> probe.expectNext(2)).isInstanceOf(AssertionError.class).hasMessageContaining("OnNext(2)");
  }
}
