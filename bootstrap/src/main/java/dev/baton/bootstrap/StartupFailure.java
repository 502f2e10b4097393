package dev.baton.bootstrap;

/**
 * An expected reason why Baton cannot start or a command cannot run (a port in use, an address that
 * is not this machine's): its message is the one line the operator reads, no stack trace.
 */
final class StartupFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StartupFailure(String oneLine, Throwable cause) {
    super(oneLine, cause);
  }
}
