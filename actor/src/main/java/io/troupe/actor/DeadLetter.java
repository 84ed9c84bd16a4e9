package io.troupe.actor;

/**
 * A message that could not be delivered, published on the {@linkplain ActorSystem#eventStream()
 * event stream}: its recipient had stopped, its bounded mailbox was full, or it never existed.
 *
 * @param message the undelivered message
 * @param recipient the actor it was sent to
 * @param reason why it was not delivered, for logs
 */
public record DeadLetter(Object message, ActorRef<?> recipient, String reason) {}
