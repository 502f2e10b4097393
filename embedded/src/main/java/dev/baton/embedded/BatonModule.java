package dev.baton.embedded;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * For applications wired with Guice: binds a started {@link Baton} whose jobs come from a
 * multibinder, so that each module of the application contributes its own.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     new BatonModule(builder -> builder.postgres(jdbcUrl)),
 *     new AbstractModule() {
 *       protected void configure() {
 *         BatonModule.job(binder(), "refresh-cache", Schedule.every(Duration.ofMinutes(1)),
 *             run -> cache.refresh());
 *       }
 *     });
 * Baton baton = injector.getInstance(Baton.class); // started; close it when the service stops
 * }</pre>
 *
 * <p>Guice is an optional dependency of {@code baton-embedded}: an application that does not use
 * this module needs neither Guice nor its Guava.
 */
public final class BatonModule extends AbstractModule {

  /** A job as a module contributes it. */
  public record Job(String name, Schedule schedule, Optional<Duration> timeout, Task task) {
    public Job {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(schedule, "schedule");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(task, "task");
    }
  }

  private final Consumer<Baton.Builder> settings;

  /**
   * @param settings chooses the database and anything else of the builder but the jobs
   */
  public BatonModule(Consumer<Baton.Builder> settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** Contributes a job from any module. */
  public static void job(Binder binder, String name, Schedule schedule, Task task) {
    Multibinder.newSetBinder(binder, Job.class)
        .addBinding()
        .toInstance(new Job(name, schedule, Optional.empty(), task));
  }

  /** Contributes a job with a timeout from any module. */
  public static void job(
      Binder binder, String name, Schedule schedule, Duration timeout, Task task) {
    Multibinder.newSetBinder(binder, Job.class)
        .addBinding()
        .toInstance(new Job(name, schedule, Optional.of(timeout), task));
  }

  @Override
  protected void configure() {
    // Declared here so that an application without any job gets an empty set, not an error.
    Multibinder.newSetBinder(binder(), Job.class);
  }

  @Provides
  @Singleton
  Baton baton(Set<Job> jobs) {
    Baton.Builder builder = Baton.builder();
    settings.accept(builder);
    for (Job job : jobs) {
      if (job.timeout().isPresent()) {
        builder.job(job.name(), job.schedule(), job.timeout().get(), job.task());
      } else {
        builder.job(job.name(), job.schedule(), job.task());
      }
    }
    return builder.start();
  }
}
