package io.tessera.catalog.spi.tree;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.spi.WriterIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Staging directories of new layers' records in a {@link FileTree}: a create writes beside the
 * layer's directory, in {@code <parent>/.staging-<dir name>-<uuid>-by-<writer in hex>/}, with an
 * {@value #OWNER} file naming the writer too; the commit renames it into place. A staging directory
 * left by a writer that died is removed by the next commit of that layer once its writer is gone
 * (dead on this host, or nothing changed in it for {@link WriterIdentity#ABANDONED_AFTER}), never
 * while its writer may be alive and working.
 */
public final class TreeStaging {

    /** The file in a staging directory that names its writer. */
    public static final String OWNER = ".owner";

    private static final String PREFIX = ".staging-";
    /** Between a staging directory's id and its writer, hex-encoded. */
    private static final String WRITER = "-by-";

    private TreeStaging() {
    }

    /** A new staging directory for records that will be published at {@code target}, naming this writer. */
    public static String begin(FileTree tree, String target) {
        // The writer is named in the directory's name too: a writer killed between making the
        // directory and writing its note leaves a directory that still says whose it was.
        String staging = join(parent(target), PREFIX + name(target) + "-" + UUID.randomUUID() + WRITER
                + HexFormat.of().formatHex(WriterIdentity.current().toString().getBytes(StandardCharsets.UTF_8)));
        tree.write(staging + "/" + OWNER, (WriterIdentity.current() + "\n").getBytes(StandardCharsets.UTF_8));
        return staging;
    }

    /**
     * The staging directory {@code share} (a create batch's {@link StagedBatch#staging()}) of records
     * that will be published at {@code target}, for a part of that write to add records to.
     *
     * @throws CatalogException when {@code share} is not such a directory, or its write is gone
     *     (aborted, or committed: the directory was renamed into place)
     */
    public static String joined(FileTree tree, String target, String share) {
        String prefix = join(parent(target), PREFIX + name(target) + "-");
        if (!share.startsWith(prefix) || share.indexOf('/', prefix.length()) >= 0 || share.contains("..")) {
            throw new IllegalArgumentException("'" + share + "' is not a staging directory of " + target);
        }
        if (tree.read(share + "/" + OWNER).isEmpty()) {
            throw new CatalogException("the write of " + target + " that this part belongs to is gone (aborted or"
                    + " committed): its staging directory " + share + " no longer exists");
        }
        return share;
    }

    /**
     * The directory a reindexed layer's records move to, given the one they are in: the other of
     * {@code standard} (what GeoTrellis writes, {@code <name>/<zoom>}) and {@code standard-reindexed},
     * so the layer stays readable where it is until the commit switches its header to the new one.
     */
    public static String reindexed(String standard, String current) {
        return standard.equals(current) ? standard + "-reindexed" : standard;
    }

    /** Removes the staging directories of {@code target} whose writers are gone. */
    static void sweep(FileTree tree, String target) {
        String prefix = PREFIX + name(target) + "-";
        String parent = parent(target);
        for (String n : tree.list(parent)) {
            if (n.startsWith(prefix) && abandoned(tree, join(parent, n))) {
                tree.deleteTree(join(parent, n));
            }
        }
    }

    private static boolean abandoned(FileTree tree, String staging) {
        Optional<Instant> touched = tree.modified(staging);
        if (touched.isEmpty()) {
            return false;
        }
        Optional<WriterIdentity> owner = tree.read(staging + "/" + OWNER)
                .flatMap(b -> WriterIdentity.parse(new String(b, StandardCharsets.UTF_8)))
                .or(() -> ownerInName(staging));
        return owner.map(o -> o.abandoned(touched.get()))
                .orElse(touched.get().isBefore(Instant.now().minus(WriterIdentity.ABANDONED_AFTER)));
    }

    private static Optional<WriterIdentity> ownerInName(String staging) {
        int at = staging.lastIndexOf(WRITER);
        if (at < 0 || staging.indexOf('/', at) >= 0) {
            return Optional.empty();
        }
        try {
            byte[] text = HexFormat.of().parseHex(staging.substring(at + WRITER.length()));
            return WriterIdentity.parse(new String(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
    }

    /** Moves a staged batch's records to its target; whatever was there goes first (the caller holds the commit lock). */
    static void publish(FileTree tree, StagedBatch batch) {
        tree.deleteTree(batch.target());
        tree.delete(batch.staging() + "/" + OWNER);
        tree.rename(batch.staging(), batch.target());
    }

    /** Undoes {@link #publish} after a create that lost (only a writer ignoring the lock gets there). */
    static void unpublish(FileTree tree, StagedBatch batch) {
        tree.rename(batch.target(), batch.staging());
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
