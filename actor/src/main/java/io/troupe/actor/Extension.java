package io.troupe.actor;

/**
 * A component that exists once per {@link ActorSystem}, created lazily the first time its
 * {@link ExtensionId} is asked for, or at start-up when listed in
 * {@code troupe.actor.typed.extensions}.
 */
public interface Extension {}
