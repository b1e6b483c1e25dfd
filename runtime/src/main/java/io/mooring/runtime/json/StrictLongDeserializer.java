package io.mooring.runtime.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** A JSON integer in the range of {@code long} only: see {@link StrictJson}. */
@Singleton
@Primary
public class StrictLongDeserializer implements Deserializer<Long> {

    @Override
    public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
        return StrictJson.integer(decoder, Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
