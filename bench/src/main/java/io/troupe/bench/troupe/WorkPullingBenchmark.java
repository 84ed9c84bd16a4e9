package io.troupe.bench.troupe;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.delivery.ConsumerController;
import io.troupe.actor.delivery.WorkPullingProducerController;
import io.troupe.actor.receptionist.ServiceKey;
import io.troupe.bench.Rounds;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Work-pulling reliable delivery on Troupe: a producer hands {@value #JOBS} jobs per round to a
 * {@code WorkPullingProducerController}, which spreads them over {@value #WORKERS} workers
 * found through the receptionist, each behind its {@code ConsumerController} and confirming every
 * job at once. Scores are jobs per second, each sent on demand, delivered and confirmed. The Pekko
 * twin is {@link io.troupe.bench.pekko.WorkPullingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WorkPullingBenchmark {
  /** Workers registered for the jobs. */
  public static final int WORKERS = 4;
  /** Jobs per round. */
  public static final int JOBS = 20_000;

  /** The work item. */
  public record Job(int n) {}

  /** What the producer accepts. */
  public sealed interface ProducerCommand permits Produce, Next {}

  /** Starts a round of {@code jobs} jobs. */
  public record Produce(int jobs) implements ProducerCommand {}

  /** Demand from the producer controller. */
  public record Next(WorkPullingProducerController.RequestNext<Job> request)
      implements ProducerCommand {}

  private static final ServiceKey<ConsumerController.Command<Job>> WORKER_KEY =
      ServiceKey.create(ConsumerController.serviceKeyClass(), "bench-workers");

  private static Behavior<ConsumerController.Delivery<Job>> worker(CountDownLatch[] round) {
    return Behaviors.receiveMessage(
        delivery -> {
          delivery.confirmTo().tell(ConsumerController.confirmed());
          round[0].countDown();
          return Behaviors.same();
        });
  }

  private static Behavior<ProducerCommand> producer(
      ActorRef<WorkPullingProducerController.Command<Job>> controller) {
    return Behaviors.setup(
        ctx -> {
          controller.tell(
              new WorkPullingProducerController.Start<>(
                  ctx.messageAdapter(WorkPullingProducerController.requestNextClass(), Next::new)));
          int[] toSend = new int[1];
          WorkPullingProducerController.RequestNext<?>[] pending = {null};
          return Behaviors.receiveMessage(
              command -> {
                switch (command) {
                  case Produce produce -> toSend[0] += produce.jobs();
                  case Next next -> pending[0] = next.request();
                }
                if (toSend[0] > 0 && pending[0] != null) {
                  @SuppressWarnings("unchecked")
                  WorkPullingProducerController.RequestNext<Job> request =
                      (WorkPullingProducerController.RequestNext<Job>) pending[0];
                  pending[0] = null;
                  request.sendNextTo().tell(new Job(toSend[0]--));
                }
                return Behaviors.same();
              });
        });
  }

  private ActorSystem<Void> system;
  private ActorRef<ProducerCommand> producer;
  private final CountDownLatch[] round = {new CountDownLatch(0)};

  @Setup(Level.Trial)
  public void startSystem() throws InterruptedException {
    CompletableFuture<ActorRef<ProducerCommand>> spawned = new CompletableFuture<>();
    system =
        TroupeSystems.start(
            Behaviors.setup(
                ctx -> {
                  for (int i = 0; i < WORKERS; i++) {
                    ActorRef<ConsumerController.Command<Job>> consumer =
                        ctx.spawn(ConsumerController.create(WORKER_KEY), "consumer-" + i);
                    consumer.tell(
                        new ConsumerController.Start<>(ctx.spawn(worker(round), "worker-" + i)));
                  }
                  ActorRef<WorkPullingProducerController.Command<Job>> controller =
                      ctx.spawn(
                          WorkPullingProducerController.create(
                              Job.class, "bench-producer", WORKER_KEY, Optional.empty()),
                          "producer-controller");
                  spawned.complete(ctx.spawn(producer(controller), "producer"));
                  return Behaviors.empty();
                }),
            "workpulling");
    producer = Rounds.await(spawned, "spawning the producer");
  }

  @TearDown(Level.Trial)
  public void terminateSystem() throws InterruptedException {
    TroupeSystems.terminate(system);
  }

  /** {@value #JOBS} jobs pulled, delivered and confirmed. */
  @Benchmark
  @OperationsPerInvocation(JOBS)
  public void workPulling() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(JOBS);
    round[0] = done;
    producer.tell(new Produce(JOBS));
    Rounds.await(done, "a work-pulling round");
  }
}
