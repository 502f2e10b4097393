package dev.baton.application.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every syntax form of a field, the macros, and every error {@link CronExpression#parse} gives. */
class CronExpressionParseTest {
  private static final LocalDate MONDAY = LocalDate.of(2024, 1, 1);

  private static Set<Integer> minutes(String expression) {
    CronExpression cron = CronExpression.parse(expression);
    return collect(0, 59, m -> cron.matches(MONDAY.atTime(0, m)));
  }

  private static Set<Integer> hours(String expression) {
    CronExpression cron = CronExpression.parse(expression);
    return collect(0, 23, h -> cron.matches(MONDAY.atTime(h, 0)));
  }

  /** Days of January 2024 (the 1st is a Monday). */
  private static Set<Integer> daysOfJanuary(String expression) {
    CronExpression cron = CronExpression.parse(expression);
    return collect(1, 31, d -> cron.matches(MONDAY.withDayOfMonth(d).atStartOfDay()));
  }

  private static Set<Integer> months(String expression) {
    CronExpression cron = CronExpression.parse(expression);
    return collect(1, 12, m -> cron.matches(MONDAY.withMonth(m).atStartOfDay()));
  }

  /** Weekdays as cron numbers (0 = Sunday), read on the week of Sunday 7 January 2024. */
  private static Set<Integer> weekdays(String expression) {
    CronExpression cron = CronExpression.parse(expression);
    return collect(0, 6, d -> cron.matches(LocalDate.of(2024, 1, 7 + d).atStartOfDay()));
  }

  private static Set<Integer> collect(int from, int to, java.util.function.IntPredicate matches) {
    Set<Integer> values = new TreeSet<>();
    IntStream.rangeClosed(from, to).filter(matches).forEach(values::add);
    return values;
  }

  @Test
  void aStarMatchesEveryValueOfItsField() {
    assertThat(minutes("* * * * *")).hasSize(60);
    assertThat(hours("* * * * *")).hasSize(24);
    assertThat(daysOfJanuary("* * * * *")).hasSize(31);
    assertThat(months("* * * * *")).hasSize(12);
    assertThat(weekdays("* * * * *")).hasSize(7);
  }

  @Test
  void valuesListsRangesAndSteps() {
    assertThat(minutes("7 * * * *")).containsExactly(7);
    assertThat(minutes("1,2,5-7 * * * *")).containsExactly(1, 2, 5, 6, 7);
    assertThat(minutes("*/5 * * * *"))
        .containsExactly(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55);
    assertThat(minutes("1-10/2 * * * *")).containsExactly(1, 3, 5, 7, 9);
    assertThat(minutes("5/15 * * * *")).containsExactly(5, 20, 35, 50);
    assertThat(minutes("*/25,7 * * * *")).containsExactly(0, 7, 25, 50);
    assertThat(minutes("*/90 * * * *")).containsExactly(0);
    assertThat(minutes("05 * * * *")).containsExactly(5);
    assertThat(hours("0 0-23/6 * * *")).containsExactly(0, 6, 12, 18);
    assertThat(hours("0 9-17 * * *")).containsExactly(9, 10, 11, 12, 13, 14, 15, 16, 17);
    assertThat(daysOfJanuary("0 0 1,15,31 * *")).containsExactly(1, 15, 31);
    assertThat(daysOfJanuary("0 0 10-12 * *")).containsExactly(10, 11, 12);
    assertThat(months("0 0 1 */3 *")).containsExactly(1, 4, 7, 10);
  }

  @Test
  void monthNamesInAnyCaseAlsoInRangesAndLists() {
    assertThat(months("0 0 1 JAN *")).containsExactly(1);
    assertThat(months("0 0 1 jan,Mar-may *")).containsExactly(1, 3, 4, 5);
    assertThat(months("0 0 1 dec *")).containsExactly(12);
    assertThat(months("0 0 1 FEB-DEC/5 *")).containsExactly(2, 7, 12);
  }

  @Test
  void weekdayNamesInAnyCaseAndSundayAsZeroOrSeven() {
    assertThat(weekdays("0 0 * * SUN")).containsExactly(0);
    assertThat(weekdays("0 0 * * sun")).containsExactly(0);
    assertThat(weekdays("0 0 * * 0")).containsExactly(0);
    assertThat(weekdays("0 0 * * 7")).containsExactly(0);
    assertThat(weekdays("0 0 * * Mon-Fri")).containsExactly(1, 2, 3, 4, 5);
    assertThat(weekdays("0 0 * * 5-7")).containsExactly(0, 5, 6);
    assertThat(weekdays("0 0 * * SAT-SUN")).containsExactly(0, 6);
    assertThat(weekdays("0 0 * * */2")).containsExactly(0, 2, 4, 6);
    assertThat(weekdays("0 0 * * tue,THU")).containsExactly(2, 4);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "@yearly,    0 0 1 1 *",
    "@annually,  0 0 1 1 *",
    "@monthly,   0 0 1 * *",
    "@weekly,    0 0 * * 0",
    "@daily,     0 0 * * *",
    "@midnight,  0 0 * * *",
    "@hourly,    0 * * * *",
    "@DAILY,     0 0 * * *",
  })
  void macrosStandForTheirFields(String macro, String fields) {
    CronExpression parsed = CronExpression.parse(macro);

    assertThat(parsed).isEqualTo(CronExpression.parse(fields));
    assertThat(parsed).hasSameHashCodeAs(CronExpression.parse(fields));
    assertThat(parsed).hasToString(macro);
  }

  @Test
  void whitespaceIsCollapsedAndTheTextKept() {
    CronExpression parsed = CronExpression.parse("  */5\t0  * *  MON ");

    assertThat(parsed).hasToString("*/5 0 * * MON");
    assertThat(parsed).isEqualTo(CronExpression.parse("0-59/5 0 * * 1"));
  }

  @Test
  void expressionsWithDifferentValuesDiffer() {
    assertThat(CronExpression.parse("0 0 * * *")).isNotEqualTo(CronExpression.parse("0 1 * * *"));
    // Same day values, but one day rule is "either" and the other "both" (see the Vixie tests).
    assertThat(CronExpression.parse("0 0 1-31 * 0-6"))
        .isNotEqualTo(CronExpression.parse("0 0 * * *"));
  }

  @Test
  void theHourFieldDecidesWhetherAJobFollowsElapsedTime() {
    assertThat(CronExpression.parse("*/5 * * * *").everyHour()).isTrue();
    assertThat(CronExpression.parse("@hourly").everyHour()).isTrue();
    assertThat(CronExpression.parse("0 0-23 * * *").everyHour()).isTrue();
    assertThat(CronExpression.parse("0 */1 * * *").everyHour()).isTrue();
    assertThat(CronExpression.parse("* 1 * * *").everyHour()).isFalse();
    assertThat(CronExpression.parse("0 */2 * * *").everyHour()).isFalse();
    assertThat(CronExpression.parse("@daily").everyHour()).isFalse();
  }

  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                | cron expression is empty; expected five fields (minute hour"
            + " day-of-month month day-of-week) or one of @yearly",
        "'   '             | cron expression is empty",
        "* * * *           | cron expression \"* * * *\" has 4 fields; expected five (minute hour"
            + " day-of-month month day-of-week) or one of @yearly",
        "0 * * * * *       | has 6 fields; expected five (minute hour day-of-month month"
            + " day-of-week), without seconds or years",
        "@reboot           | cron expression \"@reboot\": unknown macro; accepted: @yearly,"
            + " @annually, @monthly, @weekly, @daily, @midnight, @hourly",
        "@every 5m         | unknown macro",
        "60 * * * *        | cron expression \"60 * * * *\": minute field \"60\": 60 is out of"
            + " range; minute accepts 0-59, *, lists (1,5), ranges (1-5) and steps (*/10, 1-30/5,"
            + " 5/10)",
        "* 24 * * *        | hour field \"24\": 24 is out of range; hour accepts 0-23,",
        "* * 0 * *         | day-of-month field \"0\": 0 is out of range; day-of-month accepts"
            + " 1-31,",
        "* * 32 * *        | day-of-month field \"32\": 32 is out of range",
        "* * * 0 *         | month field \"0\": 0 is out of range; month accepts 1-12 or JAN-DEC,",
        "* * * 13 *        | month field \"13\": 13 is out of range",
        "* * * * 8         | day-of-week field \"8\": 8 is out of range; day-of-week accepts 0-7 (0"
            + " and 7 are Sunday) or SUN-SAT,",
        "* * * FOO *       | month field \"FOO\": \"FOO\" is not a value; month accepts",
        "* * * * MONDAY    | day-of-week field \"MONDAY\": \"MONDAY\" is not a value",
        "MON * * * *       | minute field \"MON\": \"MON\" is not a value; minute accepts 0-59",
        "*/0 * * * *       | minute field \"*/0\": a step must be at least 1",
        "*/ * * * *        | minute field \"*/\": a step is missing",
        "*/x * * * *       | minute field \"*/x\": \"x\" is not a step",
        "5-1 * * * *       | minute field \"5-1\": the range 5-1 runs backwards; write it as two"
            + " ranges in a list",
        "* * * * FRI-MON   | day-of-week field \"FRI-MON\": the range FRI-MON runs backwards",
        "* 22-2 * * *      | hour field \"22-2\": the range 22-2 runs backwards",
        "5- * * * *        | minute field \"5-\": a value is missing",
        "-5 * * * *        | minute field \"-5\": \"-5\" is not a value",
        "1-2-3 * * * *     | minute field \"1-2-3\": \"2-3\" is not a value",
        "1,,2 * * * *      | minute field \"1,,2\": a list has an empty element",
        "1, * * * *        | minute field \"1,\": a list has an empty element",
        "* * ? * *         | day-of-month field \"?\": ? is Quartz syntax, not Unix cron; use *",
        "* * L * *         | day-of-month field \"L\": \"L\" is not a value",
        "* * 15W * *       | day-of-month field \"15W\": \"15W\" is not a value",
        "* * * * 5#3       | day-of-week field \"5#3\": \"5#3\" is not a value",
        "1234567890 * * * * | minute field \"1234567890\": 1234567890 is out of range",
        "0 0 30 2 *        | cron expression \"0 0 30 2 *\" never runs: no month in \"2\" has a day"
            + " in \"30\"",
        "0 0 31 4,6,9,11 * | never runs: no month in \"4,6,9,11\" has a day in \"31\"",
        "0 0 30-31 FEB *   | never runs",
      })
  void invalidExpressionsAreRejectedWithOneLineNamingTheField(String expression, String message) {
    assertThatThrownBy(() -> CronExpression.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageNotContaining("\n");
  }

  @Test
  void anImpossibleDayIsAcceptedWhenTheWeekdayCanStillMatch() {
    // Both day fields restricted: a day matching either runs, so Fridays in February still do.
    CronExpression parsed = CronExpression.parse("0 0 30 2 FRI");

    assertThat(parsed.nextMatchAfter(LocalDateTime.of(2024, 1, 31, 0, 0)))
        .isEqualTo(LocalDateTime.of(2024, 2, 2, 0, 0));
  }

  @Test
  void theTwentyNinthOfFebruaryIsPossible() {
    assertThat(CronExpression.parse("0 0 29 2 *")).hasToString("0 0 29 2 *");
  }

  @Test
  void aMissingExpressionIsAProgrammingError() {
    assertThatThrownBy(() -> CronExpression.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
