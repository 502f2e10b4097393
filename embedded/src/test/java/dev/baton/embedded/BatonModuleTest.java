package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.baton.domain.JobRunOutcome;
import dev.baton.domain.port.SchedulerEventsPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Guice application contributes its jobs from its own modules. */
class BatonModuleTest {
  @TempDir Path directory;

  @Test
  void jobsFromEveryModuleRunUnderTheBoundBaton() {
    Set<String> finished = ConcurrentHashMap.newKeySet();
    SchedulerEventsPort events =
        new SchedulerEventsPort() {
          @Override
          public void jobRunFinished(String jobName, JobRunOutcome outcome, Duration duration) {
            if (outcome == JobRunOutcome.SUCCEEDED) {
              finished.add(jobName);
            }
          }
        };
    Injector injector =
        Guice.createInjector(
            new BatonModule(builder -> builder.sqlite(directory.resolve("app.db")).events(events)),
            new AbstractModule() {
              @Override
              protected void configure() {
                BatonModule.job(
                    binder(), "billing", Schedule.every(Duration.ofMinutes(5)), run -> {});
              }
            },
            new AbstractModule() {
              @Override
              protected void configure() {
                BatonModule.job(
                    binder(),
                    "search-index",
                    Schedule.every(Duration.ofMinutes(5)),
                    Duration.ofSeconds(30),
                    run -> {});
              }
            });

    try (Baton baton = injector.getInstance(Baton.class)) {
      assertThat(injector.getInstance(Baton.class)).isSameAs(baton);
      await().atMost(Duration.ofSeconds(20)).until(() -> finished.size() == 2);
      assertThat(finished).containsExactlyInAnyOrder("billing", "search-index");
    }
  }
}
