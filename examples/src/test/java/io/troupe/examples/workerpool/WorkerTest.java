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
import io.troupe.actor.SupervisorStrategy;
import io.troupe.actor.Terminated;
import io.troupe.examples.TestInbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerTest {
  private static final byte[] KEY = {1, 2, 3, 4};
  private static final SupervisorStrategy BACKOFF =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(1), Duration.ofMillis(10), 0.0).withLoggingEnabled(false);

  private final ActorSystem<Void> system = ActorSystem.create("worker-test");
  private final TestInbox<Worker.Reply> coordinator = TestInbox.create(system);

  @AfterEach
  void shutdown() throws Exception {
    TestInbox.shutdown(system);
  }

  private ActorRef<Worker.Command> spawn(ServiceDirectory directory) {
    return system.systemActorOf(Worker.supervised(7, directory, KEY, coordinator.ref(), BACKOFF), "worker");
  }

  @Test
  void sumsABatchPerServiceWithAnonymizedClients() throws Exception {
    ActorRef<Worker.Command> worker = spawn(DIRECTORY);
    worker.tell(new Worker.Enrich(1, List.of(
        toOrdersDb("10.0.1.1", 1000), toOrdersDb("10.0.1.2", 250), NODATA, rejectedAtGateway("10.0.1.1", 60))));

    Worker.BatchEnriched done = coordinator.expect(Worker.BatchEnriched.class);
    assertThat(done.worker()).isEqualTo(worker);
    assertThat(done.workerId()).isEqualTo(7);
    assertThat(done.jobId()).isEqualTo(1);
    assertThat(done.records()).isEqualTo(3);
    ServiceUsage db = done.usageByService().get("orders-db");
    ServiceUsage gateway = done.usageByService().get("api-gateway");
    assertThat(db.flows()).isEqualTo(2);
    assertThat(db.bytes()).isEqualTo(1250);
    assertThat(db.rejectedFlows()).isZero();
    assertThat(gateway.rejectedFlows()).isEqualTo(1);
    assertThat(db.clientIds()).hasSize(2).noneMatch(id -> id.startsWith("10."));
    assertThat(gateway.clientIds()).hasSize(1).isSubsetOf(db.clientIds()); // same address, same id
  }

  @Test
  void aCorruptLineFailsTheBatchThenTheWorkerRestartsAndGoesOn() throws Exception {
    ActorRef<Worker.Command> worker = spawn(DIRECTORY);
    worker.tell(new Worker.Enrich(1, List.of(toOrdersDb("10.0.1.1", 10), CORRUPT)));
    worker.tell(new Worker.Enrich(2, List.of(toOrdersDb("10.0.1.1", 10))));

    Worker.BatchFailed failed = coordinator.expect(Worker.BatchFailed.class);
    assertThat(failed.jobId()).isEqualTo(1);
    assertThat(failed.retryable()).isFalse();
    assertThat(failed.reason()).contains("batch 1 line 2", "field 'bytes' is not a number: '12x4'");
    assertThat(coordinator.expect(Worker.Restarting.class).worker()).isEqualTo(worker);
    Worker.BatchEnriched next = coordinator.expect(Worker.BatchEnriched.class);
    assertThat(next.jobId()).isEqualTo(2);
    assertThat(next.worker()).isEqualTo(worker);
  }

  @Test
  void aDirectoryOutageFailsTheBatchAsRetryable() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    ActorRef<Worker.Command> worker =
        spawn(ServiceDirectory.unreliable(DIRECTORY, () -> lookups.incrementAndGet() == 1));
    worker.tell(new Worker.Enrich(1, List.of(toOrdersDb("10.0.1.1", 10))));
    worker.tell(new Worker.Enrich(1, List.of(toOrdersDb("10.0.1.1", 10))));

    Worker.BatchFailed failed = coordinator.expect(Worker.BatchFailed.class);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.reason()).contains("service directory did not answer for 10.0.2.5:5432");
    coordinator.expect(Worker.Restarting.class);
    assertThat(coordinator.expect(Worker.BatchEnriched.class).records()).isEqualTo(1);
  }

  @Test
  void aCrashIsNotSupervisedSoTheWorkerStops() throws Exception {
    ActorRef<Worker.Command> worker = spawn(DIRECTORY);
    TestInbox<Terminated> watcher = TestInbox.watch(system, worker);
    worker.tell(new Worker.Crash("lost its host"));

    assertThat(watcher.expect(Terminated.class).getRef()).isEqualTo(worker);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> Worker.create(0, DIRECTORY, KEY, coordinator.ref()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workerId must be positive, was 0");
    assertThatThrownBy(() -> Worker.create(1, DIRECTORY, new byte[0], coordinator.ref()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anonymizationKey");
  }
}
