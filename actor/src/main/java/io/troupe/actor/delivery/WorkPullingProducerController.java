package io.troupe.actor.delivery;

import io.troupe.actor.ActorRef;
import io.troupe.actor.Behavior;
import io.troupe.actor.Behaviors;
import io.troupe.actor.Done;
import io.troupe.actor.receptionist.ServiceKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The sending end of work-pulling reliable delivery: it finds workers (consumer controllers
 * registered with the receptionist under a service key), keeps a {@link ProducerController} for
 * each, and hands each message from the producer to a worker that has room for it.
 *
 * <pre>{@code
 * // each worker: context.spawn(ConsumerController.create(WORKERS), "cc").tell(new ConsumerController.Start<>(self));
 * ActorRef<WorkPullingProducerController.Command<Job>> wp = context.spawn(
 *     WorkPullingProducerController.create(Job.class, "jobs", WORKERS, Optional.empty()), "work-puller");
 * wp.tell(new WorkPullingProducerController.Start<>(requestNextAdapter));
 * }</pre>
 *
 * <p>The producer gets a {@link RequestNext} while some worker has room, so slow workers hold it
 * back and fast ones get more work. When a worker leaves the receptionist's listing (it stopped),
 * the messages it had not confirmed go to other workers first: nothing is lost, though a message
 * may be processed twice if the worker stopped before confirming work it had done.
 */
public final class WorkPullingProducerController {
  private WorkPullingProducerController() {}

  /**
   * A work-pulling producer controller for messages of {@code messageClass} to the workers
   * registered under {@code workerServiceKey}; {@code durableQueueBehavior} must be empty.
   *
   * @throws IllegalArgumentException if {@code producerId} is blank or a durable queue is given
   */
  public static <A> Behavior<Command<A>> create(Class<A> messageClass, String producerId,
      ServiceKey<ConsumerController.Command<A>> workerServiceKey, Optional<?> durableQueueBehavior) {
    Objects.requireNonNull(messageClass, "messageClass");
    ProducerController.requireProducerId(producerId);
    Objects.requireNonNull(workerServiceKey, "workerServiceKey");
    Objects.requireNonNull(durableQueueBehavior, "durableQueueBehavior");
    if (durableQueueBehavior.isPresent()) {
      throw new IllegalArgumentException("durableQueueBehavior: durable producer queues are not supported yet, was "
          + durableQueueBehavior.get());
    }
    return Behaviors.setup(ctx -> new WorkPullingProducerControllerImpl<>(ctx, messageClass, producerId, workerServiceKey));
  }

  /** {@code RequestNext<A>}'s class, for a message adapter. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <A> Class<RequestNext<A>> requestNextClass() {
    return (Class) RequestNext.class;
  }

  /** A command to a work-pulling producer controller. */
  public sealed interface Command<A>
      permits Start, MessageWithConfirmation, GetWorkerStats, WorkPullingProducerControllerImpl.Internal {}

  /** Starts: {@code producer} gets a {@link RequestNext} whenever it may send the next message. */
  public record Start<A>(ActorRef<RequestNext<A>> producer) implements Command<A> {
    public Start {
      Objects.requireNonNull(producer, "producer");
    }
  }

  /** The producer may send one message, to {@code sendNextTo} or, with a confirmation, to {@code askNextTo}. */
  public record RequestNext<A>(ActorRef<A> sendNextTo, ActorRef<MessageWithConfirmation<A>> askNextTo) {}

  /** A message for which {@code replyTo} gets {@link Done} once a worker has confirmed it. */
  public record MessageWithConfirmation<A>(A message, ActorRef<Done> replyTo) implements Command<A> {
    public MessageWithConfirmation {
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** Asks how many workers there are. */
  public record GetWorkerStats<A>(ActorRef<WorkerStats> replyTo) implements Command<A> {
    public GetWorkerStats {
      Objects.requireNonNull(replyTo, "replyTo");
    }
  }

  /** The answer to {@link GetWorkerStats}. */
  public record WorkerStats(int numberOfWorkers) {}
}
