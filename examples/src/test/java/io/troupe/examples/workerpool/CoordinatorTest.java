package io.troupe.examples.workerpool;

import static io.troupe.examples.workerpool.FlowLines.CORRUPT;
import static io.troupe.examples.workerpool.FlowLines.DIRECTORY;
import static io.troupe.examples.workerpool.FlowLines.NODATA;
import static io.troupe.examples.workerpool.FlowLines.rejectedAtGateway;
import static io.troupe.examples.workerpool.FlowLines.toOrdersDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Done;
import io.troupe.actor.SupervisorStrategy;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoordinatorTest {
  private static final PoolSettings SETTINGS = PoolSettings.defaults()
      .withWorkerSupervision(
          SupervisorStrategy.restartWithBackoff(Duration.ofMillis(1), Duration.ofMillis(10), 0.0).withLoggingEnabled(false));

  private static final List<String> GOOD_BATCH = List.of(
      toOrdersDb("10.0.1.1", 1000), rejectedAtGateway("10.0.1.2", 500), NODATA, toOrdersDb("10.0.1.3", 250));

  private final ActorSystem<Void> system = ActorSystem.create("coordinator-test");
  private final TestInbox<Report> reporter = TestInbox.create(system);

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  private ActorRef<Coordinator.Command> start(PoolSettings settings, Iterator<List<String>> batches, ServiceDirectory dir) {
    return system.systemActorOf(Coordinator.create(settings, batches, dir, reporter.ref()), "pool");
  }

  private Report summaryOf(ActorRef<Coordinator.Command> pool) throws Exception {
    return AskPattern.ask(pool, Coordinator.GetSummary::new, TestInbox.PATIENCE, system.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private Report statusOf(ActorRef<Coordinator.Command> pool) throws Exception {
    return AskPattern.ask(pool, Coordinator.GetStatus::new, TestInbox.PATIENCE, system.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static Report.ServiceSummary service(Report r, String name) {
    return r.services().stream().filter(s -> s.service().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void enrichesEveryBatchAndSumsTheTrafficPerService() throws Exception {
    ActorRef<Coordinator.Command> pool =
        start(SETTINGS.withWorkers(2), Collections.nCopies(6, GOOD_BATCH).iterator(), DIRECTORY);

    Report r = summaryOf(pool);
    assertThat(r.finished()).isTrue();
    assertThat(r.jobsAccepted()).isEqualTo(6);
    assertThat(r.jobsDone()).isEqualTo(6);
    assertThat(r.jobsFailed()).isZero();
    assertThat(r.records()).isEqualTo(18);
    assertThat(service(r, "orders-db")).isEqualTo(new Report.ServiceSummary("orders-db", 12, 7500, 0, 2));
    assertThat(service(r, "api-gateway")).isEqualTo(new Report.ServiceSummary("api-gateway", 6, 3000, 6, 1));
    assertThat(r.services().get(0).service()).as("most bytes first").isEqualTo("orders-db");
    assertThat(r.workers()).extracting(Report.WorkerStatus::jobsDone).containsExactly(
        r.workers().get(0).jobsDone(), 6 - r.workers().get(0).jobsDone());
  }

  @Test
  void aBatchWithACorruptLineFailsWithoutRetryAndItsWorkerRestarts() throws Exception {
    List<String> bad = List.of(toOrdersDb("10.0.1.1", 1), CORRUPT);
    ActorRef<Coordinator.Command> pool = start(
        SETTINGS.withWorkers(1).withMaxInFlightPerWorker(1),
        List.of(GOOD_BATCH, bad, GOOD_BATCH, GOOD_BATCH).iterator(), DIRECTORY);

    Report r = summaryOf(pool);
    assertThat(r.jobsDone()).isEqualTo(3);
    assertThat(r.jobsFailed()).isEqualTo(1);
    assertThat(r.jobsRetried()).isZero();
    assertThat(r.workers()).containsExactly(new Report.WorkerStatus(1, 3, 1, 0, 0));
    assertThat(r.recentFailures()).singleElement().asString()
        .contains("batch 2 after 1 attempt(s)", "line 2", "field 'bytes' is not a number");
    assertThat(r.records()).isEqualTo(9);
  }

  @Test
  void aBatchThatFailedOnADirectoryOutageIsRetried() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    ServiceDirectory flaky = ServiceDirectory.unreliable(DIRECTORY, () -> lookups.incrementAndGet() == 2);
    ActorRef<Coordinator.Command> pool =
        start(SETTINGS.withWorkers(1), List.of(GOOD_BATCH, GOOD_BATCH).iterator(), flaky);

    Report r = summaryOf(pool);
    assertThat(r.jobsDone()).isEqualTo(2);
    assertThat(r.jobsFailed()).isZero();
    assertThat(r.jobsRetried()).isEqualTo(1);
    assertThat(r.totalRestarts()).isEqualTo(1);
    assertThat(r.records()).isEqualTo(6);
  }

  @Test
  void aBatchIsGivenUpAfterMaxAttempts() throws Exception {
    ServiceDirectory down = ServiceDirectory.unreliable(DIRECTORY, () -> true);
    ActorRef<Coordinator.Command> pool =
        start(SETTINGS.withWorkers(1).withMaxAttempts(3), List.of(GOOD_BATCH).iterator(), down);

    Report r = summaryOf(pool);
    assertThat(r.jobsDone()).isZero();
    assertThat(r.jobsFailed()).isEqualTo(1);
    assertThat(r.jobsRetried()).isEqualTo(2);
    // the worker reports each restart after the failure it follows, so the third restart comes
    // after the last failure, when the pool has already finished
    assertThat(r.totalRestarts()).isEqualTo(2);
    assertThat(r.recentFailures()).singleElement().asString().contains("batch 1 after 3 attempt(s)");
  }

  @Test
  void aCrashedWorkerIsReplacedAndTheBatchesItHeldAreNotLost() throws Exception {
    ActorRef<Coordinator.Command> pool =
        start(SETTINGS.withWorkers(2), FlowLogGenerator.create(3, 50, 0.0), FlowLogGenerator.directory());

    pool.tell(new Coordinator.CrashWorker(1, "test crash"));
    long deadline = System.nanoTime() + TestInbox.PATIENCE.toNanos();
    while (statusOf(pool).workers().get(0).respawns() == 0) {
      assertThat(System.nanoTime()).as("worker 1 replaced within %s", TestInbox.PATIENCE).isLessThan(deadline);
    }
    Done drained = AskPattern.ask(pool, Coordinator.Drain::new, TestInbox.PATIENCE, system.scheduler())
        .toCompletableFuture().get(20, TimeUnit.SECONDS);
    assertThat(drained).isEqualTo(Done.INSTANCE);

    Report r = summaryOf(pool);
    assertThat(r.workers()).extracting(Report.WorkerStatus::respawns).containsExactly(1, 0);
    assertThat(r.jobsFailed()).isZero();
    assertThat(r.jobsDone()).as("every batch taken was enriched").isEqualTo(r.jobsAccepted());
    assertThat(r.records()).isEqualTo(r.services().stream().mapToLong(Report.ServiceSummary::flows).sum());
  }

  @Test
  void reportsProgressPeriodicallyAndTheLastReportIsTheFinalOne() throws Exception {
    ActorRef<Coordinator.Command> pool = start(
        SETTINGS.withReportInterval(Duration.ofMillis(20)), FlowLogGenerator.create(5, 50, 0.0),
        FlowLogGenerator.directory());

    Report progress = reporter.receive();
    assertThat(progress.finished()).isFalse();
    pool.tell(new Coordinator.Drain(system.deadLetters()));
    Report summary = summaryOf(pool);

    Report last;
    do {
      last = reporter.receive();
    } while (!last.finished());
    assertThat(last).isEqualTo(summary);
  }

  @Test
  void stopsTakingBatchesWhenTheRunTimeIsOver() throws Exception {
    ActorRef<Coordinator.Command> pool = start(
        SETTINGS.withRunFor(Duration.ofMillis(200)), FlowLogGenerator.create(9, 50, 0.0), FlowLogGenerator.directory());

    Report r = summaryOf(pool);
    assertThat(r.finished()).isTrue();
    assertThat(r.jobsDone() + r.jobsFailed()).isEqualTo(r.jobsAccepted());
    assertThat(statusOf(pool)).isEqualTo(r);
  }

  @Test
  void rejectsBadSettingsAndCommands() {
    assertThatThrownBy(() -> SETTINGS.withWorkers(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be positive, was 0");
    assertThatThrownBy(() -> SETTINGS.withRunFor(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runFor").hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> SETTINGS.withReportInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reportInterval");
    assertThatThrownBy(() -> new Coordinator.CrashWorker(0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workerId must be positive, was 0");
  }
}
