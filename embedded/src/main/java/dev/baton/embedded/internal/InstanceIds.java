package dev.baton.embedded.internal;

import dev.baton.domain.InstanceId;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Makes instance ids: a prefix and 12 random hex digits, unique per process. */
public final class InstanceIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIds() {}

  public static InstanceId next(String prefix) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return new InstanceId(prefix + "-" + HexFormat.of().formatHex(bytes));
  }
}
