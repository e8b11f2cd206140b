#!/usr/bin/env python3
"""Draws docs/performance/scaling.svg from benchmarks/scaling's JSON (standard library only).

usage: python3 benchmarks/plot-scaling.py DIR OUT.svg

Three panels, one per dimension (programs, contacts, rate), each with validate and compile (microseconds) and the
scheduler step (nanoseconds) against the dimension's values, on a log scale, so that how cost grows with the work
reads as the slope of each line.
"""
import json
import math
import os
import sys
from xml.sax.saxutils import escape

PANELS = [("programs", "programs (32 contacts, 50 Hz)"), ("contacts", "contacts (4 programs, 50 Hz)"),
          ("rate", "rate in Hz (1 program, 8 contacts)")]
PARAM = {"programs": "programs", "contacts": "contacts", "rate": "rateHz"}
SERIES = [("validate", "validate (us)", "#c62828"), ("compile", "compile (us)", "#1565c0"),
          ("step", "scheduler step (ns)", "#2e7d32")]


def load(path, param):
    points = {}
    with open(path) as f:
        for r in json.load(f):
            method = r["benchmark"].rsplit(".", 1)[1]
            x = int(r["params"][param])
            points.setdefault(method, []).append((x, r["primaryMetric"]["score"]))
    return {k: sorted(v) for k, v in points.items()}


def main(directory, out):
    w, h, pad = 330, 270, 50
    top = 34  # below the panel's title
    parts = []
    for i, (name, title) in enumerate(PANELS):
        path = os.path.join(directory, "scaling-%s.json" % name)
        if not os.path.exists(path):
            continue
        data = load(path, PARAM[name])
        xs = sorted({x for pts in data.values() for x, _ in pts})
        ys = [y for pts in data.values() for _, y in pts if y > 0]
        lo, hi = math.floor(math.log10(min(ys))), math.ceil(math.log10(max(ys)))
        if hi == lo:
            hi += 1
        ox = i * (w + 20)

        def px(x):
            return ox + pad + (xs.index(x) + 0.5) * (w - pad - 10) / len(xs)

        def py(y):
            return top + (h - pad - top) * (1 - (math.log10(y) - lo) / (hi - lo))

        parts.append('<text x="%d" y="16" font-size="12" font-weight="bold">%s</text>' % (ox + 10, escape(title)))
        for e in range(lo, hi + 1):
            parts.append('<line x1="%d" x2="%d" y1="%.1f" y2="%.1f" stroke="#ddd"/>' % (ox + pad, ox + w - 10, py(10 ** e), py(10 ** e)))
            parts.append('<text x="%d" y="%.1f" font-size="10" text-anchor="end">%s</text>' % (ox + pad - 4, py(10 ** e) + 3,
                                                                             "{:,}".format(10 ** e) if e >= 0 else "%g" % 10 ** e))
        for x in xs:
            parts.append('<text x="%.1f" y="%d" font-size="10" text-anchor="middle">%d</text>' % (px(x), h - pad + 14, x))
        for method, label, colour in SERIES:
            pts = [(x, y) for x, y in data.get(method, []) if y > 0]
            if not pts:
                continue
            parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (
                colour, " ".join("%.1f,%.1f" % (px(x), py(y)) for x, y in pts)))
            for x, y in pts:
                parts.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(x), py(y), colour))
    legend = []
    for j, (method, label, colour) in enumerate(SERIES):
        legend.append('<rect x="%d" y="%d" width="12" height="4" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>'
                      % (50 + j * 170, h - 12, colour, 66 + j * 170, h - 7, escape(label)))
    total = 3 * (w + 20)
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif">'
           '<rect width="100%%" height="100%%" fill="white"/>%s%s</svg>') % (total, h, "".join(parts), "".join(legend))
    with open(out, "w") as f:
        f.write(svg)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
