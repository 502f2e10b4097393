package dev.baton.application;

/** One leadership's scheduling in the {@link JobScheduler}: it ends when leading ends. */
final class JobSession {
  final JobScheduler.Leadership leadership;
  volatile boolean active = true;

  JobSession(JobScheduler.Leadership leadership) {
    this.leadership = leadership;
  }

  long term() {
    return leadership.term();
  }
}
