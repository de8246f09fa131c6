#!/usr/bin/env python3
"""Writes BENCHMARKS.md from the JSON lines benches/peer/run.sh collects.

Usage: report.py RESULTS.jsonl --started T --load-start L --load-end L
       --rustc V --cpu MODEL --cores N --sizes "VERTICES ZONES POINTS" --runs N
"""

import argparse
import json
import platform


def fmt_s(s):
    if s is None:
        return "–"
    return f"{s * 1e3:.0f} ms" if s < 1 else f"{s:.2f} s"


def fmt_mb(kb):
    return "–" if kb is None else f"{kb / 1024:.0f} MB"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("results")
    for opt in ("started", "load-start", "load-end", "rustc", "cpu", "cores", "sizes", "runs"):
        ap.add_argument(f"--{opt}", required=True)
    a = ap.parse_args()
    rows = [json.loads(line) for line in open(a.results) if line.strip()]

    def get(side, job, threads=None, dataset="dataset.geojson"):
        for r in rows:
            if (
                r["side"] == side
                and r["job"] == job
                and (threads is None or r["threads"] == threads)
                and r.get("dataset", "dataset.geojson") == dataset
            ):
                return r
        return None

    vertices, zones, points = (int(x) for x in a.sizes.split())
    load_r, load_p = get("demarcate", "load"), get("shapely", "load")
    d1, d2, dp = get("demarcate", "distance", 1), get("demarcate", "distance", 2), get("shapely", "distance")
    o1, o2, op = get("demarcate", "overlaps", 1), get("demarcate", "overlaps", 2), get("shapely", "overlaps")

    def ratio(peer, ours):
        if not peer or not ours:
            return None
        return peer["median_s"] / ours["median_s"]

    def fmt_ratio(x):
        return "–" if x is None else f"{x:.2f}×"

    table = [
        (
            f"load {load_r['bytes'] / 1e6:.1f} MB GeoJSON: `BorderMap::from_geojson_str` / `shapely.from_geojson`",
            load_r, load_p, load_r.get("peak_rss_kb_before_serde_json"), load_p.get("peak_rss_kb_before_json_loads"),
        ),
        (
            "load, reference: `serde_json::from_str::<Value>` / `json.loads`",
            {"median_s": load_r["serde_json_value_median_s"]},
            {"median_s": load_p["json_loads_median_s"]},
            None,
            None,
        ),
        (
            f"distance, {d1['points']:,} points × {d1['edges']:,}-edge border, 1 thread",
            d1, dp, d1["peak_rss_kb"], dp["peak_rss_kb"],
        ),
        (
            f"distance, {d2['points']:,} points × {d2['edges']:,}-edge border, 2 threads",
            d2, dp, d2["peak_rss_kb"], dp["peak_rss_kb"],
        ),
        (f"overlaps with areas, {o1['zones']:,} zones, 1 thread", o1, op, o1["peak_rss_kb"], op["peak_rss_kb"]),
        (f"overlaps with areas, {o2['zones']:,} zones, 2 threads", o2, op, o2["peak_rss_kb"], op["peak_rss_kb"]),
    ]

    out = []
    w = out.append
    w("# Benchmarks\n")
    w("*Written by `bash benches/peer/run.sh`; do not edit by hand. The criterion benches are")
    w("described at the end.*\n")
    w("## Machine\n")
    w(f"- CPU: {a.cpu}, {a.cores} cores (as `nproc` sees them)")
    w(f"- Load average (1, 5, 15 min) at the start: {a.load_start}; at the end: {a.load_end}")
    w(f"- Run started {a.started}; {platform.system()} {platform.release()}")
    w(f"- {a.rustc}; demarcate built with `--release`")
    w(f"- Python {platform.python_version()}, shapely {op['shapely']}, GEOS {op['geos']}")
    w(f"- Data (`generate` example, seed 7): a border of {vertices:,} vertices in segments of 1,000,")
    w(f"  {zones:,} incursion zones (8–16 vertices, 0.5–5 km across, in clusters along the border),")
    w(f"  {points:,} query points uniform over the border's box grown by 0.5°; medians of {a.runs} runs")
    w("  per job, each job in its own process\n")
    w("## Results\n")
    w("Ratio = shapely median / demarcate median (above 1: demarcate is faster). Peak RSS is the")
    w("whole process's high-water mark (`VmHWM`; Python's `ru_maxrss`), data included.\n")
    w("| job | demarcate median | shapely median | ratio | demarcate peak RSS | shapely peak RSS |")
    w("|---|---:|---:|---:|---:|---:|")
    for name, ours, peer, rss_ours, rss_peer in table:
        w(
            f"| {name} | {fmt_s(ours['median_s'])} | {fmt_s(peer['median_s'])} | "
            f"{fmt_ratio(ratio(peer, ours))} | {fmt_mb(rss_ours)} | {fmt_mb(rss_peer)} |"
        )
    w("")
    w(f"Same answers, checked: overlapping pairs with area > 0: demarcate {o1['pairs']:,}, shapely {op['pairs']:,};")
    w(f"mean distance to the border: demarcate {d1['mean_distance_m'] / 1e3:.3f} km (ellipsoid), shapely")
    w(f"{dp['mean_distance_deg']:.4f}° (planar degrees, not a distance).\n")

    w("## Targets\n")
    load_x = load_r["median_s"] / load_r["serde_json_value_median_s"]
    threads_x = d1["median_s"] / d2["median_s"]
    mem = [
        ("load", load_r.get("peak_rss_kb_before_serde_json"), load_p.get("peak_rss_kb_before_json_loads")),
        ("distance", max(d1["peak_rss_kb"], d2["peak_rss_kb"]), dp["peak_rss_kb"]),
        ("overlaps", max(o1["peak_rss_kb"], o2["peak_rss_kb"]), op["peak_rss_kb"]),
    ]

    def met(ok):
        return "**met**" if ok else "**not met**"

    w("| target | measured | |")
    w("|---|---|---|")
    w(
        f"| distance ≥ 2× faster than shapely | {fmt_ratio(ratio(dp, d2))} on 2 threads "
        f"({fmt_ratio(ratio(dp, d1))} on 1) | {met(ratio(dp, d2) >= 2)} |"
    )
    w(
        f"| overlaps with areas ≥ 2× faster than shapely | {fmt_ratio(ratio(op, o2))} on 2 threads "
        f"({fmt_ratio(ratio(op, o1))} on 1) | {met(ratio(op, o2) >= 2)} |"
    )
    w(f"| load within 2× of serde_json `Value` parsing | {load_x:.2f}× the `Value` parse | {met(load_x <= 2)} |")
    w(f"| 2 cores ≥ 1.7× faster than 1 (distance) | {threads_x:.2f}× | {met(threads_x >= 1.7)} |")
    for job, ours, peer in mem:
        w(
            f"| peak memory ≤ shapely's: {job} | {fmt_mb(ours)} vs {fmt_mb(peer)} | "
            f"{met(ours is not None and peer is not None and ours <= peer)} |"
        )
    w("")
    terr = "dataset-territories.geojson"
    tl0, tl1 = get("demarcate", "load", 1), get("demarcate", "load", 1, terr)
    td0, td1 = get("demarcate", "distance", 2), get("demarcate", "distance", 2, terr)
    td1_1 = get("demarcate", "distance", 1, terr)
    tdp = get("shapely", "distance", None, terr)
    tr0, tr1 = get("demarcate", "report", 2), get("demarcate", "report", 2, terr)
    big = next((r for r in rows if r["job"] == "index"), None)
    if tl1 and td1 and tr1 and tdp:
        w("## Territories\n")
        w("The same data with two territories added (`dataset-territories.geojson`): north and south")
        w(f"of the border, sharing its {vertices:,} vertices (each {vertices + 34:,} vertices). Sides come")
        w("from the territories, on their geodesic edges (`demarcate::polygon::PreparedPolygon`).\n")
        w("| job | without territories | with territories | ratio (with / without) | target |")
        w("|---|---:|---:|---:|---|")
        for name, a0, a1, target in [
            ("load and validate, 1 thread", tl0, tl1, 5.0),
            (f"distance, {td0['points']:,} points, 2 threads", td0, td1, 1.5),
            ("report (load, validate, every analysis), 2 threads", tr0, tr1, 3.0),
        ]:
            x = a1["median_s"] / a0["median_s"]
            w(f"| {name} | {fmt_s(a0['median_s'])} | {fmt_s(a1['median_s'])} | {x:.2f}× | ≤ {target:g}×: {met(x <= target)} |")
        w("")
        w("| job | demarcate | shapely | ratio | target |")
        w("|---|---:|---:|---:|---|")
        x2 = ratio(tdp, td1)
        w(f"| distance + side, {td1['points']:,} points, with territories: demarcate 2 threads / shapely (`query_nearest` + `prepare` + `contains_xy` per territory) | {fmt_s(td1['median_s'])} | {fmt_s(tdp['median_s'])} | {fmt_ratio(x2)} | ≥ 3×: {met(x2 >= 3)} |")
        if td1_1:
            w(f"| the same, demarcate on 1 thread | {fmt_s(td1_1['median_s'])} | {fmt_s(tdp['median_s'])} | {fmt_ratio(ratio(tdp, td1_1))} | – |")
        w("")
        w(f"Sides, same points: demarcate {td1.get('sides')}, shapely {tdp.get('sides')} (these uniform points")
        w("lie far from the territories' edges compared with the chord–geodesic bands, so both agree).\n")
        if big:
            total = big["load_median_s"] + big["median_s"]
            w(f"Two territories of {big['territory_vertices'] // 2:,} vertices each (a 1,000,000-vertex border): load and")
            w(f"validate {fmt_s(big['load_median_s'])}, border and territory indexes {fmt_s(big['median_s'])}")
            w(f"(target: a 1M-vertex territory validates and indexes in ≤ 10 s: {met(total <= 10)}, both territories).\n")
    w("A loaded machine (load average above the core count) slows both sides and squeezes the")
    w("2-thread figures most; rerun on a quiet machine for numbers to quote.\n")

    w("## What is compared\n")
    w("- **shapely is planar and single-threaded.** It measures in degrees of longitude/latitude: its")
    w("  \"distances\" are planar distances in degrees to the straight lon/lat chords of the border")
    w("  (not metres, and not the nearest point on the ellipsoid), its areas are in square degrees.")
    w("  demarcate is exact on the WGS84 ellipsoid: every distance is a geodesic distance to a")
    w("  geodesic edge (within 1 mm), every area a geodesic (GeographicLib) area of a polygon clipped")
    w("  with geodesic edges (in a local plane where they are straight to 1 µm). The two do different")
    w("  amounts of work for the same question; the comparison is of what a user gets per second.")
    w("- **load**: demarcate parses, validates and types every feature (`from_geojson_str`); the")
    w("  peer is GEOS's GeoJSON reader building every geometry (`shapely.from_geojson`). The")
    w("  reference row is the bare JSON parse on each side (`serde_json::Value`, `json.loads`).")
    w("- **distance**: demarcate `distances_to_border` (nearest segment, nearest point, side) with its")
    w("  index built before timing, on a rayon pool of 1 or 2 threads; shapely")
    w("  `STRtree.query_nearest(points, return_distance=True)` over the border's edges (one 2-point")
    w("  LineString per edge), tree built before timing.")
    w("- **overlaps**: demarcate `overlaps()` (3D index join, intersection in a local plane,")
    w("  geodesic area of each overlap, the zone index included); shapely `STRtree(zones)` +")
    w("  `query(zones, predicate=\"intersects\")` + `intersection` + `area` of each pair i < j.\n")

    w("## Criterion benches\n")
    w("`cargo bench` runs them all (430 s on this 2-core machine at a load average of 4 to 5);")
    w("`cargo bench -- --test` runs each once (CI; 43 s there, plus the build); `cargo bench --bench")
    w("NAME -- GROUP` runs one group. Data from `benches/support` (seed 7), the same generator as the")
    w("peer files.\n")
    w("| bench | group | what | sizes |")
    w("|---|---|---|---|")
    w("| `load` | `load_geojson` | `from_geojson_str` beside `serde_json::Value` of the same text | 10k v + 1k zones, 100k v + 10k zones, 1M v + 10k zones |")
    w("| `distance` | `border_index_build` | the packed tree over the border's edges | 10k, 100k, 1M vertices |")
    w("| `distance` | `distance_exact` | `distances_to_border`, all cores | 10k v × 100k p, 100k v × 100k p, 1M v × 100k p, 100k v × 1M p |")
    w("| `distance` | `distance_exact_threads` | the same on a pool of 1 and of 2 threads | 100k v × 200k p |")
    w("| `distance` | `segments_within` | 1,000 points, radius 1, 10, 50 km | 100k v |")
    w("| `distance` | `features_within` | zones within 1 km, outposts within 500 m | 1k, 10k zones; 500, 5k outposts |")
    w("| `analysis` | `overlaps` | `overlaps()` with areas | 1k, 10k, 30k zones |")
    w("| `analysis` | `incursions` | `incursions()`: area, claimant's side, depth, border length | 100, 1k zones |")
    w("| `analysis` | `coverage` | `coverage(Some(8 km))`, 500 outposts along the border | 10k, 100k, 1M v |")
    w("| `analysis` | `plan` | `plan(&PlanOptions::new(8 km))` | 5k, 10k, 20k v |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
