package io.tessera.catalog.backend.s3;

import io.tessera.catalog.spi.WriterIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Record keys that writers left behind: a create or reindex killed before its commit, a loser whose
 * abort failed, the old key of a layer whose deletion failed. Every write keeps its records under a
 * key of its own, {@code <prefix>/<name>/<zoom>/<write id>/}, and a write in progress names its
 * writer there in {@value #WRITER} (host, process, start; and when it last wrote). When a write of
 * that layer id commits, every other key under the zoom that the layer's {@code metadata} does not
 * name is removed once its writer is gone: dead on this host, or silent for
 * {@link WriterIdentity#ABANDONED_AFTER}; a key without a writer (committed once, now unnamed) when
 * its write id is that old. Never while its writer may be alive and working, and never a key that
 * is not a write id of this library.
 */
final class S3Litter {

    /** The object under a write's key that names its writer while the write runs. */
    static final String WRITER = "_writer";

    private final S3Objects objects;

    S3Litter(S3Objects objects) {
        this.objects = objects;
    }

    /** The content of a {@value #WRITER} object: this process, touched now. */
    static byte[] writerNow() {
        return (WriterIdentity.current() + "\n" + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Removes the abandoned write keys beside {@code ownDir} (a write's key, ending in {@code /}).
     *
     * @param metadata the layer's stored {@code metadata} document, if any
     */
    void sweep(String bucket, String ownDir, Optional<byte[]> metadata) {
        String zoomPrefix = ownDir.substring(0, ownDir.lastIndexOf('/', ownDir.length() - 2) + 1);
        String named = metadata.map(m -> new String(m, StandardCharsets.UTF_8)).orElse("");
        for (String dir : objects.subPrefixes(bucket, zoomPrefix)) {
            String key = dir.substring(0, dir.length() - 1);
            Optional<Instant> written = S3RecordStorage.writeTime(dir);
            if (written.isEmpty() || dir.equals(ownDir) || named.contains("\"key\":\"" + key + "\"")
                    || !abandoned(bucket, dir, written.get())) {
                continue;
            }
            List<String> keys = objects.list(bucket, dir);
            objects.deleteAll(bucket, keys);
        }
    }

    private boolean abandoned(String bucket, String dir, Instant written) {
        Optional<byte[]> writer = objects.get(bucket, dir + WRITER);
        if (writer.isPresent()) {
            String[] lines = new String(writer.get(), StandardCharsets.UTF_8).split("\n");
            Optional<WriterIdentity> who = WriterIdentity.parse(lines[0]);
            Instant touched = lines.length > 1 ? instant(lines[1]) : Instant.EPOCH;
            return who.map(w -> w.abandoned(touched)).orElse(touched.isBefore(Instant.now()
                    .minus(WriterIdentity.ABANDONED_AFTER)));
        }
        return written.isBefore(Instant.now().minus(WriterIdentity.ABANDONED_AFTER));
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
