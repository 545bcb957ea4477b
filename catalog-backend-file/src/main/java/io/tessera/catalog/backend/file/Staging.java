package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Staging directories left by writers that died before their commit. Each names its writer in
 * {@link FileBatch#OWNER}; it is removed when that process is gone (same host) or when nothing in
 * it has changed for {@link #IDLE} (another host, or no owner file), never while its writer may be
 * alive and working.
 */
final class Staging {

    /** How long a staging directory of a writer that cannot be checked may stay untouched before it counts as dead. */
    static final Duration IDLE = Duration.ofHours(1);

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
        Optional<byte[]> owner = AtomicFiles.read(staging.resolve(FileBatch.OWNER));
        if (owner.isPresent()) {
            String[] f = new String(owner.get(), StandardCharsets.UTF_8).trim().split(" ");
            if (f.length >= 2 && f[0].equals(FileBatch.host())) {
                try {
                    return ProcessHandle.of(Long.parseLong(f[1])).map(p -> !p.isAlive()).orElse(true);
                } catch (NumberFormatException e) {
                    // Not ours to read: fall through to the idle rule.
                }
            }
        }
        try {
            return Files.getLastModifiedTime(staging).toInstant().isBefore(Instant.now().minus(IDLE));
        } catch (NoSuchFileException gone) {
            return false;
        }
    }
}
