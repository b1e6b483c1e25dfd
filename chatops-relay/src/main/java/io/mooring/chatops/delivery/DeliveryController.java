package io.mooring.chatops.delivery;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.mooring.runtime.http.ProblemException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "deliveries")
@Controller("/v1/deliveries")
public class DeliveryController {
    static final int DEFAULT_LIMIT = 50;

    private final DeliveryLedger ledger;

    public DeliveryController(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    /**
     * Recent post attempts, newest first.
     *
     * @param limit   how many, 1 to 1000 (default 50)
     * @param eventId only the attempts for this event
     */
    @Get
    public List<Delivery> listDeliveries(
            @Nullable @QueryValue @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "1000",
                    defaultValue = "50")) String limit,
            @Nullable @QueryValue @Parameter(schema = @Schema(type = "string", format = "uuid")) String eventId) {
        int count = limit == null ? DEFAULT_LIMIT : parseLimit(limit);
        UUID event = eventId == null ? null : parseEventId(eventId);
        try {
            return ledger.recent(count, event);
        } catch (LedgerUnavailableException e) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable",
                    "the delivery log cannot be read now; try again later");
        }
    }

    /** Parsed here rather than bound, so that {@code limit=lots} is refused instead of ignored. */
    private static int parseLimit(String limit) {
        String problem = "must be a whole number from 1 to " + DeliveryLedger.LOG_SIZE + ", was '" + limit + "'";
        int count;
        try {
            count = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("limit", problem);
        }
        if (count < 1 || count > DeliveryLedger.LOG_SIZE) {
            throw ProblemException.invalid("limit", problem);
        }
        return count;
    }

    private static UUID parseEventId(String eventId) {
        if (eventId.length() == 36) {
            try {
                return UUID.fromString(eventId);
            } catch (IllegalArgumentException e) {
                // refused below, like any other malformed id
            }
        }
        throw ProblemException.invalid("eventId", "must be a UUID, was '" + eventId + "'");
    }
}
