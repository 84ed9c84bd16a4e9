package io.troupe.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * delay and delayWith on a manual clock. Each element is stamped with the clock when it reaches
 * the operator and again when it leaves it; only the test moves the clock, so "left at least d
 * after it arrived" is exact, however fast or slow the machine is.
 */
class DelayTest extends ManualTimeTestBase {
  private static final long MS = 1_000_000L;

  /** An element with the clock when it arrived at the operator under test. */
  record Arrived<T>(T value, long at) {}

  /** An element with its arrival and departure clocks. */
  record Passed<T>(T value, long arrived, long left) {
    long waited() {
      return left - arrived;
    }
  }

  /** How many elements reached the operator under test in the current test's stream. */
  private static final AtomicInteger ARRIVALS = new AtomicInteger();

  /** {@code source} through {@code op}, each element stamped before and after. */
  private static <T> Source<Passed<T>, ?> through(
      Source<T, ?> source, Flow<Arrived<T>, Arrived<T>, ?> op) {
    ARRIVALS.set(0);
    return source
        .map(
            e -> {
              ARRIVALS.incrementAndGet();
              return new Arrived<>(e, clock());
            })
        .via(op)
        .map(a -> new Passed<>(a.value(), a.at(), clock()));
  }

  private static <T> Flow<Arrived<T>, Arrived<T>, ?> delay(Duration d, DelayOverflowStrategy s) {
    return Flow.<Arrived<T>>create().delay(d, s);
  }

  private static <T> Flow<Arrived<T>, Arrived<T>, ?> delay(Duration d, DelayOverflowStrategy s, int buffer) {
    return Flow.<Arrived<T>>create().delay(d, s).withAttributes(Attributes.inputBuffer(buffer, buffer));
  }

  private static <T> List<T> values(List<Passed<T>> passed) {
    List<T> out = new ArrayList<>();
    for (Passed<T> p : passed) {
      out.add(p.value());
    }
    return out;
  }

  /** Lets time pass in steps until the next element or signal arrives. */
  private static <T> T nextAsTimePasses(Probes.Sub<T> sub, Duration step) throws Exception {
    long deadline = System.nanoTime() + Probes.TIMEOUT.toNanos();
    while (sub.nothingYet()) {
      assertThat(System.nanoTime()).as("an element within the test timeout").isLessThan(deadline);
      time.timePasses(step);
      Thread.yield();
    }
    return sub.expectNext();
  }

  private static <T> List<Passed<T>> runToEnd(Source<Passed<T>, ?> s) throws Exception {
    CompletableFuture<List<Passed<T>>> done = s.runWith(Sink.seq(), system).toCompletableFuture();
    return advanceUntilDone(done, Duration.ofMillis(100));
  }

  /**
   * Runs {@code s} and lets time pass only once {@code arrivals} elements reached the operator:
   * for the overflow strategies, which take every element at once, the outcome then does not
   * depend on how the stream's thread and the test's clock steps interleave.
   */
  private static <T> List<Passed<T>> runToEndAfter(int arrivals, Source<Passed<T>, ?> s)
      throws Exception {
    CompletableFuture<List<Passed<T>>> done = s.runWith(Sink.seq(), system).toCompletableFuture();
    Probes.awaitCondition(arrivals + " elements at the operator", () -> ARRIVALS.get() >= arrivals);
    return advanceUntilDone(done, Duration.ofMillis(100));
  }

