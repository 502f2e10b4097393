package dev.baton.adapters.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.baton.application.schedule.CronSchedule;
import dev.baton.application.schedule.IntervalSchedule;
import dev.baton.application.schedule.JobSchedule;
import java.math.BigDecimal;

/**
 * A job's schedule as the API writes it: {@code {"every": seconds}} or {@code {"cron": "…", "zone":
 * "…"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ScheduleResponse(BigDecimal every, String cron, String zone) {

  static ScheduleResponse from(JobSchedule schedule) {
    if (schedule instanceof IntervalSchedule interval) {
      return new ScheduleResponse(ApiJson.seconds(interval.interval()), null, null);
    }
    CronSchedule cron = (CronSchedule) schedule;
    return new ScheduleResponse(null, cron.expression().toString(), cron.zone().getId());
  }
}
