package dev.baton.bootstrap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to say which metrics and labels an expression reads, so the alert rules and
 * the Grafana dashboard can be checked against what Baton exports. Strict: a character it does not
 * know is an error, not something skipped.
 */
public final class PromQl {
  private PromQl() {}

  /** The metric names an expression selects and the label names it matches or groups by. */
  public record Names(Set<String> metrics, Set<String> labels) {}

  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)"
              + "|(?<range>\\[[^\\]]*\\])"
              + "|(?<number>[0-9][0-9a-zA-Z_.]*)"
              + "|(?<identifier>[a-zA-Z_:][a-zA-Z0-9_:]*)"
              + "|(?<operator>=~|!~|!=|==|>=|<=|[-+*/%^=<>{}(),])"
              + "|(?<space>\\s+)");

  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN");
  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile");
  private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

  /** Grafana's template query {@code label_values(selector, label)}. */
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");

  public static Names names(String expression) {
    List<String> tokens = tokens(expression);
    Set<String> metrics = new TreeSet<>();
    Set<String> labels = new TreeSet<>();
    boolean inMatchers = false;
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
      if (token.equals("{")) {
        inMatchers = true;
      } else if (token.equals("}")) {
        inMatchers = false;
      } else if (!isIdentifier(token)) {
        continue;
      } else if (inMatchers) {
        if (MATCH_OPERATORS.contains(next)) {
          labels.add(token);
        }
      } else if (LABEL_LISTS.contains(token)) {
        if (!next.equals("(")) {
          throw new IllegalArgumentException("'" + token + "' without a label list: " + expression);
        }
        for (i += 2; i < tokens.size() && !tokens.get(i).equals(")"); i++) {
          if (isIdentifier(tokens.get(i))) {
            labels.add(tokens.get(i));
          }
        }
      } else if (!KEYWORDS.contains(token) && !AGGREGATIONS.contains(token) && !next.equals("(")) {
        metrics.add(token);
      }
    }
    return new Names(metrics, labels);
  }

  /** A Grafana template query: {@code label_values(...)} or a plain expression. */
  public static Names templateQueryNames(String query) {
    Matcher labelValues = LABEL_VALUES.matcher(query);
    if (!labelValues.matches()) {
      return names(query);
    }
    Names selector = names(labelValues.group(1));
    Set<String> labels = new TreeSet<>(selector.labels());
    labels.add(labelValues.group(2));
    return new Names(selector.metrics(), labels);
  }

  private static boolean isIdentifier(String token) {
    return Character.isLetter(token.charAt(0)) || token.charAt(0) == '_' || token.charAt(0) == ':';
  }

  private static List<String> tokens(String expression) {
    List<String> tokens = new ArrayList<>();
    Matcher matcher = TOKEN.matcher(expression);
    int at = 0;
    while (at < expression.length()) {
      if (!matcher.region(at, expression.length()).lookingAt()) {
        throw new IllegalArgumentException(
            "cannot read '" + expression.substring(at) + "' in: " + expression);
      }
      if (matcher.group("space") == null) {
        tokens.add(matcher.group());
      }
      at = matcher.end();
    }
    return tokens;
  }
}
