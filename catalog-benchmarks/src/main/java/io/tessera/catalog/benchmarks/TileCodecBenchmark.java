package io.tessera.catalog.benchmarks;

import io.tessera.catalog.codec.GenericTileRecords;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.ShortArrayTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.raster.UByteArrayTile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding and decoding one 256×256 tile file, with and without zlib, by {@link TileRecordCodec}'s
 * direct binary path ("ours") and by Avro's generic datum reader/writer on the same schema plus the
 * GenericRecord ↔ tile conversion a generic implementation needs ("generic"). The generic path
 * deflates and inflates with the streams GeoTrellis's {@code AvroEncoder} uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TileCodecBenchmark {

    /**
     * {@code float32}: one float32 band; {@code uint8x3}: three uint8 bands; {@code int16}: one int16
     * band with user NoData, the fixture catalog's main cell type.
     */
    @Param({"float32", "uint8x3", "int16"})
    public String tile;

    private TileRecordCodec<SpatialKey> codec;
    private List<KeyedTile<SpatialKey>> pairs;
    private byte[] raw;
    private byte[] stored;
    private GenericDatumReader<GenericRecord> genericReader;
    private GenericDatumWriter<GenericRecord> genericWriter;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        int n = 256 * 256;
        MultibandTile value;
        if (tile.equals("float32")) {
            codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
            float[] cells = new float[n];
            for (int i = 0; i < n; i++) {
                // Smooth terrain plus sensor noise, with scattered NoData.
                cells[i] = i % 97 == 0 ? Float.NaN
                        : (float) (100 * Math.sin(i / 256 / 40.0) * Math.cos(i % 256 / 30.0) + random.nextGaussian());
            }
            value = MultibandTile.of(new FloatArrayTile(cells, 256, 256, CellType.FLOAT32));
        } else if (tile.equals("int16")) {
            codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
            short[] cells = new short[n];
            for (int i = 0; i < n; i++) {
                cells[i] = i % 31 == 0 ? -9999 : (short) (2000 + (i / 256) * 4 - (i % 256) * 3 + random.nextInt(50));
            }
            value = MultibandTile.of(new ShortArrayTile(cells, 256, 256, CellType.fromName("int16ud-9999")));
        } else {
            codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.MULTIBAND_TILE);
            Tile[] bands = new Tile[3];
            for (int b = 0; b < 3; b++) {
                byte[] cells = new byte[n];
                for (int i = 0; i < n; i++) {
                    cells[i] = (byte) (60 * b + (i / 256 + i % 256) / 4 + random.nextInt(8));
                }
                bands[b] = new UByteArrayTile(cells, 256, 256, CellType.UINT8);
            }
            value = MultibandTile.of(bands);
        }
        pairs = List.of(new KeyedTile<>(new SpatialKey(3, 4), value));
        raw = codec.encodeRaw(pairs);
        stored = codec.encode(pairs);
        genericReader = new GenericDatumReader<>(codec.schema());
        genericWriter = new GenericDatumWriter<>(codec.schema());
    }

    @Benchmark
    public List<KeyedTile<SpatialKey>> decodeOurs() {
        return codec.decode(stored);
    }

    @Benchmark
    public List<KeyedTile<SpatialKey>> decodeOursRaw() {
        return codec.decodeRaw(raw);
    }

    @Benchmark
    public List<KeyedTile<SpatialKey>> decodeGeneric() throws IOException {
        return genericDecode(new InflaterInputStream(new ByteArrayInputStream(stored)).readAllBytes());
    }

    @Benchmark
    public List<KeyedTile<SpatialKey>> decodeGenericRaw() throws IOException {
        return genericDecode(raw);
    }

    @Benchmark
    public byte[] encodeOurs() {
        return codec.encode(pairs);
    }

    @Benchmark
    public byte[] encodeOursRaw() {
        return codec.encodeRaw(pairs);
    }

    @Benchmark
    public byte[] encodeGeneric() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(genericEncode());
        }
        return out.toByteArray();
    }

    @Benchmark
    public byte[] encodeGenericRaw() throws IOException {
        return genericEncode();
    }

    private List<KeyedTile<SpatialKey>> genericDecode(byte[] datum) throws IOException {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(datum, null);
        return GenericTileRecords.fromKeyValueRecord(genericReader.read(null, decoder), SpatialKey.class);
    }

    private byte[] genericEncode() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        genericWriter.write(GenericTileRecords.toKeyValueRecord(pairs, codec.schema()), encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
