package io.mooring.provisioner.operation;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Results an operation shows once (generated credentials): sealed at rest, wiped when taken. */
@Singleton
public class OneTimeResults {
    private static final Logger LOG = LoggerFactory.getLogger(OneTimeResults.class);
    private static final Argument<Map<String, String>> MAP = Argument.mapOf(String.class, String.class);

    private final OperationRepository operations;
    private final ResultCipher cipher;
    private final JsonMapper json;

    public OneTimeResults(OperationRepository operations, ResultCipher cipher, JsonMapper json) {
        this.operations = operations;
        this.cipher = cipher;
        this.json = json;
    }

    /** {@code values} sealed for the operation {@code operationId}, to store in its row. */
    public byte[] seal(UUID operationId, Map<String, String> values) {
        try {
            return cipher.seal(operationId, json.writeValueAsBytes(MAP, values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operation's result, wiped from the database in the same transaction, so concurrent callers
     * cannot both see it. Empty when there is none; a result this process cannot open stays stored.
     */
    @Transactional
    public Optional<Map<String, String>> take(UUID operationId) {
        Optional<Operation> locked = operations.lockById(operationId);
        if (locked.isEmpty() || locked.get().resultEncrypted() == null) {
            return Optional.empty();
        }
        Operation operation = locked.get();
        Map<String, String> values;
        try {
            values = json.readValue(cipher.open(operationId, operation.resultEncrypted()), MAP);
        } catch (ResultCipher.UnreadableResult e) {
            LOG.warn("operation {}: stored result cannot be read here ({})", operationId, e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        operations.update(operation.withoutResult());
        return Optional.of(values);
    }
}
