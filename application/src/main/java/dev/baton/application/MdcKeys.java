package dev.baton.application;

/**
 * The names of the logging context (SLF4J's MDC) that Baton's log lines carry where they apply;
 * both log formats show them. {@code instance_id} is the process's own and set once at startup; a
 * thread that works for a term, a job or one run puts the others for as long as it does:
 *
 * <pre>{@code
 * try (MDC.MDCCloseable term = MDC.putCloseable(MdcKeys.TERM, String.valueOf(lease.term()))) {
 *   ...
 * }
 * }</pre>
 */
public final class MdcKeys {
  private MdcKeys() {}

  /** This process, {@code baton-} and 12 hex digits. */
  public static final String INSTANCE_ID = "instance_id";

  /** The leadership term the work runs under. */
  public static final String TERM = "term";

  /** The job's name, e.g. {@code poll_llm_batches}. */
  public static final String JOB = "job";

  /** The id of the job run ({@code baton_job_run.id}). */
  public static final String RUN_ID = "run_id";
}
