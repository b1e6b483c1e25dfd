package io.mooring.backup.artifact;

import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.github.luben.zstd.ZstdInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;

/** An artifact read back as plaintext: download, age decryption and zstd decompression, streamed. */
final class EncryptedDownload {
    private EncryptedDownload() {
    }

    /**
     * The plaintext of {@code key}; the caller closes it. Decryption fails on a wrong identity and on
     * any modified or truncated byte (age authenticates every chunk and marks the last one).
     */
    static InputStream open(S3Client s3, String bucket, String key, AgeKeys keys) throws IOException {
        ResponseInputStream<GetObjectResponse> stored = s3.getObject(GetObjectRequest.builder().bucket(bucket).key(key).build());
        try {
            return new ZstdInputStream(Channels.newInputStream(new StandardDecryptingChannelFactory()
                    .newDecryptingChannel(Channels.newChannel(stored), keys.readers())));
        } catch (GeneralSecurityException e) {
            stored.abort();
            stored.close();
            throw new IOException("cannot decrypt " + key + " with the configured age identities: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            stored.abort();
            stored.close();
            throw e;
        }
    }
}
