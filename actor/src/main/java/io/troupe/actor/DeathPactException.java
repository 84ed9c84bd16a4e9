package io.troupe.actor;

/** Thrown in a watcher whose behavior did not handle the {@link Terminated} of a watched actor. */
public final class DeathPactException extends RuntimeException {
  private final transient ActorRef<?> deadActor;

  /** Creates the exception for the actor whose termination was not handled. */
  public DeathPactException(ActorRef<?> deadActor) {
    super("death pact with " + deadActor + " was triggered: its Terminated signal was not handled");
    this.deadActor = deadActor;
  }

  /** The actor whose termination was not handled. */
  public ActorRef<?> getDeadActor() {
    return deadActor;
  }
}
