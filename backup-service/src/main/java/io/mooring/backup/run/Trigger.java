package io.mooring.backup.run;

import io.mooring.events.WireValue;
import io.mooring.events.backups.RunTrigger;

/** What started a run. */
public enum Trigger implements WireValue {
    SCHEDULE(RunTrigger.SCHEDULE), MANUAL(RunTrigger.MANUAL), CHAT(RunTrigger.CHAT);

    private final String wireName;

    Trigger(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Trigger fromWire(String value) {
        return WireValue.parse(Trigger.class, value, "trigger");
    }
}
