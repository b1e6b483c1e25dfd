package io.mooring.backup.artifact;

import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import com.github.luben.zstd.ZstdOutputStream;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * Plaintext in, a zstd-compressed age-encrypted object out, streamed into a {@link MultipartUpload}
 * (compression, encryption and upload each on a thread of their own, with bounded buffers between):
 * SHA-256 and size of the plaintext and of the stored bytes are taken on the way, and the stored
 * bytes are held to the bandwidth cap. Either {@link #finish()} or {@link #abort()} ends it.
 */
final class EncryptedUpload {
    /** Chunks (of zstd's output, about 128 KiB each) waiting between compression and encryption. */
    private static final int HANDOFF_CHUNKS = 16;
    private final MultipartUpload upload;
    private final Handoff handoff;
    private final Measured stored;
    private final Measured plaintext;

    private EncryptedUpload(MultipartUpload upload, Handoff handoff, Measured stored, Measured plaintext) {
        this.upload = upload;
        this.handoff = handoff;
        this.stored = stored;
        this.plaintext = plaintext;
    }

    /** Starts the multipart upload of {@code key}. */
    static EncryptedUpload start(S3Client s3, String bucket, String key, int zstdLevel, List<String> recipients,
                                 ArtifactSettings settings, Throttle throttle, UploadStats stats,
                                 MultipartUpload.Tracker tracker) throws IOException {
        MultipartUpload upload = new MultipartUpload(s3, bucket, key, settings.getPartSize(), settings.getPartsInFlight(), stats,
                tracker).start("application/octet-stream");
        try {
            Measured stored = new Measured(new Throttled(upload, throttle));
            OutputStream encrypted = Channels.newOutputStream(new StandardEncryptingChannelFactory()
                    .newEncryptingChannel(Channels.newChannel(stored), AgeKeys.writers(recipients)));
            // compression on zstd's worker threads (or the writer's with none), encryption and hashing on the handoff's
            Handoff handoff = new Handoff(encrypted, HANDOFF_CHUNKS);
            ZstdOutputStream compressed = new ZstdOutputStream(handoff, zstdLevel);
            if (settings.getZstdWorkers() > 0) {
                compressed.setWorkers(settings.getZstdWorkers());
            }
            Measured plaintext = new Measured(compressed);
            return new EncryptedUpload(upload, handoff, stored, plaintext);
        } catch (GeneralSecurityException e) {
            upload.abort();
            throw new IOException("cannot start age encryption: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e;
        }
    }

    /** Where the plaintext goes. */
    OutputStream plaintext() {
        return plaintext;
    }

    long plaintextBytes() {
        return plaintext.bytes();
    }

    /** Ends compression and encryption and completes the upload: the object is then visible. */
    Sizes finish() throws IOException {
        plaintext.close();
        upload.complete();
        return new Sizes(plaintext.bytes(), stored.bytes(), plaintext.sha256Hex(), stored.sha256Hex());
    }

    /** Leaves nothing stored. */
    void abort() {
        handoff.abort();
        upload.abort();
    }

    /** Sizes and SHA-256 of a finished artifact. */
    record Sizes(long plaintextBytes, long storedBytes, String plaintextSha256, String storedSha256) {
    }

    private static final class Throttled extends FilterOutputStream {
        private final Throttle throttle;

        Throttled(OutputStream out, Throttle throttle) {
            super(out);
            this.throttle = throttle;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throttle.pass(len);
            out.write(b, off, len);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }
    }
}
