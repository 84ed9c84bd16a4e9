package io.troupe.actor;

import io.troupe.actor.internal.ActorSystemImpl;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Stops a system in ordered phases, running the tasks registered for each phase: unbind
 * services, drain requests, leave the cluster, and finally stop all actors and the system's
 * threads. {@link ActorSystem#terminate()} runs it, and so does the JVM's shutdown hook unless
 * {@code troupe.coordinated-shutdown.run-by-jvm-shutdown-hook = off}.
 *
 * <p>Phases and their order come from {@code troupe.coordinated-shutdown.phases}: each has
 * {@code depends-on}, a {@code timeout}, and {@code recover} (when off, a failed or late task
 * skips the remaining phases up to the last, which always runs). Tasks of one phase run
 * concurrently; a phase starts when the one before it has finished.
 */
public abstract class CoordinatedShutdown {

  /** For the runtime only. */
  protected CoordinatedShutdown() {}

  /** The coordinated shutdown of {@code system}. */
  public static CoordinatedShutdown get(ActorSystem<?> system) {
    Objects.requireNonNull(system, "system");
    return ((ActorSystemImpl<?>) system).coordinatedShutdown();
  }

  /** Why a shutdown was started. */
  public interface Reason {}

  private enum Reasons implements Reason {
    UNKNOWN,
    ACTOR_SYSTEM_TERMINATE,
    JVM_EXIT
  }

  /** The reason when none was given. */
  public static Reason unknownReason() {
    return Reasons.UNKNOWN;
  }

  /** The reason when {@link ActorSystem#terminate()} started it. */
  public static Reason actorSystemTerminateReason() {
    return Reasons.ACTOR_SYSTEM_TERMINATE;
  }

  /** The reason when the JVM's shutdown hook started it. */
  public static Reason jvmExitReason() {
    return Reasons.JVM_EXIT;
  }

  public static String PhaseBeforeServiceUnbind() {
    return "before-service-unbind";
  }

  public static String PhaseServiceUnbind() {
    return "service-unbind";
  }

  public static String PhaseServiceRequestsDone() {
    return "service-requests-done";
  }

  public static String PhaseServiceStop() {
    return "service-stop";
  }

  public static String PhaseBeforeClusterShutdown() {
    return "before-cluster-shutdown";
  }

  public static String PhaseClusterShardingShutdownRegion() {
    return "cluster-sharding-shutdown-region";
  }

  public static String PhaseClusterLeave() {
    return "cluster-leave";
  }

  public static String PhaseClusterExiting() {
    return "cluster-exiting";
  }

  public static String PhaseClusterExitingDone() {
    return "cluster-exiting-done";
  }

  public static String PhaseClusterShutdown() {
    return "cluster-shutdown";
  }

  public static String PhaseBeforeActorSystemTerminate() {
    return "before-actor-system-terminate";
  }

  public static String PhaseActorSystemTerminate() {
    return "actor-system-terminate";
  }

  /**
   * Adds a task to {@code phase}; its stage completing (or failing) ends it.
   *
   * @throws IllegalArgumentException if the phase is unknown or the name is empty
   * @throws IllegalStateException if the shutdown has already passed that phase
   */
  public abstract void addTask(String phase, String taskName, Supplier<CompletionStage<Done>> task);

  /** Runs the shutdown, once; later calls return the same stage. */
  public abstract CompletionStage<Done> run(Reason reason);

  /** Why the shutdown was started, once it has been. */
  public abstract Optional<Reason> getShutdownReason();

  /** The timeout of {@code phase}. */
  public abstract Duration timeout(String phase);

  /** The sum of all phases' timeouts. */
  public abstract Duration totalTimeout();

  /** The phases, in the order they run. */
  public abstract List<String> orderedPhases();

  /** Runs {@code hook} in the JVM's shutdown hook, before the phases run there. */
  public abstract void addJvmShutdownHook(Runnable hook);
}
