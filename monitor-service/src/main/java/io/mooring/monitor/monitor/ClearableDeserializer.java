package io.mooring.monitor.monitor;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.mooring.runtime.json.StrictStringDeserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** Reads a {@link Clearable}: JSON {@code null} clears, a string (as strict as any other) sets. */
@Singleton
final class ClearableDeserializer implements Deserializer<Clearable> {
    private final StrictStringDeserializer strings = new StrictStringDeserializer();

    @Override
    public Clearable deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super Clearable> type)
            throws IOException {
        return decoder.decodeNull() ? Clearable.CLEARED : deserialize(decoder, context, type);
    }

    @Override
    public Clearable deserialize(Decoder decoder, DecoderContext context, Argument<? super Clearable> type) throws IOException {
        return new Clearable(strings.deserialize(decoder, context, Argument.STRING));
    }
}
