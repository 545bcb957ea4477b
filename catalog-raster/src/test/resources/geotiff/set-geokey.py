"""Sets one SHORT GeoKey's value in place in a GeoTIFF: python3 set-geokey.py FILE KEY VALUE.

GDAL never writes some key values (GTModelTypeGeoKey 32767, say), so generate.sh makes such files
by patching a copy of a GDAL-made file. Only keys stored in the GeoKey directory itself qualify.
"""
import struct
import sys

path, key, value = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = bytearray(open(path, 'rb').read())
bo = '<' if data[:2] == b'II' else '>'
ifd = struct.unpack(bo + 'I', data[4:8])[0]
for i in range(struct.unpack(bo + 'H', data[ifd:ifd + 2])[0]):
    entry = ifd + 2 + 12 * i
    tag, kind, count, where = struct.unpack(bo + 'HHII', data[entry:entry + 12])
    if tag != 34735:
        continue
    start = entry + 8 if count * 2 <= 4 else where
    for k in range(1, count // 4):
        at = start + 8 * k
        if struct.unpack(bo + 'HH', data[at:at + 4]) == (key, 0):
            data[at + 6:at + 8] = struct.pack(bo + 'H', value)
            open(path, 'wb').write(data)
            sys.exit(0)
sys.exit('key %d not found in %s' % (key, path))
