#!/bin/sh
# Regenerates the layout/compression/sample-type variants the tests read (GDAL 3.6, gdal-bin).
# Source: a 50x40 window of bands 1-2 of ../shared/data/multiband.tif, scaled per type (int8 holds
# the uint8 bytes as signed values; its NoData -1e4 is clamped to 0 by GDAL, as for every type here).
set -eu
SRC=${1:-../../../../../../shared/data/multiband.tif}
OUT=$(dirname "$0")/variants
mkdir -p "$OUT"
T=$(mktemp -d)
gdal_translate -q -srcwin 200 200 50 40 -b 1 -b 2 "$SRC" "$T/src.tif"

q() { gdal_translate -q "$@"; }
for spec in "uint8:Byte:0 255 0 255:" "int8:Byte:0 255 0 255:-co PIXELTYPE=SIGNEDBYTE" \
            "int16:Int16:0 255 -30000 30000:" "uint16:UInt16:0 255 0 65000:" \
            "int32:Int32:0 255 -2000000 2000000:" "float32:Float32:0 255 -1 1:" "float64:Float64:0 255 -1000 1000:"; do
  name=${spec%%:*}; rest=${spec#*:}; ot=${rest%%:*}; rest=${rest#*:}; scale=${rest%%:*}; extra=${rest#*:}
  base="-ot $ot -scale $scale $extra"
  q $base "$T/src.tif" "$OUT/$name-strip-none.tif"
  q $base -co INTERLEAVE=BAND -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$T/src.tif" "$OUT/$name-tiled-planar-deflate.tif"
  q $base -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=16 -co COMPRESS=LZW -co PREDICTOR=2 "$T/src.tif" "$OUT/$name-tiled-lzw-pred2.tif"
  q $base -co INTERLEAVE=BAND -co BLOCKYSIZE=7 -co COMPRESS=PACKBITS "$T/src.tif" "$OUT/$name-strip-planar-packbits.tif"
  q $base -co BLOCKYSIZE=9 -co COMPRESS=DEFLATE -co PREDICTOR=2 "$T/src.tif" "$OUT/$name-strip-deflate-pred2.tif"
  q $base -co BIGTIFF=YES -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$T/src.tif" "$OUT/$name-bigtiff-tiled-deflate.tif"
  q $base -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=ZSTD -co PREDICTOR=2 "$T/src.tif" "$OUT/$name-tiled-zstd-pred2.tif"
  case $ot in Float*)
    q $base -co BLOCKYSIZE=9 -co COMPRESS=ZSTD -co ZSTD_LEVEL=19 -co PREDICTOR=3 "$T/src.tif" "$OUT/$name-strip-zstd-pred3.tif"
    q $base -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=LZMA -co PREDICTOR=3 "$T/src.tif" "$OUT/$name-tiled-lzma-pred3.tif"
    q $base -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=32 -co COMPRESS=DEFLATE -co PREDICTOR=3 "$T/src.tif" "$OUT/$name-tiled-deflate-pred3.tif"
    q $base -co INTERLEAVE=BAND -co BLOCKYSIZE=5 -co COMPRESS=LZW -co PREDICTOR=3 "$T/src.tif" "$OUT/$name-strip-planar-lzw-pred3.tif";;
  esac
