package io.troupe.actor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Where an actor sits in its system's tree: {@code troupe://system/user/parent/child}.
 *
 * <p>Paths compare by address and names only; the {@link #uid()} that tells apart two actors that
 * had the same name at different times is carried along but is not part of equality (two refs
 * to such actors are not equal, their paths are).
 */
public final class ActorPath implements Comparable<ActorPath> {
  private final String address;
  private final ActorPath parent;
  private final String name;
  private final long uid;

  private ActorPath(String address, ActorPath parent, String name, long uid) {
    this.address = address;
    this.parent = parent;
    this.name = name;
    this.uid = uid;
  }

  /** The root path of a local system, {@code troupe://name}. */
  public static ActorPath root(String systemName) {
    Objects.requireNonNull(systemName, "systemName");
    return new ActorPath("troupe://" + systemName, null, "", 0);
  }

  /** The path of a child named {@code childName}, with no uid. */
  public ActorPath child(String childName) {
    return child(childName, 0);
  }

  /** The path of a child named {@code childName} with the given unique id. */
  public ActorPath child(String childName, long childUid) {
    Objects.requireNonNull(childName, "childName");
    return new ActorPath(address, this, childName, childUid);
  }

  /** The address of the system, such as {@code troupe://demo}. */
  public String address() {
    return address;
  }

  /** The last element; empty for the root. */
  public String name() {
    return name;
  }

  /** The parent path; the root's parent is the root itself. */
  public ActorPath parent() {
    return parent == null ? this : parent;
  }

  /** The root of this path. */
  public ActorPath root() {
    ActorPath p = this;
    while (p.parent != null) {
      p = p.parent;
    }
    return p;
  }

  /** The unique id of the actor incarnation, 0 when not known. */
  public long uid() {
    return uid;
  }

  /** The names from the root down, without the address. */
  public List<String> elements() {
    List<String> names = new ArrayList<>();
    for (ActorPath p = this; p.parent != null; p = p.parent) {
      names.add(p.name);
    }
    Collections.reverse(names);
    return names;
  }

  /** The path without the address, such as {@code /user/a/b}. */
  public String toStringWithoutAddress() {
    if (parent == null) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    appendElements(sb);
    return sb.toString();
  }

  private void appendElements(StringBuilder sb) {
    if (parent != null) {
      parent.appendElements(sb);
      sb.append('/').append(name);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(address);
    if (parent == null) {
      sb.append('/');
    } else {
      appendElements(sb);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ActorPath other) || !name.equals(other.name)) {
      return false;
    }
    return parent == null
        ? other.parent == null && address.equals(other.address)
        : parent.equals(other.parent);
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hashCode(parent) + name.hashCode() + (parent == null ? address.hashCode() : 0);
  }

  @Override
  public int compareTo(ActorPath other) {
    return toString().compareTo(other.toString());
  }
}
