package io.troupe.examples.workerpool;

import java.time.Duration;
import java.util.List;

/**
 * The state of a worker pool at one moment: what was done, what failed, how the workers fare, and
 * the traffic per service so far.
 *
 * @param elapsed time since the pool started
 * @param finished whether the pool has finished (no batch left in flight and none will be taken)
 * @param jobsAccepted batches taken from the source
 * @param jobsDone batches enriched
 * @param jobsFailed batches given up on
 * @param jobsRetried attempts repeated after a failure
 * @param records flow records enriched
 * @param recordsPerSecond records per second since the previous report (for the final one: over the run)
 * @param workers one entry per worker slot
 * @param services the traffic per service, most bytes first
 * @param recentFailures the latest reasons a batch was given up, newest last
 */
public record Report(
    Duration elapsed,
    boolean finished,
    long jobsAccepted,
    long jobsDone,
    long jobsFailed,
    long jobsRetried,
    long records,
    double recordsPerSecond,
    List<WorkerStatus> workers,
    List<ServiceSummary> services,
    List<String> recentFailures) {

  /** Copies the lists. */
  public Report {
    workers = List.copyOf(workers);
    services = List.copyOf(services);
    recentFailures = List.copyOf(recentFailures);
  }

  /** Restarts of all workers. */
  public int totalRestarts() {
    return workers.stream().mapToInt(WorkerStatus::restarts).sum();
  }

  /** Replacements of stopped workers. */
  public int totalRespawns() {
    return workers.stream().mapToInt(WorkerStatus::respawns).sum();
  }

  /**
   * One worker slot.
   *
   * @param id the slot, from 1
   * @param jobsDone batches its workers enriched
   * @param restarts how often its supervisor restarted it
   * @param respawns how often it was replaced after stopping
   * @param inFlight batches it holds now
   */
  public record WorkerStatus(int id, long jobsDone, int restarts, int respawns, int inFlight) {}

  /**
   * The traffic to one service.
   *
   * @param service the service's name
   * @param flows the flows
   * @param bytes the bytes
   * @param rejectedFlows the flows the network rejected
   * @param distinctClients how many different source addresses called it
   */
  public record ServiceSummary(String service, long flows, long bytes, long rejectedFlows, int distinctClients) {}
}