done
# 1-bit: band 1 thresholded to 0/1.
q -b 1 -ot Byte -scale 0 255 0 1 "$T/src.tif" "$T/bits.tif"
q -co NBITS=1 "$T/bits.tif" "$OUT/bit-strip-none.tif"
q -co NBITS=1 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co COMPRESS=DEFLATE "$T/bits.tif" "$OUT/bit-tiled-deflate.tif"
q -co NBITS=1 -co BLOCKYSIZE=3 -co COMPRESS=PACKBITS "$T/bits.tif" "$OUT/bit-strip-packbits.tif"
# Big-endian ("MM") variant.
q -co ENDIANNESS=BIG -co COMPRESS=LZW -co PREDICTOR=2 -ot Int16 -scale 0 255 -30000 30000 "$T/src.tif" "$OUT/int16-bigendian-lzw-pred2.tif"
# (No big-endian file with predictor 3: GDAL 3.6.2's libtiff writes those with the byte planes in the
# wrong order and reads back other values than it wrote.)
q -co ENDIANNESS=BIG -co TILED=YES -co COMPRESS=LZW -ot Float32 -scale 0 255 -1 1 "$T/src.tif" "$OUT/float32-bigendian-tiled-lzw.tif"
q -co ENDIANNESS=BIG -co COMPRESS=DEFLATE -co PREDICTOR=2 -ot Float64 -scale 0 255 -1000 1000 "$T/src.tif" "$OUT/float64-bigendian-deflate-pred2.tif"
# Bad inputs.
q -ot Byte -co COMPRESS=LERC "$T/src.tif" "$OUT/../bad-lerc.tif"
# A user-defined CRS whose projection (Laborde oblique Mercator, ProjCoordTransGeoKey 4) proj4j cannot express.
q -a_srs "+proj=labrd +lat_0=-18.9 +lon_0=44.1 +azi=18.9 +k=0.9995 +x_0=400000 +y_0=800000 +ellps=intl +units=m" \
  "$T/bits.tif" "$OUT/../bad-laborde.tif"
# A rotated geotransform (written as ModelTransformation with rotation terms).
q -of VRT "$OUT/bit-strip-none.tif" "$T/r.vrt"
sed -i 's|<GeoTransform>.*</GeoTransform>|<GeoTransform>100, 1, 0.5, 200, 0.5, -1</GeoTransform>|' "$T/r.vrt"
q -ot Byte "$T/r.vrt" "$OUT/../bad-rotated.tif"
# User-defined CRSs (GDAL writes them as projection GeoKeys, no EPSG code), on a 16x16 1-bit image.
mkdir -p "$OUT/../crs"
q -b 1 -ot Byte -scale 0 255 0 1 -srcwin 0 0 16 16 "$SRC" "$T/b.tif"
while IFS='|' read -r name srs; do
  q -co NBITS=1 -a_srs "$srs" -a_ullr 1000 2000 1160 1840 "$T/b.tif" "$OUT/../crs/$name.tif"
done <<'SRS'
albers|+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs
tmerc-usft|+proj=tmerc +lat_0=31 +lon_0=-106.25 +k=0.9999 +x_0=500000.00001016 +y_0=0 +datum=NAD83 +units=us-ft +no_defs
laea|+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs
polar-stere|+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs
merc|+proj=merc +lon_0=100 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs
lcc-1sp|+proj=lcc +lat_1=18 +lat_0=18 +lon_0=-77 +k_0=1 +x_0=250000 +y_0=150000 +ellps=clrk66 +units=m +no_defs
eqc|+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs
eqc-centre|+proj=eqc +lat_ts=30 +lat_0=5 +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs
longlat-nad27|+proj=longlat +datum=NAD27 +no_defs
omerc-a|+proj=omerc +no_uoff +lat_0=4 +lonc=115 +alpha=53.31582047222222 +gamma=53.13010236111111 +k=0.99984 +x_0=0 +y_0=0 +datum=WGS84 +units=m
omerc-b|+proj=omerc +lat_0=4 +lonc=115 +alpha=53.31582047222222 +gamma=53.13010236111111 +k=0.99984 +x_0=0 +y_0=0 +datum=WGS84 +units=m
aeqd|+proj=aeqd +lat_0=40 +lon_0=-100 +x_0=500 +y_0=700 +datum=WGS84 +units=m
eqdc|+proj=eqdc +lat_0=30 +lon_0=10 +lat_1=20 +lat_2=50 +x_0=100 +y_0=200 +datum=WGS84 +units=m
stere|+proj=stere +lat_0=45 +lon_0=10 +k=0.9 +x_0=0 +y_0=0 +datum=WGS84 +units=m
sterea|+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +units=m
cass|+proj=cass +lat_0=10.44166666666667 +lon_0=-61.33333333333334 +x_0=86501.46392051999 +y_0=65379.0134283 +datum=WGS84 +units=m
gnom|+proj=gnom +lat_0=45 +lon_0=10 +x_0=0 +y_0=0 +R=6371000 +units=m
mill|+proj=mill +lat_0=0 +lon_0=10 +x_0=0 +y_0=0 +R=6371000 +units=m
ortho|+proj=ortho +lat_0=45 +lon_0=10 +x_0=0 +y_0=0 +R=6371000 +units=m
poly|+proj=poly +lat_0=0 +lon_0=-54 +x_0=5000 +y_0=10000 +ellps=GRS80 +units=m
robin|+proj=robin +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m
sinu|+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m
vandg|+proj=vandg +lon_0=10 +x_0=0 +y_0=0 +R=6371000 +units=m
tmerc-south|+proj=tmerc +lat_0=0 +lon_0=25 +k=1 +x_0=0 +y_0=0 +axis=wsu +ellps=WGS84 +units=m
cea|+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m
SRS
# New Zealand Map Grid only converts near its own false origin.
q -co NBITS=1 -a_srs "+proj=nzmg +lat_0=-41 +lon_0=173 +x_0=2510000 +y_0=6023150 +ellps=intl +units=m" \
  -a_ullr 2510000 6023150 2510160 6022990 "$T/b.tif" "$OUT/../crs/nzmg.tif"
