package io.mooring.monitor.incident;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface IncidentEntryRepository extends CrudRepository<IncidentEntry, UUID> {

    @Query("SELECT * FROM incident_entry WHERE incident_id IN (:incidents) ORDER BY incident_id, at, id")
    List<IncidentEntry> timelines(Collection<UUID> incidents);
}
