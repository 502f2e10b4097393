package dev.baton.domain;

import java.util.Locale;

/** Enums that travel as lowercase names (HTTP, database columns). */
public final class WireEnum {
  private WireEnum() {}

  public static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a lowercase wire name.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code wire} is unknown
   */
  public static <E extends Enum<E>> E fromWire(Class<E> type, String wire) {
    if (wire != null) {
      for (E candidate : type.getEnumConstants()) {
        if (wireName(candidate).equals(wire)) {
          return candidate;
        }
      }
    }
    StringBuilder accepted = new StringBuilder();
    for (E candidate : type.getEnumConstants()) {
      accepted.append(accepted.length() == 0 ? "" : ", ").append(wireName(candidate));
    }
    throw new IllegalArgumentException(
        "unknown " + type.getSimpleName() + " '" + wire + "'; accepted: " + accepted);
  }
}
