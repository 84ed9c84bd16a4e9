package io.troupe.migrate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The mapping from Pekko's (or Akka 2.6's) Java API, config namespace and Maven artifacts onto
 * Troupe's, as the recipes apply it.
 *
 * <p>The mapping is written once, against Pekko, in {@code io/troupe/migrate/mapping.txt}; the Akka
 * mapping is derived from it because Pekko is Akka 2.6 with its packages, artifacts and config
 * namespace renamed.
 */
public final class MigrationMapping {

  /** One type or package that moves: {@code from} becomes {@code to}. */
  public record Rename(String from, String to) {
    public Rename {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }
  }

  /** What a migration starts from. */
  public enum Origin {
    /** Apache Pekko 1.x. */
    PEKKO("org.apache.pekko", "org.apache.pekko.", "pekko"),
    /** Akka 2.6 (the last Apache-licensed Akka, from which Pekko was forked). */
    AKKA("com.typesafe.akka", "akka.", "akka");

    private final String groupId;
    private final String packagePrefix;
    private final String namespace;

    Origin(String groupId, String packagePrefix, String namespace) {
      this.groupId = groupId;
      this.packagePrefix = packagePrefix;
      this.namespace = namespace;
    }

    /** The Maven groupId of the origin's artifacts. */
    public String groupId() {
      return groupId;
    }

    /** The root package of the origin's types, with a trailing dot. */
    public String packagePrefix() {
      return packagePrefix;
    }

    /** The origin's config namespace ({@code pekko} or {@code akka}), which is also the prefix of its artifact ids. */
    public String namespace() {
      return namespace;
    }

    /**
     * The origin named {@code name}, {@code "pekko"} or {@code "akka"} in any case.
     *
     * @throws IllegalArgumentException if {@code name} names neither
     */
    public static Origin of(String name) {
      if (name != null) {
        for (Origin o : values()) {
          if (o.name().equalsIgnoreCase(name.trim())) return o;
        }
      }
      throw new IllegalArgumentException("from must be \"pekko\" or \"akka\", but was " + (name == null ? "null" : "\"" + name + "\""));
    }
  }

  private static final String PEKKO_PREFIX = "org.apache.pekko.";
  private static final String TROUPE_GROUP_ID = "io.troupe";

  private final Origin origin;
  private final List<Rename> types;
  private final List<Rename> names;
  private final List<Rename> packages;
  private final List<Rename> artifacts;
  private final List<String> droppedArtifacts;
  private final String troupeVersion;

  private MigrationMapping(Origin origin, List<Rename> types, List<Rename> names, List<Rename> packages, List<Rename> artifacts, List<String> droppedArtifacts, String troupeVersion) {
    this.origin = origin;
    this.types = List.copyOf(types);
    this.names = List.copyOf(names);
    this.packages = List.copyOf(packages);
    this.artifacts = List.copyOf(artifacts);
    this.droppedArtifacts = List.copyOf(droppedArtifacts);
    this.troupeVersion = troupeVersion;
  }

  /** The mapping from Pekko. */
  public static MigrationMapping pekko() {
    return of(Origin.PEKKO);
  }

  /** The mapping from Akka 2.6. */
  public static MigrationMapping akka() {
    return of(Origin.AKKA);
  }

  /** The mapping from {@code origin}. */
  public static MigrationMapping of(Origin origin) {
    Objects.requireNonNull(origin, "origin");
    List<Rename> types = new ArrayList<>();
    List<Rename> names = new ArrayList<>();
    List<Rename> packages = new ArrayList<>();
    List<Rename> artifacts = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    int lineNo = 0;
    for (String raw : readLines("mapping.txt")) {
      lineNo++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      String[] f = line.split("\\s+");
      switch (f[0]) {
        case "type" -> types.add(new Rename(translate(origin, f[1], lineNo), f[2]));
        case "name" -> names.add(new Rename(translate(origin, f[1], lineNo), f[2]));
        case "package" -> packages.add(new Rename(translate(origin, f[1], lineNo), f[2]));
        case "artifact" -> artifacts.add(new Rename(translateArtifact(origin, f[1]), f[2]));
        case "drop" -> dropped.add(translateArtifact(origin, f[1]));
        default -> throw new IllegalStateException("mapping.txt line " + lineNo + ": unknown kind \"" + f[0] + "\"");
      }
    }
    return new MigrationMapping(origin, types, names, packages, artifacts, dropped, readTroupeVersion());
  }

