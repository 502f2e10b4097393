package dev.baton.adapters.http;

import dev.baton.application.UnknownJobException;
import dev.baton.application.port.in.RunJobUseCase;
import dev.baton.domain.JobRun;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers as a test tells it to, and remembers which jobs it was asked to run. */
final class FakeRunJobUseCase implements RunJobUseCase {

  /**
   * What one call does: return the finished run, null for a request stored for the leader (a
   * follower), or throw as the port may.
   */
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
  public RunNow runNow(String jobName) throws InterruptedException {
    asked.add(jobName);
    JobRun run = answer.run(jobName);
    return new RunNow(run, run == null ? FOLLOWED_LEADER : run.instanceId());
  }

  /** The leader a follower names when an answer returns no run (the request was stored). */
  static final String FOLLOWED_LEADER = "baton-leader00000";
}
