package io.mooring.provisioner.placement;

import io.micronaut.http.HttpStatus;
import io.mooring.provisioner.host.Host;
import io.mooring.runtime.http.Problem;
import io.mooring.runtime.http.ProblemException;

import java.util.List;
import java.util.Objects;

/** Where an account goes, or why it can go nowhere. */
public sealed interface Placement {

    /** The chosen host. */
    record Chosen(Host host) implements Placement {
        public Chosen {
            Objects.requireNonNull(host, "host");
        }
    }

    /**
     * Nothing fits.
     *
     * @param rule   what ran out or did not match: {@code hosts}, {@code datacenter}, {@code labels},
     *               {@code cordoned}, {@code memory}, {@code cpu} or {@code disk}
     * @param reason a sentence for operators, e.g. "memory: needs 512 MB, best host has 256 MB left"
     */
    record NoFit(String rule, String reason) implements Placement {
        public NoFit {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        /** The 409 problem that says why. */
        public ProblemException problem() {
            return new ProblemException(HttpStatus.CONFLICT, "no-capacity", "No host fits", reason,
                    List.of(new Problem.FieldError(rule, reason)));
        }
    }
}
