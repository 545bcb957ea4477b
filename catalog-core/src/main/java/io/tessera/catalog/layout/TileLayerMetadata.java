package io.tessera.catalog.layout;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * What GeoTrellis stores as a layer's {@code metadata}: cell type, layout, the extent of the data,
 * CRS and the key bounds of the tiles (empty for a layer without tiles, such as the result of a
 * query that selects nothing).
 *
 * @param <K> the key type of the layer
 */
public record TileLayerMetadata<K extends LayerKey>(
        CellType cellType, LayoutDefinition layout, Extent extent, CRS crs, Optional<KeyBounds<K>> bounds)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public TileLayerMetadata {
        Objects.requireNonNull(cellType, "cellType");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(crs, "crs");
        Objects.requireNonNull(bounds, "bounds");
    }

    /** Serialised through a form without {@link Optional}, which is not serialisable. */
    private Object writeReplace() {
        return new Serialized<>(cellType, layout, extent, crs, bounds.orElse(null));
    }

    /** The serialised form of metadata. */
    private record Serialized<K extends LayerKey>(CellType cellType, LayoutDefinition layout, Extent extent, CRS crs,
            KeyBounds<K> bounds) implements Serializable {
        private Object readResolve() {
            return new TileLayerMetadata<>(cellType, layout, extent, crs, Optional.ofNullable(bounds));
        }
    }

    /** Metadata with non-empty key bounds. */
    public TileLayerMetadata(CellType cellType, LayoutDefinition layout, Extent extent, CRS crs, KeyBounds<K> bounds) {
        this(cellType, layout, extent, crs, Optional.of(bounds));
    }

    /** The layout's key ↔ extent transform. */
    public MapKeyTransform mapTransform() {
        return layout.mapTransform();
    }

    /** The key bounds, for callers that know the layer has tiles. */
    public KeyBounds<K> keyBounds() {
        return bounds.orElseThrow(() -> new IllegalStateException("layer metadata has empty bounds (no tiles)"));
    }

    /**
     * The same layer narrowed to {@code newBounds}: the extent becomes the data extent clipped to
     * the tiles of the new bounds, as GeoTrellis's {@code updateBounds} does for query results.
     */
    public TileLayerMetadata<K> withBounds(KeyBounds<K> newBounds) {
        KeyBounds<SpatialKey> s = newBounds.spatial();
        Extent tiles = mapTransform().boundsToExtent(
                new GridBounds(s.minKey().col(), s.minKey().row(), s.maxKey().col(), s.maxKey().row()));
        return new TileLayerMetadata<>(cellType, layout, extent.intersection(tiles).orElse(tiles), crs,
                Optional.of(newBounds));
    }

    /** The same layer with no tiles. */
    public TileLayerMetadata<K> withEmptyBounds() {
        return new TileLayerMetadata<>(cellType, layout, extent, crs, Optional.empty());
    }

    /** The same metadata with another cell type. */
    public TileLayerMetadata<K> withCellType(CellType type) {
        return new TileLayerMetadata<>(type, layout, extent, crs, bounds);
    }

    /**
     * Metadata covering both layers (GeoTrellis's {@code merge}): extents and bounds combined.
     *
     * @throws IllegalArgumentException when the layouts, CRSs or cell types differ
     */
    public TileLayerMetadata<K> merge(TileLayerMetadata<K> other) {
        if (!layout.equals(other.layout) || !crs.equals(other.crs) || !cellType.equals(other.cellType)) {
            throw new IllegalArgumentException("cannot merge metadata of different layers: layout, CRS and cell type"
                    + " must match (" + cellType + "/" + crs + " vs " + other.cellType + "/" + other.crs + ")");
        }
        Optional<KeyBounds<K>> b = bounds.isEmpty() ? other.bounds
                : other.bounds.isEmpty() ? bounds : Optional.of(bounds.get().combine(other.bounds.get()));
        return new TileLayerMetadata<>(cellType, layout, extent.combine(other.extent), crs, b);
    }
}
