package dev.baton.application.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may be sent, so that a caller cannot make Baton send requests into its own
 * network. A URL must be absolute {@code http} or {@code https}, with a host and without user
 * information. Unless private addresses are allowed, an address in a range of {@link
 * PrivateAddresses} is refused, checked twice:
 *
 * <ul>
 *   <li>{@link #check} when a URL is accepted (a batch's, or the configured one): a host that is an
 *       address literal, or a {@code localhost} name. Other names are not resolved then.
 *   <li>{@link #checkBeforeSending} before each attempt: the same, then every address the host name
 *       resolves to. The HTTP client resolves the name again when it connects, so a name whose
 *       answer changes in between is not caught.
 * </ul>
 *
 * <p>An IPv4 address written in any form but four decimal numbers ({@code 2130706433}, {@code
 * 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}) is refused whatever the setting: resolvers read such
 * forms differently (octal or decimal), so the address it means is not certain.
 */
public final class WebhookDestinationPolicy {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern DOTTED_QUAD =
      Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);
  private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

  private final boolean allowPrivateAddresses;
  private final HostResolver resolver;

  public WebhookDestinationPolicy(boolean allowPrivateAddresses, HostResolver resolver) {
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.resolver = resolver;
  }

  /**
   * The URL, if it may be accepted as a destination; no name is resolved.
   *
   * @throws WebhookDestinationRefusedException with one line saying why
   */
  public URI check(String url) {
    return checkHost(parse(url)).uri();
  }

  /**
   * Whether an attempt may be sent to {@code url} now: {@link #check}, then, unless private
   * addresses are allowed, every address its host name resolves to.
   */
  public SendingCheck checkBeforeSending(String url) {
    Host host;
    try {
      host = checkHost(parse(url));
    } catch (WebhookDestinationRefusedException refused) {
      return SendingCheck.refused(refused.getMessage());
    }
    if (allowPrivateAddresses || host.literal()) {
      return SendingCheck.allowed(host.uri());
    }
    String name = host.uri().getHost();
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(name);
    } catch (UnknownHostException e) {
      return SendingCheck.unresolved("host " + name + " could not be resolved");
    }
    if (addresses.isEmpty()) {
      return SendingCheck.unresolved("host " + name + " has no address");
    }
    for (InetAddress address : addresses) {
      Optional<String> range = PrivateAddresses.rangeOf(address);
      if (range.isPresent()) {
        return SendingCheck.refused(
            "host "
                + name
                + " resolves to "
                + address.getHostAddress()
                + ", in "
                + range.get()
                + privateAddressesHint());
      }
    }
    return SendingCheck.allowed(host.uri());
  }

  private record Host(URI uri, boolean literal) {}

  private static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw new WebhookDestinationRefusedException("is empty");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new WebhookDestinationRefusedException("is not a valid URL");
    }
    String scheme = uri.getScheme();
    if (!uri.isAbsolute() || uri.isOpaque() || !isHttp(scheme)) {
      throw new WebhookDestinationRefusedException("must be an absolute http or https URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new WebhookDestinationRefusedException("must not carry user information");
    }
    if (uri.getHost() == null) {
      String authority = uri.getRawAuthority();
      if (authority != null && !authority.chars().allMatch(c -> c < 0x80)) {
        throw new WebhookDestinationRefusedException(
            "has a host that is not ASCII; write an international name in its xn-- form");
      }
      throw new WebhookDestinationRefusedException("has no valid host");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw new WebhookDestinationRefusedException("has an invalid port");
    }
    return uri;
  }

  private static boolean isHttp(String scheme) {
    return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
  }

  private Host checkHost(URI uri) {
    String host = uri.getHost();
    if (host.startsWith("[")) {
      InetAddress address;
      try {
        address = InetAddress.getByName(host); // bracketed: parsed as a literal, never looked up
      } catch (UnknownHostException e) {
        throw new WebhookDestinationRefusedException("has a host that is not a valid IPv6 address");
      }
      refusePrivate(host, address);
      return new Host(uri, true);
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
      if (!DOTTED_QUAD.matcher(name).matches()) {
        throw new WebhookDestinationRefusedException(
            "has host "
                + host
                + ", which is not an IPv4 address written as four decimal numbers (a.b.c.d)");
      }
      refusePrivate(host, ipv4(name));
      return new Host(uri, true);
    }
    if (!allowPrivateAddresses && (name.equals("localhost") || name.endsWith(".localhost"))) {
      throw new WebhookDestinationRefusedException(
          "has host " + host + ", a loopback name" + privateAddressesHint());
    }
    return new Host(uri, false);
  }

  private void refusePrivate(String host, InetAddress address) {
    if (allowPrivateAddresses) {
      return;
    }
    Optional<String> range = PrivateAddresses.rangeOf(address);
    if (range.isPresent()) {
      throw new WebhookDestinationRefusedException(
          "has host " + host + ", in " + range.get() + privateAddressesHint());
    }
  }

  private static String privateAddressesHint() {
    return "; private addresses are refused unless BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true";
  }

  /** The address of four decimal numbers, each at most 255. */
  private static InetAddress ipv4(String dottedQuad) {
    String[] parts = dottedQuad.split("\\.");
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    try {
      return InetAddress.getByAddress(bytes); // from bytes: never looked up
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are an IPv4 address", e);
    }
  }
}
