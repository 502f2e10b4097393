package dev.baton.bootstrap.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The commands a Markdown page shows, in page order: every line of its {@code sh} blocks (lines
 * ending in a backslash joined, {@code a && b} split in two), and every inline code span that
 * starts with a program a reader would type ({@code java}, {@code curl}, {@code psql}, ...), after
 * any {@code NAME=value} assignments. Also the page's {@code sql} blocks.
 */
final class DocumentedCommands {
  private static final Set<String> PROGRAMS =
      Set.of("java", "curl", "psql", "createuser", "createdb", "mvn", "openssl", "export");
  private static final Pattern ASSIGNMENTS =
      Pattern.compile("^(?:[A-Z_][A-Z0-9_]*=(?:'[^']*'|\"[^\"]*\"|\\S*)\\s+)*");
  private static final Pattern INLINE = Pattern.compile("`([^`\\n]+)`");

  private DocumentedCommands() {}

  /** A command as the page writes it, and where. */
  record Command(Path page, int line, String text) {
    String where() {
      return page.getFileName() + ":" + line;
    }
  }

  /** A {@code sql} block, and where it starts. */
  record SqlBlock(Path page, int line, String sql) {}

  record Page(List<Command> commands, List<SqlBlock> sql) {}

  static Page read(Path page) {
    List<String> lines;
    try {
      lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Command> commands = new ArrayList<>();
    List<SqlBlock> sql = new ArrayList<>();
    String fence = null;
    StringBuilder block = new StringBuilder();
    int blockLine = 0;
    StringBuilder pending = new StringBuilder();
    int pendingLine = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        if (fence == null) {
          fence = line.substring(3).strip();
          block.setLength(0);
          blockLine = i + 2;
        } else {
          if (fence.equals("sql")) {
            sql.add(new SqlBlock(page, blockLine, block.toString()));
          }
          fence = null;
        }
        continue;
      }
      if (fence == null) {
        Matcher inline = INLINE.matcher(line);
        while (inline.find()) {
          String text = inline.group(1).strip();
          if (isCommand(text)) {
            split(page, i + 1, text, commands);
          }
        }
      } else if (fence.equals("sh")) {
        if (pending.length() == 0) {
          pendingLine = i + 1;
        }
        if (line.endsWith("\\")) {
          pending.append(line, 0, line.length() - 1).append(' ');
          continue;
        }
        pending.append(line);
        String text = pending.toString().strip().replaceAll("\\s+", " ");
        pending.setLength(0);
        if (!text.isEmpty() && !text.startsWith("#")) {
          split(page, pendingLine, text, commands);
        }
      } else {
        block.append(line).append('\n');
      }
    }
    return new Page(commands, sql);
  }

  private static void split(Path page, int line, String text, List<Command> into) {
    for (String part : text.split(" && ")) {
      into.add(new Command(page, line, part.strip()));
    }
  }

  static boolean isCommand(String text) {
    String rest = ASSIGNMENTS.matcher(text).replaceFirst("");
    String program = rest.split("\\s+", 2)[0];
    return PROGRAMS.contains(program) && rest.contains(" ");
  }
}
