package dev.baton.application;

import dev.baton.domain.ScheduledJob;
import dev.baton.domain.port.JobRunPort;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last slot of each job as any earlier leader stored it, read when this instance starts to
 * lead, so that a handoff continues the cadence instead of running everything again. A stored job
 * this instance does not run (old and new code side by side in a rolling deploy) is warned about
 * once and left alone.
 */
final class StoredCadence {
  private static final Logger log = LoggerFactory.getLogger(StoredCadence.class);

  private final JobRunPort runs;
  private final Set<String> knownJobs;
  private final Set<String> warned = new HashSet<>();

  StoredCadence(JobRunPort runs, Set<String> knownJobs) {
    this.runs = runs;
    this.knownJobs = Set.copyOf(knownJobs);
  }

  /** Each job's last slot, by name; empty when unreadable (each job then runs at its next slot). */
  synchronized Map<String, Instant> lastSlots() {
    Map<String, Instant> lastSlots = new HashMap<>();
    try {
      for (ScheduledJob job : runs.scheduledJobs()) {
        if (job.lastSlotAt() != null) {
          lastSlots.put(job.jobName(), job.lastSlotAt());
        }
        if (!knownJobs.contains(job.jobName()) && warned.add(job.jobName())) {
          log.warn(
              "The database knows a job '{}' that this instance does not run (another version of"
                  + " the code?); it is left alone",
              job.jobName());
        }
      }
    } catch (RuntimeException e) {
      log.warn(
          "Could not read the jobs' stored cadence ({}); each runs at its next slot",
          e.getMessage());
    }
    return lastSlots;
  }
}
