#!/usr/bin/env python3
"""Draws docs/performance/ns-per-op.svg from the full suite's JSON results (standard library only).

usage: python3 benchmarks/plot.py JMH.json LATENESS.json OUT.svg

Three panels: the real-time path in ns per operation for each scenario (log scale, so that the floor and the rig
stage fit on one axis; whiskers are JMH's 99.9% error; the scheduler's ratio to its floor beside it), the work off
the real-time thread in microseconds, and the lateness percentiles of the 10 kHz harness.
"""
import datetime
import json
import math
import os
import sys
from xml.sax.saxutils import escape

SCENARIOS = ["tonic50", "hf10k", "burst", "four32"]
SCENARIO_NAMES = {
    "tonic50": "tonic 50 Hz",
    "hf10k": "10 kHz HF",
    "burst": "BurstDR",
    "four32": "4 programs, 32 contacts",
}
HOT = [  # (benchmark method, label, colour)
    ("floor", "floor (flat array)", "#9e9e9e"),
    ("scheduler", "PulseScheduler step", "#1565c0"),
    ("generator", "PulseGenerator.poll", "#6a1b9a"),
    ("stagePerPhase", "Pi4jOutputStage, one phase (mock)", "#e65100"),
    ("runnerDutyCycle", "RealtimeRunner duty cycle (mock)", "#2e7d32"),
]
PIPELINE = [("validate", "validate"), ("compile", "compile"),
            ("previewRedraw", "redraw 1 s: compile + stream"),
            ("previewRedrawSameTherapy", "redraw 1 s, same therapy"),
            ("previewRedrawSampled", "redraw before: sample + sweep"),
            ("redraw", "preview redraw (sample + 32 rows)")]
# issue 12's goal for a one-second redraw of 32 contacts at 1,000 columns
PREVIEW_GOAL_US = 100
PREVIEW_ROWS = 32
LATENESS = [("p50Us", "p50"), ("p99Us", "p99"), ("p999Us", "p99.9"), ("maxUs", "max")]

WIDTH = 900
LEFT = 250          # room for labels
RIGHT = 150         # room for values
BAR = 13
GAP = 3
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def index(results):
    table = {}
    for r in results:
        method = r["benchmark"].rsplit(".", 1)[1]
        scenario = r.get("params", {}).get("scenario", "")
        m = r["primaryMetric"]
        raw = [x for fork in m.get("rawData", []) for x in fork]
        table[(method, scenario)] = {
            "score": m["score"],
            "error": m.get("scoreError", float("nan")),
            "unit": m["scoreUnit"],
            "best": min(raw) if raw else m["score"],
            "alloc": r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score"),
        }
    return table


def fmt(v):
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


class Svg:
    def __init__(self):
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=12, anchor="start", weight="normal", fill="#212121"):
        self.add("<text x='%.1f' y='%.1f' font-size='%d' text-anchor='%s' font-weight='%s' fill='%s' %s>%s</text>"
                 % (x, y, size, anchor, weight, fill, FONT, escape(s)))

    def rect(self, x, y, w, h, fill, opacity=1.0):
        self.add("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' fill-opacity='%.2f'/>"
                 % (x, y, max(w, 0.5), h, fill, opacity))

    def line(self, x1, y1, x2, y2, stroke="#bdbdbd", width=1.0, dash=None):
        d = " stroke-dasharray='%s'" % dash if dash else ""
        self.add("<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='%.1f'%s/>"
                 % (x1, y1, x2, y2, stroke, width, d))


def log_axis(svg, top, bottom, lo, hi, unit):
    """Gridlines at 1-2-5 steps between lo and hi (powers of ten); returns the x of a value. Over more than three
    decades only the decades are labelled, so that the labels never overlap."""
    span = WIDTH - LEFT - RIGHT
    llo, lhi = math.log10(lo), math.log10(hi)
    sparse = lhi - llo > 3

    def x(v):
        return LEFT + (math.log10(max(v, lo)) - llo) / (lhi - llo) * span

    ticks = []
    decade = 10 ** math.floor(llo)
    while decade <= hi * 1.0001:
        for m in (1, 2, 5):
            v = decade * m
            if lo * 0.9999 <= v <= hi * 1.0001:
                ticks.append((v, m == 1))
        decade *= 10
    labelled = [v for v, major in ticks if major or not sparse]
    for v, major in ticks:
        svg.line(x(v), top, x(v), bottom, stroke="#bdbdbd" if major else "#eeeeee")
        if v in labelled:
            text = "%g" % v + (" " + unit if v == labelled[-1] else "")
            svg.text(x(v), bottom + 14, text, size=10, anchor="middle", fill="#616161")
    return x


