package io.mooring.monitor.probe;

/** A check setting that cannot work; {@link #field()} names it as the API spells it. */
public class InvalidSetting extends IllegalArgumentException {
    private final String field;

    public InvalidSetting(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
