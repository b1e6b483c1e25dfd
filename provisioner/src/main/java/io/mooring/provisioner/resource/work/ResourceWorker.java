package io.mooring.provisioner.resource.work;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.mooring.provisioner.resource.Resource;
import io.mooring.provisioner.resource.access.AccessEnforcer;
import io.mooring.provisioner.resource.driver.Credentials;
import io.mooring.provisioner.resource.driver.DriverFailure;
import io.mooring.provisioner.resource.driver.DriverRequest;
import io.mooring.provisioner.resource.driver.Provisioned;
import io.mooring.provisioner.resource.driver.ResourceDriver;
import io.mooring.provisioner.resource.driver.ResourceDrivers;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Background threads that run resource operations, the operations that carry an account's suspension
 * or resume to its resources ({@link AccessEnforcer}), and the {@link BackgroundWork} of other packages,
 * such as account creation: each takes the next due operation, calls its
 * driver outside any transaction, and records the outcome. Retriable failures are tried again with
 * backoff up to {@code max-attempts}; permanent ones end the operation FAILED. Operations held by a
 * crashed worker become due again when its lease ends, and drivers are idempotent, so none stays
 * running forever.
 */
@Singleton
public class ResourceWorker implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceWorker.class);

    private final WorkQueue queue;
    private final ResourceDrivers drivers;
    private final WorkerSettings settings;
    private final RetryPolicy retries;
    private final WorkSignal signal;
    private final List<BackgroundWork> others;
    private final AccessEnforcer access;
    private final Clock clock;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public ResourceWorker(WorkQueue queue, ResourceDrivers drivers, WorkerSettings settings, WorkSignal signal,
                          List<BackgroundWork> others, AccessEnforcer access, Clock clock) {
        this.access = access;
        this.queue = queue;
        this.drivers = drivers;
        this.settings = settings;
        this.retries = settings.retryPolicy();
        this.signal = signal;
        this.others = List.copyOf(others);
        this.clock = clock;
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (!settings.isEnabled() || running) {
            return;
        }
        running = true;
        for (int i = 0; i < Math.max(1, settings.getThreads()); i++) {
            threads.add(Thread.ofPlatform().daemon().name("resource-worker-" + i).start(this::run));
        }
    }

    private void run() {
        Duration pause = settings.getPollInterval();
        while (running) {
            try {
                boolean worked = runOthers();
                Optional<Claim> claim = queue.claimNext(settings.getLease());
                pause = settings.getPollInterval();
                if (claim.isPresent()) {
                    work(claim.get());
                } else if (!access.runNext() && !worked && !signal.await(settings.getPollInterval())) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("resource worker: {}; trying again in {} ms", e.toString(), pause.toMillis());
                if (!signal.await(pause)) {
                    return;
                }
                pause = min(pause.multipliedBy(2), Duration.ofSeconds(30));
            }
        }
    }

    private boolean runOthers() {
        boolean worked = false;
        for (BackgroundWork work : others) {
            worked |= work.runNext();
        }
        return worked;
    }

    void work(Claim claim) {
        Resource resource = claim.resource();
        ResourceDriver driver = drivers.of(resource.resourceKind());
        DriverRequest request = new DriverRequest(resource.id(), resource.accountId(), resource.name(), resource.spec());
        Provisioned provisioned = null;
        Credentials rotated = null;
        try {
            if (claim.creates()) {
                provisioned = driver.provision(request);
            } else if (claim.rotates()) {
                rotated = driver.rotate(request);
            } else {
                driver.deprovision(request);
            }
        } catch (DriverFailure e) {
            failed(claim, e.getMessage(), e.summary(), e.retriable());
            return;
        } catch (RuntimeException e) {
            LOG.warn("operation {}: unexpected failure", claim.operation().id(), e);
            failed(claim, e.toString(), "unexpected error in the provisioner", true);
            return;
        }
        if (claim.creates()) {
            queue.provisioned(claim, provisioned);
        } else if (claim.rotates()) {
            queue.rotated(claim, rotated);
        } else {
            queue.deprovisioned(claim);
        }
    }

    /**
     * @param reason  what happened in detail: logged and kept in the operation
     * @param summary the short classified reason for the resource's event
     */
    private void failed(Claim claim, String reason, String summary, boolean retriable) {
        RetryPolicy.Decision decision = retries.after(claim.attempt(), retriable, reason, clock.instant(),
                ThreadLocalRandom.current().nextDouble());
        switch (decision) {
            case RetryPolicy.Retry retry -> {
                LOG.warn("operation {} ({} {}), attempt {}: {}; retrying at {}", claim.operation().id(), claim.operation().kind(),
                        claim.resource().id(), claim.attempt(), reason, retry.at());
                queue.retryAt(claim, reason, retry.at());
            }
            case RetryPolicy.GiveUp giveUp -> {
                LOG.warn("operation {} ({} {}) failed: {}", claim.operation().id(), claim.operation().kind(), claim.resource().id(),
                        giveUp.reason());
                queue.failed(claim, giveUp.reason(), retriable ? "gave up after " + claim.attempt() + " attempts: " + summary : summary);
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @PreDestroy
    public void stop() throws InterruptedException {
        List<Thread> stopping;
        synchronized (this) {
            running = false;
            stopping = List.copyOf(threads);
            threads.clear();
        }
        signal.wakeUp();
        for (Thread thread : stopping) {
            thread.join(10_000);
        }
    }
}
