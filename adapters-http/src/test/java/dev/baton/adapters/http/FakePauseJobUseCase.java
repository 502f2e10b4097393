package dev.baton.adapters.http;

import dev.baton.application.UnknownJobException;
import dev.baton.application.port.in.JobDetails;
import dev.baton.application.port.in.PauseJobUseCase;
import dev.baton.application.schedule.JobSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Knows the jobs a test names, keeps their pause flags, and remembers each call. */
final class FakePauseJobUseCase implements PauseJobUseCase {
  private final Map<String, Boolean> paused = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  void knows(String jobName) {
    paused.put(jobName, false);
  }

  /** Each call as {@code pause name} or {@code resume name}, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public JobDetails setPaused(String jobName, boolean pause) {
    calls.add((pause ? "pause " : "resume ") + jobName);
    if (!paused.containsKey(jobName)) {
      throw new UnknownJobException(jobName);
    }
    paused.put(jobName, pause);
    return new JobDetails(
        jobName, JobSchedule.every(Duration.ofMinutes(5)), pause, null, null, List.of());
  }
}
