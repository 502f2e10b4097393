package dev.baton.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.domain.port.SchedulerEventsPort;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompositeEventsTest {
  /**
   * Every event of the port, present and future, reaches each listener: an event the composite does
   * not forward would fall to the port's empty default and never reach a library user.
   */
  @Test
  void handsEveryEventOfThePortToEachListener() throws Exception {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    SchedulerEventsPort events = CompositeEvents.of(List.of(recorder(first), recorder(second)));

    List<String> sent = new ArrayList<>();
    for (Method event : SchedulerEventsPort.class.getMethods()) {
      event.invoke(events, Arrays.stream(event.getParameterTypes()).map(this::sample).toArray());
      sent.add(event.getName());
    }

    assertThat(sent).hasSizeGreaterThanOrEqualTo(10);
    assertThat(first).containsExactlyInAnyOrderElementsOf(sent);
    assertThat(second).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void aListenerThatThrowsDoesNotKeepTheEventFromTheOthers() {
    List<String> received = new ArrayList<>();
    SchedulerEventsPort failing =
        new SchedulerEventsPort() {
          @Override
          public void leadershipAcquired(long term) {
            throw new IllegalStateException("listener bug");
          }
        };
    SchedulerEventsPort events = CompositeEvents.of(List.of(failing, recorder(received)));

    events.leadershipAcquired(7);

    assertThat(received).containsExactly("leadershipAcquired");
  }

  /**
   * Notes the name of each event it gets: a proxy, so an event the port gains later is noted too.
   */
  private static SchedulerEventsPort recorder(List<String> received) {
    return (SchedulerEventsPort)
        Proxy.newProxyInstance(
            SchedulerEventsPort.class.getClassLoader(),
            new Class<?>[] {SchedulerEventsPort.class},
            (proxy, method, arguments) -> {
              received.add(method.getName());
              return null;
            });
  }

  private Object sample(Class<?> type) {
    if (type == long.class) {
      return 1L;
    }
    if (type == int.class) {
      return 1;
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == java.util.Optional.class) {
      return java.util.Optional.empty();
    }
    if (type == java.time.Duration.class) {
      return java.time.Duration.ZERO;
    }
    if (type == String.class) {
      return "sample";
    }
    return null;
  }
}
