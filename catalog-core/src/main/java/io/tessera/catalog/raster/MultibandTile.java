package io.tessera.catalog.raster;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * An immutable list of one or more bands with the same columns and rows, as GeoTrellis's
 * {@code ArrayMultibandTile}. Single-band layers are read and written as one-band instances.
 */
public final class MultibandTile implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<Tile> bands;

    private MultibandTile(List<Tile> bands) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a multiband tile needs at least one band");
        }
        Tile first = bands.get(0);
        for (int b = 1; b < bands.size(); b++) {
            Tile t = bands.get(b);
            if (t.cols() != first.cols() || t.rows() != first.rows()) {
                throw new IllegalArgumentException("band " + b + " is " + t.cols() + "x" + t.rows()
                        + " but band 0 is " + first.cols() + "x" + first.rows() + "; all bands must be the same size");
            }
        }
        this.bands = bands;
    }

    /** The bands in order; none may be null. */
    public static MultibandTile of(Tile... bands) {
        return new MultibandTile(List.of(bands));
    }

    /** The bands in order (copied); none may be null. */
    public static MultibandTile of(List<? extends Tile> bands) {
        return new MultibandTile(List.copyOf(Objects.requireNonNull(bands, "bands")));
    }

    public int bandCount() {
        return bands.size();
    }

    public Tile band(int index) {
        return bands.get(index);
    }

    /** The bands as an unmodifiable list. */
    public List<Tile> bands() {
        return bands;
    }

    public int cols() {
        return bands.get(0).cols();
    }

    public int rows() {
        return bands.get(0).rows();
    }

    /** The first band's cell type; bands of a GeoTrellis layer normally share it. */
    public CellType cellType() {
        return bands.get(0).cellType();
    }

    @Override
    public String toString() {
        return "MultibandTile" + bands;
    }
}
