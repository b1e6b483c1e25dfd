package io.mooring.runtime.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** A JSON integer in the range of {@code int} only: see {@link StrictJson}. */
@Singleton
@Primary
public class StrictIntegerDeserializer implements Deserializer<Integer> {

    @Override
    public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
        return (int) StrictJson.integer(decoder, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
