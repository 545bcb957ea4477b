package io.tessera.catalog.geotiff;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a GeoTIFF's bytes come from: positional reads of a file of known size, which may be read
 * from several threads at once. {@link #of(Path)} reads a local file; other storage (a Hadoop file
 * system, say) implements this to be read by {@link GeoTiff#open(TiffSource)}.
 */
public interface TiffSource extends Closeable {

    /** The name errors give the file (its path or URI). */
    String name();

    /** The file's size in bytes. */
    long size() throws IOException;

    /**
     * Reads bytes at {@code position} into {@code dst}, as {@link FileChannel#read(ByteBuffer, long)}
     * does: some bytes, or -1 at the end of the file.
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * A local file.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     */
    static TiffSource of(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        String name = path.toString();
        return new TiffSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return ch.read(dst, position);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }
}
