package dev.baton.application.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to every address it has, so the destination check needs no DNS in tests. */
@FunctionalInterface
public interface HostResolver {

  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The system resolver, {@link InetAddress#getAllByName}, as the HTTP client will use it. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
