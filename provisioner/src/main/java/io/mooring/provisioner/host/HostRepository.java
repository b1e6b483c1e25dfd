package io.mooring.provisioner.host;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface HostRepository extends CrudRepository<Host, UUID> {
    boolean existsByName(String name);

    List<Host> listOrderByCreatedAt();

    @Query("SELECT * FROM host WHERE id = :id FOR UPDATE")
    Optional<Host> findByIdForUpdate(UUID id);

    Optional<Host> findByName(String name);

    /**
     * Up to {@code limit} hosts with an id after {@code after}, in id order; null filters match all.
     *
     * @param name   exact name
     * @param labels a JSON object every returned host's labels contain
     */
    @Query("""
            SELECT * FROM host
            WHERE (CAST(:name AS text) IS NULL OR name = :name)
              AND (CAST(:datacenter AS text) IS NULL OR datacenter = :datacenter)
              AND (CAST(:labels AS jsonb) IS NULL OR labels @> CAST(:labels AS jsonb))
              AND (CAST(:cordoned AS boolean) IS NULL OR cordoned = :cordoned)
              AND (CAST(:after AS uuid) IS NULL OR id > :after)
            ORDER BY id
            LIMIT :limit
            """)
    List<Host> page(@Nullable String name, @Nullable String datacenter, @Nullable String labels, @Nullable Boolean cordoned,
                    @Nullable UUID after, int limit);
}
