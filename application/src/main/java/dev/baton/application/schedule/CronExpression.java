package dev.baton.application.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A five-field Unix cron expression — {@code minute hour day-of-month month day-of-week} — matched
 * against wall-clock time, with no time zone of its own ({@link CronSchedule} adds the zone).
 *
 * <p>Each field is {@code *}, a value, a range {@code a-b}, a step {@code *}{@code /n}, {@code
 * a-b/n} or {@code a/n} (from {@code a} to the field's end), or a comma-separated list of those.
 * Month and day-of-week take three-letter names ({@code JAN}–{@code DEC}, {@code SUN}–{@code SAT},
 * any case), also in ranges; day-of-week {@code 0} and {@code 7} are both Sunday. The macros
 * {@code @yearly} ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily} ({@code
 * @midnight}) and {@code @hourly} stand for their usual five fields.
 *
 * <p>Days follow Vixie cron: when both day fields are restricted, a day matching either runs; when
 * either field starts with {@code *} (so {@code *} or a step such as {@code *}{@code /2}), a day
 * must match both — which for a plain {@code *} means only the other field restricts.
 *
 * <p>{@link #parse} rejects anything else, and expressions that can never run (such as {@code 0 0
 * 30 2 *}), with an {@link IllegalArgumentException} whose message is one line naming the field
 * and what it accepts. Instances are immutable; two expressions are equal when their fields hold the
 * same values ({@code @daily} equals {@code 0 0 * * *}).
 */
public final class CronExpression {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");
  private static final String MACRO_NAMES =
      "@yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly";

  /** Far beyond the longest wait between two slots (29 February on a given weekday). */
  private static final int SEARCH_YEARS = 400;

