package io.mooring.monitor.status;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MonitorGroupRepository extends CrudRepository<MonitorGroup, UUID> {

    boolean existsByName(String name);

    /** The group, its row locked until the transaction ends. */
    @Query("SELECT * FROM monitor_group WHERE id = :id FOR UPDATE")
    Optional<MonitorGroup> lockById(UUID id);

    /** Up to {@code limit} groups after id {@code after} (null: from the start), in id order. */
    @Query("""
            SELECT * FROM monitor_group
            WHERE (CAST(:publicFilter AS BOOLEAN) IS NULL OR is_public = :publicFilter)
              AND (CAST(:after AS UUID) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit""")
    List<MonitorGroup> page(@Nullable Boolean publicFilter, @Nullable UUID after, int limit);
}
