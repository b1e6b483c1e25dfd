package io.mooring.monitor.state;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StateChangeRepository extends CrudRepository<StateChange, UUID> {

    /** Up to {@code limit} changes of the monitor after id {@code after}, oldest first. */
    @Query("""
            SELECT * FROM monitor_state_change
            WHERE monitor_id = :monitorFilter AND (CAST(:after AS UUID) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit""")
    // parameters are not named after columns: Micronaut Data would convert them as the column's type
    List<StateChange> page(UUID monitorFilter, @Nullable UUID after, int limit);
}
