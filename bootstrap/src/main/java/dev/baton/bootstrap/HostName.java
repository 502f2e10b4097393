package dev.baton.bootstrap;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's name, for the instance registry. */
final class HostName {
  private HostName() {}

  static String local() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String fromEnvironment = System.getenv("HOSTNAME");
      return fromEnvironment == null ? "unknown" : fromEnvironment;
    }
  }
}
