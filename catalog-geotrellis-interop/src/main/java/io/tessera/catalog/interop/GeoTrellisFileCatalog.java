package io.tessera.catalog.interop;

import geotrellis.layer.Bounds;
import geotrellis.layer.KeyBounds;
import geotrellis.layer.LayoutDefinition;
import geotrellis.layer.SpatialKey;
import geotrellis.layer.TileLayerMetadata;
import geotrellis.proj4.CRS;
import geotrellis.raster.ArrayMultibandTile;
import geotrellis.raster.CellType$;
import geotrellis.raster.FloatConstantNoDataArrayTile;
import geotrellis.raster.MultibandTile;
import geotrellis.raster.Tile;
import geotrellis.raster.TileLayout;
import geotrellis.raster.UByteConstantNoDataArrayTile;
import geotrellis.spark.ContextRDD;
import geotrellis.spark.store.file.FileLayerReader;
import geotrellis.spark.store.file.FileLayerWriter;
import geotrellis.store.Intersects$;
import geotrellis.store.LayerId;
import geotrellis.store.LayerQuery;
import geotrellis.store.Reader;
import geotrellis.store.avro.AvroRecordCodec;
import geotrellis.store.avro.codecs.Implicits$;
import geotrellis.store.file.FileAttributeStore;
import geotrellis.store.file.FileValueReader;
import geotrellis.store.index.zcurve.ZSpatialKeyIndex;
import geotrellis.util.Component;
import geotrellis.vector.Extent;
import io.circe.Codec;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.UByteArrayTile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A catalog of GeoTrellis 3.7.1's file backend, used through GeoTrellis's own writer and readers
 * ({@code FileLayerWriter}, {@code FileLayerReader}, {@code FileValueReader}) for
 * {@code SpatialKey × MultibandTile} layers indexed by GeoTrellis's z-order curve, as a GeoTrellis user
 * writes them from Scala — here with the implicit arguments Scala would find spelled out.
 *
 * <p>It exists to hold Tessera against GeoTrellis itself: the interoperability tests and the standard
 * workload comparison. Layers are addressed as GeoTrellis addresses them, by name and zoom.
 */
public final class GeoTrellisFileCatalog {

    private static final ClassTag<SpatialKey> KEY_TAG = ClassTag$.MODULE$.apply(SpatialKey.class);
    private static final ClassTag<MultibandTile> TILE_TAG = ClassTag$.MODULE$.apply(MultibandTile.class);
    private static final AvroRecordCodec<SpatialKey> KEY_CODEC = Implicits$.MODULE$.spatialKeyAvroFormat();
    private static final AvroRecordCodec<MultibandTile> TILE_CODEC = Implicits$.MODULE$.multibandTileCodec();
    private static final Codec.AsObject<SpatialKey> KEY_JSON = SpatialKey.codecForSpatialKey();
    private static final Component<SpatialKey, SpatialKey> SPATIAL = geotrellis.util.package$.MODULE$.identityComponent();
    private static final Component<TileLayerMetadata<SpatialKey>, Bounds<SpatialKey>> BOUNDS =
            TileLayerMetadata.boundsComponent(SPATIAL);

    private final String path;
    private final SparkContext spark;

    private GeoTrellisFileCatalog(String path, SparkContext spark) {
        this.path = path;
        this.spark = spark;
    }

    /** The GeoTrellis file catalog rooted at {@code root}, whose RDDs run on {@code spark}. */
    public static GeoTrellisFileCatalog at(Path root, SparkContext spark) {
        return new GeoTrellisFileCatalog(root.toAbsolutePath().toString(), spark);
    }

    /** Writes {@code tiles} as layer {@code name} at {@code zoom}, z-order indexed over the metadata's bounds. */
    public void write(String name, int zoom, RDD<Tuple2<SpatialKey, MultibandTile>> tiles,
            TileLayerMetadata<SpatialKey> metadata) {
        if (!(metadata.bounds() instanceof KeyBounds<SpatialKey> bounds)) {
            throw new IllegalArgumentException("layer " + name + " has no tiles to write: its metadata's bounds are empty");
        }
        FileLayerWriter.apply(path).write(new LayerId(name, zoom), new ContextRDD<>(tiles, metadata),
                new ZSpatialKeyIndex(bounds), KEY_CODEC, KEY_JSON, KEY_TAG, TILE_CODEC, TILE_TAG,
                TileLayerMetadata.tileLayerMetadataEncoder(SPATIAL, KEY_JSON), BOUNDS);
    }

    /** Every tile of a layer, with its metadata. */
    public ContextRDD<SpatialKey, MultibandTile, TileLayerMetadata<SpatialKey>> read(String name, int zoom) {
        return read(name, zoom, emptyQuery());
    }

