package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.WriterIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Staging directories left by writers that died before their commit. Each names its writer in
 * {@link FileBatch#OWNER}; it is removed when that process is gone (same host) or when nothing in
 * it has changed for {@link WriterIdentity#ABANDONED_AFTER} (another host, or no owner file), never
 * while its writer may be alive and working.
 */
final class Staging {

    private Staging() {
    }

    /** Removes the dead writers' staging directories of the layer whose records live in {@code target}. */
    static void sweep(Path target) {
        Path parent = target.getParent();
        String prefix = FileBatch.STAGING + target.getFileName() + "-";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path staging : ds) {
                if (dead(staging)) {
                    Trees.delete(staging);
                }
            }
        } catch (NoSuchFileException nothing) {
            // No directory of this layer name yet.
        } catch (IOException e) {
            throw new CatalogIOException("cannot list " + parent + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static boolean dead(Path staging) throws IOException {
        Optional<WriterIdentity> owner = AtomicFiles.read(staging.resolve(FileBatch.OWNER))
                .flatMap(b -> WriterIdentity.parse(new String(b, StandardCharsets.UTF_8)));
        Instant touched;
        try {
            touched = Files.getLastModifiedTime(staging).toInstant();
        } catch (NoSuchFileException gone) {
            return false;
        }
        return owner.map(o -> o.abandoned(touched))
                .orElse(touched.isBefore(Instant.now().minus(WriterIdentity.ABANDONED_AFTER)));
    }
}
