package dev.baton.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.InstanceId;
import dev.baton.domain.LossReason;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.port.LeaderLease;
import dev.baton.testsupport.fakes.InMemoryJobRuns;
import dev.baton.testsupport.fakes.InMemoryLeadership;
import dev.baton.testsupport.fakes.ManualScheduledExecutor;
import dev.baton.testsupport.fakes.RecordingSchedulerEvents;
import dev.baton.testsupport.fakes.SettableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The lifecycle against random sequences of what can happen to it — start, shutdown, grants, the
 * lock taken by another instance, losses of every kind, a newer term, an unreachable database,
 * step-downs, heartbeats that answer or hang — over the fakes. After every step: jobs are scheduled
 * exactly while leading and run only under the lease this instance holds, nothing leads once
 * shutdown began, every role change is one the design allows, and a shutdown ends in {@code
 * STOPPED} with every lease given back.
 */
class SchedulerLifecycleModelTest {

  /** The role changes the design allows (step-down adds {@code LEADER → FOLLOWER}). */
  private static final Map<SchedulerRole, Set<SchedulerRole>> ALLOWED =
      new EnumMap<>(SchedulerRole.class);

  static {
    ALLOWED.put(
        SchedulerRole.STOPPED,
        EnumSet.of(SchedulerRole.DISABLED, SchedulerRole.ACQUIRING, SchedulerRole.STOPPING));
    ALLOWED.put(SchedulerRole.DISABLED, EnumSet.of(SchedulerRole.STOPPING));
    ALLOWED.put(
        SchedulerRole.ACQUIRING,
        EnumSet.of(SchedulerRole.FOLLOWER, SchedulerRole.LEADER, SchedulerRole.STOPPING));
    ALLOWED.put(
        SchedulerRole.FOLLOWER,
        EnumSet.of(SchedulerRole.ACQUIRING, SchedulerRole.LEADER, SchedulerRole.STOPPING));
    ALLOWED.put(
        SchedulerRole.LEADER,
        EnumSet.of(SchedulerRole.ACQUIRING, SchedulerRole.FOLLOWER, SchedulerRole.STOPPING));
    ALLOWED.put(SchedulerRole.STOPPING, EnumSet.of(SchedulerRole.STOPPED));
  }

  enum Action {
    START,
    SHUTDOWN,
    TICK,
    HEARTBEAT_HANGS,
    OTHER_TAKES_THE_LOCK,
    OTHER_LETS_GO,
    OTHER_RELEASES_CLEANLY,
    SESSION_LOST,
    LOCK_NOT_HELD,
    NEWER_TERM,
    DATABASE_DOWN,
    STEP_DOWN
  }

