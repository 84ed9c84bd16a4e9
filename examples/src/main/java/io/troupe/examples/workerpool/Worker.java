package io.troupe.examples.workerpool;

import io.troupe.actor.AbstractBehavior;
import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.PreRestart;
import io.troupe.actor.Receive;
import io.troupe.actor.SupervisorStrategy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An actor that enriches batches of flow-log lines: parses each line, names the destination
 * service, replaces the source address by a keyed hash, and sums the traffic per service.
 *
 * <p>A batch it cannot enrich fails the worker with an {@link EnrichmentException}, after it has
 * reported the batch as failed; {@link #supervised} restarts it with backoff, so a worker that
 * keeps failing (a flapping directory) slows down instead of spinning. Any other exception, such as
 * the one a {@link Crash} throws, stops the worker; its parent sees that through death watch.
 */
public final class Worker extends AbstractBehavior<Worker.Command> {

  /** What a worker accepts. */
  public sealed interface Command permits Enrich, Crash {}

  /** Enrich the lines of batch {@code jobId}. */
  public record Enrich(long jobId, List<String> lines) implements Command {
    /** Copies the lines. */
    public Enrich {
      lines = List.copyOf(lines);
    }
  }

  /** Fail with an unexpected error (a stand-in for a bug or a lost host), which stops the worker. */
  public record Crash(String reason) implements Command {
    /** Checks the reason is present. */
    public Crash {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** What a worker tells its coordinator. */
  public sealed interface Reply permits BatchEnriched, BatchFailed, Restarting {}

  /**
   * Batch {@code jobId} is done.
   *
   * @param worker the worker that did it
   * @param workerId the worker's slot in the pool
   * @param jobId the batch
   * @param records the flow records in it (lines without a flow do not count)
   * @param usageByService the traffic per service
   */
  public record BatchEnriched(
      ActorRef<Command> worker, int workerId, long jobId, int records, Map<String, ServiceUsage> usageByService)
      implements Reply {
    /** Copies the map. */
    public BatchEnriched {
      usageByService = Map.copyOf(usageByService);
    }
  }

  /**
   * Batch {@code jobId} failed; the worker restarts next.
   *
   * @param worker the worker that tried it
   * @param workerId the worker's slot in the pool
   * @param jobId the batch
   * @param reason what went wrong, naming the line and field for a bad record
   * @param retryable whether another attempt may succeed
   */
  public record BatchFailed(ActorRef<Command> worker, int workerId, long jobId, String reason, boolean retryable)
      implements Reply {}

  /** The worker in slot {@code workerId} is being restarted by its supervisor. */
  public record Restarting(ActorRef<Command> worker, int workerId) implements Reply {}

  /** The exception a {@link Crash} throws; no supervisor of the pool handles it. */
  public static final class CrashException extends IllegalStateException {
    CrashException(String message) {
      super(message);
    }
  }

  private final int workerId;
  private final ServiceDirectory directory;
  private final ActorRef<Reply> coordinator;
  private final Mac anonymizer; // not thread-safe: one per worker incarnation, which is the point

  private Worker(
      ActorContext<Command> context,
      int workerId,
      ServiceDirectory directory,
      byte[] anonymizationKey,
      ActorRef<Reply> coordinator)
      throws Exception {
    super(context);
    this.workerId = workerId;
    this.directory = directory;
    this.coordinator = coordinator;
    this.anonymizer = Mac.getInstance("HmacSHA256");
    anonymizer.init(new SecretKeySpec(anonymizationKey, "HmacSHA256"));
  }

  /**
   * A worker for slot {@code workerId} that reports to {@code coordinator}, without supervision.
   *
   * @throws IllegalArgumentException if {@code workerId} is not positive or the key is empty
   */
  public static Behavior<Command> create(
      int workerId, ServiceDirectory directory, byte[] anonymizationKey, ActorRef<Reply> coordinator) {
    if (workerId <= 0) {
      throw new IllegalArgumentException("workerId must be positive, was " + workerId);
    }
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(coordinator, "coordinator");
    if (anonymizationKey == null || anonymizationKey.length == 0) {
      throw new IllegalArgumentException("anonymizationKey must not be empty");
    }
    byte[] key = anonymizationKey.clone();
    return Behaviors.setup(ctx -> new Worker(ctx, workerId, directory, key, coordinator));
  }

  /** A worker restarted with {@code strategy} whenever it fails with an {@link EnrichmentException}. */
  public static Behavior<Command> supervised(
      int workerId,
      ServiceDirectory directory,
      byte[] anonymizationKey,
      ActorRef<Reply> coordinator,
      SupervisorStrategy strategy) {
    return Behaviors.supervise(create(workerId, directory, anonymizationKey, coordinator))
        .onFailure(EnrichmentException.class, strategy);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Enrich.class, this::onEnrich)
        .onMessage(Crash.class, crash -> {
          throw new CrashException("worker-" + workerId + " crashed: " + crash.reason());
        })
        .onSignal(PreRestart.class, signal -> {
          coordinator.tell(new Restarting(getContext().getSelf(), workerId));
          return this;
        })
        .build();
  }

  private Behavior<Command> onEnrich(Enrich job) {
    Map<String, Tally> tallies = new HashMap<>();
    int records = 0;
    try {
      List<String> lines = job.lines();
      for (int i = 0; i < lines.size(); i++) {
        Optional<FlowRecord> parsed;
        try {
          parsed = FlowRecord.parse(lines.get(i));
        } catch (MalformedRecordException e) {
          throw new MalformedRecordException("batch " + job.jobId() + " line " + (i + 1) + ": " + e.getMessage());
        }
        if (parsed.isPresent()) {
          FlowRecord r = parsed.get();
          String service = directory.serviceFor(r.dstAddr(), r.dstPort());
          tallies.computeIfAbsent(service, s -> new Tally()).add(r, anonymize(r.srcAddr()));
          records++;
        }
      }
    } catch (EnrichmentException e) {
      coordinator.tell(new BatchFailed(getContext().getSelf(), workerId, job.jobId(), e.getMessage(), e.retryable()));
      throw e; // let the supervisor restart this worker
    }
    Map<String, ServiceUsage> usage = new HashMap<>();
    tallies.forEach((service, tally) -> usage.put(service, tally.toUsage()));
    coordinator.tell(new BatchEnriched(getContext().getSelf(), workerId, job.jobId(), records, usage));
    return this;
  }

  private String anonymize(String address) {
    byte[] digest = anonymizer.doFinal(address.getBytes(StandardCharsets.US_ASCII));
    return HexFormat.of().formatHex(digest, 0, 8);
  }

  /** The running sums for one service within one batch. */
  private static final class Tally {
    long flows;
    long bytes;
    long rejected;
    final Set<String> clients = new HashSet<>();

    void add(FlowRecord r, String clientId) {
      flows++;
      bytes += r.bytes();
      if (!r.accepted()) {
        rejected++;
      }
      clients.add(clientId);
    }

    ServiceUsage toUsage() {
      return new ServiceUsage(flows, bytes, rejected, clients);
    }
  }
}
