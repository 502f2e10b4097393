package dev.baton.simulator;

/** The text of a simulated model answer. */
final class SimulatedAnswers {
  private SimulatedAnswers() {}

  static String text(int index, int length) {
    String answer = "Simulated answer to " + SimulatedBatch.customId(index) + ".";
    if (answer.length() >= length) {
      return answer;
    }
    StringBuilder padded = new StringBuilder(length).append(answer);
    while (padded.length() < length) {
      padded.append(" lorem ipsum");
    }
    return padded.substring(0, length);
  }
}
