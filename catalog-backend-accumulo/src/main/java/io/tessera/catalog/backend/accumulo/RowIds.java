package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.model.LayerId;
import org.apache.hadoop.io.Text;

/**
 * GeoTrellis's Accumulo tile keys: the row is the index as raw bytes ({@code BigInteger.toByteArray()}
 * left-padded with zeros to 8 bytes: for the non-negative indexes of a key index, its 8 big-endian
 * bytes, so rows sort by index), the column family {@code "<name>:<zoom>"} tells the layers of a table
 * apart, the qualifier is empty.
 */
final class RowIds {

    private RowIds() {
    }

    /** The row of an index. */
    static byte[] row(long index) {
        byte[] row = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            row[i] = (byte) (index >>> (8 * (Long.BYTES - 1 - i)));
        }
        return row;
    }

    /** The index a row holds (its last 8 bytes: longer rows only pad with zeros). */
    static long index(Text row) {
        byte[] bytes = row.getBytes();
        long v = 0;
        for (int i = Math.max(0, row.getLength() - Long.BYTES); i < row.getLength(); i++) {
            v = (v << 8) | (bytes[i] & 0xff);
        }
        return v;
    }

    /** A layer's column family. */
    static Text family(LayerId id) {
        return new Text(id.name() + ":" + id.zoom());
    }
}
