package io.troupe.actor;

/**
 * A message that a behavior answered with {@link Behaviors#unhandled()}, published on the
 * {@linkplain ActorSystem#eventStream() event stream}.
 *
 * @param message the message
 * @param recipient the actor that did not handle it
 */
public record UnhandledMessage(Object message, ActorRef<?> recipient) {}
