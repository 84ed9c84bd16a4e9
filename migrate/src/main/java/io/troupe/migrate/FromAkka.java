package io.troupe.migrate;

import java.util.List;
import org.openrewrite.Recipe;

/**
 * The recipe that moves an Akka 2.6 Java project onto Troupe: types and packages, config keys, class
 * names in config, and Maven dependencies, by {@link MigrationMapping#akka()}.
 */
public final class FromAkka extends Recipe {

  private static final List<Recipe> RECIPES = MigrationRecipe.recipes(MigrationMapping.akka());

  /** Creates the recipe. */
  public FromAkka() {}

  @Override
  public String getDisplayName() {
    return "Migrate from Akka 2.6 to Troupe";
  }

  @Override
  public String getDescription() {
    return "Changes Akka's typed-actor, stream and test-kit types to Troupe's, `akka.` config keys to `troupe.`, "
        + "and `com.typesafe.akka:akka-*` Maven dependencies to `io.troupe:troupe-*`.";
  }

  @Override
  public List<Recipe> getRecipeList() {
    return RECIPES;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FromAkka;
  }

  @Override
  public int hashCode() {
    return FromAkka.class.hashCode();
  }
}
