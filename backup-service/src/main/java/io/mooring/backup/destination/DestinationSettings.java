package io.mooring.backup.destination;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One {@code mooring.backup.destinations.<name>.*} block. The keys may come from secret files
 * ({@code MOORING_BACKUP_DESTINATIONS_<NAME>_SECRET_KEY_FILE}).
 */
@EachProperty("mooring.backup.destinations")
public class DestinationSettings {
    private final String name;
    private String endpoint;
    private String region = "us-east-1";
    private String bucket;
    private String prefix = "";
    private String accessKey;
    private String secretKey;
    private boolean pathStyle = true;

    public DestinationSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBucket() {
        return bucket;
    }

    public void setBucket(String bucket) {
        this.bucket = bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }
}
