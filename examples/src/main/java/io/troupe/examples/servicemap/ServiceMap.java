package io.troupe.examples.servicemap;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The global service map, the pipeline's last stage: an actor that merges windows of edge totals
 * and acknowledges each one, so a slow map holds the whole pipeline back instead of letting
 * windows pile up in memory.
 */
public final class ServiceMap {
  private ServiceMap() {}

  /** What the service map accepts. */
  public sealed interface Command permits Init, Update, Completed, Failed, GetSnapshot {}

  /** The acknowledgement the map sends for each message from the stream. */
  public enum Ack {
    INSTANCE
  }

  /** The stream starts. */
  public record Init(ActorRef<Ack> ackTo) implements Command {}

  /** One window of one edge. */
  public record Update(ActorRef<Ack> ackTo, EdgeWindow window) implements Command {}

  /** The stream has completed. */
  public record Completed() implements Command {}

  /** The stream has failed. */
  public record Failed(Throwable cause) implements Command {}

  /** Asks for the current totals. */
  public record GetSnapshot(ActorRef<Snapshot> replyTo) implements Command {}

  /** Totals of one edge since the start. */
  public record EdgeTotals(String from, String to, long flows, long bytes, long rejected) {
    EdgeTotals plus(EdgeWindow w) {
      return new EdgeTotals(from, to, flows + w.flows(), bytes + w.bytes(), rejected + w.rejected());
    }
  }

  /**
   * The map at one moment.
   *
   * @param edges the edges, most bytes first
   * @param windows how many windows were merged
   * @param completed whether the stream has completed
   * @param failure why the stream failed, or {@code null}
   */
  public record Snapshot(List<EdgeTotals> edges, long windows, boolean completed, Throwable failure) {
    /** All flows on all edges. */
    public long totalFlows() {
      return edges.stream().mapToLong(EdgeTotals::flows).sum();
    }

    /** All bytes on all edges. */
    public long totalBytes() {
      return edges.stream().mapToLong(EdgeTotals::bytes).sum();
    }
  }

  /** A new, empty service map. */
  public static Behavior<Command> create() {
    return Behaviors.setup(ctx -> {
      Map<String, EdgeTotals> edges = new HashMap<>();
      long[] windows = {0};
      boolean[] completed = {false};
      Throwable[] failure = {null};
      return Behaviors.receive(Command.class)
          .onMessage(Init.class, init -> {
            init.ackTo().tell(Ack.INSTANCE);
            return Behaviors.same();
          })
          .onMessage(Update.class, update -> {
            EdgeWindow w = update.window();
            edges.merge(w.key(), new EdgeTotals(w.from(), w.to(), w.flows(), w.bytes(), w.rejected()),
                (old, fresh) -> old.plus(w));
            windows[0]++;
            update.ackTo().tell(Ack.INSTANCE);
            return Behaviors.same();
          })
          .onMessage(Completed.class, c -> {
            completed[0] = true;
            return Behaviors.same();
          })
          .onMessage(Failed.class, f -> {
            failure[0] = f.cause();
            return Behaviors.same();
          })
          .onMessage(GetSnapshot.class, get -> {
            List<EdgeTotals> sorted = edges.values().stream()
                .sorted(Comparator.comparingLong(EdgeTotals::bytes).reversed())
                .toList();
            get.replyTo().tell(new Snapshot(sorted, windows[0], completed[0], failure[0]));
            return Behaviors.same();
          })
          .build();
    });
  }
}
