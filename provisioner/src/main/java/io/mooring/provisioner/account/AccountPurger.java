package io.mooring.provisioner.account;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.provisioning.AccountPurged;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.ResourceRepository;
import io.mooring.provisioner.resource.ResourceService;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Purges deleted accounts whose grace period is over, on a schedule. Every replica runs it; the rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED} and change state in the same transaction, so each
 * account is purged, and announced, once.
 */
@Singleton
public class AccountPurger {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPurger.class);
    private static final int BATCH = 100;

    private final AccountRepository accounts;
    private final TransactionOperations<Connection> transactions;
    private final Outbox outbox;
    private final ResourceRepository resources;
    private final ResourceService resourceService;
    private final Clock clock;

    public AccountPurger(AccountRepository accounts, TransactionOperations<Connection> transactions, Outbox outbox, Clock clock,
                         ResourceRepository resources, ResourceService resourceService) {
        this.resources = resources;
        this.resourceService = resourceService;
        this.accounts = accounts;
        this.transactions = transactions;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.provisioner.purge.interval:1m}", initialDelay = "${mooring.provisioner.purge.initial-delay:10s}")
    void purgeOnSchedule() {
        try {
            int purged;
            do {
                purged = purgeDue();
            } while (purged == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("purging deleted accounts failed, will retry on the next run: {}", e.toString());
        }
    }

    /** A purged account keeps nothing: each of its live resources gets a delete operation. */
    private void deprovisionResources(Account account) {
        for (Resource resource : resources.findByAccountIdAndStateNotEqualOrderByCreatedAt(account.id(), Resource.State.DELETED)) {
            if (resource.state() != Resource.State.DELETING) {
                resourceService.delete(account.id(), resource.id());
            }
        }
    }

    /** Purges up to one batch of due accounts in one transaction; returns how many. */
    public int purgeDue() {
        return transactions.executeWrite(status -> {
            Instant now = clock.instant();
            List<Account> due = accounts.findDueForPurge(now, BATCH);
            for (Account account : due) {
                accounts.update(account.purged(now));
                deprovisionResources(account);
                outbox.append(new AccountPurged(account.id().toString()));
                LOG.info("purged account {} ({}), deleted at {}", account.name(), account.id(), account.deletedAt());
            }
            return due.size();
        });
    }
}
