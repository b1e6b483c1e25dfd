package io.mooring.backup.artifact;

import io.micronaut.json.JsonMapper;
import io.mooring.backup.destination.Destination;
import io.mooring.backup.destination.Destinations;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads and writes manifests ({@code <artifact key>.manifest.json}) in a destination. */
@Singleton
public class Manifests {
    private final Destinations destinations;
    private final JsonMapper json;

    public Manifests(Destinations destinations, JsonMapper json) {
        this.destinations = destinations;
        this.json = json;
    }

    /** The manifest stored at {@code manifestKey}; S3's {@code NoSuchKeyException} when there is none. */
    public Manifest read(Destination destination, String manifestKey) {
        byte[] body = destinations.client(destination).getObjectAsBytes(GetObjectRequest.builder()
                .bucket(destination.bucket()).key(manifestKey).build()).asByteArray();
        return parse(body);
    }

    Manifest parse(byte[] body) {
        try {
            return json.readValue(body, Manifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("manifest is not valid JSON", e);
        }
    }

    byte[] bytes(Manifest manifest) {
        try {
            return json.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode manifest", e);
        }
    }

    /** Stores {@code manifest} at {@code manifestKey}, in one request. */
    void write(Destination destination, String manifestKey, Manifest manifest) {
        destinations.client(destination).putObject(PutObjectRequest.builder().bucket(destination.bucket())
                .key(manifestKey).contentType("application/json").build(), RequestBody.fromBytes(bytes(manifest)));
    }
}
