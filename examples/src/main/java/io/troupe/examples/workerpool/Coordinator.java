package io.troupe.examples.workerpool;

import io.troupe.actor.AbstractBehavior;
import io.troupe.actor.ActorContext;
import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.ChildFailed;
import io.troupe.actor.Done;
import io.troupe.actor.Receive;
import io.troupe.actor.Terminated;
import io.troupe.actor.TimerScheduler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An actor that runs a pool of supervised {@link Worker}s over a source of flow-log batches and
 * sums the traffic per service.
 *
 * <p>It keeps each worker holding up to {@link PoolSettings#maxInFlightPerWorker()} batches, and
 * hears from them through a message adapter. A batch a worker reports as failed is tried again if
 * the failure is retryable and attempts remain, else counted as failed. It watches every worker: a
 * worker that stops (a crash its supervisor does not handle, or too many restarts in a row) is
 * replaced, and the batches it held go back to the queue. A timer sends a {@link Report} to the
 * reporter periodically; {@link GetSummary} is answered with the final one.
 *
 * <p>The pool stops taking batches when the source runs dry, when {@link PoolSettings#runFor()}
 * has passed, or on {@link Drain}; it has finished once no batch is in flight, and then stops its
 * workers.
 */
public final class Coordinator extends AbstractBehavior<Coordinator.Command> {

  /** What a coordinator accepts. */
  public sealed interface Command
      permits GetSummary, GetStatus, Drain, CrashWorker, ReportTick, RunDeadline, WorkerReply {}

  /** Replies with the final report once the pool has finished (at once if it has). */
  public record GetSummary(ActorRef<Report> replyTo) implements Command {
    /** Checks the ref is present. */
    public GetSummary {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Replies at once with a report of the pool as it is now. */
  public record GetStatus(ActorRef<Report> replyTo) implements Command {
    /** Checks the ref is present. */
    public GetStatus {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Stops taking new batches and replies once the batches in flight are done or given up. */
  public record Drain(ActorRef<Done> replyTo) implements Command {
    /** Checks the ref is present. */
    public Drain {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Makes worker {@code workerId} crash, to show that the pool replaces it (fault injection). */
  public record CrashWorker(int workerId, String reason) implements Command {
    /** Checks the id is positive and the reason present. */
    public CrashWorker {
      if (workerId <= 0) {
        throw new IllegalArgumentException("workerId must be positive, was " + workerId);
      }
      Objects.requireNonNull(reason, "reason");
    }
  }

  private record ReportTick() implements Command {}

  private record RunDeadline() implements Command {}

  private record WorkerReply(Worker.Reply reply) implements Command {}

  private record Job(long id, List<String> lines, int attempts) {}

  private record InFlight(Job job, Slot slot, ActorRef<Worker.Command> worker) {}

  /** One place in the pool; its worker may be replaced. */
  private static final class Slot {
    final int id;
    ActorRef<Worker.Command> worker;
    long jobsDone;
    int restarts;
    int respawns;
    int inFlight;

    Slot(int id) {
      this.id = id;
    }
  }

  /** The totals of one service over the run. */
  private static final class ServiceTotals {
    long flows;
    long bytes;
    long rejected;
    final Set<String> clients = new HashSet<>();
  }

  private static final int RECENT_FAILURES = 5;

  private final PoolSettings settings;
  private final Iterator<List<String>> batches;
  private final ServiceDirectory directory;
  private final ActorRef<Report> reporter;
  private final TimerScheduler<Command> timers;
  private final ActorRef<Worker.Reply> replyAdapter;
  private final byte[] anonymizationKey = new byte[32];
  private final List<Slot> slots = new ArrayList<>();
  private final Map<ActorRef<Worker.Command>, Slot> slotByWorker = new HashMap<>();
  private final Map<Long, InFlight> inFlight = new HashMap<>();
  private final Deque<Job> retries = new ArrayDeque<>();
  private final Map<String, ServiceTotals> services = new TreeMap<>();
  private final Deque<String> recentFailures = new ArrayDeque<>();
  private final List<ActorRef<Report>> summaryWaiters = new ArrayList<>();
  private final List<ActorRef<Done>> drainWaiters = new ArrayList<>();
  private final long startNanos = System.nanoTime();

  private boolean intake = true;
  private boolean finished;
  private long finishedNanos;
  private long nextJobId = 1;
  private long jobsAccepted;
  private long jobsDone;
  private long jobsFailed;
  private long jobsRetried;
  private long records;
  private long recordsAtLastTick;
  private long lastTickNanos = startNanos;

  private Coordinator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PoolSettings settings,
      Iterator<List<String>> batches,
      ServiceDirectory directory,
      ActorRef<Report> reporter) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.batches = batches;
    this.directory = directory;
    this.reporter = reporter;
    new SecureRandom().nextBytes(anonymizationKey);
    this.replyAdapter = context.messageAdapter(Worker.Reply.class, WorkerReply::new);
    for (int id = 1; id <= settings.workers(); id++) {
      Slot slot = new Slot(id);
      slots.add(slot);
      startWorker(slot);
    }
    timers.startTimerWithFixedDelay("report", new ReportTick(), settings.reportInterval());
    if (!settings.runFor().isZero()) {
      timers.startSingleTimer("deadline", new RunDeadline(), settings.runFor());
    }
    dispatch();
  }

  /**
   * A coordinator that enriches the batches of {@code batches} with a pool shaped by {@code
   * settings}, naming services with {@code directory} and sending progress to {@code reporter}.
   */
  public static Behavior<Command> create(
      PoolSettings settings,
      Iterator<List<String>> batches,
      ServiceDirectory directory,
      ActorRef<Report> reporter) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(batches, "batches");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(reporter, "reporter");
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new Coordinator(ctx, timers, settings, batches, directory, reporter)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WorkerReply.class, m -> onWorkerReply(m.reply()))
        .onMessage(ReportTick.class, m -> {
          reporter.tell(report(true));
          return this;
        })
        .onMessage(RunDeadline.class, m -> {
          stopIntake();
          return this;
        })
        .onMessage(Drain.class, m -> {
          drainWaiters.add(m.replyTo());
          stopIntake();
          return this;
        })
        .onMessage(GetSummary.class, m -> {
          summaryWaiters.add(m.replyTo());
          answerIfFinished();
          return this;
        })
        .onMessage(GetStatus.class, m -> {
          m.replyTo().tell(report(false));
          return this;
        })
        .onMessage(CrashWorker.class, this::onCrashWorker)
        .onSignal(Terminated.class, this::onWorkerTerminated)
        .build();
  }

  private void startWorker(Slot slot) {
    ActorRef<Worker.Command> worker = getContext().spawn(
        Worker.supervised(slot.id, directory, anonymizationKey, replyAdapter, settings.workerSupervision()),
        "worker-" + slot.id + (slot.respawns == 0 ? "" : "-" + slot.respawns));
    getContext().watch(worker);
    slot.worker = worker;
    slotByWorker.put(worker, slot);
  }

  private Behavior<Command> onWorkerReply(Worker.Reply reply) {
    switch (reply) {
      case Worker.BatchEnriched done -> {
        InFlight f = takeInFlight(done.jobId(), done.worker());
        if (f != null) {
          jobsDone++;
          f.slot().jobsDone++;
          records += done.records();
          done.usageByService().forEach(this::addUsage);
        }
      }
      case Worker.BatchFailed failed -> {
        InFlight f = takeInFlight(failed.jobId(), failed.worker());
        if (f != null) {
          retryOrGiveUp(f.job(), "worker-" + failed.workerId() + ": " + failed.reason(), failed.retryable());
        }
      }
      case Worker.Restarting restarting -> {
        Slot slot = slotByWorker.get(restarting.worker());
        if (slot != null) {
          slot.restarts++;
        }
      }
    }
    dispatch();
    return this;
  }

  /** Removes the batch from the books if {@code worker} still holds it; null for a stale reply. */
  private InFlight takeInFlight(long jobId, ActorRef<Worker.Command> worker) {
    InFlight f = inFlight.get(jobId);
    if (f == null || !f.worker().equals(worker)) {
      return null; // the batch was handed to another worker after this one stopped
    }
    inFlight.remove(jobId);
    f.slot().inFlight--;
    return f;
  }

  private void retryOrGiveUp(Job job, String reason, boolean retryable) {
    if (retryable && job.attempts() < settings.maxAttempts()) {
      jobsRetried++;
      retries.addLast(job);
    } else {
      jobsFailed++;
      if (recentFailures.size() == RECENT_FAILURES) {
        recentFailures.removeFirst();
      }
      recentFailures.addLast("batch " + job.id() + " after " + job.attempts() + " attempt(s): " + reason);
    }
  }

  private void addUsage(String service, ServiceUsage usage) {
    ServiceTotals t = services.computeIfAbsent(service, s -> new ServiceTotals());
    t.flows += usage.flows();
    t.bytes += usage.bytes();
    t.rejected += usage.rejectedFlows();
    t.clients.addAll(usage.clientIds());
  }

  private Behavior<Command> onCrashWorker(CrashWorker m) {
    if (m.workerId() > slots.size()) {
      getContext().getLog().warn("no worker {} to crash; the pool has {}", m.workerId(), slots.size());
    } else if (!finished) {
      slots.get(m.workerId() - 1).worker.tell(new Worker.Crash(m.reason()));
    }
    return this;
  }

  private Behavior<Command> onWorkerTerminated(Terminated t) {
    Slot slot = slotByWorker.remove(t.getRef().<Worker.Command>unsafeUpcast());
    if (slot == null) {
      return this;
    }
    String why = t instanceof ChildFailed failed ? failed.getCause().getMessage() : "stopped";
    List<InFlight> lost = inFlight.values().stream()
        .filter(f -> f.slot() == slot)
        .sorted(Comparator.comparingLong(f -> f.job().id()))
        .toList();
    for (InFlight f : lost) {
      inFlight.remove(f.job().id());
      // counts as an attempt, so a batch that keeps killing workers is given up in the end
      retryOrGiveUp(f.job(), "worker-" + slot.id + " stopped: " + why, true);
    }
    slot.inFlight = 0;
    if (!finished) {
      slot.respawns++;
      startWorker(slot);
      getContext().getLog().info("worker-{} stopped ({}); started a replacement", slot.id, why);
    }
    dispatch();
    return this;
  }

  private void stopIntake() {
    intake = false;
    dispatch();
  }

  /** Hands out batches until every worker holds its share or none is left. */
  private void dispatch() {
    if (finished) {
      answerIfFinished();
      return;
    }
    for (Slot slot : slots) {
      while (slot.inFlight < settings.maxInFlightPerWorker()) {
        Job job = nextJob();
        if (job == null) {
          break;
        }
        Job attempt = new Job(job.id(), job.lines(), job.attempts() + 1);
        inFlight.put(attempt.id(), new InFlight(attempt, slot, slot.worker));
        slot.inFlight++;
        slot.worker.tell(new Worker.Enrich(attempt.id(), attempt.lines()));
      }
    }
    if (!intake && retries.isEmpty() && inFlight.isEmpty()) {
      finish();
    }
  }

  private Job nextJob() {
    Job retry = retries.pollFirst();
    if (retry != null) {
      return retry;
    }
    if (intake && !batches.hasNext()) {
      intake = false;
    }
    if (!intake) {
      return null;
    }
    jobsAccepted++;
    return new Job(nextJobId++, batches.next(), 0);
  }

  private void finish() {
    finished = true;
    finishedNanos = System.nanoTime();
    timers.cancel("report");
    timers.cancel("deadline");
    for (Slot slot : slots) {
      getContext().unwatch(slot.worker);
      getContext().stop(slot.worker);
    }
    slotByWorker.clear();
    reporter.tell(report(false));
    answerIfFinished();
  }

  private void answerIfFinished() {
    if (!finished) {
      return;
    }
    Report summary = report(false);
    summaryWaiters.forEach(r -> r.tell(summary));
    summaryWaiters.clear();
    drainWaiters.forEach(r -> r.tell(Done.INSTANCE));
    drainWaiters.clear();
  }

  /** A report of now; {@code tick} starts the next interval the rate is measured over. */
  private Report report(boolean tick) {
    long now = finished ? finishedNanos : System.nanoTime();
    Duration elapsed = Duration.ofNanos(now - startNanos);
    double rate;
    if (finished) {
      rate = records / Math.max(1e-9, elapsed.toNanos() / 1e9);
    } else {
      rate = (records - recordsAtLastTick) / Math.max(1e-9, (now - lastTickNanos) / 1e9);
      if (tick) {
        recordsAtLastTick = records;
        lastTickNanos = now;
      }
    }
    List<Report.WorkerStatus> workers = slots.stream()
        .map(s -> new Report.WorkerStatus(s.id, s.jobsDone, s.restarts, s.respawns, s.inFlight))
        .toList();
    List<Report.ServiceSummary> perService = services.entrySet().stream()
        .map(e -> new Report.ServiceSummary(
            e.getKey(), e.getValue().flows, e.getValue().bytes, e.getValue().rejected, e.getValue().clients.size()))
        .sorted(Comparator.comparingLong(Report.ServiceSummary::bytes).reversed())
        .toList();
    return new Report(elapsed, finished, jobsAccepted, jobsDone, jobsFailed, jobsRetried, records, rate,
        workers, perService, List.copyOf(recentFailures));
  }
}
