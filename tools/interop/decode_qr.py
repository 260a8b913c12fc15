#!/usr/bin/env python3
"""Reads QR codes back with PyPI `zxing-cpp`, an independent decoder, for the tests of Sources/RehabQR.

Each FILE holds one symbol as rows of `0` (light) and `1` (dark) modules, without the quiet zone. The script draws
it as a grey-scale image (four light modules of margin, four pixels a module), decodes it, and prints one JSON line
per file: {"file": ..., "bytes": the decoded bytes in hex, "ecLevel": ..., "extra": ...}; "bytes" is null when
nothing was found.

Usage: python3 tools/interop/decode_qr.py FILE...
"""
import json
import sys

import zxingcpp

MARGIN = 4
SCALE = 4


def image(rows):
    side = (len(rows) + 2 * MARGIN) * SCALE
    pixels = bytearray([255]) * (side * side)
    for y, row in enumerate(rows):
        for x, module in enumerate(row):
            if module != "1":
                continue
            for dy in range(SCALE):
                start = ((y + MARGIN) * SCALE + dy) * side + (x + MARGIN) * SCALE
                pixels[start:start + SCALE] = bytes(SCALE)
    return memoryview(pixels).cast("B", (side, side))


def main(files):
    for name in files:
        with open(name) as handle:
            rows = [line.strip() for line in handle if line.strip()]
        found = zxingcpp.read_barcodes(image(rows), formats=zxingcpp.BarcodeFormat.QRCode, is_pure=True)
        first = found[0] if found else None
        print(json.dumps({
            "file": name,
            "bytes": first.bytes.hex() if first else None,
            "ecLevel": first.ec_level if first else None,
            "extra": first.extra if first else None,
        }))


if __name__ == "__main__":
    main(sys.argv[1:])
