package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.NotUsed;
import io.troupe.actor.StatusReply;
import io.troupe.japi.Pair;
import io.troupe.stream.typed.ActorFlow;
import io.troupe.stream.typed.ActorSink;
import io.troupe.stream.typed.ActorSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ActorInteropTest {
  private static final long WAIT = 10;
  private static final AtomicInteger names = new AtomicInteger();
  private static ActorSystem<Void> system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("actor-interop");
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> T await(CompletionStage<T> s) throws Exception {
    return s.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
  }

  private static Throwable awaitFailure(CompletionStage<?> s) throws Exception {
    try {
      s.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static <T> ActorRef<T> spawn(Behavior<T> b) {
    return system.systemActorOf(b, "test-" + names.incrementAndGet());
  }

  /** An actor that puts every message into {@code into}. */
  private static <T> ActorRef<T> collector(BlockingQueue<Object> into) {
    return spawn(
        Behaviors.receiveMessage(
            m -> {
              into.add(m);
              return Behaviors.same();
            }));
  }

  private static Object take(BlockingQueue<Object> q) throws InterruptedException {
    Object m = q.poll(WAIT, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within " + WAIT + " s");
    }
    return m;
  }

  sealed interface Protocol {}

  record Msg(int value) implements Protocol {}

  record Complete() implements Protocol {}

  record Fail(Exception ex) implements Protocol {}

  private static Source<Protocol, ActorRef<Protocol>> protocolSource(int buffer, OverflowStrategy s) {
    return ActorSource.actorRef(
        m -> m instanceof Complete,
        m -> m instanceof Fail f ? Optional.of(f.ex()) : Optional.empty(),
        buffer,
        s);
  }

  // ---------------------------------------------------------------- ActorSource

  @Test
  void actorRefSourceEmitsWhatIsToldAndCompletesOnTheCompletionMessage() throws Exception {
    Pair<ActorRef<Protocol>, CompletionStage<List<Protocol>>> p =
        protocolSource(8, OverflowStrategy.fail()).toMat(Sink.seq(), Keep.both()).run(system);
    p.first().tell(new Msg(1));
    p.first().tell(new Msg(2));
    p.first().tell(new Complete());
    assertThat(await(p.second())).containsExactly(new Msg(1), new Msg(2));
    assertThat(p.first().path().toString()).contains("actorRefSource");
  }

  @Test
  void actorRefSourceFailsOnTheFailureMessage() throws Exception {
    Pair<ActorRef<Protocol>, CompletionStage<List<Protocol>>> p =
        protocolSource(8, OverflowStrategy.fail()).toMat(Sink.seq(), Keep.both()).run(system);
    IllegalStateException boom = new IllegalStateException("boom");
    p.first().tell(new Msg(1));
    p.first().tell(new Fail(boom));
    assertThat(awaitFailure(p.second())).isSameAs(boom);
  }

  @Test
  void actorRefSourceBuffersWithoutDemandAndAppliesTheOverflowStrategy() throws Exception {
    Probes.Sub<Protocol> sub = new Probes.Sub<>();
    ActorRef<Protocol> ref =
        protocolSource(2, OverflowStrategy.dropHead()).to(sub.sink()).run(system);
    for (int i = 1; i <= 5; i++) {
      ref.tell(new Msg(i));
    }
    ref.tell(new Complete());
    sub.request(10).expectNext(new Msg(4), new Msg(5));
    sub.expectComplete();
  }

  @Test
  void actorRefSourceWithFailStrategyFailsOnOverflow() throws Exception {
    Probes.Sub<Protocol> sub = new Probes.Sub<>();
    ActorRef<Protocol> ref = protocolSource(1, OverflowStrategy.fail()).to(sub.sink()).run(system);
    ref.tell(new Msg(1));
    ref.tell(new Msg(2));
    assertThat(sub.expectError()).isInstanceOf(io.troupe.stream.BufferOverflowException.class);
  }

  @Test
  void actorRefSourceRefusesBackpressureAndNegativeBuffers() {
    assertThatThrownBy(() -> protocolSource(4, OverflowStrategy.backpressure()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overflowStrategy must not be backpressure");
    assertThatThrownBy(() -> protocolSource(-1, OverflowStrategy.dropNew()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bufferSize must be >= 0, was -1");
  }

  @Test
  void actorRefSourceCompletesWhenDownstreamCancelsAndLaterMessagesAreDeadLetters()
      throws Exception {
    Pair<ActorRef<Protocol>, CompletionStage<Protocol>> p =
        protocolSource(8, OverflowStrategy.fail()).toMat(Sink.head(), Keep.both()).run(system);
    p.first().tell(new Msg(1));
    assertThat(await(p.second())).isEqualTo(new Msg(1));
    p.first().tell(new Msg(2)); // must not throw
  }

  @Test
  void actorRefWithBackpressureAcknowledgesEachElementAfterPassingItOn() throws Exception {
    BlockingQueue<Object> acks = new LinkedBlockingQueue<>();
    ActorRef<String> ackTo = collector(acks);
    Pair<ActorRef<Protocol>, CompletionStage<List<Protocol>>> p =
        ActorSource.<Protocol, String>actorRefWithBackpressure(
                ackTo,
                "ack",
                m -> m instanceof Complete ? Optional.of(CompletionStrategy.draining()) : Optional.empty(),
                m -> m instanceof Fail f ? Optional.of(f.ex()) : Optional.empty())
            .toMat(Sink.seq(), Keep.both())
            .run(system);
    for (int i = 1; i <= 3; i++) {
      p.first().tell(new Msg(i));
      assertThat(take(acks)).isEqualTo("ack");
    }
    p.first().tell(new Complete());
    assertThat(await(p.second())).containsExactly(new Msg(1), new Msg(2), new Msg(3));
  }

  @Test
  void actorRefWithBackpressureFailsWhenTheSenderDoesNotWaitForTheAck() throws Exception {
    BlockingQueue<Object> acks = new LinkedBlockingQueue<>();
    ActorRef<String> ackTo = collector(acks);
    Probes.Sub<Protocol> sub = new Probes.Sub<>();
    ActorRef<Protocol> ref =
        ActorSource.<Protocol, String>actorRefWithBackpressure(
                ackTo, "ack", m -> Optional.empty(), m -> Optional.empty())
            .to(sub.sink())
            .run(system);
    ref.tell(new Msg(1)); // no demand: held, not acknowledged
    ref.tell(new Msg(2)); // too early
    sub.request(1);
    Throwable t = sub.expectError();
    assertThat(t)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before the previous one was acknowledged");
    assertThat(acks).isEmpty();
  }

  // ---------------------------------------------------------------- ActorSink

  @Test
  void actorRefSinkSendsElementsThenTheCompletionMessage() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<Object> target = collector(got);
    Source.<Object>from(List.of(1, 2, 3))
        .runWith(ActorSink.actorRef(target, "done", ex -> "failed: " + ex.getMessage()), system);
    List<Object> seen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      seen.add(take(got));
    }
    assertThat(seen).containsExactly(1, 2, 3, "done");
  }

  @Test
  void actorRefSinkSendsTheFailureMessageWhenTheStreamFails() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<Object> target = collector(got);
    Source.<Object>failed(new RuntimeException("boom"))
        .runWith(ActorSink.actorRef(target, "done", ex -> "failed: " + ex.getMessage()), system);
    assertThat(take(got)).isEqualTo("failed: boom");
  }

  @Test
  void actorRefSinkCancelsTheStreamWhenTheTargetStops() throws Exception {
    ActorRef<Object> target = spawn(Behaviors.receiveMessage(m -> Behaviors.stopped()));
    CompletionStage<io.troupe.actor.Done> done =
        Source.<Object>repeat(1)
            .watchTermination(Keep.right())
            .to(ActorSink.actorRef(target, "done", ex -> "failed"))
            .run(system);
    await(done);
  }

  sealed interface SinkProtocol {}

  record Init(ActorRef<String> ackTo) implements SinkProtocol {}

  record Element(ActorRef<String> ackTo, int value) implements SinkProtocol {}

  record Completed() implements SinkProtocol {}

  record Failed(Throwable ex) implements SinkProtocol {}

  private static Sink<Integer, NotUsed> backpressureSink(ActorRef<SinkProtocol> target) {
    return ActorSink.actorRefWithBackpressure(
        target, Element::new, Init::new, "ack", new Completed(), Failed::new);
  }

  @Test
  void actorRefWithBackpressureSinkWaitsForEachAcknowledgement() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<SinkProtocol> target = collector(got);
    Source.range(1, 3).runWith(backpressureSink(target), system);
    Init init = (Init) take(got);
    assertThat(got.poll(200, TimeUnit.MILLISECONDS)).as("nothing before the init ack").isNull();
    init.ackTo().tell("ack");
    for (int i = 1; i <= 3; i++) {
      Element e = (Element) take(got);
      assertThat(e.value()).isEqualTo(i);
      assertThat(got.peek()).as("no element %d before the ack of %d", i + 1, i).isNull();
      e.ackTo().tell("ack");
    }
    assertThat(take(got)).isEqualTo(new Completed());
  }

  @Test
  void actorRefWithBackpressureSinkAcceptsAnyAckWithoutAnAckMessage() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<SinkProtocol> target =
        spawn(
            Behaviors.<SinkProtocol>receiveMessage(
                m -> {
                  got.add(m);
                  switch (m) {
                    case Init i -> i.ackTo().tell("whatever");
                    case Element e -> e.ackTo().tell("ok " + e.value());
                    default -> {}
                  }
                  return Behaviors.same();
                }));
    Source.range(1, 2)
        .runWith(
            ActorSink.<Integer, SinkProtocol, String>actorRefWithBackpressure(
                target, Element::new, Init::new, new Completed(), Failed::new),
            system);
    assertThat(take(got)).isInstanceOf(Init.class);
    assertThat(((Element) take(got)).value()).isEqualTo(1);
    assertThat(((Element) take(got)).value()).isEqualTo(2);
    assertThat(take(got)).isEqualTo(new Completed());
  }

  @Test
  void actorRefWithBackpressureSinkSendsTheFailureMessage() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<SinkProtocol> target = collector(got);
    RuntimeException boom = new RuntimeException("boom");
    Source.<Integer>failed(boom).runWith(backpressureSink(target), system);
    Object first = take(got);
    if (first instanceof Init i) {
      i.ackTo().tell("ack");
      first = take(got);
    }
    assertThat(first).isEqualTo(new Failed(boom));
  }

  @Test
  void actorRefWithBackpressureSinkFailsOnAnUnexpectedAck() throws Exception {
    BlockingQueue<Object> got = new LinkedBlockingQueue<>();
    ActorRef<SinkProtocol> target = collector(got);
    CompletionStage<io.troupe.actor.Done> done =
        Source.range(1, 3).watchTermination(Keep.right()).to(backpressureSink(target)).run(system);
    Init init = (Init) take(got);
    init.ackTo().tell("nope");
    assertThat(awaitFailure(done)).isNotNull();
  }

  // ---------------------------------------------------------------- ActorFlow

  record Measure(String text, ActorRef<Integer> replyTo) {}

  @Test
  void askEmitsRepliesInTheOrderOfTheElements() throws Exception {
    // answers requests in reverse order once it holds three
    ActorRef<Measure> target =
        spawn(
            Behaviors.setup(
                ctx -> {
                  List<Measure> held = new ArrayList<>();
                  return Behaviors.<Measure>receiveMessage(
                      m -> {
                        held.add(m);
                        if (held.size() == 3 || m.text().equals("last")) {
                          for (int i = held.size() - 1; i >= 0; i--) {
                            held.get(i).replyTo().tell(held.get(i).text().length());
                          }
                          held.clear();
                        }
                        return Behaviors.same();
                      });
                }));
    List<Integer> out =
        await(
            Source.from(List.of("a", "bb", "ccc", "dddd", "eeeee", "last"))
                .via(ActorFlow.<String, Measure, Integer>ask(3, target, Duration.ofSeconds(10), Measure::new))
                .runWith(Sink.seq(), system));
    assertThat(out).containsExactly(1, 2, 3, 4, 5, 4);
  }

  @Test
  void askFailsTheStreamWhenNoReplyComes() throws Exception {
    ActorRef<Measure> silent = spawn(Behaviors.<Measure>receiveMessage(m -> Behaviors.same()));
    Throwable t =
        awaitFailure(
            Source.single("x")
                .via(ActorFlow.<String, Measure, Integer>ask(1, silent, Duration.ofMillis(100), Measure::new))
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(TimeoutException.class);
  }

  @Test
  void askFailsTheStreamWhenTheTargetStops() throws Exception {
    ActorRef<Measure> quitter = spawn(Behaviors.<Measure>receiveMessage(m -> Behaviors.stopped()));
    Throwable t =
        awaitFailure(
            Source.repeat("x")
                .via(ActorFlow.<String, Measure, Integer>ask(1, quitter, Duration.ofSeconds(30), Measure::new))
                .runWith(Sink.seq(), system));
    assertThat(t).isInstanceOf(WatchedActorTerminatedException.class);
  }

  record Check(int value, ActorRef<StatusReply<Integer>> replyTo) {}

  @Test
  void askWithStatusEmitsSuccessesAndFailsOnAnErrorReply() throws Exception {
    ActorRef<Check> checker =
        spawn(
            Behaviors.<Check>receiveMessage(
                c -> {
                  c.replyTo()
                      .tell(c.value() < 3 ? StatusReply.success(c.value() * 10) : StatusReply.error("too big"));
                  return Behaviors.same();
                }));
    assertThat(
            await(
                Source.range(1, 2)
                    .via(ActorFlow.<Integer, Check, Integer>askWithStatus(2, checker, Duration.ofSeconds(10), Check::new))
                    .runWith(Sink.seq(), system)))
        .containsExactly(10, 20);
    assertThat(
            awaitFailure(
                Source.range(1, 5)
                    .via(ActorFlow.<Integer, Check, Integer>askWithStatus(2, checker, Duration.ofSeconds(10), Check::new))
                    .runWith(Sink.seq(), system)))
        .hasMessageContaining("too big");
  }

  @Test
  void askRejectsBadArguments() {
    ActorRef<Measure> any = spawn(Behaviors.<Measure>receiveMessage(m -> Behaviors.same()));
    assertThatThrownBy(() -> ActorFlow.<String, Measure, Integer>ask(0, any, Duration.ofSeconds(1), Measure::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("parallelism must be > 0, was 0");
    assertThatThrownBy(() -> ActorFlow.<String, Measure, Integer>ask(1, any, Duration.ZERO, Measure::new))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
  }
}
