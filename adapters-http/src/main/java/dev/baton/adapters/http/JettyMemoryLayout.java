package dev.baton.adapters.http;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells Jetty how many object references share a CPU cache line before its first queue is made.
 * Left to find out itself, Jetty asks the platform MBean server, whose creation registers every
 * platform MBean (diagnostic commands and flight recorder included): about a tenth of a second of
 * the service's start, for one flag that the HotSpot MXBean answers directly.
 */
final class JettyMemoryLayout {
  private static final String REFERENCES_PER_CACHE_LINE =
      "org.eclipse.jetty.util.referencesPerCacheLine";
  private static final int CACHE_LINE_BYTES = 64;

  private JettyMemoryLayout() {}

  /** Sets Jetty's property unless someone set it already; on a JVM without HotSpot, leaves it. */
  static void describe() {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) != null) {
      return;
    }
    try {
      HotSpotDiagnosticMXBean hotSpot =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      boolean compressed =
          Boolean.parseBoolean(hotSpot.getVMOption("UseCompressedOops").getValue());
      int referenceBytes = compressed ? Integer.BYTES : Long.BYTES;
      System.setProperty(
          REFERENCES_PER_CACHE_LINE, String.valueOf(CACHE_LINE_BYTES / referenceBytes));
    } catch (RuntimeException e) {
      // not HotSpot: Jetty finds out the slow way, as it would without this class
    }
  }
}
