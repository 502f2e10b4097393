package dev.baton.persistence;

import dev.baton.domain.SchedulerInstance;
import dev.baton.domain.SchedulerRole;
import dev.baton.domain.WireEnum;
import dev.baton.domain.port.InstanceRegistryPort;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The instances that run Baton on one database ({@code baton_instance}), on either backend:
 * timestamps are bound and read as {@link Instant}, and each backend's {@link Jdbi} knows how its
 * database spells them.
 */
public final class JdbiInstanceRegistry implements InstanceRegistryPort {
  private final Jdbi jdbi;

  public JdbiInstanceRegistry(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  @Override
  public void register(SchedulerInstance instance) {
    Objects.requireNonNull(instance, "instance");
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    """
                    INSERT INTO <schema>.baton_instance
                        (instance_id, host, pid, version, role, started_at, heartbeat_at)
                    VALUES (:instanceId, :host, :pid, :version, :role, :startedAt, :heartbeatAt)
                    ON CONFLICT (instance_id) DO UPDATE SET
                        host = excluded.host,
                        pid = excluded.pid,
                        version = excluded.version,
                        role = excluded.role,
                        started_at = excluded.started_at,
                        heartbeat_at = excluded.heartbeat_at
                    """)
                .bind("instanceId", instance.instanceId())
                .bind("host", instance.host())
                .bind("pid", instance.pid())
                .bind("version", instance.version())
                .bind("role", WireEnum.wireName(instance.role()))
                .bind("startedAt", instance.startedAt())
                .bind("heartbeatAt", instance.heartbeatAt())
                .execute());
  }

  @Override
  public void heartbeat(String instanceId, SchedulerRole role, Instant at) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE <schema>.baton_instance SET role = :role, heartbeat_at = :heartbeatAt"
                        + " WHERE instance_id = :instanceId")
                .bind("role", WireEnum.wireName(role))
                .bind("heartbeatAt", at)
                .bind("instanceId", instanceId)
                .execute());
  }

  @Override
  public List<SchedulerInstance> listInstances() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT instance_id, host, pid, version, role, started_at, heartbeat_at"
                        + " FROM <schema>.baton_instance ORDER BY started_at, instance_id")
                .map(
                    (row, context) ->
                        new SchedulerInstance(
                            row.getString("instance_id"),
                            row.getString("host"),
                            row.getLong("pid"),
                            row.getString("version"),
                            WireEnum.fromWire(SchedulerRole.class, row.getString("role")),
                            Timestamps.column(row, "started_at", context),
                            Timestamps.column(row, "heartbeat_at", context)))
                .list());
  }

  @Override
  public int pruneNotSeenSince(Instant cutoff) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM <schema>.baton_instance WHERE heartbeat_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }
}
