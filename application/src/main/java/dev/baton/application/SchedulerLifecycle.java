package dev.baton.application;

import dev.baton.domain.LossReason;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.ClockPort;
import dev.baton.domain.port.JobRunPort;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import dev.baton.domain.port.SchedulerEventsPort;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts and stops the scheduler on this instance. {@link LeadershipAcquisition} asks for the
 * leadership and {@link LeaseWatchdog} proves it every heartbeat; both only report what happened,
 * and this class turns their reports into changes of the {@link SchedulerState} — where the
 * scheduler is in its life and whether it leads — with the jobs started and stopped under the same
 * lock as the lease is taken and given up. Shutdown drains, releases and force-stops, in that
 * order.
 */
public final class SchedulerLifecycle {
  private static final Logger log = LoggerFactory.getLogger(SchedulerLifecycle.class);
  private static final Duration INTERRUPTED_RUNS_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration EXECUTOR_STOP_TIMEOUT = Duration.ofSeconds(5);

  private final SchedulerSettings settings;
  private final LeadershipPort leadership;
  private final JobScheduler jobs;
  private final JobRunPort jobRuns;
  private final SchedulerEventsPort events;
  private final ClockPort clock;
  private final LifecycleExecutors executors;
  private final SchedulerState state;
  private final LeadershipAcquisition acquisition;
  private final LeaseWatchdog watchdog;
  private final StoredRunRequests storedRequests;
  private final CountDownLatch shutdownDone = new CountDownLatch(1);

  public SchedulerLifecycle(
      SchedulerSettings settings,
      LeadershipPort leadership,
      JobScheduler jobs,
      JobRunPort jobRuns,
      SchedulerEventsPort events,
      ClockPort clock,
      LifecycleExecutors executors) {
    this.settings = settings;
    this.leadership = leadership;
    this.jobs = jobs;
    this.jobRuns = jobRuns;
    this.events = events;
    this.clock = clock;
    this.executors = executors;
    this.state = new SchedulerState(settings.instanceId().value(), jobs.hasJobs(), events);
    this.acquisition =
        new LeadershipAcquisition(
            settings,
            leadership,
            events,
            clock,
            executors.acquisition(),
            new LeadershipAcquisition.Listener() {
              @Override
              public boolean granted(LeaderLease lease) {
                return becomeLeader(lease);
              }

              @Override
              public void heldElsewhere() {
                state.waiting(LeadershipState.FOLLOWER, "the lock is held elsewhere");
              }

              @Override
              public void unreachable(RuntimeException cause) {
                state.waiting(LeadershipState.ACQUIRING, "database unreachable");
              }
            });
    this.storedRequests = new StoredRunRequests(jobRuns, jobs, executors.housekeeping());
    this.watchdog =
        new LeaseWatchdog(
            settings.heartbeatInterval(),
            settings.heartbeatTimeout(),
            executors.timer(),
            executors.leaseCheck(),
            this::onLeaseLost);
  }

  public SchedulerRole role() {
    return state.role();
  }

  /** The lease while this instance leads, else empty. */
  public Optional<LeaderLease> currentLease() {
    return state.lease();
  }

  /** The term of the lease held now or last, if any was ever held. */
  public Optional<Long> lastTerm() {
    return state.lastTerm();
  }

  public SchedulerSettings settings() {
    return settings;
  }

  /** False while the last lock attempts failed: the database cannot be asked. */
  public boolean isDatabaseReachable() {
    return acquisition.isDatabaseReachable();
  }

  /** Whether {@link #start} ran and no shutdown has begun. */
  public boolean isRunning() {
    return state.isRunning();
  }

