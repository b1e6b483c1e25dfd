package io.mooring.runtime.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** JSON {@code true} or {@code false} only: see {@link StrictJson}. */
@Singleton
@Primary
public class StrictBooleanDeserializer implements Deserializer<Boolean> {

    @Override
    public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
        return StrictJson.bool(decoder);
    }
}
