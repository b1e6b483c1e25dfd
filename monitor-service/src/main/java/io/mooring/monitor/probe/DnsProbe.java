package io.mooring.monitor.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@link Check.Dns} through the system resolver, on a virtual thread so the timeout holds. */
final class DnsProbe {
    private final ExecutorService lookups = Executors.newVirtualThreadPerTaskExecutor();

    ProbeResult check(Check.Dns check, Duration timeout) {
        long started = System.nanoTime();
        Future<InetAddress[]> lookup = lookups.submit(() -> InetAddress.getAllByName(check.name()));
        InetAddress[] addresses;
        try {
            addresses = lookup.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            return ProbeResult.down(since(started), "lookup timed out after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return ProbeResult.down(since(started), e.getCause() instanceof UnknownHostException
                    ? "does not resolve: " + check.name() : Failures.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.down(since(started), "interrupted");
        }
        Duration latency = since(started);
        String found = String.join(", ", Arrays.stream(addresses).map(InetAddress::getHostAddress).toList());
        if (check.expectedAddress() != null && Arrays.stream(addresses).noneMatch(a -> sameAddress(a, check.expectedAddress()))) {
            return ProbeResult.down(latency, check.name() + " resolves to " + found + ", not " + check.expectedAddress());
        }
        return ProbeResult.up(latency, check.name() + " resolves to " + found);
    }

    private static boolean sameAddress(InetAddress address, String expected) {
        try {
            // Check.Dns admits IP literals only, which getByName parses without a lookup
            return InetAddress.getByName(expected).equals(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
