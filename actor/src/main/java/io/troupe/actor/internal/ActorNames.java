package io.troupe.actor.internal;

import io.troupe.actor.InvalidActorNameException;
import java.util.regex.Pattern;

/** The rules for actor and system names. Internal API. */
public final class ActorNames {
  private static final Pattern ACTOR_NAME = Pattern.compile("[-\\w:@&=+,.!~*'_;%]+");
  private static final Pattern SYSTEM_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*");

  private ActorNames() {}

  /** Throws {@link InvalidActorNameException} naming the problem if {@code name} is not a valid actor name. */
  public static void validate(String name) {
    if (name == null) {
      throw new InvalidActorNameException("actor name must not be null");
    }
    if (name.isEmpty()) {
      throw new InvalidActorNameException("actor name must not be empty");
    }
    if (name.charAt(0) == '$') {
      throw new InvalidActorNameException("actor name [" + name + "] must not start with '$', which marks generated names");
    }
    if (!ACTOR_NAME.matcher(name).matches()) {
      throw new InvalidActorNameException("actor name [" + name
          + "] is invalid: use letters, digits and -_.*$+:@&=,!~';% (no '/' and no white space)");
    }
  }

  static void validateSystemName(String name) {
    if (name == null || !SYSTEM_NAME.matcher(name).matches()) {
      throw new InvalidActorNameException("actor system name [" + name
          + "] is invalid: use letters, digits, '-' and '_', starting with a letter or digit");
    }
  }
}
