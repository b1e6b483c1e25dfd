package io.mooring.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every event type the platform can produce, with its record class and topic. */
public final class EventCatalog {

    /** One event type. */
    public record Entry(String type, String topic, Class<? extends MooringEvent> recordClass) {
    }

    private static final List<Class<? extends MooringEvent>> RECORDS = List.of(
            io.mooring.events.provisioning.AccountReady.class
    );

    private static final Map<String, Entry> BY_TYPE;
    private static final Map<Class<?>, Entry> BY_CLASS;

    static {
        Map<String, Entry> byType = new LinkedHashMap<>();
        Map<Class<?>, Entry> byClass = new LinkedHashMap<>();
        for (Class<? extends MooringEvent> recordClass : RECORDS) {
            EventType annotation = recordClass.getAnnotation(EventType.class);
            if (annotation == null) {
                throw new IllegalStateException(recordClass + " lacks @EventType");
            }
            Entry entry = new Entry(annotation.value(), annotation.topic(), recordClass);
            if (byType.put(entry.type(), entry) != null) {
                throw new IllegalStateException("duplicate event type " + entry.type());
            }
            byClass.put(recordClass, entry);
        }
        BY_TYPE = Collections.unmodifiableMap(byType);
        BY_CLASS = Collections.unmodifiableMap(byClass);
    }

    private EventCatalog() {
    }

    public static Optional<Entry> entryOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Entry entryOf(Class<?> recordClass) {
        Entry entry = BY_CLASS.get(recordClass);
        if (entry == null) {
            throw new IllegalArgumentException(recordClass.getName() + " is not a registered event record");
        }
        return entry;
    }

    public static Set<String> types() {
        return BY_TYPE.keySet();
    }

    public static List<Entry> entries() {
        return List.copyOf(BY_TYPE.values());
    }
}
