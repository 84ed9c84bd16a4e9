package io.troupe.migrate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether the Troupe artifacts a migrated project depends on are in the local Maven repository.
 * Tests that resolve or build a migrated pom need them; {@code mvn install} of the Troupe modules
 * puts them there.
 */
final class TroupeSnapshots {

  private static final List<String> ARTIFACTS = List.of("troupe-parent", "troupe-actor", "troupe-actor-testkit", "troupe-stream");

  private TroupeSnapshots() {}

  static Path localRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) return Path.of(configured);
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Skips the calling test, saying what to run, unless every Troupe artifact it needs is installed. */
  static void assumeInstalled() {
    String version = MigrationMapping.pekko().troupeVersion();
    Path repo = localRepository();
    for (String artifact : ARTIFACTS) {
      Path pom = repo.resolve("io/troupe/" + artifact + "/" + version + "/" + artifact + "-" + version + ".pom");
      Assumptions.assumeTrue(
          Files.isRegularFile(pom),
          () -> "io.troupe:" + artifact + ":" + version + " is not installed in " + repo
              + "; run `mvn -B install -DskipTests -pl actor,actor-testkit,stream,stream-testkit -am` first");
    }
  }
}
