package io.troupe.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.openrewrite.Recipe;
import org.openrewrite.java.ChangePackage;
import org.openrewrite.java.ChangeType;
import org.openrewrite.maven.ChangeDependencyGroupIdAndArtifactId;
import org.openrewrite.maven.ChangeManagedDependencyGroupIdAndArtifactId;
import org.openrewrite.maven.RemoveDependency;
import org.openrewrite.maven.RemoveDuplicateDependencies;

/** The recipe list that {@link FromPekko} and {@link FromAkka} share, built from a {@link MigrationMapping}. */
final class MigrationRecipe {

  private MigrationRecipe() {}

  /** Types first (they win over their packages), then packages, configuration and the pom. */
  static List<Recipe> recipes(MigrationMapping mapping) {
    List<Recipe> list = new ArrayList<>();
    for (MigrationMapping.Rename t : mapping.types()) {
      list.add(new ChangeType(t.from(), t.to(), true));
    }
    // ChangePackage also moves subpackages that no line of their own moved first, so the deepest
    // packages go first: org.apache.pekko.actor.typed.javadsl before org.apache.pekko.actor.typed.
    List<MigrationMapping.Rename> packages = new ArrayList<>(mapping.packages());
    packages.sort(Comparator.comparingInt((MigrationMapping.Rename p) -> p.from().length()).reversed());
    for (MigrationMapping.Rename p : packages) {
      list.add(new ChangePackage(p.from(), p.to(), false));
    }
    list.add(new ChangeConfiguration(mapping.origin().name()));
    String oldGroup = mapping.origin().groupId();
    for (MigrationMapping.Rename a : mapping.artifacts()) {
      // Any Scala suffix: _2.12, _2.13, _3.
      String oldArtifact = a.from() + "_*";
      list.add(new ChangeDependencyGroupIdAndArtifactId(
          oldGroup, oldArtifact, mapping.troupeGroupId(), a.to(), mapping.troupeVersion(), null, true, true));
      list.add(new ChangeManagedDependencyGroupIdAndArtifactId(
          oldGroup, oldArtifact, mapping.troupeGroupId(), a.to(), mapping.troupeVersion()));
    }
    for (String dropped : mapping.droppedArtifacts()) {
      list.add(new RemoveDependency(oldGroup, dropped + "_*", null));
    }
    // pekko-actor and pekko-actor-typed both become troupe-actor.
    list.add(new RemoveDuplicateDependencies());
    return List.copyOf(list);
  }
}
