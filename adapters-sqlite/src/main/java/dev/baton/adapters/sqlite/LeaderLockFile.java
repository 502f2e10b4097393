package dev.baton.adapters.sqlite;

import dev.baton.domain.LeaseLostException;
import dev.baton.domain.LossReason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive OS lock on a file beside the database: while one process holds it, no other process
 * on the same machine can, and the OS drops it when the holder exits or dies.
 *
 * <p>On POSIX systems a process loses every lock it holds on a file as soon as it closes any
 * descriptor of that file, even one opened for a failed attempt. So this JVM never opens the file
 * while it holds the lock: attempts first consult a JVM-wide set of the files it has locked, and
 * only this class opens lock files.
 */
final class LeaderLockFile implements LocalLeaderLock {
  private static final Logger log = LoggerFactory.getLogger(LeaderLockFile.class);
  private static final Set<Object> LOCKED_BY_THIS_JVM = new HashSet<>();

  private final Path path;
  private final Object identity;
  private final FileChannel channel;
  private final FileLock lock;
  private final AtomicBoolean released = new AtomicBoolean();

  private LeaderLockFile(Path path, Object identity, FileChannel channel, FileLock lock) {
    this.path = path;
    this.identity = identity;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock if no process, this one included, holds it; never waits.
   *
   * @throws IOException when the file cannot be created or opened
   */
  static Optional<LocalLeaderLock> tryLock(Path path) throws IOException {
    createIfAbsent(path);
    Object identity = identityOf(path);
    synchronized (LOCKED_BY_THIS_JVM) {
      if (LOCKED_BY_THIS_JVM.contains(identity)) {
        return Optional.empty();
      }
      FileChannel channel =
          FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = null;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        // Only reachable when code other than this class locked the file in this JVM: held.
      } finally {
        if (lock == null) {
          channel.close();
        }
      }
      if (lock == null) {
        return Optional.empty();
      }
      LOCKED_BY_THIS_JVM.add(identity);
      return Optional.of(new LeaderLockFile(path, identity, channel, lock));
    }
  }

  private static void createIfAbsent(Path path) throws IOException {
    // CREATE_NEW opens no descriptor when the file exists, so it cannot drop a lock held on it.
    try {
      Files.createFile(path);
    } catch (FileAlreadyExistsException e) {
      // the usual case
    }
  }

  /** The file as the OS locks it (device and inode where the platform has them). */
  private static Object identityOf(Path path) throws IOException {
    Object fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    return fileKey != null ? fileKey : path.toRealPath();
  }

  @Override
  public void verifyHeld() {
    if (released.get()) {
      throw new LeaseLostException(LossReason.LOCK_NOT_HELD, "lock file " + path + " released");
    }
    if (!channel.isOpen()) {
      throw new LeaseLostException(
          LossReason.SESSION_LOST, "lock file " + path + " was closed under the lease");
    }
    if (!lock.isValid()) {
      throw new LeaseLostException(LossReason.LOCK_NOT_HELD, "lock on " + path + " is gone");
    }
    // A deleted or replaced lock file lets another process lock the new one.
    Object current;
    try {
      current = identityOf(path);
    } catch (NoSuchFileException e) {
      throw new LeaseLostException(LossReason.LOCK_NOT_HELD, "lock file " + path + " deleted", e);
    } catch (IOException e) {
      throw new LeaseLostException(
          LossReason.CHECK_FAILED, "cannot read lock file " + path + ": " + e, e);
    }
    if (!Objects.equals(current, identity)) {
      throw new LeaseLostException(
          LossReason.LOCK_NOT_HELD, "lock file " + path + " was replaced by another file");
    }
  }

  @Override
  public void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    synchronized (LOCKED_BY_THIS_JVM) {
      try {
        lock.release();
      } catch (IOException | RuntimeException e) {
        log.warn("releasing the lock on {} failed; closing its file releases it", path, e);
      } finally {
        try {
          channel.close();
        } catch (IOException e) {
          log.warn("closing lock file {} failed", path, e);
        } finally {
          LOCKED_BY_THIS_JVM.remove(identity);
        }
      }
    }
  }
}
