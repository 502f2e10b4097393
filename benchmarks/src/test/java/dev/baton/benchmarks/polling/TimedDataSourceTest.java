package dev.baton.benchmarks.polling;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class TimedDataSourceTest {
  private static final long MS = 1_000_000;

  private final AtomicLong now = new AtomicLong();
  private final AtomicInteger closes = new AtomicInteger();
  private final TimedDataSource timed = new TimedDataSource(pool(), now::get);

  /** A pool whose connections count their closes and answer nothing else. */
  private DataSource pool() {
    Connection connection =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close")) {
                    closes.incrementAndGet();
                  }
                  return method.getName().equals("isClosed") ? Boolean.FALSE : null;
                });
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> method.getName().equals("getConnection") ? connection : null);
  }

  @Test
  void countsEachConnectionFromItsCheckoutToItsReturnWithinTheWindow() throws Exception {
    now.set(100 * MS);
    Connection first = timed.getConnection();
    now.set(130 * MS);
    first.close();
    now.set(150 * MS);
    Connection second = timed.getConnection();
    now.set(210 * MS);
    second.close();

    // The window starts 10 ms into the first checkout and ends 20 ms into the second.
    assertThat(timed.takeMillisWithin(110 * MS, 170 * MS)).isEqualTo(40.0);
    assertThat(closes).hasValue(2);
  }

  @Test
  void forgetsWhatItTook() throws Exception {
    Connection connection = timed.getConnection();
    now.set(5 * MS);
    connection.close();

    assertThat(timed.takeMillisWithin(0, 10 * MS)).isEqualTo(5.0);
    assertThat(timed.takeMillisWithin(0, 10 * MS)).isZero();
  }

  @Test
  void aConnectionStillHeldDoesNotCount() throws Exception {
    Connection lockSession = timed.getConnection();
    now.set(1000 * MS);

    assertThat(timed.takeMillisWithin(0, 1000 * MS)).isZero();
    assertThat(lockSession.isClosed()).isFalse();
  }

  @Test
  void aSecondCloseCountsNothingMore() throws Exception {
    Connection connection = timed.getConnection();
    now.set(7 * MS);
    connection.close();
    now.set(50 * MS);
    connection.close();

    assertThat(timed.takeMillisWithin(0, 100 * MS)).isEqualTo(7.0);
  }
}
