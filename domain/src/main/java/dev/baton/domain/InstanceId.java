package dev.baton.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Identifies one Baton process. It is also the {@code ApplicationName} of every database connection
 * the process opens, so it must fit PostgreSQL's 63-byte limit.
 */
public record InstanceId(String value) {
  public static final int MAX_BYTES = 63;

  public InstanceId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("instance id must not be blank");
    }
    if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "instance id must be at most " + MAX_BYTES + " bytes: " + value);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
