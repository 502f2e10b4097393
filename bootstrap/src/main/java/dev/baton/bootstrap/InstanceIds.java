package dev.baton.bootstrap;

import dev.baton.domain.InstanceId;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes the id of this process: {@code baton-} and 12 hex digits, unique per start. */
final class InstanceIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIds() {}

  static InstanceId generate() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return new InstanceId("baton-" + HexFormat.of().formatHex(bytes));
  }
}
