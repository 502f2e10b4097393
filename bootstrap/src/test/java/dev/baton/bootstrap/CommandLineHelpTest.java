package dev.baton.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command answers -h and --help, and the help says what a newcomer needs. */
class CommandLineHelpTest {

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        BatonCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "migrate", "status", "poll-once", "demo"})
  void everyCommandAnswersHelpAndDashH(String command) {
    for (String[] args :
        new String[][] {
          {command, "--help"}, {command, "-h"}, {"help", command},
        }) {
      Run run = run(args);

      assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(run.out()).as(String.join(" ", args)).contains("Usage: baton " + command);
      assertThat(run.err()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "help"})
  void theTopLevelHelpNamesTheDefaultTheConfigurationAndEveryExitCode(String arg) {
    Run run = run(arg);

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Without a command Baton serves")
        .contains("serve", "migrate", "status", "poll-once", "demo", "help")
        .contains("BATON_CONFIG_FILE", "docs/configuration.md", "_FILE")
        .contains("Exit codes:");
    for (int code = 0; code <= 5; code++) {
      assertThat(run.out()).containsPattern("(?m)^\\s+" + code + "\\s+\\S");
    }
    assertThat(run.out()).containsPattern("(?m)^\\s+5\\s+poll-once: another instance leads");
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "migrate", "poll-once"})
  void theOneShotCommandsListTheirOwnExitCodes(String command) {
    assertThat(run(command, "--help").out())
        .contains("Exit codes:", "the database cannot be reached", "Configuration:");
  }

  @org.junit.jupiter.api.Test
  void anUnknownOptionIsAUsageErrorOfExitCodeTwo() {
    Run run = run("status", "--jsonn");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Unknown option: '--jsonn'");
  }
}