    /** The tiles of a layer that intersect {@code extent}, as GeoTrellis's {@code where(Intersects(extent))} finds them. */
    public ContextRDD<SpatialKey, MultibandTile, TileLayerMetadata<SpatialKey>> query(String name, int zoom,
            Extent extent) {
        LayerQuery<SpatialKey, TileLayerMetadata<SpatialKey>> query = emptyQuery().where(
                Intersects$.MODULE$.apply(extent),
                Intersects$.MODULE$.forExtent(SPATIAL, SpatialKey.Boundable$.MODULE$,
                        TileLayerMetadata.layoutComponent(SPATIAL)));
        return read(name, zoom, query);
    }

    /** A reader of single tiles of a layer (GeoTrellis's value reader; a missing tile throws). */
    public Reader<SpatialKey, MultibandTile> valueReader(String name, int zoom) {
        return FileValueReader.apply(path).reader(new LayerId(name, zoom), KEY_CODEC, KEY_JSON, KEY_TAG, TILE_CODEC);
    }

    private ContextRDD<SpatialKey, MultibandTile, TileLayerMetadata<SpatialKey>> read(String name, int zoom,
            LayerQuery<SpatialKey, TileLayerMetadata<SpatialKey>> query) {
        FileLayerReader reader = FileLayerReader.apply(FileAttributeStore.apply(path), path, spark);
        return reader.read(new LayerId(name, zoom), query, reader.defaultNumPartitions(), false, KEY_CODEC,
                SpatialKey.Boundable$.MODULE$, KEY_JSON, KEY_TAG, TILE_CODEC, TILE_TAG,
                TileLayerMetadata.tileLayerMetadataDecoder(SPATIAL, KEY_JSON), BOUNDS);
    }

    private static LayerQuery<SpatialKey, TileLayerMetadata<SpatialKey>> emptyQuery() {
        return new LayerQuery<>(LayerQuery.$lessinit$greater$default$1(), SpatialKey.Boundable$.MODULE$, BOUNDS);
    }

    /** GeoTrellis's key for a Tessera key. */
    public static SpatialKey key(io.tessera.catalog.model.SpatialKey key) {
        return new SpatialKey(key.col(), key.row());
    }

    /**
     * GeoTrellis's tile holding a Tessera tile's cells (the same arrays, not copies), for the two cell
     * types of the standard workload: float32 and uint8, each with its type's default NoData.
     */
    public static MultibandTile tile(io.tessera.catalog.raster.MultibandTile tile) {
        Tile[] bands = new Tile[tile.bandCount()];
        for (int b = 0; b < bands.length; b++) {
            io.tessera.catalog.raster.Tile band = tile.band(b);
            if (band instanceof FloatArrayTile floats && band.cellType().equals(CellType.FLOAT32)) {
                bands[b] = new FloatConstantNoDataArrayTile(floats.array(), band.cols(), band.rows());
            } else if (band instanceof UByteArrayTile bytes && band.cellType().equals(CellType.UINT8)) {
                bands[b] = new UByteConstantNoDataArrayTile(bytes.array(), band.cols(), band.rows());
            } else {
                throw new IllegalArgumentException("only float32 and uint8 bands are converted, not " + band.cellType());
            }
        }
        return new ArrayMultibandTile(bands);
    }

    /** GeoTrellis's key-tile pairs for Tessera's keyed tiles. */
    public static List<Tuple2<SpatialKey, MultibandTile>> tiles(List<KeyedTile<io.tessera.catalog.model.SpatialKey>> tiles) {
        List<Tuple2<SpatialKey, MultibandTile>> pairs = new ArrayList<>(tiles.size());
        for (KeyedTile<io.tessera.catalog.model.SpatialKey> tile : tiles) {
            pairs.add(new Tuple2<>(key(tile.key()), tile(tile.tile())));
        }
        return pairs;
    }

    /** GeoTrellis's metadata equal to a Tessera layer's (cell type by GeoTrellis's name for it). */
    public static TileLayerMetadata<SpatialKey> metadata(
            io.tessera.catalog.layout.TileLayerMetadata<io.tessera.catalog.model.SpatialKey> metadata) {
        io.tessera.catalog.layout.LayoutDefinition layout = metadata.layout();
        io.tessera.catalog.layout.TileLayout tiles = layout.tileLayout();
        io.tessera.catalog.model.CRS ours = metadata.crs();
        CRS crs = ours.epsgCode().isPresent() ? CRS.fromEpsgCode(ours.epsgCode().getAsInt()) : CRS.fromString(ours.toProj4());
        io.tessera.catalog.model.KeyBounds<io.tessera.catalog.model.SpatialKey> bounds = metadata.keyBounds();
        return new TileLayerMetadata<>(CellType$.MODULE$.fromName(metadata.cellType().name()),
                new LayoutDefinition(extent(layout.extent()), new TileLayout(tiles.layoutCols(), tiles.layoutRows(),
                        tiles.tileCols(), tiles.tileRows())),
                extent(metadata.extent()), crs,
                new KeyBounds<>(key(bounds.minKey()), key(bounds.maxKey())));
    }

    /** GeoTrellis's extent for a Tessera extent. */
    public static Extent extent(io.tessera.catalog.model.Extent extent) {
        return new Extent(extent.xmin(), extent.ymin(), extent.xmax(), extent.ymax());
    }
}
