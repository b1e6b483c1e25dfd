package io.mooring.bench;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Account creates and reads as closed-loop calls. Remembers every account it created, so reads go to
 * existing accounts, and, for measured creates, when each was asked for.
 */
final class AccountWorkload {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final ProvisionerClient client;
    private final AtomicLong counter = new AtomicLong();
    private final Queue<String> created = new ConcurrentLinkedQueue<>();

    AccountWorkload(ProvisionerClient client) {
        this.client = client;
    }

    /** {@code b<counter>-<six random characters>}: unique within a run and across runs against one database. */
    static String accountName(long counter) {
        StringBuilder name = new StringBuilder("b").append(counter).append('-');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** Creates accounts; each accepted one is remembered and, with {@code requestedAt}, when its request was sent. */
    ClosedLoop.Call creates(Map<String, Long> requestedAt) {
        return (http, startNanos) -> {
            ProvisionerClient.Created answer = client.createAccount(http, accountName(counter.incrementAndGet()));
            if (answer.accountId() != null) {
                created.add(answer.accountId());
                if (requestedAt != null) {
                    requestedAt.put(answer.accountId(), startNanos);
                }
            }
            return answer.status();
        };
    }

    /** Reads accounts picked at random among those created so far. */
    ClosedLoop.Call reads() {
        List<String> ids = List.copyOf(created);
        if (ids.isEmpty()) {
            throw new IllegalStateException("no account was created, so there is nothing to read");
        }
        return (http, startNanos) -> client.getAccount(http, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
    }

    int accounts() {
        return created.size();
    }
}
