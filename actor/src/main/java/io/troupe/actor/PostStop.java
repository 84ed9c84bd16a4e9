package io.troupe.actor;

/** The last signal an actor's behavior gets, after its children have stopped. */
public final class PostStop implements Signal {
  private static final PostStop INSTANCE = new PostStop();

  private PostStop() {}

  /** The single instance. */
  public static PostStop instance() {
    return INSTANCE;
  }

  @Override
  public String toString() {
    return "PostStop";
  }
}
