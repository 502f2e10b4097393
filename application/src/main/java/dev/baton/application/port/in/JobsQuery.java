package dev.baton.application.port.in;

import java.util.List;

/** The registered jobs and their recent runs ({@code GET /v1/jobs}). */
public interface JobsQuery {
  List<JobDetails> jobs();
}
