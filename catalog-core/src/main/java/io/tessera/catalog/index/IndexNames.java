package io.tessera.catalog.index;

import io.tessera.catalog.model.LayerKey;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Tile file names as GeoTrellis's {@code Index.digits}/{@code Index.encode} make them: the decimal
 * index, left-padded with zeros to the width of the index of the key index's max key.
 */
public final class IndexNames {

    private IndexNames() {
    }

    /**
     * Number of characters of the decimal form of {@code index.toIndex(index.keyBounds().maxKey())}.
     * This uses the key index's own bounds, which can be wider than the layer's.
     */
    public static <K extends LayerKey> int width(KeyIndex<K> index) {
        return Long.toString(index.toIndex(index.keyBounds().maxKey())).length();
    }

    /**
     * The decimal form of {@code index} left-padded with {@code '0'} to {@code width} characters.
     * A longer number is kept whole, as GeoTrellis does for Hilbert and row-major indexes whose max
     * key does not have the largest index. A negative index (possible only for a row-major index
     * over more than 2^31 tiles) is padded the same way, its sign counting as a character.
     *
     * @throws IllegalArgumentException if {@code width < 0}
     */
    public static String encode(long index, int width) {
        if (width < 0) {
            throw new IllegalArgumentException("file name width must be >= 0, got " + width);
        }
        String digits = Long.toString(index);
        if (digits.length() >= width) {
            return digits;
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    /**
     * The index a stored record name stands for, or empty for a name that is not one (a foreign
     * or temporary object that a listing of a layer's records should skip).
     */
    public static OptionalLong decode(String name) {
        if (name.isEmpty() || name.length() > 19) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(name));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The indexes that record names stand for, skipping names that are not records. */
    public static long[] indexesOf(Iterable<String> names) {
        LongStream.Builder out = LongStream.builder();
        for (String name : names) {
            OptionalLong index = decode(name);
            if (index.isPresent()) {
                out.add(index.getAsLong());
            }
        }
        return out.build().toArray();
    }
}
