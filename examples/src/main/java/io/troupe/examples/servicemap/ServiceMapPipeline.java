package io.troupe.examples.servicemap;

import io.troupe.actor.ActorRef;
import io.troupe.actor.NotUsed;
import io.troupe.examples.workerpool.FlowRecord;
import io.troupe.examples.workerpool.MalformedRecordException;
import io.troupe.examples.workerpool.ServiceDirectory;
import io.troupe.stream.ActorAttributes;
import io.troupe.stream.Flow;
import io.troupe.stream.Sink;
import io.troupe.stream.Supervision;
import io.troupe.stream.typed.ActorSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The three stages of a real-time service map, as one stream:
 *
 * <pre>
 *  flow-log lines ─► ingest + enrich ─async─► aggregate per edge ─async─► merge into the map
 *                    parse, name the          groupBy(edge) into            an actor that acks
 *                    service; a bad line      windows of n records or       each window: a slow
 *                    is dropped and counted,  d time, merged back           map slows everything
 *                    the stream goes on                                     upstream, no queue grows
 * </pre>
 *
 * Each stage runs on its own island, so the three overlap on different threads, and demand
 * flows back through bounded buffers: backpressure all the way from the map to the source.
 */
public final class ServiceMapPipeline {
  private ServiceMapPipeline() {}

  /** Counters the pipeline keeps beside its data. */
  public static final class Counters {
    final LongAdder lines = new LongAdder();
    final LongAdder malformed = new LongAdder();

    /** Lines read. */
    public long lines() {
      return lines.sum();
    }

    /** Lines dropped because they did not parse. */
    public long malformed() {
      return malformed.sum();
    }
  }

  /**
   * Stage one: parses lines into flows and names the service each calls. A malformed line fails
   * its element only: the stage's supervision resumes, so one bad record never stops the stream.
   */
  public static Flow<String, Edge, NotUsed> enrich(ServiceDirectory directory, Counters counters) {
    return Flow.<String>create()
        .map(line -> {
          counters.lines.increment();
          return toEdge(FlowRecord.parse(line), directory);
        })
        .withAttributes(ActorAttributes.withSupervisionStrategy(failure -> {
          if (failure instanceof MalformedRecordException) {
            counters.malformed.increment();
            return Supervision.resume();
          }
          return Supervision.stop();
        }))
        .mapConcat(edge -> edge.map(List::of).orElse(List.of()));
  }

  private static Optional<Edge> toEdge(Optional<FlowRecord> record, ServiceDirectory directory) {
    return record.map(r -> new Edge(callerGroup(r.srcAddr()), directory.serviceFor(r.dstAddr(), r.dstPort()),
        r.bytes(), r.accepted()));
  }

  /** Callers are grouped by their subnet: {@code 10.0.1.23} is {@code clients-1}. */
  static String callerGroup(String address) {
    String[] octets = address.split("\\.");
    return octets.length == 4 ? "clients-" + octets[2] : "clients-other";
  }

  /**
   * Stage two: per edge, windows of at most {@code maxWindow} records or {@code maxDelay},
   * aggregated into totals; at most {@code maxEdges} edges at once.
   */
  public static Flow<Edge, EdgeWindow, NotUsed> aggregate(int maxEdges, int maxWindow, Duration maxDelay) {
    return Flow.<Edge>create()
        .groupBy(maxEdges, Edge::key)
        .via(Flow.<Edge>create().groupedWithin(maxWindow, maxDelay).map(EdgeWindow::of))
        .mergeSubstreams();
  }

  /** Stage three: each window into the service map, one at a time, as fast as the map acknowledges. */
  public static Sink<EdgeWindow, NotUsed> merge(ActorRef<ServiceMap.Command> serviceMap) {
    return ActorSink.<EdgeWindow, ServiceMap.Command, ServiceMap.Ack>actorRefWithBackpressure(
        serviceMap,
        ServiceMap.Update::new,
        ServiceMap.Init::new,
        ServiceMap.Ack.INSTANCE,
        new ServiceMap.Completed(),
        ServiceMap.Failed::new);
  }

  /** The whole pipeline from lines to the map, each stage on its own island. */
  public static Sink<String, NotUsed> pipeline(
      ServiceDirectory directory, Counters counters, ActorRef<ServiceMap.Command> serviceMap) {
    return enrich(directory, counters).async()
        .via(aggregate(1024, 1000, Duration.ofMillis(100))).async()
        .to(merge(serviceMap));
  }
}
