package io.mooring.provisioner.account;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import io.mooring.provisioner.operation.Operation;
import io.mooring.runtime.http.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Controller("/v1/accounts")
public class AccountController {
    private final AccountService service;
    private final AccountRepository accounts;

    public AccountController(AccountService service, AccountRepository accounts) {
        this.service = service;
        this.accounts = accounts;
    }

    /** What an operator sends to create an account. */
    @Serdeable
    public record CreateAccount(
            @NotBlank @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?", message = "must be a lowercase DNS label of at most 32 characters") String name,
            @NotBlank String plan,
            @NotBlank @Email String ownerEmail) {
    }

    /** Creation is asynchronous: the answer is the operation, with a Location to follow. */
    @Post
    public HttpResponse<Operation> create(@Body @Valid CreateAccount request) {
        AccountService.Created created = service.create(request.name(), request.plan(), request.ownerEmail());
        return HttpResponse.accepted(URI.create("/v1/operations/" + created.operation().id()))
                .body(created.operation());
    }

    @Get
    public List<Account> list() {
        return accounts.listOrderByCreatedAt();
    }

    @Get("/{id}")
    public Account get(@PathVariable UUID id) {
        return accounts.findById(id).orElseThrow(() -> ProblemException.notFound("account", id));
    }
}
