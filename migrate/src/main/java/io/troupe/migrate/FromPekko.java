package io.troupe.migrate;

import java.util.List;
import org.openrewrite.Recipe;

/**
 * The recipe that moves a Pekko Java project onto Troupe: types and packages, config keys, class
 * names in config, and Maven dependencies, by {@link MigrationMapping#pekko()}.
 */
public final class FromPekko extends Recipe {

  private static final List<Recipe> RECIPES = MigrationRecipe.recipes(MigrationMapping.pekko());

  /** Creates the recipe. */
  public FromPekko() {}

  @Override
  public String getDisplayName() {
    return "Migrate from Apache Pekko to Troupe";
  }

  @Override
  public String getDescription() {
    return "Changes Pekko's typed-actor, stream and test-kit types to Troupe's, `pekko.` config keys to `troupe.`, "
        + "and `org.apache.pekko:pekko-*` Maven dependencies to `io.troupe:troupe-*`.";
  }

  @Override
  public List<Recipe> getRecipeList() {
    return RECIPES;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FromPekko;
  }

  @Override
  public int hashCode() {
    return FromPekko.class.hashCode();
  }
}