  @Test
  void delayHoldsEveryElementBackForTheDurationAndKeepsTheirOrder() throws Exception {
    List<Passed<Integer>> out =
        runToEnd(through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.backpressure())));
    assertThat(values(out)).containsExactly(1, 2, 3, 4, 5);
    for (Passed<Integer> p : out) {
      assertThat(p.waited()).as("element %d", p.value()).isGreaterThanOrEqualTo(1000 * MS);
    }
  }

  @Test
  void aZeroDelayPassesElementsWithoutWaitingForTime() throws Exception {
    // the clock never moves: only an operator that does not wait can finish
    List<Passed<Integer>> out =
        StreamTestBase.await(
            through(Source.range(1, 3), delay(Duration.ZERO, DelayOverflowStrategy.backpressure()))
                .runWith(Sink.seq(), system));
    assertThat(values(out)).containsExactly(1, 2, 3);
  }

  @Test
  void completionWaitsUntilTheBufferIsDrained() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Passed<Integer>> sub = new Probes.Sub<>();
    through(pub.source(), delay(Duration.ofSeconds(1), DelayOverflowStrategy.backpressure())).runWith(sub.sink(), system);
    sub.request(10);
    pub.sendNext(1).sendNext(2);
    pub.sendComplete();
    Passed<Integer> first = nextAsTimePasses(sub, Duration.ofMillis(100));
    assertThat(first.value()).isEqualTo(1);
    assertThat(first.waited()).isGreaterThanOrEqualTo(1000 * MS);
    Passed<Integer> second = nextAsTimePasses(sub, Duration.ofMillis(100));
    assertThat(second.value()).isEqualTo(2);
    assertThat(second.waited()).isGreaterThanOrEqualTo(1000 * MS);
    sub.expectComplete();
  }

  @Test
  void anElementThatIsDueWaitsForDemand() throws Exception {
    AtomicInteger delayed = new AtomicInteger();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    Source.range(1, 2)
        .delayWith(
            () -> e -> {
              delayed.incrementAndGet();
              return Duration.ofSeconds(1);
            },
            DelayOverflowStrategy.backpressure())
        .runWith(sub.sink(), system);
    Probes.awaitCondition("both elements in the buffer", () -> delayed.get() == 2);
    // long past the delay, without demand: nothing may be sent, nothing lost
    for (int i = 0; i < 30; i++) {
      time.timePasses(Duration.ofMillis(100));
    }
    assertThat(sub.nothingYet()).isTrue();
    sub.request(1);
    assertThat(nextAsTimePasses(sub, Duration.ofMillis(100))).isEqualTo(1);
    sub.request(1);
    assertThat(nextAsTimePasses(sub, Duration.ofMillis(100))).isEqualTo(2);
    sub.request(1);
    sub.expectComplete();
  }

  @Test
  void backpressureLetsAnElementInOnlyWhenAnotherLeft() throws Exception {
    List<Passed<Integer>> out =
        runToEnd(through(Source.range(1, 4), delay(Duration.ofSeconds(1), DelayOverflowStrategy.backpressure(), 2)));
    assertThat(values(out)).containsExactly(1, 2, 3, 4);
    // With room for two, element 3 can only arrive once element 1 left, 4 once 2 left, and an
    // element leaves no earlier than its due time. (Comparing with the stamp taken when it left
    // is racy: the stage may take the next element in the same handler just before it pushes,
    // and on a loaded machine the test moves the clock in between.)
    assertThat(out.get(2).arrived()).isGreaterThanOrEqualTo(out.get(0).arrived() + 1000 * MS);
    assertThat(out.get(3).arrived()).isGreaterThanOrEqualTo(out.get(1).arrived() + 1000 * MS);
    for (Passed<Integer> p : out) {
      assertThat(p.waited()).isGreaterThanOrEqualTo(1000 * MS);
    }
  }

  @Test
  void dropHeadKeepsTheYoungestElements() throws Exception {
    List<Passed<Integer>> out =
        runToEndAfter(5, through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.dropHead(), 2)));
    assertThat(values(out)).containsExactly(4, 5);
  }

  @Test
  void dropTailReplacesTheYoungestElement() throws Exception {
    List<Passed<Integer>> out =
        runToEndAfter(5, through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.dropTail(), 2)));
    assertThat(values(out)).containsExactly(1, 5);
  }

  @Test
  void dropBufferEmptiesTheBufferForTheArrivingElement() throws Exception {
    List<Passed<Integer>> out =
        runToEndAfter(5, through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.dropBuffer(), 2)));
    assertThat(values(out)).containsExactly(5);
  }

  @Test
  void dropNewKeepsTheOldestElements() throws Exception {
    List<Passed<Integer>> out =
        runToEndAfter(5, through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.dropNew(), 2)));
    assertThat(values(out)).containsExactly(1, 2);
    for (Passed<Integer> p : out) {
      assertThat(p.waited()).isGreaterThanOrEqualTo(1000 * MS);
    }
  }

  @Test
  void failFailsTheStreamWhenTheBufferOverflows() throws Exception {
    Throwable t =
        StreamTestBase.awaitFailure(
            through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.fail(), 2))
                .runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(BufferOverflowException.class)
        .hasMessage("Buffer overflow for delay operator (max capacity was: 2)!");
  }

  @Test
  void emitEarlySendsTheOldestOnBeforeItsTimeWhenDownstreamWaits() throws Exception {
    Probes.Sub<Passed<Integer>> sub = new Probes.Sub<>();
    through(Source.range(1, 5), delay(Duration.ofSeconds(1), DelayOverflowStrategy.emitEarly(), 2))
        .runWith(sub.sink(), system);
    sub.request(10);
    // the clock stands still: 3, 4 and 5 each push the oldest element out early
    for (int i = 1; i <= 3; i++) {
      Passed<Integer> p = sub.expectNext();
      assertThat(p.value()).isEqualTo(i);
      assertThat(p.waited()).as("element %d left early", i).isEqualTo(0);
    }
    for (int i = 4; i <= 5; i++) {
      Passed<Integer> p = nextAsTimePasses(sub, Duration.ofMillis(100));
      assertThat(p.value()).isEqualTo(i);
      assertThat(p.waited()).as("element %d waited", i).isGreaterThanOrEqualTo(1000 * MS);
    }
    sub.expectComplete();
  }

  @Test
  void emitEarlyBackpressuresWhileFullAndDownstreamWaitsNot() throws Exception {
    AtomicInteger taken = new AtomicInteger();
    Probes.Sub<Passed<Integer>> sub = new Probes.Sub<>();
    through(
            Source.range(1, 5).map(i -> {
              taken.incrementAndGet();
              return i;
            }),
            delay(Duration.ofSeconds(1), DelayOverflowStrategy.emitEarly(), 2))
        .runWith(sub.sink(), system);
    Probes.awaitCondition("the buffer filled", () -> taken.get() >= 2);
    for (int i = 0; i < 30; i++) {
      time.timePasses(Duration.ofMillis(100));
    }
    assertThat(taken.get()).as("no room and no demand: upstream waits").isEqualTo(2);
    sub.request(10);
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      got.add(nextAsTimePasses(sub, Duration.ofMillis(100)).value());
    }
    assertThat(got).containsExactly(1, 2, 3, 4, 5);
    sub.expectComplete();
  }

  @Test
  void delayWithGivesEachElementTheDelayOfItsStrategy() throws Exception {
    List<Passed<Integer>> out =
        runToEnd(through(
            Source.range(1, 4),
            Flow.<Arrived<Integer>>create()
                .delayWith(
                    () -> DelayStrategy.<Arrived<Integer>>linearIncreasingDelay(
                        Duration.ofSeconds(1), a -> a.value() != 3),
                    DelayOverflowStrategy.backpressure())));
    assertThat(values(out)).containsExactly(1, 2, 3, 4);
    assertThat(out.get(0).waited()).isGreaterThanOrEqualTo(1000 * MS);
    assertThat(out.get(1).waited()).isGreaterThanOrEqualTo(2000 * MS);
    // 3 resets the delay to zero, but it never overtakes 2
    assertThat(out.get(2).left()).isGreaterThanOrEqualTo(out.get(1).left());
    assertThat(out.get(3).waited()).isGreaterThanOrEqualTo(1000 * MS);
  }

  @Test
  void delayWithAsksTheSupplierForAFreshStrategyPerMaterialization() throws Exception {
    List<Duration> given = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger supplied = new AtomicInteger();
    Source<Integer, ?> s =
        Source.range(1, 2)
            .delayWith(
                () -> {
                  supplied.incrementAndGet();
                  DelayStrategy<Integer> linear =
                      DelayStrategy.linearIncreasingDelay(Duration.ofMillis(100), i -> true);
                  return i -> {
                    Duration d = linear.nextDelay(i);
                    given.add(d);
                    return d;
                  };
                },
                DelayOverflowStrategy.backpressure());
    assertThat(advanceUntilDone(s.runWith(Sink.seq(), system).toCompletableFuture(), Duration.ofMillis(50)))
        .containsExactly(1, 2);
    assertThat(advanceUntilDone(s.runWith(Sink.seq(), system).toCompletableFuture(), Duration.ofMillis(50)))
        .containsExactly(1, 2);
    assertThat(supplied.get()).isEqualTo(2);
    assertThat(given)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void aNegativeDelayFromTheStrategyFailsTheStream() throws Exception {
    Throwable t =
        StreamTestBase.awaitFailure(
            Source.single("x")
                .delayWith(() -> e -> Duration.ofSeconds(-1), DelayOverflowStrategy.backpressure())
                .runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delayWith: the delay strategy returned PT-1S for element x; it must not be negative");
  }

  @Test
  void aSupplierReturningNullFailsTheStream() throws Exception {
    Throwable t =
        StreamTestBase.awaitFailure(
            Source.single("x").delayWith(() -> null, DelayOverflowStrategy.backpressure()).runWith(Sink.seq(), system));
    assertThat(t)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delayWith: the delay strategy supplier returned null");
  }

  @Test
  void upstreamFailurePassesDownstreamAtOnce() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().delay(Duration.ofSeconds(1), DelayOverflowStrategy.backpressure()).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    pub.sendError(new IllegalStateException("boom"));
    // the clock stands still: the failure does not wait for the buffered element
    assertThat(sub.expectError()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }

  @Test
  void downstreamCancellationCancelsUpstream() throws Exception {
    Probes.Pub<Integer> pub = new Probes.Pub<>();
    Probes.Sub<Integer> sub = new Probes.Sub<>();
    pub.source().delay(Duration.ofSeconds(1), DelayOverflowStrategy.dropHead()).runWith(sub.sink(), system);
    sub.request(1);
    pub.sendNext(1);
    sub.cancel();
    pub.expectCancellation();
  }

  @Test
  void rejectsBadArguments() {
    Source<Integer, ?> s = Source.range(1, 2);
    assertThatThrownBy(() -> s.delay(Duration.ofMillis(-1), DelayOverflowStrategy.backpressure()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay: of must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> s.delay(null, DelayOverflowStrategy.backpressure()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("of");
    assertThatThrownBy(() -> Flow.<Integer>create().delay(Duration.ZERO, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("strategy");
    assertThatThrownBy(() -> s.delayWith(null, DelayOverflowStrategy.backpressure()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("delayStrategySupplier");
  }

  @Test
  void delayStrategiesRejectBadArgumentsAndGrowUpToTheirMaximum() throws Exception {
    assertThatThrownBy(() -> DelayStrategy.fixedDelay(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("delay must not be negative, was PT-1S");
    assertThatThrownBy(() -> DelayStrategy.linearIncreasingDelay(Duration.ZERO, e -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("increaseStep must be positive, was PT0S");
    assertThatThrownBy(
            () -> DelayStrategy.linearIncreasingDelay(Duration.ofSeconds(1), e -> true, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxDelay must be >= initialDelay (PT2S), was PT1S");
    DelayStrategy<Boolean> d =
        DelayStrategy.linearIncreasingDelay(Duration.ofSeconds(1), b -> b, Duration.ofMillis(500), Duration.ofSeconds(2));
    assertThat(d.nextDelay(true)).isEqualTo(Duration.ofMillis(1500));
    assertThat(d.nextDelay(true)).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.nextDelay(true)).isEqualTo(Duration.ofSeconds(2));
    assertThat(d.nextDelay(false)).isEqualTo(Duration.ofMillis(500));
    assertThat(DelayStrategy.<String>fixedDelay(Duration.ofSeconds(3)).nextDelay("a")).isEqualTo(Duration.ofSeconds(3));
  }
}
