package io.mooring.runtime.json;

import io.micronaut.context.annotation.Primary;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import io.micronaut.serde.exceptions.InvalidFormatException;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;

/**
 * A list of strings, each held to {@link StrictJson#string}: replaces serde's own list of strings,
 * which reads its items without the string deserializer.
 */
@Singleton
@Primary
public class StrictStringListDeserializer implements Deserializer<ArrayList<String>> {

    @Override
    public ArrayList<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super ArrayList<String>> type)
            throws IOException {
        Decoder array = decoder.decodeArray();
        ArrayList<String> items = new ArrayList<>();
        while (array.hasNextArrayValue()) {
            if (array.decodeNull()) {
                items.add(null);
                continue;
            }
            try {
                items.add(StrictJson.string(array));
            } catch (InvalidFormatException e) {
                throw new InvalidFormatException("item " + items.size() + " " + e.getMessage(), null, e.getOriginalValue());
            }
        }
        array.finishStructure();
        return items;
    }

    @Override
    public ArrayList<String> getDefaultValue(DecoderContext context, Argument<? super ArrayList<String>> type) {
        return new ArrayList<>();
    }
}
