"""Edits the GeoKey directory of a GeoTIFF in place.

  python3 set-geokey.py FILE KEY VALUE   sets a SHORT key stored in the directory itself
  python3 set-geokey.py FILE KEY drop    drops a key
  python3 set-geokey.py FILE keep K,K,.. drops every key but these

GDAL never writes some key values (GTModelTypeGeoKey 32767, say) or leaves a CRS to its citation
alone, so generate.sh makes such files by patching a copy of a GDAL-made file. Dropped entries make
the ones after them move up and the directory's key count go down; the tag keeps its length.
"""
import struct
import sys

path, what, value = sys.argv[1], sys.argv[2], sys.argv[3]
data = bytearray(open(path, 'rb').read())
bo = '<' if data[:2] == b'II' else '>'
ifd = struct.unpack(bo + 'I', data[4:8])[0]
for i in range(struct.unpack(bo + 'H', data[ifd:ifd + 2])[0]):
    entry = ifd + 2 + 12 * i
    tag, kind, count, where = struct.unpack(bo + 'HHII', data[entry:entry + 12])
    if tag != 34735:
        continue
    start = entry + 8 if count * 2 <= 4 else where
    keys = struct.unpack(bo + 'H', data[start + 6:start + 8])[0]
    entries = [bytes(data[start + 8 * k:start + 8 * k + 8]) for k in range(1, keys + 1)]
    ids = [struct.unpack(bo + 'H', e[:2])[0] for e in entries]
    if what == 'keep':
        wanted = {int(k) for k in value.split(',')}
        kept = [e for e, k in zip(entries, ids) if k in wanted]
    elif int(what) not in ids:
        sys.exit('key %s not found in %s' % (what, path))
    elif value == 'drop':
        kept = [e for e, k in zip(entries, ids) if k != int(what)]
    else:
        e = entries[ids.index(int(what))]
        if struct.unpack(bo + 'H', e[2:4])[0] != 0:
            sys.exit('key %s of %s is not stored in the directory itself' % (what, path))
        entries[ids.index(int(what))] = e[:6] + struct.pack(bo + 'H', int(value))
        kept = entries
    body = b''.join(kept) + bytes(8 * (keys - len(kept)))
    data[start + 8:start + 8 + 8 * keys] = body
    data[start + 6:start + 8] = struct.pack(bo + 'H', len(kept))
    open(path, 'wb').write(data)
    sys.exit(0)
sys.exit('no GeoKey directory in %s' % path)
