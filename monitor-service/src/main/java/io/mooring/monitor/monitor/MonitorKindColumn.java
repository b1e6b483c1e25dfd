package io.mooring.monitor.monitor;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import io.mooring.events.monitoring.MonitorKind;
import jakarta.inject.Singleton;

/** Stores a {@link MonitorKind} by its wire name ({@code http}, {@code tcp}, {@code heartbeat}). */
@Singleton
class MonitorKindColumn implements AttributeConverter<MonitorKind, String> {

    @Override
    public String convertToPersistedValue(MonitorKind kind, ConversionContext context) {
        return kind == null ? null : kind.wireName();
    }

    @Override
    public MonitorKind convertToEntityValue(String value, ConversionContext context) {
        return value == null ? null : MonitorKind.fromWire(value);
    }
}
