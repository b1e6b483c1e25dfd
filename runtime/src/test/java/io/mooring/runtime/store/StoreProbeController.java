package io.mooring.runtime.store;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;

/** A controller that exists only to read Postgres and Redis the way service controllers do. */
@Controller("/v1/store-probe")
@ExecuteOn(TaskExecutors.BLOCKING)
class StoreProbeController {
    private final JdbcOperations jdbc;
    private final StatefulRedisConnection<String, String> redis;

    StoreProbeController(JdbcOperations jdbc, StatefulRedisConnection<String, String> redis) {
        this.jdbc = jdbc;
        this.redis = redis;
    }

    @Get("/postgres")
    @Transactional
    String postgres() {
        return jdbc.prepareStatement("select count(*) from mooring_outbox", statement -> {
            var rows = statement.executeQuery();
            rows.next();
            return "outbox rows: " + rows.getLong(1);
        });
    }

    @Get("/redis")
    String redis() {
        return "probe: " + redis.sync().get("store-probe");
    }
}
