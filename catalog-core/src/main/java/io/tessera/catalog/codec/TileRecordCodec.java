package io.tessera.catalog.codec;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * Reads and writes the tile files of one kind of GeoTrellis 3.x layer (key type × value class):
 * each file is one zlib-wrapped, raw Avro binary {@code KeyValueRecord} datum holding one or more
 * key/tile pairs.
 *
 * <p>{@link #schema()} is exactly the schema GeoTrellis 3.x writes into the layer metadata, with
 * the same text and parsing fingerprint. Data whose stored writer schema has that fingerprint (the
 * normal case) are decoded by a hand-written binary decoder straight into primitive arrays; data
 * of any other writer schema (older GeoTrellis versions, foreign writers with a reduced tile
 * union) are decoded with Avro schema resolution into generic records and converted from those.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <K> the layer's key type
 */
public final class TileRecordCodec<K extends LayerKey> {

    private final Class<K> keyType;
    private final ValueClass valueClass;
    private final boolean spaceTime;
    private final boolean multiband;
    private final Schema schema;
    private final String schemaText;
    private final long fingerprint;
    private static final TileRecordCodec<?>[] CODECS = allKinds();

    /** The last foreign-looking writer schema found to have our fingerprint, to skip re-fingerprinting it. */
    private volatile Schema lastMatchingWriter;

    private TileRecordCodec(Class<K> keyType, ValueClass valueClass) {
        this.keyType = keyType;
        this.valueClass = valueClass;
        this.spaceTime = keyType == SpaceTimeKey.class;
        this.multiband = valueClass == ValueClass.MULTIBAND_TILE;
        this.schema = TileSchemas.keyValueRecord(spaceTime, valueClass);
        this.schemaText = schema.toString();
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * The codec of layers with these keys and values: one shared instance per kind, since building
     * the schema and its fingerprint costs more than decoding a small record, and every point read
     * asks for its layer's codec.
     *
     * @param keyType {@link SpatialKey} or {@link SpaceTimeKey}
     */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> TileRecordCodec<K> forLayer(Class<K> keyType, ValueClass valueClass) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueClass, "valueClass");
        if (keyType != SpatialKey.class && keyType != SpaceTimeKey.class) {
            throw new IllegalArgumentException("unsupported key type " + keyType.getName());
        }
        return (TileRecordCodec<K>) CODECS[(keyType == SpaceTimeKey.class ? ValueClass.values().length : 0)
                + valueClass.ordinal()];
    }

    private static TileRecordCodec<?>[] allKinds() {
        ValueClass[] values = ValueClass.values();
        TileRecordCodec<?>[] codecs = new TileRecordCodec<?>[2 * values.length];
        for (ValueClass v : values) {
            codecs[v.ordinal()] = new TileRecordCodec<>(SpatialKey.class, v);
            codecs[values.length + v.ordinal()] = new TileRecordCodec<>(SpaceTimeKey.class, v);
        }
        return codecs;
    }

    public Class<K> keyType() {
        return keyType;
    }

    public ValueClass valueClass() {
        return valueClass;
    }

    /** The {@code KeyValueRecord} schema GeoTrellis 3.x writes for this kind of layer. */
    public Schema schema() {
        return schema;
    }

    /** {@link Schema#toString()} of {@link #schema()}: GeoTrellis's schema text byte for byte. */
    public String schemaText() {
        return schemaText;
    }

    /** The schema's Avro parsing fingerprint ({@link SchemaNormalization#parsingFingerprint64}). */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * Encodes the pairs as a tile file: a zlib stream (default level) of one Avro datum. Array tiles
     * are written as array records, {@link io.tessera.catalog.raster.ConstantTile}s as constant
     * records; single-band layers need one-band tiles.
     *
     * @throws TileCodecException when a pair does not fit the layer (wrong key kind, band count)
     */
    public byte[] encode(List<KeyedTile<K>> tiles) {
        AvroOutput out = BinaryTileWriter.write(tiles, spaceTime, multiband);
        return Zlib.deflate(out.buffer(), 0, out.length());
    }

    /**
     * {@link #encode} at a zlib level (0–9); at {@link Zlib#GEOTRELLIS_LEVEL} the bytes are those
     * {@link #encode} gives.
     */
    public byte[] encode(List<KeyedTile<K>> tiles, int level) {
        AvroOutput out = BinaryTileWriter.write(tiles, spaceTime, multiband);
        return Zlib.deflate(out.buffer(), 0, out.length(), level);
    }

    /** {@link #encode} without the zlib wrapping: the bare Avro datum. */
    public byte[] encodeRaw(List<KeyedTile<K>> tiles) {
        return BinaryTileWriter.write(tiles, spaceTime, multiband).toByteArray();
    }

    /**
     * Decodes a tile file written with {@code writerSchema} (the layer metadata's {@code schema}).
     *
     * @throws TileCodecException for corrupt or truncated data, naming what was being decoded
     */
    public List<KeyedTile<K>> decode(byte[] stored, Schema writerSchema) {
        Objects.requireNonNull(stored, "stored");
        boolean direct = matches(writerSchema);
        return Zlib.inflate(stored, (buf, len) -> decode(buf, 0, len, writerSchema, direct));
    }

    /** {@link #decode(byte[], Schema)} for data written with {@link #schema()}. */
    public List<KeyedTile<K>> decode(byte[] stored) {
        return decode(stored, schema);
    }

    /** Decodes a bare Avro datum (no zlib) written with {@code writerSchema}. */
    public List<KeyedTile<K>> decodeRaw(byte[] datum, Schema writerSchema) {
        Objects.requireNonNull(datum, "datum");
        return decode(datum, 0, datum.length, writerSchema, matches(writerSchema));
    }

    /** {@link #decodeRaw(byte[], Schema)} for data written with {@link #schema()}. */
    public List<KeyedTile<K>> decodeRaw(byte[] datum) {
        return decodeRaw(datum, schema);
    }

    /** True when data of this writer schema take the direct binary path (same parsing fingerprint as ours). */
    public boolean isDirect(Schema writerSchema) {
        return matches(writerSchema);
    }

    private boolean matches(Schema writerSchema) {
        Objects.requireNonNull(writerSchema, "writerSchema");
        if (writerSchema == schema || writerSchema == lastMatchingWriter) {
            return true;
        }
        if (SchemaNormalization.parsingFingerprint64(writerSchema) == fingerprint) {
            lastMatchingWriter = writerSchema;
            return true;
        }
        return false;
    }

    private List<KeyedTile<K>> decode(byte[] buf, int offset, int length, Schema writerSchema, boolean direct) {
        if (direct) {
            return BinaryTileReader.read(buf, offset, length, spaceTime, multiband);
        }
        GenericRecord record;
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(buf, offset, length, null);
            record = new GenericDatumReader<GenericRecord>(writerSchema, readerFor(writerSchema)).read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | ClassCastException
                | NegativeArraySizeException e) {
            throw new TileCodecException("cannot decode a " + length + "-byte KeyValueRecord written with schema "
                    + writerSchema.getFullName() + " (fingerprint " + Long.toHexString(
                    SchemaNormalization.parsingFingerprint64(writerSchema)) + ") by Avro schema resolution: " + e, e);
        }
        return GenericTileRecords.fromKeyValueRecord(record, keyType);
    }

    /**
     * Our schema as the reader of a foreign writer schema. Avro applies a reader field's aliases
     * (our {@code instant}'s {@code millis}) only to a writer record of the reader record's name, so
     * a writer key record with another name (GeoTrellis 2.x's {@code geotrellis.spark} namespace)
     * is made an alias of ours.
     */
    private Schema readerFor(Schema writerSchema) {
        String writerKey;
        try {
            writerKey = writerSchema.getField("pairs").schema().getElementType().getField("_1").schema().getFullName();
        } catch (RuntimeException notTheExpectedShape) {
            // Resolution against our schema will report what does not match.
            return schema;
        }
        Schema ourKey = schema.getField("pairs").schema().getElementType().getField("_1").schema();
        return writerKey.equals(ourKey.getFullName()) ? schema
                : TileSchemas.keyValueRecord(spaceTime, valueClass, writerKey);
    }

    @Override
    public String toString() {
        return "TileRecordCodec(" + keyType.getSimpleName() + ", " + valueClass + ", fingerprint "
                + Long.toHexString(fingerprint) + ")";
    }
}