  /**
   * Phase 1: one immediate attempt; if it does not lead, phase 2: one background acquisition loop.
   * Returns without waiting for the leadership. Without any job, it only logs.
   */
  public void start() {
    if (state.role() == SchedulerRole.LEADER) {
      log.warn("Instance {} is already the scheduler leader; start ignored", settings.instanceId());
      return;
    }
    if (!state.start()) {
      log.warn(
          "Scheduler of instance {} already started or stopped; start ignored",
          settings.instanceId());
      return;
    }
    if (!state.hasJobs()) {
      log.info(
          "No job to run (batch job polling is disabled and no other job is registered): instance"
              + " {} does not ask for the leadership",
          settings.instanceId());
      return;
    }
    if (settings.acquireMode() == AcquireMode.POLL) {
      leadership.onCleanRelease(acquisition::wake);
    }
    if (!leadership.supportsElection()) {
      // Expected on SQLite, so not a warning.
      log.info(
          "This database does not support advisory locks: the scheduler starts without leader"
              + " election (one node; a second process on the same file waits as follower)");
    }
    try {
      acquisition.begin();
    } catch (RuntimeException e) {
      log.error("Scheduler startup failed; cleaning up", e);
      shutdown();
      throw e;
    }
  }

  /**
   * Leads with {@code granted}: takes it, marks runs of earlier terms abandoned, starts the jobs
   * and the watchdog. A grant that comes while shutting down goes back at once; a leader whose
   * start fails gives the lease back.
   *
   * @return whether this instance leads with {@code granted}, or gave it up to a loss or shutdown
   *     already; false when it could not lead (the acquisition then backs off and tries again)
   */
  private boolean becomeLeader(LeaderLease granted) {
    if (!state.lead(granted)) {
      releaseQuietly(granted);
      return false;
    }
    events.leadershipAcquired(granted.term());
    try (MDC.MDCCloseable term = MDC.putCloseable(MdcKeys.TERM, String.valueOf(granted.term()))) {
      int abandoned = jobRuns.abandonUnfinishedRunsBefore(granted.term());
      if (abandoned > 0) {
        log.warn("Marked {} unfinished run(s) of earlier terms abandoned", abandoned);
      }
      log.info(
          "Instance {} leads under term {}; jobs start at {}",
          settings.instanceId(),
          granted.term(),
          granted.jobsStartAt());
      ScheduleStart start =
          jobs.prepare(
              new JobScheduler.Leadership(
                  settings.instanceId().value(),
                  granted.term(),
                  granted.jobsStartAt(),
                  () -> onLeaseLost(granted, LossReason.FENCED_OUT, "a newer term exists")));
      // False when a loss or shutdown took the lease meanwhile: they stop and give back what is
      // left.
      state.whileLeading(
          granted,
          () -> {
            jobs.startLeading(start);
            storedRequests.start();
            watchdog.watch(granted);
          });
      return true;
    } catch (RuntimeException e) {
      log.error(
          "Instance {} could not start as leader under term {}; cleaning up",
          settings.instanceId(),
          granted.term(),
          e);
      if (state.leave(granted, LeadershipState.ACQUIRING, "leader startup failed", this::stopNow)) {
        releaseQuietly(granted);
      }
      return false;
    }
  }

  /** The lease is gone or in doubt: the jobs stop first, then the leadership is sought again. */
  private void onLeaseLost(LeaderLease lost, LossReason reason, String detail) {
    try (MDC.MDCCloseable term = MDC.putCloseable(MdcKeys.TERM, String.valueOf(lost.term()))) {
      leaveLostLease(lost, reason, detail);
    }
  }

  private void leaveLostLease(LeaderLease lost, LossReason reason, String detail) {
    boolean wasLeading =
        state.leave(
            lost,
            LeadershipState.ACQUIRING,
            "lost: " + reason.wireName(),
            () -> {
              stopNow();
              events.leadershipLost(lost.term(), reason);
            });
    if (!wasLeading) {
      return;
    }
    log.warn(
        "Instance {} lost the leadership of term {} ({}: {}); jobs stopped",
        settings.instanceId(),
        lost.term(),
        reason.wireName(),
        detail);
    try {
      if (reason == LossReason.FENCED_OUT) {
        lost.abandonFencedOut();
      } else {
        lost.abandon();
      }
    } catch (RuntimeException e) {
      log.warn("Dropping the lost lease of term {} failed", lost.term(), e);
    }
    acquisition.startLoop(Duration.ZERO);
  }

  // Under the state's lock, with the lease just given up.
  private void stopNow() {
    stopScheduling();
    jobs.stopNow();
  }

  // Under the state's lock: no new run starts; runs in flight go on.
  private void stopScheduling() {
    watchdog.stop();
    storedRequests.stop();
    jobs.stopScheduling();
  }

