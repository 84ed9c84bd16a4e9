package io.troupe.actor;

/**
 * A lifecycle notification the runtime delivers to a behavior besides its messages:
 * {@link PostStop}, {@link PreRestart}, {@link Terminated} and {@link ChildFailed}.
 */
public sealed interface Signal permits PostStop, PreRestart, Terminated {}