# Sparse tiles: every tile is NoData, so GDAL writes none (offsets and byte counts 0).
gdal_create -q -of GTiff -outsize 64 48 -bands 1 -ot Int16 -a_nodata -5 -a_srs EPSG:32633 \
  -a_ullr 500000 4000000 500640 3999520 -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 -co SPARSE_OK=TRUE \
  -burn -5 "$OUT/../sparse-int16.tif"
# A file with a geotransform but no GeoKey directory (as NetCDF-derived files and some mosaics are),
# and the same file with its CRS, from the real elevation.tif (EPSG:3857) at 100x100.
q -outsize 100 100 -r average "$(dirname "$0")/real/elevation.tif" "$OUT/../with-crs.tif"
cp "$OUT/../with-crs.tif" "$OUT/../no-crs.tif"
gdal_edit.py -a_srs "" "$OUT/../no-crs.tif"
# GTModelTypeGeoKey 32767 (user-defined), which GDAL never writes: with an EPSG projected CRS code,
# and with user-defined projection keys. And a user-defined geographic CRS on the Paris meridian.
cp "$OUT/../with-crs.tif" "$OUT/../crs/user-model-epsg.tif"
python3 "$(dirname "$0")/set-geokey.py" "$OUT/../crs/user-model-epsg.tif" 1024 32767
cp "$OUT/../crs/laea.tif" "$OUT/../crs/user-model-laea.tif"
python3 "$(dirname "$0")/set-geokey.py" "$OUT/../crs/user-model-laea.tif" 1024 32767
q -co NBITS=1 -a_srs "+proj=lcc +lat_1=49.5 +lat_0=49.5 +lon_0=0 +k_0=0.999877341 +x_0=600000 +y_0=200000 +ellps=clrk80ign +pm=paris +units=m" \
  -a_ullr 600000 200000 600160 199840 "$T/b.tif" "$OUT/../crs/paris-lcc.tif"
