package io.mooring.provisioner.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.lookup.IdOrName;
import io.mooring.provisioner.lookup.NameFilter;
import io.mooring.runtime.idempotency.IdempotentRequests;
import io.mooring.provisioner.operation.Operation;
import io.mooring.runtime.paging.Page;
import io.mooring.runtime.paging.PageRequest;
import io.mooring.provisioner.resource.work.WorkSignal;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "accounts")
@Controller("/v1/accounts")
public class AccountController {
    /** The header naming the operation that carries a suspension or resume to the account's data. */
    public static final String OPERATION_LOCATION = "Operation-Location";
    private final AccountCreation creation;
    private final AccountLifecycle lifecycle;
    private final AccountMigration migration;
    private final AccountRepository accounts;
    private final IdempotentRequests idempotent;
    private final WorkSignal work;

    public AccountController(AccountCreation creation, AccountLifecycle lifecycle, AccountMigration migration,
                             AccountRepository accounts, IdempotentRequests idempotent, WorkSignal work) {
        this.creation = creation;
        this.lifecycle = lifecycle;
        this.migration = migration;
        this.accounts = accounts;
        this.idempotent = idempotent;
        this.work = work;
    }

    @Serdeable
    public record ChangePlan(@NotBlank String plan) {
    }

    @Serdeable
    public record Suspend(@NotBlank @Size(max = 500) String reason) {
    }

    /** @param hostId where to move; placement chooses when it is left out */
    @Serdeable
    public record Migrate(@Nullable UUID hostId) {
    }

    /**
     * Creation is asynchronous: the answer is the operation, with a Location to follow; a worker places
     * the account right after. 409 {@code no-capacity} when no host fits at the time of the request. With an
     * {@code Idempotency-Key}, a retry returns the same operation instead of creating a second account.
     */
    @Post
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = Operation.class)))
    public HttpResponse<?> create(HttpRequest<?> request, @Body @Valid CreateAccount body,
                                  @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey) {
        CreateAccount checked = body.checked();
        return idempotent.run(request, idempotencyKey, checked, () -> {
            Operation operation = creation.create(checked).operation();
            work.wakeUp();
            return HttpResponse.accepted(URI.create("/v1/operations/" + operation.id())).body(operation);
        });
    }

    /**
     * Accounts in id (creation) order, a page at a time; purged accounts only when {@code state=PURGED}.
     *
     * @param name       exact name
     * @param namePrefix names starting with it
     * @param cursor     the {@code nextCursor} of the previous page
     */
    @Get
    public Page<Account> list(@Nullable @QueryValue String state, @Nullable @QueryValue String hostId,
                              @Nullable @QueryValue String plan, @Nullable @QueryValue String name,
                              @Nullable @QueryValue String namePrefix, @Nullable @QueryValue Integer limit,
                              @Nullable @QueryValue String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        String stateFilter = state == null ? null : parseState(state).name();
        UUID host = hostId == null ? null : parseId(hostId, "hostId");
        return Page.of(accounts.page(stateFilter, host, plan, NameFilter.exact(name, "name"),
                NameFilter.prefix(namePrefix, "namePrefix"), page.after(), page.fetchSize()), page, Account::id);
    }

    /** By id, or by name: the live (not purged) account that has it. */
    @Get("/{idOrName}")
    public Account get(@PathVariable String idOrName) {
        return switch (IdOrName.parse(idOrName, "idOrName")) {
            case IdOrName.Id id -> accounts.findById(id.id()).orElseThrow(() -> ProblemException.notFound("account", id.id()));
            case IdOrName.Name name -> accounts.findLiveByName(name.name())
                    .orElseThrow(() -> ProblemException.notFound("account named", name.name()));
        };
    }

    /** Moves the account to another plan: 409 when its host has no room for the new limits. */
    @Post("/{id}/plan")
    public Account changePlan(@PathVariable UUID id, @Body @Valid ChangePlan body) {
        return lifecycle.changePlan(id, body.plan());
    }

    /**
     * 200 with the account, SUSPENDED at once; {@code Operation-Location} names the operation that
     * blocks its databases, Redis users and buckets.
     */
    @Post("/{id}/suspend")
    public HttpResponse<Account> suspend(@PathVariable UUID id, @Body @Valid Suspend body) {
        return withOperation(lifecycle.suspendAccess(id, body.reason()));
    }

    /** 200 with the account; {@code Operation-Location} names the operation that restores its access. */
    @Post("/{id}/resume")
    public HttpResponse<Account> resume(@PathVariable UUID id) {
        return withOperation(lifecycle.resumeAccess(id));
    }

    private static HttpResponse<Account> withOperation(AccountLifecycle.AccessChanged changed) {
        return HttpResponse.ok(changed.account()).header(OPERATION_LOCATION, "/v1/operations/" + changed.operation().id());
    }

    @Post("/{id}/migrate")
    public Account migrate(@PathVariable UUID id, @Nullable @Body @Valid Migrate body) {
        return migration.migrate(id, body == null ? null : body.hostId());
    }

    /** Soft delete: state DELETED until {@code purgeAfter}, restorable until then. */
    @Delete("/{id}")
    public Account delete(@PathVariable UUID id) {
        return lifecycle.delete(id);
    }

    @Post("/{id}/restore")
    public Account restore(@PathVariable UUID id) {
        return lifecycle.restore(id);
    }

    private static UUID parseId(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "must be a UUID");
        }
    }

    private static Account.State parseState(String state) {
        try {
            return Account.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("state", "must be one of " + Arrays.toString(Account.State.values()));
        }
    }
}
