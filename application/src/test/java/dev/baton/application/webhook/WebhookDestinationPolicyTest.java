package dev.baton.application.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import dev.baton.application.webhook.SendingCheck.Verdict;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookDestinationPolicyTest {
  private static final String HINT =
      "; private addresses are refused unless BATON_WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true";
  private static final HostResolver NEVER =
      host -> fail("names are not resolved here, but " + host + " was");

  private final WebhookDestinationPolicy strict = new WebhookDestinationPolicy(false, NEVER);
  private final WebhookDestinationPolicy permissive = new WebhookDestinationPolicy(true, NEVER);

  private static void assertRefused(
      WebhookDestinationPolicy policy, String url, String expectedReason) {
    assertThatThrownBy(() -> policy.check(url))
        .isInstanceOf(WebhookDestinationRefusedException.class)
        .hasMessage(expectedReason);
  }

  @Nested
  class TheUrl {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://hooks.example.com/baton",
          "http://hooks.example.com:8080/baton?token=abc",
          "HTTPS://Hooks.Example.COM/baton",
          "HttP://hooks.example.com/",
          "https://hooks.example.com./baton",
          "http://8.8.8.8/",
          "http://[2606:4700:4700::1111]:8443/"
        })
    void anAbsoluteHttpUrlWithAHostIsAccepted(String url) {
      assertThat(strict.check(url)).isEqualTo(URI.create(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "//example.com/x", "/x"})
    void anotherSchemeOrARelativeUrlIsRefused(String url) {
      assertRefused(strict, url, "must be an absolute http or https URL");
    }

    @Test
    void anOpaqueUrlIsRefused() {
      assertRefused(strict, "http:example.com", "must be an absolute http or https URL");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "https://user:hunter2@example.com/",
          "https://hunter2@example.com/",
          "https://example.com@127.0.0.1/"
        })
    void userInformationIsRefusedWithoutQuotingIt(String url) {
      assertRefused(strict, url, "must not carry user information");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void anEmptyUrlIsRefused(String url) {
      assertRefused(strict, url, "is empty");
      assertRefused(strict, null, "is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://exa mple.com/", "https://example.com/a b", "http://[::1/"})
    void textThatIsNoUrlIsRefused(String url) {
      assertRefused(strict, url, "is not a valid URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///hook", "https://my_host.example/", "https://-a.example/"})
    void aUrlWithoutAValidHostIsRefused(String url) {
      assertRefused(strict, url, "has no valid host");
    }

    @Test
    void anInternationalNameIsAskedForInItsAsciiForm() {
      assertRefused(
          strict,
          "https://bücher.example/",
          "has a host that is not ASCII; write an international name in its xn-- form");
      assertThat(strict.check("https://xn--bcher-kva.example/")).hasHost("xn--bcher-kva.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com:0/", "https://example.com:65536/"})
    void anInvalidPortIsRefused(String url) {
      assertRefused(strict, url, "has an invalid port");
    }
  }

  @Nested
  class PrivateAddressLiterals {
    @ParameterizedTest
    @CsvSource({
      "0.0.0.0, 0.0.0.0/8 (this network)",
      "0.255.255.255, 0.0.0.0/8 (this network)",
      "10.0.0.0, 10.0.0.0/8 (private)",
      "10.255.255.255, 10.0.0.0/8 (private)",
      "100.64.0.0, 100.64.0.0/10 (shared address space)",
      "100.127.255.255, 100.64.0.0/10 (shared address space)",
      "127.0.0.0, 127.0.0.0/8 (loopback)",
      "127.0.0.1, 127.0.0.0/8 (loopback)",
      "127.255.255.255, 127.0.0.0/8 (loopback)",
      "169.254.0.0, 169.254.0.0/16 (link-local)",
      "169.254.169.254, 169.254.0.0/16 (link-local)",
      "169.254.255.255, 169.254.0.0/16 (link-local)",
      "172.16.0.0, 172.16.0.0/12 (private)",
      "172.31.255.255, 172.16.0.0/12 (private)",
      "192.168.0.0, 192.168.0.0/16 (private)",
      "192.168.255.255, 192.168.0.0/16 (private)",
      "224.0.0.0, 224.0.0.0/4 (multicast)",
      "239.255.255.255, 224.0.0.0/4 (multicast)"
    })
    void theFirstAndLastAddressOfEachIpv4RangeAreRefused(String address, String range) {
      assertRefused(
          strict,
          "http://" + address + ":8080/hook",
          "has host " + address + ", in " + range + HINT);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "1.0.0.0",
          "9.255.255.255",
          "11.0.0.0",
          "100.63.255.255",
          "100.128.0.0",
          "126.255.255.255",
          "128.0.0.0",
          "169.253.255.255",
          "169.255.0.0",
          "172.15.255.255",
          "172.32.0.0",
          "192.167.255.255",
          "192.169.0.0",
          "223.255.255.255",
          "240.0.0.0"
        })
    void theAddressesJustOutsideEachIpv4RangeAreAccepted(String address) {
      assertThat(strict.check("http://" + address + "/hook")).hasHost(address);
    }

    @ParameterizedTest
    @CsvSource({
      "[::], ::/128 (unspecified)",
      "[::1], ::1/128 (loopback)",
      "[0:0:0:0:0:0:0:1], ::1/128 (loopback)",
      "[fe80::], fe80::/10 (link-local)",
      "[febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff], fe80::/10 (link-local)",
      "[fc00::], fc00::/7 (unique local)",
      "[fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff], fc00::/7 (unique local)",
      "[FD12:3456::1], fc00::/7 (unique local)",
      "[ff00::], ff00::/8 (multicast)",
      "[ff02::1], ff00::/8 (multicast)",
      "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff], ff00::/8 (multicast)",
      "[::127.0.0.1], 127.0.0.0/8 (loopback) as the IPv4-compatible form of 127.0.0.1",
      "[64:ff9b::10.0.0.1], 10.0.0.0/8 (private) as the NAT64 form of 10.0.0.1",
      "[64:ff9b::a9fe:a9fe], 169.254.0.0/16 (link-local) as the NAT64 form of 169.254.169.254",
      "[::ffff:127.0.0.1], 127.0.0.0/8 (loopback)",
      "[::ffff:7f00:1], 127.0.0.0/8 (loopback)",
      "[::FFFF:10.1.2.3], 10.0.0.0/8 (private)",
      "[0:0:0:0:0:ffff:a9fe:a9fe], 169.254.0.0/16 (link-local)"
    })
    void theBoundariesOfEachIpv6RangeAndIpv6FormsOfPrivateIpv4AreRefused(
        String address, String range) {
      assertRefused(
          strict, "http://" + address + "/", "has host " + address + ", in " + range + HINT);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "[fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
          "[fec0::]",
          "[fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
          "[feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]",
          "[::ffff:8.8.8.8]",
          "[::8.8.8.8]",
          "[64:ff9b::8.8.8.8]",
          "[2001:db8::1]"
        })
    void theAddressesJustOutsideEachIpv6RangeAreAccepted(String address) {
      assertThat(strict.check("http://" + address + "/")).hasHost(address);
    }

    @Test
    void anIpv6LiteralWithAZoneIsRefused() {
      assertThatThrownBy(() -> strict.check("http://[fe80::1%25eth0]/"))
          .isInstanceOf(WebhookDestinationRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://localhost/",
          "http://LOCALHOST:8080/",
          "http://localhost./",
          "http://api.localhost/"
        })
    void aLocalhostNameIsRefusedWithoutResolvingIt(String url) {
      assertThatThrownBy(() -> strict.check(url))
          .isInstanceOf(WebhookDestinationRefusedException.class)
          .hasMessageContaining("a loopback name" + HINT);
    }

    @Test
    void anUppercaseSchemeChangesNothing() {
      assertRefused(
          strict, "HTTP://127.0.0.1/", "has host 127.0.0.1, in 127.0.0.0/8 (loopback)" + HINT);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://127.0.0.1:8080/",
          "http://10.1.2.3/",
          "http://[::1]/",
          "http://[fe80::1]/",
          "http://localhost:8080/"
        })
    void allowingPrivateAddressesAcceptsThem(String url) {
      assertThat(permissive.check(url)).isEqualTo(URI.create(url));
    }
  }

  @Nested
  class OtherSpellingsOfIpv4 {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://2130706433/",
          "http://0x7f000001/",
          "http://0X7F000001/",
          "http://0177.0.0.1/",
          "http://017700000001/",
          "http://127.000.000.001/",
          "http://0/",
          "http://134744072/",
          "http://1.2.3.04/"
        })
    void aNumericHostThatIsNotFourDecimalNumbersIsRefusedEvenWhenPrivateIsAllowed(String url) {
      String reason =
          "has host "
              + URI.create(url).getHost()
              + ", which is not an IPv4 address written as four decimal numbers (a.b.c.d)";
      assertRefused(strict, url, reason);
      assertRefused(permissive, url, reason);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "http://0x7f.1/",
          "http://0x7f.0.0.1/",
          "http://127.1/",
          "http://256.1.1.1/",
          "http://1.2.3.256/",
          "http://127.0.1/",
          "http://127.0.0.1./",
          "http://1.2.3.4.5/",
          "http://example.123/"
        })
    void aSpellingThatJavaFindsNoHostInIsRefused(String url) {
      assertRefused(strict, url, "has no valid host");
      assertRefused(permissive, url, "has no valid host");
    }
  }

  @Nested
  class BeforeSending {
    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private final List<String> lookedUp = new java.util.ArrayList<>();
    private final HostResolver resolver =
        host -> {
          lookedUp.add(host);
          List<InetAddress> addresses = dns.get(host);
          if (addresses == null) {
            throw new UnknownHostException(host);
          }
          return addresses;
        };
    private final WebhookDestinationPolicy policy = new WebhookDestinationPolicy(false, resolver);

    private InetAddress address(String literal) throws UnknownHostException {
      return InetAddress.getByName(literal);
    }

    @Test
    void aNameWithOnlyPublicAddressesIsAllowed() throws UnknownHostException {
      dns.put("hooks.example.com", List.of(address("93.184.216.34"), address("2606:2800::1")));

      SendingCheck check = policy.checkBeforeSending("https://hooks.example.com/baton");

      assertThat(check)
          .isEqualTo(
              new SendingCheck(
                  Verdict.ALLOWED, URI.create("https://hooks.example.com/baton"), null));
      assertThat(lookedUp).containsExactly("hooks.example.com");
    }

    @Test
    void aNameWithAnyPrivateAddressIsRefusedNamingIt() throws UnknownHostException {
      dns.put("hooks.example.com", List.of(address("93.184.216.34"), address("10.0.0.5")));

      assertThat(policy.checkBeforeSending("https://hooks.example.com/baton"))
          .isEqualTo(
              new SendingCheck(
                  Verdict.REFUSED,
                  null,
                  "host hooks.example.com resolves to 10.0.0.5, in 10.0.0.0/8 (private)" + HINT));
    }

    @Test
    void aResolvedIpv4MappedAddressIsJudgedByItsIpv4Address() throws UnknownHostException {
      byte[] mapped = {
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        (byte) 0xff,
        (byte) 0xff,
        (byte) 169,
        (byte) 254,
        (byte) 169,
        (byte) 254
      };
      dns.put("metadata.example", List.of(Inet6Address.getByAddress(null, mapped, -1)));

      SendingCheck check = policy.checkBeforeSending("http://metadata.example/");

      assertThat(check.verdict()).isEqualTo(Verdict.REFUSED);
      assertThat(check.reason())
          .contains(
              "resolves to",
              "169.254.0.0/16 (link-local) as the IPv4-mapped form of 169.254.169.254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "fd00::1", "0.0.0.0", "ff02::1", "100.100.0.1"})
    void aNameResolvingToAnyRefusedRangeIsRefused(String literal) throws UnknownHostException {
      dns.put("rebound.example", List.of(address(literal)));

      assertThat(policy.checkBeforeSending("http://rebound.example:8080/").verdict())
          .isEqualTo(Verdict.REFUSED);
    }

    @Test
    void aNameThatDoesNotResolveIsRetriedLater() {
      assertThat(policy.checkBeforeSending("https://nowhere.example/"))
          .isEqualTo(
              new SendingCheck(
                  Verdict.UNRESOLVED, null, "host nowhere.example could not be resolved"));

      dns.put("empty.example", List.of());
      assertThat(policy.checkBeforeSending("https://empty.example/"))
          .isEqualTo(
              new SendingCheck(Verdict.UNRESOLVED, null, "host empty.example has no address"));
    }

    @Test
    void anAddressLiteralIsJudgedWithoutResolving() {
      assertThat(policy.checkBeforeSending("http://93.184.216.34/").verdict())
          .isEqualTo(Verdict.ALLOWED);
      assertThat(policy.checkBeforeSending("http://[::1]/"))
          .isEqualTo(
              new SendingCheck(
                  Verdict.REFUSED, null, "has host [::1], in ::1/128 (loopback)" + HINT));
      assertThat(lookedUp).isEmpty();
    }

    @Test
    void aUrlThatWouldBeRefusedAtSubmissionIsRefusedBeforeSending() {
      assertThat(policy.checkBeforeSending("http://user:pw@hooks.example.com/"))
          .isEqualTo(new SendingCheck(Verdict.REFUSED, null, "must not carry user information"));
      assertThat(policy.checkBeforeSending("http://2130706433/").verdict())
          .isEqualTo(Verdict.REFUSED);
      assertThat(policy.checkBeforeSending("http://localhost:8080/").verdict())
          .isEqualTo(Verdict.REFUSED);
      assertThat(lookedUp).isEmpty();
    }

    @Test
    void allowingPrivateAddressesSkipsTheLookup() throws UnknownHostException {
      dns.put("receiver.internal", List.of(address("10.0.0.5")));
      WebhookDestinationPolicy permissive = new WebhookDestinationPolicy(true, resolver);

      assertThat(permissive.checkBeforeSending("http://receiver.internal:9000/hook").verdict())
          .isEqualTo(Verdict.ALLOWED);
      assertThat(lookedUp).isEmpty();
    }
  }

  @Test
  void theSystemResolverGivesEveryAddressOfALiteral() throws UnknownHostException {
    assertThat(HostResolver.system().resolve("127.0.0.1"))
        .containsExactly(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    assertThat(HostResolver.system().resolve("[::1]")).hasSize(1);
  }
}