# JPEG as GDAL writes it (tables in JPEGTables): YCbCr 2x2-subsampled tiles and strips, RGB strips,
# band-interleaved tiles, grey strips; from bands 1-3 of the same window, without NoData.
mkdir -p "$OUT/../jpeg"
q -srcwin 200 200 50 40 -b 1 -b 2 -b 3 -a_nodata none "$SRC" "$T/rgb.tif"
q -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=32 "$T/rgb.tif" "$OUT/../jpeg/ycbcr-tiled.tif"
q -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR -co JPEG_QUALITY=95 -co BLOCKYSIZE=16 "$T/rgb.tif" "$OUT/../jpeg/ycbcr-strip.tif"
q -co COMPRESS=JPEG -co BLOCKYSIZE=16 "$T/rgb.tif" "$OUT/../jpeg/rgb-strip.tif"
q -co COMPRESS=JPEG -co INTERLEAVE=BAND -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$T/rgb.tif" "$OUT/../jpeg/rgb-planar-tiled.tif"
q -b 1 -co COMPRESS=JPEG -co JPEG_QUALITY=90 -co BLOCKYSIZE=8 "$T/rgb.tif" "$OUT/../jpeg/grey-strip.tif"
# Masks: a 64x48 RGBA window whose alpha is 0 in a triangle (the "no data" of an orthophoto's
# edge) and whose RGB is 0 (valid black) in a small square; as a JPEG orthophoto with GDAL's
# internal mask, as RGBA with an alpha band, and as int16 with both a NoData value and a mask.
mkdir -p "$OUT/../mask"
q -srcwin 200 200 64 48 -a_nodata none "$SRC" "$T/rgba.tif"
gj() { echo "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:32618\"}},\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[$1]}}]}"; }
gj "[[680274.5,4904961.2],[680276.6,4904958.2],[680274.5,4904958.2],[680274.5,4904961.2]]" > "$T/hole.geojson"
gj "[[680277.5,4904961.0],[680278.0,4904961.0],[680278.0,4904960.5],[680277.5,4904960.5],[680277.5,4904961.0]]" > "$T/black.geojson"
gdal_rasterize -q -b 4 -burn 0 "$T/hole.geojson" "$T/rgba.tif"
gdal_rasterize -q -b 1 -b 2 -b 3 -burn 0 -burn 0 -burn 0 "$T/black.geojson" "$T/rgba.tif"
q -b 1 -b 2 -b 3 -mask 4 -co COMPRESS=JPEG -co PHOTOMETRIC=YCBCR -co TILED=YES -co BLOCKXSIZE=32 -co BLOCKYSIZE=32 \
  --config GDAL_TIFF_INTERNAL_MASK YES "$T/rgba.tif" "$OUT/../mask/ortho-jpeg-mask.tif"
q -co COMPRESS=DEFLATE -co ALPHA=YES -co TILED=YES -co BLOCKXSIZE=16 -co BLOCKYSIZE=16 "$T/rgba.tif" "$OUT/../mask/rgba-alpha.tif"
q -b 1 -mask 4 -ot Int16 -scale 0 255 -300 300 -a_nodata -5 -co BLOCKYSIZE=8 --config GDAL_TIFF_INTERNAL_MASK YES \
  "$T/rgba.tif" "$OUT/../mask/int16-nodata-mask.tif"
# User-defined CRSs known only by the ESRI PE string GDAL writes in the citation (GEOTIFF_KEYS_FLAVOR=ESRI_PE),
# as ArcGIS writes them: every other projection and datum key dropped.
for n in albers tmerc-usft lcc-1sp polar-stere merc sinu omerc-a omerc-b cass eqdc laea paris-lcc cea longlat-nad27; do
  q -co NBITS=1 -co GEOTIFF_KEYS_FLAVOR=ESRI_PE "$OUT/../crs/$n.tif" "$OUT/../crs/esri-$n.tif"
  python3 "$(dirname "$0")/set-geokey.py" "$OUT/../crs/esri-$n.tif" keep 1024,1025,1026,2048,2049,2054,3072,3073
done
rm -f "$OUT"/*.aux.xml "$OUT"/../*.aux.xml "$OUT"/../crs/*.aux.xml "$OUT"/../jpeg/*.aux.xml "$OUT"/../mask/*.aux.xml
rm -rf "$T"