  @Provide
  Arbitrary<List<Action>> histories() {
    return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<AcquireMode> modes() {
    return Arbitraries.of(AcquireMode.class);
  }

  @Property(tries = 300)
  void everyHistoryKeepsTheInvariants(
      @ForAll("histories") List<Action> history, @ForAll("modes") AcquireMode mode)
      throws Exception {
    Model model = new Model(mode);
    for (Action action : history) {
      model.apply(action);
      model.checkInvariants(action);
    }
    model.apply(Action.SHUTDOWN);
    model.checkInvariants(Action.SHUTDOWN);
  }

  /** One instance and its world, all driven on the test's thread. */
  private static final class Model {
    final SettableClock clock = SettableClock.atEpochDay();
    final ManualScheduledExecutor executor = new ManualScheduledExecutor(clock);
    final ManualScheduledExecutor leaseChecks = new ManualScheduledExecutor(clock);
    final InMemoryLeadership.LockTable lockTable = new InMemoryLeadership.LockTable();
    final InMemoryLeadership leadership = new InMemoryLeadership("self", lockTable, clock);
    final InMemoryJobRuns runs = new InMemoryJobRuns(clock, lockTable::term);
    final RecordingSchedulerEvents events = new RecordingSchedulerEvents();
    final List<String> violations = new ArrayList<>();
    final SchedulerLifecycle lifecycle;
    final JobScheduler jobs;
    boolean shutdownBegan;

    Model(AcquireMode mode) {
      JobTask task =
          run -> {
            Optional<Long> held = lifecycleLease().map(LeaderLease::term);
            if (!held.equals(Optional.of(run.term()))) {
              violations.add("run of term " + run.term() + " while the lease is " + held);
            }
            if (shutdownBegan) {
              violations.add("run of term " + run.term() + " after shutdown began");
            }
          };
      jobs =
          ManualJobSchedulerTest.onOneExecutor(
              new JobDefinition("job", Duration.ofSeconds(2), Duration.ZERO, task),
              runs,
              events,
              clock,
              executor);
      SchedulerSettings settings =
          SchedulerSettings.defaults(new InstanceId("self")).withAcquireMode(mode);
      lifecycle =
          new SchedulerLifecycle(
              settings,
              leadership,
              jobs,
              runs,
              events,
              clock,
              new LifecycleExecutors(executor, executor, leaseChecks, executor, executor));
    }

    private Optional<LeaderLease> lifecycleLease() {
      return lifecycle == null ? Optional.empty() : lifecycle.currentLease();
    }

    void apply(Action action) throws InterruptedException {
      InMemoryLeadership.Lease last = leadership.lastLease();
      switch (action) {
        case START -> lifecycle.start();
        case SHUTDOWN -> {
          shutdownBegan = true;
          lifecycle.shutdown();
        }
        case TICK -> advance(Duration.ofMillis(700), true);
        case HEARTBEAT_HANGS -> advance(Duration.ofSeconds(4), false);
        case OTHER_TAKES_THE_LOCK -> {
          if (lockTable.holder() == null) {
            lockTable.takenBy("other", clock.now());
          }
        }
        case OTHER_LETS_GO -> {
          if ("other".equals(lockTable.holder())) {
            lockTable.vacate();
          }
        }
        case OTHER_RELEASES_CLEANLY -> {
          if ("other".equals(lockTable.holder())) {
            lockTable.releaseCleanly(clock.now());
          }
        }
        case SESSION_LOST -> loseLast(last, LossReason.SESSION_LOST);
        case LOCK_NOT_HELD -> loseLast(last, LossReason.LOCK_NOT_HELD);
        case NEWER_TERM -> lockTable.advanceTerm();
        case DATABASE_DOWN -> leadership.failNextAttempts(3);
        case STEP_DOWN -> {
          try {
            lifecycle.stepDown();
          } catch (NotLeaderException expected) {
            // only a leader steps down
          }
        }
      }
    }

    private void loseLast(InMemoryLeadership.Lease last, LossReason reason) {
      if (last != null && "self".equals(lockTable.holder())) {
        last.lose(reason, "lost in the model");
      }
    }

    /** Moves time a tick at a time; lease checks answer only when {@code checksAnswer}. */
    private void advance(Duration duration, boolean checksAnswer) {
      long ticks = duration.toMillis() / 100;
      for (long i = 0; i < ticks; i++) {
        executor.advanceBy(Duration.ofMillis(100));
        if (checksAnswer) {
          leaseChecks.runDueTasks();
          executor.runDueTasks();
        }
      }
    }

    void checkInvariants(Action after) {
      assertThat(violations).as("after %s", after).isEmpty();
      SchedulerRole role = lifecycle.role();
      assertThat(lifecycle.currentLease().isPresent())
          .as("a lease exactly while LEADER, after %s (role %s)", after, role)
          .isEqualTo(role == SchedulerRole.LEADER);
      assertThat(jobs.isScheduling())
          .as("jobs scheduled exactly while LEADER, after %s (role %s)", after, role)
          .isEqualTo(role == SchedulerRole.LEADER);
      if (shutdownBegan) {
        assertThat(role).as("after shutdown").isEqualTo(SchedulerRole.STOPPED);
        assertThat(lockTable.holder()).as("the lock after shutdown").isNotEqualTo("self");
        for (InMemoryLeadership.Lease lease : leadership.leases()) {
          assertThat(lease.releases() + lease.abandons())
              .as("lease of term %s given back", lease.term())
              .isPositive();
        }
      }
      List<String> changes =
          events.events().stream().filter(event -> event.startsWith("role ")).toList();
      SchedulerRole previous = SchedulerRole.STOPPED;
      for (String change : changes) {
        Tuple.Tuple2<SchedulerRole, SchedulerRole> fromTo = parse(change);
        assertThat(fromTo.get1()).as("changes chain up: %s", changes).isEqualTo(previous);
        assertThat(ALLOWED.get(fromTo.get1()))
            .as("allowed role change %s in %s", change, changes)
            .contains(fromTo.get2());
        previous = fromTo.get2();
      }
      assertThat(previous).as("the last change is the role now").isEqualTo(role);
    }

    private static Tuple.Tuple2<SchedulerRole, SchedulerRole> parse(String change) {
      String[] parts = change.substring("role ".length()).split(" -> ");
      return Tuple.of(SchedulerRole.valueOf(parts[0]), SchedulerRole.valueOf(parts[1]));
    }
  }
}
