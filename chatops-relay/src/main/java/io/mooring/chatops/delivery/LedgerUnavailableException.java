package io.mooring.chatops.delivery;

/** Redis did not answer: nothing was read or written, and trying again later may work. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(Throwable cause) {
        super("the delivery ledger (Redis) is unavailable: " + cause.getMessage(), cause);
    }
}
