package io.mooring.provisioner.account;

import io.micronaut.http.HttpStatus;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.mooring.provisioner.account.Account.State.DELETED;
import static io.mooring.provisioner.account.Account.State.FAILED;
import static io.mooring.provisioner.account.Account.State.READY;
import static io.mooring.provisioner.account.Account.State.SUSPENDED;

/** What may be done to an account in which state: the rules a 409 {@code invalid-transition} names. */
public enum AccountTransition {
    SUSPEND("suspend", EnumSet.of(READY)),
    RESUME("resume", EnumSet.of(SUSPENDED)),
    CHANGE_PLAN("change the plan of", EnumSet.of(READY, SUSPENDED)),
    MIGRATE("migrate", EnumSet.of(READY, SUSPENDED)),
    DELETE("delete", EnumSet.of(READY, SUSPENDED, FAILED)),
    RESTORE("restore", EnumSet.of(DELETED));

    private final String verb;
    private final Set<Account.State> from;

    AccountTransition(String verb, Set<Account.State> from) {
        this.verb = verb;
        this.from = from;
    }

    /** The rule as operators read it, e.g. "can only resume an account that is SUSPENDED". */
    public String rule() {
        return "can only " + verb + " an account that is " + from.stream().map(Enum::name).collect(Collectors.joining(" or "));
    }

    /** Passes when {@code account} may take this transition; a 409 problem naming the rule otherwise. */
    public void check(Account account) {
        if (!from.contains(account.state())) {
            throw refused(account, rule());
        }
    }

    private static ProblemException refused(Account account, String rule) {
        return new ProblemException(HttpStatus.CONFLICT, "invalid-transition", "Invalid state transition",
                "account " + account.id() + " is " + account.state() + ": " + rule,
                List.of(new Problem.FieldError("state", rule)));
    }
}
