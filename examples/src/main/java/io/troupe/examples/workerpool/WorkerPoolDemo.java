package io.troupe.examples.workerpool;

import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.CoordinatedShutdown;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The worker-pool demo: enriches generated VPC flow logs with a pool of supervised workers for a
 * few seconds, printing progress every second and a summary at the end.
 *
 * <p>About one line in 40,000 is corrupt, so some batches fail and their workers restart with
 * backoff; about one directory lookup in 50,000 fails, so some batches are retried; halfway
 * through, one worker crashes and is replaced. The pool stops taking batches after
 * {@code --seconds}, finishes the ones in flight, and the system shuts down through coordinated
 * shutdown, whose {@code service-requests-done} phase drains the pool (so Ctrl-C drains it too).
 */
public final class WorkerPoolDemo {
  private WorkerPoolDemo() {}

  /** Runs the demo; see {@link DemoOptions#USAGE}. Exits with status 2 on a bad command line. */
  public static void main(String[] args) throws Exception {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    run(options, System.out);
  }

  /** Runs the demo with {@code options}, printing to {@code out}; returns the final summary. */
  public static Report run(DemoOptions options, PrintStream out) throws Exception {
    PoolSettings settings = PoolSettings.defaults()
        .withWorkers(options.workers())
        .withRunFor(options.duration());
    FlowLogGenerator batches = FlowLogGenerator.create(options.seed(), 500, 1.0 / 40_000);
    ServiceDirectory directory = ServiceDirectory.unreliable(
        FlowLogGenerator.directory(), () -> ThreadLocalRandom.current().nextInt(50_000) == 0);
    Behavior<Coordinator.Command> guardian = Behaviors.setup(ctx ->
        Coordinator.create(settings, batches, directory, ctx.spawn(ReportPrinter.create(out), "reporter")));

    out.printf("Troupe worker-pool demo on Java %s: %d workers enrich VPC flow logs for %d s%n",
        Runtime.version().feature(), options.workers(), options.seconds());
    ActorSystem<Coordinator.Command> system = ActorSystem.create(guardian, "worker-pool");

    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    String phase = CoordinatedShutdown.PhaseServiceRequestsDone();
    shutdown.addTask(phase, "drain-worker-pool", () ->
        AskPattern.ask(system, Coordinator.Drain::new, shutdown.timeout(phase), system.scheduler()));

    int victim = Math.min(2, options.workers());
    system.scheduler().scheduleOnce(
        options.duration().dividedBy(2),
        () -> system.tell(new Coordinator.CrashWorker(victim, "simulated host failure")),
        system.executionContext());

    Report summary = AskPattern.ask(
            system, Coordinator.GetSummary::new, options.duration().plusSeconds(30), system.scheduler())
        .toCompletableFuture()
        .get();
    out.print(ReportPrinter.summary(summary));

    long shutdownStart = System.nanoTime();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    out.printf("actor system shut down in %d ms%n",
        Duration.ofNanos(System.nanoTime() - shutdownStart).toMillis());
    out.flush();
    return summary;
  }
}