  private final String text;
  private final long minutes;
  private final long hours;
  private final long daysOfMonth;
  private final long months;
  private final long daysOfWeek;
  private final boolean dayOfMonthStar;
  private final boolean dayOfWeekStar;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.minutes = CronField.MINUTE.parse(fields[0]);
    this.hours = CronField.HOUR.parse(fields[1]);
    this.daysOfMonth = CronField.DAY_OF_MONTH.parse(fields[2]);
    this.months = CronField.MONTH.parse(fields[3]);
    this.daysOfWeek = CronField.DAY_OF_WEEK.parse(fields[4]);
    this.dayOfMonthStar = fields[2].startsWith("*");
    this.dayOfWeekStar = fields[4].startsWith("*");
  }

  /**
   * Parses a five-field expression or a macro.
   *
   * @throws IllegalArgumentException with a one-line message naming the field at fault and what it
   *     accepts, or saying why the expression can never run
   */
  public static CronExpression parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    String text = expression.strip().replaceAll("\\s+", " ");
    if (text.isEmpty()) {
      throw new IllegalArgumentException(
          "cron expression is empty; expected five fields (minute hour day-of-month month"
              + " day-of-week) or one of "
              + MACRO_NAMES);
    }
    String fieldsText = text;
    if (text.startsWith("@")) {
      fieldsText = MACROS.get(text.toLowerCase(Locale.ROOT));
      if (fieldsText == null) {
        throw new IllegalArgumentException(
            "cron expression \"" + text + "\": unknown macro; accepted: " + MACRO_NAMES);
      }
    }
    String[] fields = fieldsText.split(" ");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "cron expression \""
              + text
              + "\" has "
              + fields.length
              + " field"
              + (fields.length == 1 ? "" : "s")
              + "; expected five (minute hour day-of-month month day-of-week)"
              + (fields.length > 5 ? ", without seconds or years" : "")
              + " or one of "
              + MACRO_NAMES);
    }
    CronExpression parsed;
    try {
      parsed = new CronExpression(text, fields);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cron expression \"" + text + "\": " + e.getMessage(), e);
    }
    parsed.requireSomeDay(fields);
    return parsed;
  }

  /** The expression as written (whitespace collapsed), e.g. {@code *}{@code /5 * * * *}. */
  @Override
  public String toString() {
    return text;
  }

  /** Whether the minute of {@code dateTime} matches (seconds and smaller are ignored). */
  public boolean matches(LocalDateTime dateTime) {
    return has(months, dateTime.getMonthValue())
        && matchesDay(dateTime.toLocalDate())
        && has(hours, dateTime.getHour())
        && has(minutes, dateTime.getMinute());
  }

  /**
   * The first whole minute after {@code dateTime} (strictly) that matches, in wall-clock time:
   * every local date-time counts once, whether or not a time zone would skip or repeat it.
   */
  public LocalDateTime nextMatchAfter(LocalDateTime dateTime) {
    LocalDateTime candidate = dateTime.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = candidate.getYear() + SEARCH_YEARS;
    while (candidate.getYear() <= lastYear) {
      int month = next(months, candidate.getMonthValue());
      if (month != candidate.getMonthValue()) {
        candidate =
            month < 0
                ? LocalDate.of(candidate.getYear() + 1, 1, 1).atStartOfDay()
                : LocalDate.of(candidate.getYear(), month, 1).atStartOfDay();
        continue;
      }
      if (!matchesDay(candidate.toLocalDate())) {
        candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      int hour = next(hours, candidate.getHour());
      if (hour < 0) {
        candidate = candidate.toLocalDate().plusDays(1).atStartOfDay();
        continue;
      }
      if (hour != candidate.getHour()) {
        candidate = candidate.toLocalDate().atTime(hour, 0);
      }
      int minute = next(minutes, candidate.getMinute());
      if (minute < 0) {
        candidate = candidate.withMinute(0).plusHours(1);
        continue;
      }
      return candidate.withMinute(minute);
    }
    // parse() rejects expressions without a matching day, so this is a bug, not bad input.
    throw new IllegalStateException(
        "no minute matching " + text + " within " + SEARCH_YEARS + " years of " + dateTime);
  }

  /**
   * Whether the hour field allows every hour ({@code *}, {@code 0-23}, {@code *}{@code /1}). Such a
   * job follows elapsed time across daylight-saving changes; see {@link CronSchedule}.
   */
  boolean everyHour() {
    return hours == CronField.HOUR.all();
  }

  private boolean matchesDay(LocalDate date) {
    boolean dayOfMonth = has(daysOfMonth, date.getDayOfMonth());
    boolean dayOfWeek = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
    return dayOfMonthStar || dayOfWeekStar ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
  }

  /**
   * When the days must match both fields, some month must have one of the days of the month (every
   * weekday falls on every date over the years, so the weekday never makes it impossible).
   */
  private void requireSomeDay(String[] fields) {
    if (!(dayOfMonthStar || dayOfWeekStar)) {
      return;
    }
    for (Month month : Month.values()) {
      if (has(months, month.getValue()) && next(daysOfMonth, 1) <= month.maxLength()) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "cron expression \""
            + text
            + "\" never runs: no month in \""
            + fields[3]
            + "\" has a day in \""
            + fields[2]
            + "\"");
  }

  private static boolean has(long bits, int value) {
    return (bits & (1L << value)) != 0;
  }

  /** The smallest value in {@code bits} at or above {@code from}, or -1. */
  private static int next(long bits, int from) {
    long rest = bits & (-1L << from);
    return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression that
        && minutes == that.minutes
        && hours == that.hours
        && daysOfMonth == that.daysOfMonth
        && months == that.months
        && daysOfWeek == that.daysOfWeek
        && dayOfMonthStar == that.dayOfMonthStar
        && dayOfWeekStar == that.dayOfWeekStar;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        minutes, hours, daysOfMonth, months, daysOfWeek, dayOfMonthStar, dayOfWeekStar);
  }

  /** The five fields: their ranges, names and the parsing of one field's text into a bit set. */
  private enum CronField {
    MINUTE("minute", 0, 59, Map.of()),
    HOUR("hour", 0, 23, Map.of()),
    DAY_OF_MONTH("day-of-month", 1, 31, Map.of()),
    MONTH("month", 1, 12, monthNames()),
    DAY_OF_WEEK("day-of-week", 0, 7, dayNames());

    private final String label;
    private final int min;
    private final int max;
    private final Map<String, Integer> names;

    CronField(String label, int min, int max, Map<String, Integer> names) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
    }

    long all() {
      return fold(bits(min, max, 1));
    }

    long parse(String field) {
      long bits = 0;
      for (String element : field.split(",", -1)) {
        bits |= element(field, element);
      }
      return fold(bits);
    }

    private long element(String field, String element) {
      if (element.isEmpty()) {
        throw fieldError(field, "a list has an empty element");
      }
      int slash = element.indexOf('/');
      String range = slash < 0 ? element : element.substring(0, slash);
      int step = 1;
      if (slash >= 0) {
        step = number(field, element.substring(slash + 1), "step");
        if (step < 1) {
          throw fieldError(field, "a step must be at least 1");
        }
      }
      if (range.equals("*")) {
        return bits(min, max, step);
      }
      int dash = range.indexOf('-', 1);
      int from = value(field, dash < 0 ? range : range.substring(0, dash));
      int to = dash < 0 ? (slash < 0 ? from : max) : value(field, range.substring(dash + 1));
      if (this == DAY_OF_WEEK && to == 0 && from > 0 && !range.endsWith("0")) {
        to = 7; // SAT-SUN: the name SUN ends a range as 7
      }
      if (from > to) {
        throw fieldError(
            field, "the range " + range + " runs backwards; write it as two ranges in a list");
      }
      return bits(from, to, step);
    }

    private int value(String field, String token) {
      Integer named = names.get(token.toUpperCase(Locale.ROOT));
      if (named != null) {
        return named;
      }
      int value = number(field, token, "value");
      if (value < min || value > max) {
        throw fieldError(field, token + " is out of range");
      }
      return value;
    }

    private int number(String field, String token, String what) {
      if (token.isEmpty() || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
        String problem =
            token.equals("?")
                ? "? is Quartz syntax, not Unix cron; use *"
                : token.isEmpty()
                    ? "a " + what + " is missing"
                    : "\"" + token + "\" is not a " + what;
        throw fieldError(field, problem);
      }
      // Longer than any field's values: out of range for a value, beyond the range for a step.
      return token.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(token);
    }

    private IllegalArgumentException fieldError(String field, String problem) {
      return new IllegalArgumentException(
          label + " field \"" + field + "\": " + problem + "; " + label + " accepts " + accepted());
    }

    private String accepted() {
      String values =
          switch (this) {
            case MONTH -> "1-12 or JAN-DEC";
            case DAY_OF_WEEK -> "0-7 (0 and 7 are Sunday) or SUN-SAT";
            default -> min + "-" + max;
          };
      return values + ", *, lists (1,5), ranges (1-5) and steps (*/10, 1-30/5, 5/10)";
    }

    /** Day-of-week 7 is Sunday, stored as 0; other fields are unchanged. */
    private long fold(long bits) {
      return this == DAY_OF_WEEK && has(bits, 7) ? (bits | 1L) & ~(1L << 7) : bits;
    }

    private static long bits(int from, int to, int step) {
      long bits = 0;
      for (long value = from; value <= to; value += step) {
        bits |= 1L << value;
      }
      return bits;
    }

    private static Map<String, Integer> monthNames() {
      Map<String, Integer> names = new HashMap<>();
      for (Month month : Month.values()) {
        names.put(month.name().substring(0, 3), month.getValue());
      }
      return Map.copyOf(names);
    }

    private static Map<String, Integer> dayNames() {
      Map<String, Integer> names = new HashMap<>();
      for (DayOfWeek day : DayOfWeek.values()) {
        names.put(day.name().substring(0, 3), day.getValue() % 7);
      }
      return Map.copyOf(names);
    }
  }
}
