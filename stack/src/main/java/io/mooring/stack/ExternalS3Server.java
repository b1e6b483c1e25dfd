package io.mooring.stack;

import java.util.Map;

/**
 * An S3 store started elsewhere: {@code MOORING_S3_ENDPOINT}, {@code MOORING_S3_ACCESS_KEY},
 * {@code MOORING_S3_SECRET_KEY} and {@code MOORING_S3_REGION} (default us-east-1).
 */
public record ExternalS3Server(String endpoint, String accessKey, String secretKey, String region) implements S3Server {

    static ExternalS3Server fromEnvironment(Map<String, String> env) {
        String endpoint = ExternalServer.variable(env, ServerProperties.S3_ENDPOINT);
        if (endpoint == null) {
            return null;
        }
        String because = ServerProperties.environmentVariable(ServerProperties.S3_ENDPOINT);
        return new ExternalS3Server(endpoint,
                ExternalServer.required(env, ServerProperties.S3_ACCESS_KEY, because),
                ExternalServer.required(env, ServerProperties.S3_SECRET_KEY, because),
                ExternalServer.orDefault(env, ServerProperties.S3_REGION, "us-east-1"));
    }

    @Override
    public boolean external() {
        return true;
    }

    @Override
    public void stop() {
        throw new IllegalStateException(ExternalServer.CANNOT_STOP);
    }

    @Override
    public String toString() {
        return "ExternalS3Server[" + endpoint + ", access key " + accessKey + "]";
    }
}
