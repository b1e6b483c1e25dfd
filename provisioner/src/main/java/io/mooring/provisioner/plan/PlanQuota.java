package io.mooring.provisioner.plan;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Refuses plan limits below what accounts already have: the number of databases, Redis namespaces,
 * buckets and sites (resources not deleted) of an account must stay within its plan.
 */
@Singleton
public class PlanQuota {
    private static final String ACCOUNT_COUNTS = """
            SELECT kind, COUNT(*), CAST(account_id AS text) FROM resource
            WHERE account_id = ? AND state <> 'DELETED' GROUP BY account_id, kind
            """;
    // per kind, the account of the plan with the most resources of that kind
    private static final String PLAN_COUNTS = """
            SELECT DISTINCT ON (r.kind) r.kind, COUNT(*), CAST(r.account_id AS text) FROM resource r
            JOIN account a ON a.id = r.account_id
            WHERE a.plan = ? AND a.state <> 'PURGED' AND r.state <> 'DELETED'
            GROUP BY r.kind, r.account_id ORDER BY r.kind, COUNT(*) DESC
            """;

    private final JdbcOperations jdbc;

    public PlanQuota(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A 409 {@code over-quota} problem when the account has more resources of a kind than {@code plan} allows. */
    public void checkAccount(UUID accountId, Plan plan) {
        check(ACCOUNT_COUNTS, accountId, plan);
    }

    /** A 409 {@code over-quota} problem when an account on the plan has more resources than {@code limits} allow. */
    public void checkPlan(Plan limits) {
        check(PLAN_COUNTS, limits.name(), limits);
    }

    private void check(String query, Object parameter, Plan plan) {
        Optional<String> broken = jdbc.prepareStatement(query, ps -> {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(1);
                    long has = rs.getLong(2);
                    long allowed = allowed(plan, kind);
                    if (has > allowed) {
                        return Optional.of("plan " + plan.name() + " allows " + allowed + " " + kind + " per account; account "
                                + rs.getString(3) + " has " + has);
                    }
                }
            }
            return Optional.<String>empty();
        });
        if (broken.isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "over-quota", "Over quota", broken.get(),
                    List.of(new Problem.FieldError("plan", broken.get())));
        }
    }

    private static long allowed(Plan plan, String kind) {
        return switch (kind) {
            case "postgres-database" -> plan.maxDatabases();
            case "redis-namespace" -> plan.maxRedis();
            case "bucket" -> plan.maxBuckets();
            case "site" -> plan.maxSites();
            default -> Long.MAX_VALUE;
        };
    }
}
