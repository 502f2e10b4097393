package dev.baton.application;

import dev.baton.domain.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paging of every list the API serves, in one place. Rows come in id order; a page asks the
 * store for one row more than it shows, to know whether another page follows. Its cursor is opaque
 * to clients (base64url of the list it belongs to and the last id shown), so a cursor of one list
 * cannot be passed to another.
 */
final class PageCursor {
  private static final Pattern DECODED = Pattern.compile("(.+):([0-9]{1,18})");

  private final String list;

  /**
   * @param list names the list, with whatever narrows it (a status filter, the batch of items)
   */
  PageCursor(String list) {
    this.list = list;
  }

  /**
   * The id to continue after: 0 for the first page.
   *
   * @throws InvalidRequestException for a cursor this list did not hand out
   */
  long afterId(Optional<String> cursor) {
    if (cursor.isEmpty()) {
      return 0;
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(cursor.get()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOfThisList();
    }
    Matcher parts = DECODED.matcher(decoded);
    if (!parts.matches() || !parts.group(1).equals(list)) {
      throw notOfThisList();
    }
    return Long.parseLong(parts.group(2));
  }

  /** A page of {@code limit} rows out of the up to {@code limit + 1} the store returned. */
  <T> Page<T> page(List<T> rows, int limit, ToLongFunction<T> id) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> shown = rows.subList(0, limit);
    return new Page<>(shown, cursorAfter(id.applyAsLong(shown.get(limit - 1))));
  }

  private String cursorAfter(long lastId) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((list + ":" + lastId).getBytes(StandardCharsets.UTF_8));
  }

  private static InvalidRequestException notOfThisList() {
    return new InvalidRequestException("after", "not a cursor of this list");
  }
}
