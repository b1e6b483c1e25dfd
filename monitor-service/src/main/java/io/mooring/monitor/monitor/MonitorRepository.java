package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface MonitorRepository extends CrudRepository<Monitor, UUID> {

    List<Monitor> listOrderByCreatedAt();

    List<Monitor> findByAccountIdOrderByCreatedAt(String accountId);

    boolean existsByAccountIdAndName(String accountId, String name);

    boolean existsByAccountIdIsNullAndName(String name);

    /** Whether the account (or the platform, for a null account) already has a monitor of that name. */
    default boolean nameTaken(@Nullable String accountId, String name) {
        return accountId == null ? existsByAccountIdIsNullAndName(name) : existsByAccountIdAndName(accountId, name);
    }
}
