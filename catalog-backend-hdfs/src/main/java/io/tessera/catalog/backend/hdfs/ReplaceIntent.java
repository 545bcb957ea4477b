package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a MapFile rewrite drops and adds, written before it moves anything:
 * {@code <layer>/.replace-<id>.intent}, one line per file, {@code drop <name>} or
 * {@code add <name>}; the new files wait in {@code <layer>/.replace-<id>/} until moved in. Finishing
 * it (moving what is left, deleting what is dropped, then the intent) is the same however often it
 * runs, so whoever finds an intent can finish it.
 */
record ReplaceIntent(Path layer, String id, List<String> drop, List<String> add) {

    private static final String PREFIX = ".replace-";
    private static final String SUFFIX = ".intent";

    static boolean isIntent(String fileName) {
        return fileName.startsWith(PREFIX) && fileName.endsWith(SUFFIX);
    }

    /** The directory where the rewrite {@code id} of {@code layer} writes its new files. */
    static Path work(Path layer, String id) {
        return new Path(layer, PREFIX + id);
    }

    private Path file() {
        return new Path(layer, PREFIX + id + SUFFIX);
    }

    /** Reads an intent file; empty when it is gone (finished meanwhile). */
    static Optional<ReplaceIntent> read(FileSystem fs, Path intent) {
        String name = intent.getName();
        String id = name.substring(PREFIX.length(), name.length() - SUFFIX.length());
        List<String> drop = new ArrayList<>();
        List<String> add = new ArrayList<>();
        try (InputStream in = fs.open(intent)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("drop ")) {
                    drop.add(line.substring(5));
                } else if (line.startsWith("add ")) {
                    add.add(line.substring(4));
                }
            }
        } catch (FileNotFoundException finished) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CatalogIOException("cannot read " + intent + ": " + HadoopErrors.reason(e), e);
        }
        return Optional.of(new ReplaceIntent(intent.getParent(), id, drop, add));
    }

    /** The layer's files (name → path) as they are once this rewrite is finished. */
    void applyTo(Map<String, Path> files) {
        drop.forEach(files::remove);
        for (String n : add) {
            if (!files.containsKey(n)) {
                files.put(n, new Path(work(layer, id), n));
            }
        }
    }

    /** Writes the intent; from now on the rewrite counts as done for readers. */
    void write(HadoopTree tree, String layerDir) {
        StringBuilder b = new StringBuilder();
        drop.forEach(n -> b.append("drop ").append(n).append('\n'));
        add.forEach(n -> b.append("add ").append(n).append('\n'));
        tree.write(layerDir + "/" + file().getName(), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Moves the new files in, deletes the dropped ones, then the intent and the work directory. */
    void finish(FileSystem fs) {
        try {
            for (String n : add) {
                Path from = new Path(work(layer, id), n);
                if (fs.exists(from) && !fs.rename(from, new Path(layer, n))) {
                    throw new IOException("cannot move " + n + " into " + layer);
                }
            }
            for (String n : drop) {
                fs.delete(new Path(layer, n), true);
            }
            fs.delete(file(), false);
            fs.delete(work(layer, id), true);
        } catch (IOException e) {
            throw new CatalogIOException("cannot finish rewriting the MapFiles of " + layer + ": " + HadoopErrors.reason(e), e);
        }
    }

    /**
     * Finishes every rewrite of {@code layer} left behind, and removes work directories of rewrites
     * that died before writing their intent (nothing read them). The caller holds the layer (a
     * change of it is pending under the core's mark), so no live rewrite is disturbed.
     */
    static void finishAll(FileSystem fs, Path layer) {
        try {
            for (var s : fs.listStatus(layer)) {
                if (!s.isDirectory() && isIntent(s.getPath().getName())) {
                    read(fs, s.getPath()).ifPresent(i -> i.finish(fs));
                }
            }
            for (var s : fs.listStatus(layer)) {
                if (s.isDirectory() && s.getPath().getName().startsWith(PREFIX)) {
                    fs.delete(s.getPath(), true);
                }
            }
        } catch (FileNotFoundException noLayerYet) {
            // Nothing was ever written there.
        } catch (IOException e) {
            throw new CatalogIOException("cannot look for unfinished rewrites in " + layer + ": " + HadoopErrors.reason(e), e);
        }
    }
}
