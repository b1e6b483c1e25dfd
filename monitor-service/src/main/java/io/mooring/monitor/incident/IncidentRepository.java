package io.mooring.monitor.incident;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface IncidentRepository extends CrudRepository<Incident, UUID> {

    Optional<Incident> findByMonitorIdAndResolvedAtIsNull(UUID monitorId);

    /** Up to {@code limit} incidents after id {@code after}, oldest first; each filter null for any. */
    @Query("""
            SELECT * FROM incident
            WHERE (CAST(:monitorFilter AS UUID) IS NULL OR monitor_id = :monitorFilter)
              AND (CAST(:openFilter AS BOOLEAN) IS NULL OR (resolved_at IS NULL) = :openFilter)
              AND (CAST(:after AS UUID) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit""")
    // parameters are not named after columns: Micronaut Data would convert them as the column's type
    List<Incident> page(@Nullable UUID monitorFilter, @Nullable Boolean openFilter, @Nullable UUID after, int limit);
}
