package dev.baton.bootstrap;

/** The exit codes of every command, as {@code --help} lists them. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;

  /** The command failed: poll-once's cycle failed, a migration failed, or a bug (stack trace). */
  static final int FAILED = 1;

  /**
   * Invalid configuration or command line, or a failure no retry cures: a wrong database password,
   * an unknown role or database, an unusable database file, an HTTP address in use or not this
   * machine's.
   */
  static final int USAGE = 2;

  /** {@code status}: no live leader. */
  static final int NO_LIVE_LEADER = 3;

  /** {@code status}, {@code migrate}, {@code poll-once}: the database cannot be reached. */
  static final int DATABASE_UNREACHABLE = 4;

  /** {@code poll-once}: another instance leads, and polls. */
  static final int ANOTHER_INSTANCE_LEADS = 5;
}