  /**
   * Gives the leadership up cleanly: no new runs, runs in flight drained (interrupted after the
   * drain timeout), lease released; this instance then does not take the leadership back for the
   * step-down cool-down, so that another instance can.
   *
   * @throws NotLeaderException when this instance does not lead
   */
  public void stepDown() throws InterruptedException {
    Optional<LeaderLease> lease = state.lease();
    boolean steppedDown =
        lease.isPresent()
            && state.leave(
                lease.get(),
                LeadershipState.FOLLOWER,
                "stepped down",
                () -> {
                  stopScheduling();
                  acquisition.holdOffUntil(clock.now().plus(settings.stepDownCooldown()));
                });
    if (!steppedDown) {
      throw new NotLeaderException(
          "instance " + settings.instanceId() + " does not lead", leaderInstanceId().orElse(null));
    }
    LeaderLease held = lease.get();
    log.info(
        "Instance {} steps down from term {}; it will not lead again for {}",
        settings.instanceId(),
        held.term(),
        settings.stepDownCooldown());
    drainAndRelease(held, LeaderLease::stepDown);
    acquisition.startLoop(Duration.ZERO);
  }

  /** Who leads: this instance while it does, else the stored holder; empty when unknown. */
  public Optional<String> leaderInstanceId() {
    if (state.lease().isPresent()) {
      return Optional.of(settings.instanceId().value());
    }
    try {
      return leadership.leaderInstanceId();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Stops the scheduler: the background acquisition ends; as leader the jobs drain and the lease is
   * released, as follower that is logged; whatever still runs is then force-stopped. Idempotent and
   * safe before {@link #start}; a concurrent caller waits for the first one to finish.
   */
  public void shutdown() {
    SchedulerState.Stop stop = state.beginShutdown(this::stopScheduling);
    if (!stop.begun()) {
      awaitShutdownDone();
      return;
    }
    log.info(
        "Scheduler shutdown of instance {} begins (term {})",
        settings.instanceId(),
        lastTerm().map(String::valueOf).orElse("none"));
    try {
      acquisition.stop();
      if (stop.lease() != null) {
        log.info("Leader shutdown: stopping jobs of term {}", stop.lease().term());
        drainAndRelease(stop.lease(), LeaderLease::release);
      } else {
        log.info("Follower shutdown: instance {} holds no leadership", settings.instanceId());
      }
      if (jobs.isBusy()) {
        log.warn("Forced shutdown: runs still in flight are interrupted");
        jobs.stopNow();
      }
      if (!executors.shutdownNow(EXECUTOR_STOP_TIMEOUT)) {
        log.warn("Some scheduler threads did not stop within {}", EXECUTOR_STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.warn("Scheduler shutdown interrupted; stopping what is left at once");
      jobs.stopNow();
    } finally {
      state.stopped();
      shutdownDone.countDown();
    }
  }

  private void awaitShutdownDone() {
    boolean interrupted = false;
    while (true) {
      try {
        shutdownDone.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Drains the runs, then gives {@code held} up cleanly with {@code release}. */
  private void drainAndRelease(LeaderLease held, Consumer<LeaderLease> release)
      throws InterruptedException {
    try (MDC.MDCCloseable term = MDC.putCloseable(MdcKeys.TERM, String.valueOf(held.term()))) {
      drainAndReleaseUnder(held, release);
    }
  }

  private void drainAndReleaseUnder(LeaderLease held, Consumer<LeaderLease> release)
      throws InterruptedException {
    try {
      jobs.stopAndDrain(settings.drainTimeout(), INTERRUPTED_RUNS_TIMEOUT);
    } finally {
      try {
        release.accept(held);
        log.info("Released the leadership of term {} cleanly", held.term());
      } catch (RuntimeException e) {
        log.warn(
            "Releasing the leadership of term {} failed; the database drops the lock with the"
                + " session",
            held.term(),
            e);
      }
    }
  }

  private void releaseQuietly(LeaderLease lease) {
    try {
      lease.release();
    } catch (RuntimeException e) {
      log.warn("Releasing an unused lease of term {} failed", lease.term(), e);
    }
  }
}
