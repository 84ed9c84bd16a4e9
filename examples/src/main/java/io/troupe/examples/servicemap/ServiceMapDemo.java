package io.troupe.examples.servicemap;

import io.troupe.actor.ActorRef;
import io.troupe.actor.ActorSystem;
import io.troupe.actor.AskPattern;
import io.troupe.actor.Behaviors;
import io.troupe.examples.workerpool.FlowLogGenerator;
import io.troupe.stream.Source;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the service-map pipeline over generated VPC flow logs for a few seconds and prints the
 * busiest edges every second: {@code ServiceMapDemo [seconds]}.
 */
public final class ServiceMapDemo {
  private ServiceMapDemo() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? parseSeconds(args[0]) : 5;
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "service-map");
    try {
      ActorRef<ServiceMap.Command> map = system.systemActorOf(ServiceMap.create(), "service-map");
      ServiceMapPipeline.Counters counters = new ServiceMapPipeline.Counters();
      FlowLogGenerator generator = FlowLogGenerator.create(42, 1000, 1.0 / 20_000);
      Source.fromIterator(() -> lines(generator))
          .takeWithin(Duration.ofSeconds(seconds))
          .runWith(ServiceMapPipeline.pipeline(FlowLogGenerator.directory(), counters, map), system);
      long start = System.nanoTime();
      ServiceMap.Snapshot snapshot;
      do {
        Thread.sleep(1000); // pacing the report, not synchronizing
        snapshot = snapshot(system, map);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%5.1f s  %,12d lines  %,10.0f lines/s  %,6d bad  %,8d windows  %d edges%n",
            elapsed, counters.lines(), counters.lines() / elapsed, counters.malformed(),
            snapshot.windows(), snapshot.edges().size());
      } while (!snapshot.completed() && snapshot.failure() == null);
      System.out.println();
      System.out.println("busiest edges:");
      snapshot.edges().stream().limit(8).forEach(e -> System.out.printf("  %-32s %,12d flows %,16d bytes %,8d rejected%n",
          e.from() + " -> " + e.to(), e.flows(), e.bytes(), e.rejected()));
      System.out.printf("%,d flows on %d edges; %,d malformed lines dropped without stopping the stream%n",
          snapshot.totalFlows(), snapshot.edges().size(), counters.malformed());
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  static ServiceMap.Snapshot snapshot(ActorSystem<?> system, ActorRef<ServiceMap.Command> map) throws Exception {
    CompletableFuture<ServiceMap.Snapshot> reply = AskPattern.<ServiceMap.Command, ServiceMap.Snapshot>ask(
        map, ServiceMap.GetSnapshot::new, Duration.ofSeconds(10), system.scheduler()).toCompletableFuture();
    return reply.get(15, TimeUnit.SECONDS);
  }

  /** The generator's batches as one iterator of lines. */
  static Iterator<String> lines(FlowLogGenerator generator) {
    return new Iterator<>() {
      private Iterator<String> batch = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        return batch.hasNext() || generator.hasNext();
      }

      @Override
      public String next() {
        if (!batch.hasNext()) {
          batch = generator.next().iterator();
        }
        return batch.next();
      }
    };
  }

  private static int parseSeconds(String arg) {
    try {
      int s = Integer.parseInt(arg);
      if (s > 0) {
        return s;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    System.err.println("usage: ServiceMapDemo [seconds], seconds a positive whole number, was: " + arg);
    System.exit(2);
    return 0;
  }
}
