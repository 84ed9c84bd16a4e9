package io.troupe.migrate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.openrewrite.ExecutionContext;
import org.openrewrite.Option;
import org.openrewrite.Recipe;
import org.openrewrite.Tree;
import org.openrewrite.TreeVisitor;
import org.openrewrite.java.JavaIsoVisitor;
import org.openrewrite.java.tree.J;
import org.openrewrite.java.tree.JavaType;
import org.openrewrite.text.PlainText;
import org.openrewrite.xml.XmlIsoVisitor;
import org.openrewrite.xml.tree.Xml;

/**
 * A recipe that moves configuration from the Pekko (or Akka) namespace to Troupe's: keys in
 * {@code .conf} files and in Java strings that hold config ({@code pekko.loglevel = DEBUG} becomes
 * {@code troupe.loglevel = DEBUG}), and mapped class names in those files, in such strings and in
 * XML files (a logback {@code CapturingAppender}, say).
 *
 * <p>{@code .conf} files reach a recipe only as plain text: run the Maven plugin with {@code
 * -Drewrite.plainTextMasks=**}{@code /*.conf} (see the module's README).
 */
public final class ChangeConfiguration extends Recipe {

  @Option(displayName = "From", description = "What the project migrates from.", valid = {"pekko", "akka"}, example = "pekko")
  private final String from;

  private final transient MigrationMapping mapping;

  /**
   * Creates the recipe.
   *
   * @throws IllegalArgumentException if {@code from} is neither {@code "pekko"} nor {@code "akka"}
   */
  @JsonCreator
  public ChangeConfiguration(@JsonProperty("from") String from) {
    this.mapping = MigrationMapping.of(MigrationMapping.Origin.of(from));
    this.from = mapping.origin().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What the project migrates from: {@code "pekko"} or {@code "akka"}. */
  public String getFrom() {
    return from;
  }

  @Override
  public String getDisplayName() {
    return "Move " + mapping.origin().namespace() + " configuration to Troupe";
  }

  @Override
  public String getDescription() {
    String ns = mapping.origin().namespace();
    return "Renames `" + ns + ".` config keys to `troupe.` in `.conf` files and in Java strings that hold config, "
        + "and maps class names in those and in XML files.";
  }

  @Override
  public TreeVisitor<?, ExecutionContext> getVisitor() {
    ConfigText config = new ConfigText(mapping);
    JavaIsoVisitor<ExecutionContext> java = new JavaIsoVisitor<>() {
      @Override
      public J.Literal visitLiteral(J.Literal literal, ExecutionContext ctx) {
        J.Literal l = super.visitLiteral(literal, ctx);
        if (l.getType() != JavaType.Primitive.String || !(l.getValue() instanceof String value) || l.getValueSource() == null) {
          return l;
        }
        String source = l.getValueSource();
        String newValue;
        String newSource;
        if (config.looksLikeConfig(value)) {
          newValue = config.rewriteConfig(value);
          newSource = config.rewriteConfigInJavaSource(source);
        } else {
          newValue = config.rewriteClassNames(value);
          newSource = config.rewriteClassNames(source);
        }
        if (newValue.equals(value)) return l;
        return l.withValue(newValue).withValueSource(newSource);
      }
    };
    XmlIsoVisitor<ExecutionContext> xml = new XmlIsoVisitor<>() {
      @Override
      public Xml.Attribute visitAttribute(Xml.Attribute attribute, ExecutionContext ctx) {
        Xml.Attribute a = super.visitAttribute(attribute, ctx);
        String v = a.getValueAsString();
        String nv = config.rewriteClassNames(v);
        return nv.equals(v) ? a : a.withValue(a.getValue().withValue(nv));
      }

      @Override
      public Xml.CharData visitCharData(Xml.CharData charData, ExecutionContext ctx) {
        Xml.CharData c = super.visitCharData(charData, ctx);
        String t = c.getText();
        String nt = config.rewriteClassNames(t);
        return nt.equals(t) ? c : c.withText(nt);
      }
    };
    return new TreeVisitor<Tree, ExecutionContext>() {
      @Override
      public Tree visit(Tree tree, ExecutionContext ctx) {
        if (tree instanceof PlainText text && text.getSourcePath().toString().endsWith(".conf")) {
          String rewritten = config.rewriteConfig(text.getText());
          return rewritten.equals(text.getText()) ? text : text.withText(rewritten);
        }
        if (tree instanceof J.CompilationUnit) return java.visit(tree, ctx);
        if (tree instanceof Xml.Document) return xml.visit(tree, ctx);
        return tree;
      }
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ChangeConfiguration other && from.equals(other.from);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ChangeConfiguration.class, from);
  }
}
