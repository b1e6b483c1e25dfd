package io.mooring.monitor.schedule;

import io.micronaut.context.annotation.Factory;
import io.mooring.monitor.probe.ProbeCredentials;
import io.mooring.monitor.probe.ProbeTls;
import io.mooring.monitor.probe.Prober;
import jakarta.inject.Singleton;

import java.time.Clock;

@Factory
class ProberFactory {

    @Singleton
    Prober prober(SchedulerSettings settings, Clock clock, ProbeCredentials credentials) {
        return new Prober(ProbeTls.trusting(settings.getCaFiles()), clock, settings.getConnectTimeout(), credentials);
    }
}
