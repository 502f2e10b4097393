package dev.baton.domain;

import java.util.List;

/**
 * One page of a list ordered by id.
 *
 * @param nextCursor what to pass as {@code after} for the next page, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

  public Page {
    items = List.copyOf(items);
  }
}