  private static String translate(Origin origin, String pekkoName, int lineNo) {
    if (!pekkoName.startsWith(PEKKO_PREFIX)) {
      throw new IllegalStateException("mapping.txt line " + lineNo + ": \"" + pekkoName + "\" is not under " + PEKKO_PREFIX);
    }
    return origin.packagePrefix() + pekkoName.substring(PEKKO_PREFIX.length());
  }

  private static String translateArtifact(Origin origin, String pekkoArtifact) {
    return origin.namespace() + pekkoArtifact.substring("pekko".length());
  }

  private static List<String> readLines(String resource) {
    try (InputStream in = MigrationMapping.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing resource io/troupe/migrate/" + resource);
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return r.lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readTroupeVersion() {
    Properties p = new Properties();
    try (InputStream in = MigrationMapping.class.getResourceAsStream("troupe-migrate.properties")) {
      if (in == null) throw new IllegalStateException("missing resource io/troupe/migrate/troupe-migrate.properties");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String v = p.getProperty("troupe.version", "");
    if (v.isEmpty() || v.startsWith("${")) {
      throw new IllegalStateException("troupe-migrate.properties has no filtered troupe.version: " + v);
    }
    return v;
  }

  /** What this mapping migrates from. */
  public Origin origin() {
    return origin;
  }

  /** Types that move on their own, before the package moves; in file order. */
  public List<Rename> types() {
    return types;
  }

  /** Names that are not types but appear in configuration, such as logger names; whole names only. */
  public List<Rename> names() {
    return names;
  }

  /** Packages whose types all move (not their subpackages); in file order. */
  public List<Rename> packages() {
    return packages;
  }

  /** Maven artifact ids (without Scala suffix) of the origin and the Troupe artifact each becomes. */
  public List<Rename> artifacts() {
    return artifacts;
  }

  /** Maven artifact ids (without Scala suffix) of the origin that Troupe needs no counterpart for. */
  public List<String> droppedArtifacts() {
    return droppedArtifacts;
  }

  /** The Maven groupId of Troupe's artifacts. */
  public String troupeGroupId() {
    return TROUPE_GROUP_ID;
  }

  /** The Troupe version this recipe jar belongs to, which migrated poms depend on. */
  public String troupeVersion() {
    return troupeVersion;
  }

  /**
   * The Troupe class a fully qualified origin class name maps to, by its name or type line or else
   * its package line; empty if none covers it. Nested classes ({@code a.b.Outer$Inner} or {@code
   * a.b.Outer.Inner} where {@code Outer} is mapped) follow their outer class.
   */
  public Optional<String> mapClassName(String className) {
    Objects.requireNonNull(className, "className");
    for (Rename n : names) {
      if (className.equals(n.from())) return Optional.of(n.to());
    }
    for (Rename t : types) {
      if (className.equals(t.from())) return Optional.of(t.to());
      if (className.startsWith(t.from()) && className.length() > t.from().length()) {
        char c = className.charAt(t.from().length());
        if (c == '$' || c == '.') return Optional.of(t.to() + className.substring(t.from().length()));
      }
    }
    // The package is everything before the first segment that starts with a capital letter.
    int pkgEnd = -1;
    for (int i = 0; i < className.length(); i = className.indexOf('.', i) + 1) {
      if (Character.isUpperCase(className.charAt(i))) {
        pkgEnd = i - 1;
        break;
      }
      if (className.indexOf('.', i) < 0) break;
    }
    if (pkgEnd > 0) {
      String pkg = className.substring(0, pkgEnd);
      for (Rename p : packages) {
        if (pkg.equals(p.from())) return Optional.of(p.to() + className.substring(pkgEnd));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "MigrationMapping[from " + origin.name().toLowerCase(Locale.ROOT) + ", " + types.size() + " types, " + packages.size() + " packages, " + artifacts.size() + " artifacts]";
  }
}
