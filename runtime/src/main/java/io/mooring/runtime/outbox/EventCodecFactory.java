package io.mooring.runtime.outbox;

import io.micronaut.context.annotation.Factory;
import io.mooring.events.EventCodec;
import jakarta.inject.Singleton;

@Factory
class EventCodecFactory {
    @Singleton
    EventCodec eventCodec() {
        return new EventCodec();
    }
}
