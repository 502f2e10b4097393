package dev.baton.testsupport.fakes;

import dev.baton.domain.LeadershipRecord;
import dev.baton.domain.LeadershipUnavailableException;
import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import dev.baton.domain.port.LeaderLease;
import dev.baton.domain.port.LeadershipPort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leadership backend in memory: one lock shared by every instance built on the same {@link
 * LockTable}. A waiting {@link #awaitAcquire} that finds the lock held moves the clock by the wait,
 * as the real wait would have taken that long.
 */
public final class InMemoryLeadership implements LeadershipPort {

  /** The lock and the stored leadership record, shared by the contending instances. */
  public static final class LockTable {
    private long term;
    private String holder;
    private long holderTerm; // the term the holder was granted the lock under
    private String waiting; // takes the lock the moment it is free, as a follower in wait mode
    private LeadershipRecord record;
    private final List<Runnable> releaseListeners = new ArrayList<>();

    synchronized void addReleaseListener(Runnable listener) {
      releaseListeners.add(listener);
    }

    /** The other process releases cleanly, notifying the listening followers. */
    public void releaseCleanly(Instant at) {
      List<Runnable> listeners;
      synchronized (this) {
        if (holder == null) {
          return;
        }
        record = new LeadershipRecord(term, holder, 0, record.acquiredAt(), at, true);
        holder = null;
        listeners = List.copyOf(releaseListeners);
      }
      listeners.forEach(Runnable::run);
    }

    /** The current term: what a fenced write compares against. */
    public synchronized long term() {
      return term;
    }

    public synchronized String holder() {
      return holder;
    }

    /** Another process takes the lock (and a new term), as if it had won the election. */
    public synchronized void takenBy(String otherInstance, Instant at) {
      holder = otherInstance;
      term++;
      holderTerm = term;
      record = new LeadershipRecord(term, otherInstance, 0, at, null, false);
    }

    /**
     * A newer term is stored while the holder still believes it holds the lock: the case fencing
     * exists for.
     */
    public synchronized void advanceTerm() {
      term++;
    }

    /** Another process blocks on the lock and takes it (a new term) the moment it is free. */
    public synchronized void waitingFor(String otherInstance) {
      waiting = otherInstance;
    }

    /** The other process lets go of the lock without a clean release. */
    public synchronized void vacate() {
      holder = null;
    }

    synchronized Optional<Long> grant(String instance, Instant at) {
      if (holder != null) {
        return Optional.empty();
      }
      holder = instance;
      term++;
      holderTerm = term;
      record = new LeadershipRecord(term, instance, 0, at, null, false);
      return Optional.of(term);
    }

    // A lease frees the lock it was granted, even when a newer term was stored meanwhile (as a
    // closed session drops its lock); the record keeps the newest term.
    synchronized void free(String instance, long leaseTerm, Instant at, boolean cleanly) {
      if (Objects.equals(holder, instance) && holderTerm == leaseTerm) {
        holder = null;
        if (term == leaseTerm) {
          record = new LeadershipRecord(term, instance, 0, record.acquiredAt(), at, cleanly);
        }
        if (waiting != null) {
          takenBy(waiting, at);
          waiting = null;
        }
      }
    }

    // A newer stored term alone does not take the lock away: that is what fencing is for.
    synchronized boolean holds(String instance) {
      return Objects.equals(holder, instance);
    }

    synchronized Optional<LeadershipRecord> record() {
      return Optional.ofNullable(record);
    }
  }

  private final String instanceId;
  private final LockTable table;
  private final SettableClock clock;
  private final List<Lease> leases = new ArrayList<>();
  private final AtomicInteger failuresToThrow = new AtomicInteger();
  private volatile boolean supportsElection = true;
  private volatile Duration takeoverGrace = Duration.ZERO;
  private volatile RuntimeException releaseFailure;
  private volatile Runnable onRelease = () -> {};

  public InMemoryLeadership(String instanceId, LockTable table, SettableClock clock) {
    this.instanceId = instanceId;
    this.table = table;
    this.clock = clock;
  }

  /** The next {@code count} acquire attempts throw, as an unreachable database would. */
  public void failNextAttempts(int count) {
    failuresToThrow.set(count);
  }

  public void setSupportsElection(boolean supportsElection) {
    this.supportsElection = supportsElection;
  }

  /** Leases granted from now on start their jobs this long after the grant. */
  public void setTakeoverGrace(Duration grace) {
    this.takeoverGrace = grace;
  }

  /**
   * Releases from now on fail with {@code failure} (after freeing the lock, as a closed session).
   */
  public void failReleasesWith(RuntimeException failure) {
    this.releaseFailure = failure;
  }

  /**
   * Runs {@code hook} inside every later release, on the releasing thread, before the lock is
   * freed.
   */
  public void onRelease(Runnable hook) {
    this.onRelease = hook;
  }

  public synchronized List<Lease> leases() {
    return List.copyOf(leases);
  }

  public synchronized Lease lastLease() {
    return leases.isEmpty() ? null : leases.get(leases.size() - 1);
  }

  @Override
  public boolean supportsElection() {
    return supportsElection;
  }

  @Override
  public Optional<LeaderLease> tryAcquire() {
    throwIfFailing();
    return table.grant(instanceId, clock.now()).map(this::newLease);
  }

  @Override
  public Optional<LeaderLease> awaitAcquire(Duration maxWait) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted while waiting for the lock");
    }
    Optional<LeaderLease> lease = tryAcquire();
    if (lease.isEmpty()) {
      clock.advance(maxWait);
    }
    return lease;
  }

  @Override
  public Optional<LeadershipRecord> storedLeadership() {
    return table.record();
  }

  @Override
  public void onCleanRelease(Runnable listener) {
    table.addReleaseListener(listener);
  }

  private void throwIfFailing() {
    if (failuresToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new LeadershipUnavailableException(
          "database unreachable", new java.io.IOException("connection refused"));
    }
  }

  private synchronized LeaderLease newLease(long term) {
    Instant now = clock.now();
    Lease lease = new Lease(term, now, now.plus(takeoverGrace));
    leases.add(lease);
    return lease;
  }

  /** A lease of this fake, observable by tests. */
  public final class Lease implements LeaderLease {
    private final long term;
    private final Instant acquiredAt;
    private final Instant jobsStartAt;
    private final AtomicInteger releases = new AtomicInteger();
    private final AtomicInteger abandons = new AtomicInteger();
    private final AtomicInteger stepDowns = new AtomicInteger();
    private final AtomicInteger fencedOuts = new AtomicInteger();
    private final AtomicInteger checks = new AtomicInteger();
    private volatile LeaseLostException lostWith;

    Lease(long term, Instant acquiredAt, Instant jobsStartAt) {
      this.term = term;
      this.acquiredAt = acquiredAt;
      this.jobsStartAt = jobsStartAt;
    }

    /** From now on every check of this lease fails with {@code reason}. */
    public void lose(LossReason reason, String detail) {
      lostWith = new LeaseLostException(reason, detail);
      table.free(instanceId, term, clock.now(), false);
    }

    public int releases() {
      return releases.get();
    }

    public int abandons() {
      return abandons.get();
    }

    /** How many of {@link #releases()} were step-downs. */
    public int stepDowns() {
      return stepDowns.get();
    }

    /** How many of {@link #abandons()} were for a fenced-out term. */
    public int fencedOuts() {
      return fencedOuts.get();
    }

    public int checks() {
      return checks.get();
    }

    @Override
    public long term() {
      return term;
    }

    @Override
    public Instant acquiredAt() {
      return acquiredAt;
    }

    @Override
    public Instant jobsStartAt() {
      return jobsStartAt;
    }

    @Override
    public void verifyHeld() {
      checks.incrementAndGet();
      if (lostWith != null) {
        throw lostWith;
      }
      if (!table.holds(instanceId)) {
        throw new LeaseLostException(LossReason.LOCK_NOT_HELD, "lock not held");
      }
    }

    @Override
    public void release() {
      releases.incrementAndGet();
      onRelease.run();
      table.free(instanceId, term, clock.now(), true);
      RuntimeException failure = releaseFailure;
      if (failure != null) {
        throw failure;
      }
    }

    @Override
    public void abandon() {
      abandons.incrementAndGet();
      table.free(instanceId, term, clock.now(), false);
    }

    @Override
    public void stepDown() {
      stepDowns.incrementAndGet();
      release();
    }

    @Override
    public void abandonFencedOut() {
      fencedOuts.incrementAndGet();
      abandon();
    }
  }
}
