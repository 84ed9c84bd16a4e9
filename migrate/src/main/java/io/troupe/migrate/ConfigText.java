package io.troupe.migrate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text rewrites behind {@link ChangeConfiguration}: the config namespace of HOCON keys, and
 * fully qualified class names, in a piece of text.
 */
final class ConfigText {

  private final MigrationMapping mapping;
  /** The namespace as a key: at a line start, after {, [ or a comma, or in a ${...} substitution; followed by . { : = or +=. */
  private final Pattern key;
  /** {@link #key} in the source of a Java string literal: also right after the opening quote or an escaped newline or tab. */
  private final Pattern keyInJavaSource;
  /** A line that starts with a namespaced key; tells config held in a Java string from other text. */
  private final Pattern configLine;
  /** A dotted name under the origin's root package, not itself part of a longer dotted name. */
  private final Pattern className;

  ConfigText(MigrationMapping mapping) {
    this.mapping = mapping;
    String ns = Pattern.quote(mapping.origin().namespace());
    this.key = Pattern.compile("(?m)(?<=^|[\\s{\\[,]|\\$\\{|\\$\\{\\?)" + ns + "(?=\\s*(?:[.{:=]|\\+=))");
    this.keyInJavaSource = Pattern.compile("(?m)(?<=^|[\\s{\\[,\"]|\\\\n|\\\\t|\\$\\{|\\$\\{\\?)" + ns + "(?=\\s*(?:[.{:=]|\\+=))");
    this.configLine = Pattern.compile("(?m)^\\s*" + ns + "\\s*[.{]");
    String root = mapping.origin().packagePrefix();
    this.className = Pattern.compile("(?<![\\w.$])" + Pattern.quote(root) + "[\\w$]+(?:\\.[\\w$]+)*");
  }

  /** Rewrites the namespace of every config key and every mapped class name in a HOCON document. */
  String rewriteConfig(String text) {
    return rewriteClassNames(key.matcher(text).replaceAll("troupe"));
  }

  /** {@link #rewriteConfig} for the source of a Java string literal or text block, quotes and escapes included. */
  String rewriteConfigInJavaSource(String source) {
    return rewriteClassNames(keyInJavaSource.matcher(source).replaceAll("troupe"));
  }

  /** Whether {@code text} (the value of a Java string, say) holds config: some line starts with a namespaced key. */
  boolean looksLikeConfig(String text) {
    return configLine.matcher(text).find();
  }

  /** Replaces every mapped origin class name in {@code text}; unmapped names stay as they are. */
  String rewriteClassNames(String text) {
    Matcher m = className.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      Optional<String> mapped = mapping.mapClassName(m.group());
      if (mapped.isEmpty()) continue;
      if (out == null) out = new StringBuilder(text.length());
      out.append(text, last, m.start()).append(mapped.get());
      last = m.end();
    }
    if (out == null) return text;
    return out.append(text, last, text.length()).toString();
  }
}