def lin_axis(svg, top, bottom, hi, unit, steps=5):
    span = WIDTH - LEFT - RIGHT
    raw = hi / steps
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    top_value = step * math.ceil(hi / step)

    def x(v):
        return LEFT + v / top_value * span

    v = 0.0
    while v <= top_value + 1e-9:
        svg.line(x(v), top, x(v), bottom, stroke="#e0e0e0")
        svg.text(x(v), bottom + 14, "%g %s" % (v, unit) if v == top_value else "%g" % v, size=10, anchor="middle",
                 fill="#616161")
        v += step
    return x


def draw(jmh_path, lateness_path, out_path):
    results = load(jmh_path)
    table = index(results)
    lateness = load(lateness_path) if lateness_path and os.path.exists(lateness_path) else None
    first = results[0] if results else {}
    when = datetime.datetime.fromtimestamp(os.path.getmtime(jmh_path), datetime.timezone.utc).strftime("%Y-%m-%d")

    svg = Svg()
    y = 28
    svg.text(20, y, "Dorsal benchmarks", size=18, weight="bold")
    cores = ", %d cores" % lateness["cores"] if lateness and "cores" in lateness else ""
    svg.text(WIDTH - 20, y, "%s %s, %s%s" % (first.get("vmName", "JVM"), first.get("jdkVersion", ""), when, cores),
             size=11, anchor="end", fill="#616161")
    y += 30

    # panel 1: the real-time path, per scenario
    svg.text(20, y, "Real-time path: time per operation (log scale; lower is better)", size=14, weight="bold")
    y += 8
    y += 18
    values = [v["score"] + (v["error"] if v["error"] == v["error"] else 0)
              for (m, s), v in table.items() if s in SCENARIOS and m in dict((h[0], 1) for h in HOT)]
    lows = [v["score"] for (m, s), v in table.items() if s in SCENARIOS and m in dict((h[0], 1) for h in HOT)]
    lo = 10 ** math.floor(math.log10(min(lows))) if lows else 1
    hi = 10 ** math.ceil(math.log10(max(values))) if values else 1000
    rows = sum(1 for s in SCENARIOS for m, _, _ in HOT if (m, s) in table)
    top = y
    bottom = y + rows * (BAR + GAP) + len(SCENARIOS) * 14
    x = log_axis(svg, top - 4, bottom, lo, hi, "ns")
    for s in SCENARIOS:
        present = [(m, label, colour) for m, label, colour in HOT if (m, s) in table]
        if not present:
            continue
        svg.text(LEFT - 8, y + 10, SCENARIO_NAMES.get(s, s), size=12, anchor="end", weight="bold")
        y += 14
        for m, label, colour in present:
            v = table[(m, s)]
            svg.rect(LEFT, y, x(v["score"]) - LEFT, BAR, colour, 0.85)
            err = v["error"]
            if err == err and err > 0:
                x1, x2 = x(max(v["score"] - err, lo)), x(v["score"] + err)
                svg.line(x1, y + BAR / 2, x2, y + BAR / 2, stroke="#212121")
                svg.line(x2, y + 3, x2, y + BAR - 3, stroke="#212121")
            note = "%s ns" % fmt(v["score"])
            if m == "scheduler" and ("floor", s) in table:
                note += "  (%.1fx floor)" % (v["best"] / table[("floor", s)]["best"])
            svg.text(max(x(v["score"]), x(v["score"] + (err if err == err else 0))) + 6, y + BAR - 2, note, size=10)
            svg.text(LEFT - 8, y + BAR - 2, label, size=10, anchor="end", fill="#424242")
            y += BAR + GAP
    y = bottom + 40

    # panel 2: off the real-time thread
    if ("previewRedraw", "") not in table and ("previewSample", "") in table and ("previewEnvelopeOneRow", "") in table:
        # results from before the stream (2026-11): the redraw was a sample plus one envelope per row
        sample, row = table[("previewSample", "")], table[("previewEnvelopeOneRow", "")]
        table[("redraw", "")] = {"score": sample["score"] + PREVIEW_ROWS * row["score"],
                                 "error": math.hypot(sample["error"], PREVIEW_ROWS * row["error"]),
                                 "unit": sample["unit"], "best": None, "alloc": None}
    present = [(m, label) for m, label in PIPELINE if (m, "") in table]
    if present:
        svg.text(20, y, "Off the real-time thread: four programs on 32 contacts (microseconds per call)", size=14,
                 weight="bold")
        y += 16
        top = y
        bottom = y + len(present) * (BAR + 2 * GAP)
        hi = max(table[(m, "")]["score"] + max(table[(m, "")]["error"], 0) for m, _ in present)
        x = lin_axis(svg, top - 4, bottom, hi, "us")
        if any(m.startswith("previewRedraw") for m, _ in present) and PREVIEW_GOAL_US <= hi:
            svg.line(x(PREVIEW_GOAL_US), top - 4, x(PREVIEW_GOAL_US), bottom, stroke="#c62828", width=1.5, dash="4,3")
            svg.text(x(PREVIEW_GOAL_US) + 4, top + 4, "redraw goal (%d us)" % PREVIEW_GOAL_US, size=10, fill="#c62828")
        for m, label in present:
            v = table[(m, "")]
            svg.rect(LEFT, y, x(v["score"]) - LEFT, BAR, "#00838f", 0.85)
            if v["error"] == v["error"] and v["error"] > 0:
                svg.line(x(max(v["score"] - v["error"], 0)), y + BAR / 2, x(v["score"] + v["error"]), y + BAR / 2,
                         stroke="#212121")
            svg.text(x(v["score"] + max(v["error"], 0)) + 6, y + BAR - 2, "%s us" % fmt(v["score"]), size=10)
            svg.text(LEFT - 8, y + BAR - 2, label, size=11, anchor="end")
            y += BAR + 2 * GAP
        y = bottom + 40

    # panel 3: lateness
    if lateness:
        svg.text(20, y, "Pin-action lateness, RealtimeRunner at 10 kHz on the mock rig, %d s (log scale)"
                 % lateness["seconds"], size=14, weight="bold")
        y += 16
        top = y
        bottom = y + len(LATENESS) * (BAR + 2 * GAP)
        vals = [max(lateness[k], 0.01) for k, _ in LATENESS]
        lo = 10 ** math.floor(math.log10(min(vals)))
        hi = 10 ** math.ceil(math.log10(max(vals) * 1.0001))
        x = log_axis(svg, top - 4, bottom, lo, hi, "us")
        miss = lateness.get("missThresholdUs")
        if miss and lo <= miss <= hi:
            svg.line(x(miss), top - 4, x(miss), bottom, stroke="#c62828", width=1.5, dash="4,3")
            svg.text(x(miss) + 4, top + 4, "miss (%d us)" % miss, size=10, fill="#c62828")
        for k, label in LATENESS:
            v = lateness[k]
            svg.rect(LEFT, y, x(max(v, lo)) - LEFT, BAR, "#5d4037", 0.85)
            svg.text(x(max(v, lo)) + 6, y + BAR - 2, "%s us" % fmt(v), size=10)
            svg.text(LEFT - 8, y + BAR - 2, label, size=11, anchor="end")
            y += BAR + 2 * GAP
        y = bottom + 34
        svg.text(LEFT, y, "%d pin actions, %d later than %d us; %s" % (lateness["actions"], lateness["misses"],
                 lateness.get("missThresholdUs", 50), lateness.get("stopReason", "")), size=10, fill="#616161")
        y += 20

    height = y + 10
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d'>\n"
                % (WIDTH, height, WIDTH, height))
        f.write("<rect width='100%' height='100%' fill='white'/>\n")
        f.write("\n".join(svg.parts))
        f.write("\n</svg>\n")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    draw(sys.argv[1], sys.argv[2] if len(sys.argv) == 4 else None, sys.argv[-1])
