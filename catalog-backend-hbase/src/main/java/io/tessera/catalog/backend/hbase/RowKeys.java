package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.table.LayerKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * GeoTrellis's tile row keys: the UTF-8 bytes of {@code "<name>__.__<zoom>|"}, then the index as
 * {@code BigInteger.toByteArray()} left-padded with zeros to 8 bytes — for the non-negative indexes
 * of a key index, its 8 big-endian bytes, so rows sort by index. The {@code |} keeps zoom 1 from
 * prefixing zoom 10.
 */
final class RowKeys {

    private final byte[] prefix;

    RowKeys(LayerId id) {
        this.prefix = (LayerKeys.of(id) + "|").getBytes(StandardCharsets.UTF_8);
    }

    /** The row of an index. */
    byte[] row(long index) {
        byte[] row = Arrays.copyOf(prefix, prefix.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            row[prefix.length + i] = (byte) (index >>> (8 * (Long.BYTES - 1 - i)));
        }
        return row;
    }

    /** The index a row of this layer holds. */
    long index(byte[] row) {
        long v = 0;
        for (int i = row.length - Long.BYTES; i < row.length; i++) {
            v = (v << 8) | (row[i] & 0xff);
        }
        return v;
    }

    /** The first row of the layer's range. */
    byte[] first() {
        return prefix.clone();
    }

    /** The row just past the layer's range (exclusive): the prefix with its {@code |} raised to the next byte. */
    byte[] end() {
        byte[] end = prefix.clone();
        end[end.length - 1]++;
        return end;
    }
}
