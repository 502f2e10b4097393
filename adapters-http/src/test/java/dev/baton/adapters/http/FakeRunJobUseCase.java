package dev.baton.adapters.http;

import dev.baton.application.UnknownJobException;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.domain.JobRun;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers as a test tells it to, and remembers which jobs it was asked to run. */
final class FakeRunJobUseCase implements RunJobUseCase {

  /** What one call does: return the finished run or throw as the port may. */
  interface Answer {
    JobRun run(String jobName) throws InterruptedException;
  }

  private final List<String> asked = new CopyOnWriteArrayList<>();
  private volatile Answer answer =
      jobName -> {
        throw new UnknownJobException(jobName);
      };

  void answer(Answer answer) {
    this.answer = answer;
  }

  /** The job names of every call so far, in order. */
  List<String> asked() {
    return List.copyOf(asked);
  }

  @Override
  public JobRun runNow(String jobName) throws InterruptedException {
    asked.add(jobName);
    return answer.run(jobName);
  }
}
