package io.mooring.runtime.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;

/** A JSON string only, without control characters other than tab and line breaks: see {@link StrictJson}. */
@Singleton
@Primary
public class StrictStringDeserializer implements Deserializer<String> {

    @Override
    public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
        return StrictJson.string(decoder);
    }
}
