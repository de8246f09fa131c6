//! The interactive page: the SVG map of [`super::render_svg`] inside one
//! self-contained HTML file, with the analysis figures of every feature as
//! inline JSON and a small inline script for pan, zoom, layer switches,
//! popups and search. Nothing is fetched when the page opens.

use std::fmt::Write as _;

use geo_types::Coord;
use serde_json::{Value, json};

use super::svg::render_svg_for_page;
use super::{RenderOptions, map_frame};
use crate::analysis::{Report, ReportOptions};
use crate::delimitation::{Control, MedianLine, MedianOptions, ShoreElement};
use crate::error::Result;
use crate::geodesy::{geodesic_area_m2, geodesic_length_m};
use crate::model::{BorderMap, Feature, FeatureId, Kind, Party, lines_of, polygons_of};

const SCRIPT: &str = include_str!("page.js");
const STYLE: &str = include_str!("page.css");

/// Decimal places of the page's path coordinates: 0.01 px, so a 100× zoom
/// still places vertices to a pixel.
const PAGE_DECIMALS: usize = 2;

/// A place to show on the interactive map with its answer (distance to the
/// border, nearest segment, side).
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    /// What the point is called (a CSV `id` column or a GeoJSON feature id).
    pub id: String,
    /// Longitude, latitude, degrees (WGS84).
    pub coord: Coord<f64>,
}

impl MapPoint {
    /// A point called `id` at `coord` (lon/lat degrees).
    pub fn new(id: impl Into<String>, coord: Coord<f64>) -> Self {
        MapPoint {
            id: id.into(),
            coord,
        }
    }
}

/// The layers the page can switch, as (CSS selector, label); only those the
/// SVG has are offered.
const TOGGLES: [(&str, &str, &str); 14] = [
    ("territories", "g.territories", "Territories"),
    ("claims", "g.claims", "Claims"),
    ("ranges", "g.ranges", "Outpost ranges"),
    ("zones", "g.zones", "Incursion zones"),
    ("overlaps", "g.overlaps", "Overlaps"),
    ("coverage-gaps", "g.coverage-gaps", "Coverage gaps"),
    ("segments", "g.segments", "Border segments"),
    (
        "delimitation",
        "g.delimitation",
        "Shores, median lines, strips",
    ),
    ("outposts", "g.outposts", "Outposts"),
    ("points", "g.points", "Points"),
    ("labels", "g.labels", "Labels"),
    ("legend", "#legend", "Legend"),
    ("scale-bar", "#scale-bar", "Scale bar"),
    ("north-arrow", "#north-arrow", "North arrow"),
];

/// Renders the map as one self-contained interactive HTML page: the SVG of
/// [`super::render_svg`] (same projection, styling and legend) with pan and
/// zoom (wheel, drag, pinch), a switch per layer, a popup with the
/// properties and analysis figures of any feature clicked (segment status
/// and length, uncovered stretches; zone area, claimant's share, depth,
/// border inside; outpost distance to the border, side and range; gaps,
/// overlaps, areas between claims), a live scale bar, and a search box that
/// finds a feature by id or name and zooms to it. `points` are drawn as a
/// layer of their own, each with its distance to the border, nearest
/// segment and side.
///
/// Script, style and data are inline; the page fetches nothing, so it opens
/// offline.
///
/// # Units
///
/// The popups give lengths in km (three decimals, as the Markdown report)
/// and metres, areas in km² (three decimals) and m²; distances are geodesic
/// on WGS84.
///
/// # Errors
///
/// As [`super::render_svg`]. When the analysis cannot run (a dataset
/// without border segments), the map is still drawn and the page says which
/// figures are missing.
///
/// ```
/// use demarcate::BorderMap;
/// use demarcate::render::{MapPoint, RenderOptions, render_html};
/// use geo_types::coord;
///
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let points = [MapPoint::new("village", coord! { x: 10.5, y: 0.2 })];
/// let html = render_html(&map, &RenderOptions::new(), &points)?;
/// assert!(html.starts_with("<!DOCTYPE html>"));
/// assert!(html.contains(r#"data-id="zone-1""#) && html.contains(r#"data-point="0""#));
/// // Nothing to fetch: no external script, style, image or link.
/// assert!(!html.contains(" src=") && !html.contains("href=\"http"));
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn render_html(
    map: &BorderMap,
    options: &RenderOptions,
    points: &[MapPoint],
) -> Result<String> {
    let frame = map_frame(map, options)?;
    let mut notes: Vec<String> = Vec::new();
    let report = if map.segments().len() > 0 {
        match map.report(&ReportOptions::new().default_range_m(options.default_range_m)) {
            Ok(r) => Some(r),
            Err(e) => {
                notes.push(format!("analysis figures not computed: {e}"));
                None
            }
        }
    } else {
        notes.push("no border segments: no analysis figures".to_owned());
        None
    };
    if let Some(r) = &report {
        notes.extend(r.notes.iter().cloned());
    }

    // The query points and their answers.
    let coords: Vec<Coord<f64>> = points.iter().map(|p| p.coord).collect();
    let answers = if points.is_empty() || map.segments().len() == 0 {
        None
    } else {
        match map.distances_to_border(&coords) {
            Ok(a) => Some(a),
            Err(e) => {
                notes.push(format!("point answers not computed: {e}"));
                None
            }
        }
    };
    let mut point_data = Vec::with_capacity(points.len());
    let mut extra = String::new();
    if !points.is_empty() {
        extra.push_str("<g class=\"points\">\n");
        let r = 3.5 * (f64::from(options.width.min(options.height)) / 1000.0).clamp(0.6, 2.5);
        for (i, p) in points.iter().enumerate() {
            let answer = answers.as_ref().and_then(|a| a.get(i));
            let (x, y) = frame.to_pixel(p.coord);
            let valid = x.is_finite() && y.is_finite();
            let mut rows = vec![row(
                "lon, lat",
                format!("{:.6}, {:.6}", p.coord.x, p.coord.y),
            )];
            if let Some(a) = answer {
                rows.push(row("distance to border", length(a.distance_m)));
                rows.push(row("nearest segment", a.segment.id().to_string()));
                rows.push(row(
                    "side",
                    a.side
                        .map_or("none (on the border or outside every territory)", |s| {
                            s.as_str()
                        }),
                ));
                rows.push(row(
                    "nearest point on the border",
                    format!("{:.6}, {:.6}", a.nearest.x, a.nearest.y),
                ));
            }
            point_data.push(json!({
                "id": p.id,
                "title": format!("point {}", p.id),
                "kind": "point",
                "rows": rows,
                "distance_m": answer.map(|a| a.distance_m),
                "segment": answer.map(|a| Value::from(a.segment.id().clone())),
                "side": answer.and_then(|a| a.side.map(|s| s.as_str())),
            }));
            if valid {
                let side = answer
                    .and_then(|a| a.side)
                    .map(|s| format!(r#" data-side="{}""#, attr(s.as_str())))
                    .unwrap_or_default();
                let _ = writeln!(
                    extra,
                    r##"<circle data-point="{i}" data-point-id="{}"{side} cx="{x:.2}" cy="{y:.2}" r="{r:.2}" fill="#fde047" stroke="#1f2933" stroke-width="1.5"/>"##,
                    attr(&p.id)
                );
            }
        }
        extra.push_str("</g>\n");
    }

    let svg = render_svg_for_page(map, options, report.as_ref(), &extra, PAGE_DECIMALS)?;
    // The page sizes the map to the window.
    let svg = svg.replacen(
        &format!(
            r#" width="{}" height="{}" viewBox="#,
            options.width, options.height
        ),
        r#" id="map" viewBox="#,
        1,
    );

    let mut entries = entries(map, report.as_ref());
    delimitation_entries(&mut entries, map, options, &mut notes);
    let s = (f64::from(options.width.min(options.height)) / 1000.0).clamp(0.6, 2.5);
    let title = options
        .title
        .clone()
        .filter(|_| !options.default_title)
        .or_else(|| {
            map.collection_members()
                .get("name")
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_else(|| "demarcate map".to_owned());
    let data = json!({
        "frame": {
            "width": frame.width,
            "height": frame.height,
            "px_per_m": frame.px_per_m,
            "centre": [frame.projection.centre().x, frame.projection.centre().y],
            "scale_target_px": (frame.width / 5.0).max(110.0 * s).min(frame.width * 0.6),
        },
        "entries": entries,
        "points": point_data,
        "notes": notes,
    });

    let mut html = String::with_capacity(svg.len() + 64 * 1024);
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n",
    );
    let _ = writeln!(html, "<title>{}</title>", text(&title));
    let _ = writeln!(html, "<style>\n{STYLE}</style>\n</head>\n<body>");
    html.push_str("<div id=\"stage\">\n");
    html.push_str(&svg);
    html.push_str("</div>\n<div id=\"controls\">\n");
    html.push_str(
        "<input id=\"search\" type=\"search\" list=\"search-list\" placeholder=\"Find a feature by id or name\" aria-label=\"Find a feature by id or name\">\n<datalist id=\"search-list\">\n",
    );
    for f in map.features() {
        let Some(id) = &f.id else { continue };
        let id = id.to_string();
        match f.name() {
            Some(n) => {
                let _ = writeln!(
                    html,
                    r#"<option value="{}">{}</option>"#,
                    attr(&id),
                    text(n)
                );
            }
            None => {
                let _ = writeln!(html, r#"<option value="{}"></option>"#, attr(&id));
            }
        }
    }
    html.push_str("</datalist>\n<div id=\"search-result\" role=\"status\"></div>\n<fieldset id=\"layers\"><legend>Layers</legend>\n");
    for (key, selector, label) in TOGGLES {
        let present = match key {
            "legend" | "scale-bar" | "north-arrow" => svg.contains(&format!(r#"id="{key}""#)),
            _ => svg.contains(&format!(r#"class="{key}""#)),
        };
        if present {
            let _ = writeln!(
                html,
                r#"<label><input type="checkbox" id="toggle-{key}" data-layer="{selector}" checked> {label}</label>"#
            );
        }
    }
    html.push_str("</fieldset>\n<button id=\"reset\" type=\"button\">Whole map</button>\n");
    // Features the map does not draw (unknown kinds, no geometry) are listed,
    // so that every id is on the page and its properties can be read.
    let undrawn: Vec<&crate::model::Feature> = map
        .features()
        .iter()
        .filter(|f| {
            f.id.as_ref().is_some_and(|id| {
                !svg.contains(&format!(
                    r#" data-id="{}""#,
                    super::svg::esc(&id.to_string())
                ))
            })
        })
        .collect();
    if !undrawn.is_empty() {
        let _ = write!(
            html,
            "<details id=\"undrawn\"><summary>{} feature(s) not drawn</summary><ul>",
            undrawn.len()
        );
        for f in &undrawn {
            let id = f.id.as_ref().map(id_string).unwrap_or_default();
            let _ = write!(
                html,
                r#"<li id="{0}" data-id="{0}" data-kind="{1}">{2} ({3})</li>"#,
                attr(&id),
                attr(f.kind_str().unwrap_or("")),
                text(&id),
                text(f.kind_str().unwrap_or("no kind"))
            );
        }
        html.push_str("</ul></details>\n");
    }
    if !notes.is_empty() {
        html.push_str("<ul id=\"notes\">");
        for n in &notes {
            let _ = write!(html, "<li>{}</li>", text(n));
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</div>\n<div id=\"popup\" hidden><button id=\"popup-close\" type=\"button\" aria-label=\"Close\">×</button><h2 id=\"popup-title\"></h2><table id=\"popup-rows\"></table></div>\n<div id=\"status\"></div>\n");
    // `<` never appears raw inside the script element.
    let json = serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".to_owned())
        .replace('<', "\\u003c");
    let _ = writeln!(
        html,
        "<script type=\"application/json\" id=\"map-data\">{json}</script>"
    );
    let _ = writeln!(html, "<script>\n{SCRIPT}</script>\n</body>\n</html>");
    Ok(html)
}

fn row(k: &str, v: impl Into<String>) -> [String; 2] {
    [k.to_owned(), v.into()]
}

/// A length as the Markdown report gives it (km, 3 decimals) and in metres.
fn length(m: f64) -> String {
    format!("{:.3} km ({m:.1} m)", m / 1e3)
}

/// An area as the Markdown report gives it (km², 3 decimals) and in m².
fn area(m2: f64) -> String {
    format!("{:.3} km² ({m2:.0} m²)", m2 / 1e6)
}

fn text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;")
}

fn id_string(id: &FeatureId) -> String {
    id.to_string()
}

/// The popup of every element that has one, by element id: the features
/// themselves (their id) and the elements derived from them (`gap-…`,
/// `between-…`, `overlap-…`, `range-…`, `claimant-side-…`).
fn entries(map: &BorderMap, report: Option<&Report<'_>>) -> serde_json::Map<String, Value> {
    let mut out = serde_json::Map::new();
    let titled = |id: &str, name: Option<&str>| match name {
        Some(n) => format!("{id} · {n}"),
        None => id.to_owned(),
    };

    for s in map.segments() {
        let id = id_string(s.id());
        let mut rows = vec![
            row("kind", "border segment"),
            row("status", s.status().to_string()),
            row("left", s.left().as_str()),
            row("right", s.right().as_str()),
        ];
        if let Some(r) = report {
            if let Some(l) = r.segments.iter().find(|l| l.segment.id() == s.id()) {
                rows.push(row("length", length(l.length_m)));
            }
            if let Some(c) = &r.coverage {
                let gaps: Vec<_> = c.gaps.iter().filter(|g| g.segment.id() == s.id()).collect();
                let total: f64 = gaps.iter().map(|g| g.length_m).sum();
                rows.push(row(
                    "uncovered by outposts",
                    format!("{} in {} gap(s)", length(total), gaps.len()),
                ));
            }
        }
        push_properties(&mut rows, s.feature());
        put(
            &mut out,
            id.clone(),
            titled(&id, s.name()),
            "border_segment",
            rows,
        );
    }

    for (i, c) in map.claim_lines().enumerate() {
        let key = c.id().map_or_else(|| format!("claim-line-{i}"), id_string);
        let mut rows = vec![
            row("kind", "claim line"),
            row("claimant", c.claimant().as_str()),
        ];
        if let Some(seg) = c.segment() {
            rows.push(row("contests segment", seg.to_string()));
        }
        push_properties(&mut rows, c.feature());
        put(
            &mut out,
            key.clone(),
            titled(&key, c.name()),
            "claim_line",
            rows,
        );
    }

    for t in map.territories() {
        let Some(id) = t.id() else { continue };
        let id = id_string(id);
        let a: f64 = t.polygons().iter().map(geodesic_area_m2).sum();
        let mut rows = vec![
            row("kind", "territory"),
            row("party", t.party().as_str()),
            row("area", area(a)),
        ];
        push_properties(&mut rows, t.feature());
        put(
            &mut out,
            id.clone(),
            titled(&id, t.name()),
            "territory",
            rows,
        );
    }

    for o in map.outposts() {
        let id = id_string(o.id());
        let mut rows = vec![
            row("kind", "outpost"),
            row("operator", o.operator().as_str()),
            row("status", o.status().to_string()),
            row(
                "range",
                o.range_m()
                    .map_or_else(|| "not given".to_owned(), |r| format!("{r} m")),
            ),
        ];
        if let Some(p) = report.and_then(|r| r.outposts.iter().find(|p| p.outpost.id() == o.id())) {
            rows.push(row("distance to border", length(p.distance_to_border_m)));
            rows.push(row("side", p.side.map_or("none", |s| s.as_str())));
        }
        push_properties(&mut rows, o.feature());
        put(
            &mut out,
            id.clone(),
            titled(&id, o.name()),
            "outpost",
            rows.clone(),
        );
        put(
            &mut out,
            format!("range-{id}"),
            format!("observation range of {id}"),
            "range",
            rows,
        );
    }

    for z in map.incursion_zones() {
        let id = id_string(z.id());
        let mut rows = vec![
            row("kind", "incursion zone"),
            row("claimant", z.claimant().as_str()),
            row("accused", z.accused().as_str()),
        ];
        if let Some(d) = z.reported() {
            rows.push(row("reported", d));
        }
        let r = report.and_then(|r| r.incursions.iter().find(|r| r.zone.id() == z.id()));
        match r {
            Some(r) => {
                rows.push(row("area", area(r.area_m2)));
                let share = if r.area_m2 > 0.0 {
                    format!(" = {:.1} %", 100.0 * r.incursion_area_m2 / r.area_m2)
                } else {
                    String::new()
                };
                rows.push(row(
                    &format!("on the claimant's ({}) side", z.claimant()),
                    format!("{}{share}", area(r.incursion_area_m2)),
                ));
                rows.push(row("max depth", length(r.max_depth_m)));
                if let Some(p) = r.deepest_point {
                    rows.push(row("deepest point", format!("{:.6}, {:.6}", p.x, p.y)));
                }
                rows.push(row("border inside", length(r.border_length_m)));
            }
            None => {
                let a: f64 = z.polygons().iter().map(geodesic_area_m2).sum();
                rows.push(row("area", area(a)));
            }
        }
        if let Some(rep) = report {
            for o in rep
                .overlaps
                .iter()
                .filter(|o| o.a.id() == z.id() || o.b.id() == z.id())
            {
                let other = if o.a.id() == z.id() {
                    o.b.id()
                } else {
                    o.a.id()
                };
                rows.push(row(&format!("overlap with {other}"), area(o.area_m2)));
            }
        }
        push_properties(&mut rows, z.feature());
        put(
            &mut out,
            id.clone(),
            titled(&id, z.name()),
            "incursion_zone",
            rows.clone(),
        );
        put(
            &mut out,
            format!("claimant-side-{id}"),
            format!("{id}: part on the claimant's side"),
            "claimant_side",
            rows,
        );
    }

    // Anything else with an id (unknown kinds): its properties.
    for f in map.features() {
        let Some(id) = &f.id else { continue };
        let key = id_string(id);
        if out.contains_key(&key) {
            continue;
        }
        let mut rows = vec![row("kind", f.kind_str().unwrap_or("none"))];
        if f.geometry.is_none() {
            rows.push(row("geometry", "none"));
        }
        push_properties(&mut rows, f);
        out.insert(
            key.clone(),
            json!({"title": key, "kind": f.kind_str(), "rows": rows}),
        );
    }

    let Some(r) = report else { return out };
    for o in &r.overlaps {
        let (a, b) = (id_string(o.a.id()), id_string(o.b.id()));
        put(
            &mut out,
            format!("overlap-{a}-{b}"),
            format!("{a} ∩ {b}"),
            "overlap",
            vec![
                row("kind", "overlap of two zones"),
                row("area", area(o.area_m2)),
            ],
        );
    }
    if let Some(c) = &r.coverage {
        let mut seen: Vec<String> = Vec::new();
        for g in &c.gaps {
            let seg = id_string(g.segment.id());
            let k = seen.iter().filter(|s| **s == seg).count();
            seen.push(seg.clone());
            put(
                &mut out,
                format!("gap-{seg}-{k}"),
                format!("coverage gap on {seg}"),
                "coverage_gap",
                vec![
                    row("kind", "stretch no outpost covers"),
                    row("segment", seg.clone()),
                    row("from", length(g.from_m)),
                    row("to", length(g.to_m)),
                    row("length", length(g.length_m)),
                ],
            );
        }
    }
    let mut seen: Vec<String> = Vec::new();
    for c in &r.claims {
        let seg = id_string(c.segment.id());
        let k = seen.iter().filter(|s| **s == seg).count();
        seen.push(seg.clone());
        put(
            &mut out,
            format!("between-{seg}-{k}"),
            format!("between the claims on {seg}"),
            "claims_between",
            vec![
                row("kind", "area between two claim lines"),
                row(
                    "claims",
                    format!("{} and {}", c.a.claimant(), c.b.claimant()),
                ),
                row("area", area(c.area_m2)),
                row("greatest divergence (Hausdorff)", length(c.hausdorff_m())),
            ],
        );
    }
    out
}

/// The popups of shores, strips, median lines and turning points: those
/// stored in the dataset and the median lines the map computes between
/// every two parties with shores (the same lines, by the same ids, as
/// `svg::Renderer::medians` draws).
fn delimitation_entries(
    out: &mut serde_json::Map<String, Value>,
    map: &BorderMap,
    options: &RenderOptions,
    notes: &mut Vec<String>,
) {
    let titled = |id: &str, name: Option<&str>| match name {
        Some(n) => format!("{id} · {n}"),
        None => id.to_owned(),
    };
    for s in map.shores() {
        let Some(id) = s.id() else { continue };
        let id = id_string(id);
        let len: f64 = s.lines().iter().map(geodesic_length_m).sum();
        let mut rows = vec![
            row("kind", "shore"),
            row("party", s.party().as_str()),
            row("length", length(len)),
        ];
        push_properties(&mut rows, s.feature());
        put(out, id.clone(), titled(&id, s.name()), "shore", rows);
    }
    for f in map.outputs(Kind::BufferZone) {
        let Some(id) = &f.id else { continue };
        let id = id_string(id);
        let a = f
            .property("area_m2")
            .and_then(Value::as_f64)
            .unwrap_or_else(|| {
                polygons_of(f.geometry.as_ref())
                    .iter()
                    .map(geodesic_area_m2)
                    .sum()
            });
        let mut rows = vec![row("kind", "buffer zone (strip)")];
        if let Some(d) = f.property("distance_m").and_then(Value::as_f64) {
            rows.push(row("distance from the border", length(d)));
        }
        rows.push(row(
            "side",
            f.property("side")
                .and_then(Value::as_str)
                .unwrap_or("both sides"),
        ));
        rows.push(row(
            "segments",
            f.property("segments")
                .and_then(Value::as_array)
                .map_or_else(|| "all".to_owned(), |a| list(a)),
        ));
        rows.push(row("area", area(a)));
        push_output_properties(&mut rows, f, &["distance_m", "side", "segments", "area_m2"]);
        put(out, id.clone(), titled(&id, f.name()), "buffer_zone", rows);
    }
    for f in map.outputs(Kind::MedianLine) {
        let Some(id) = &f.id else { continue };
        let id = id_string(id);
        let len = f
            .property("length_m")
            .and_then(Value::as_f64)
            .unwrap_or_else(|| {
                lines_of(f.geometry.as_ref())
                    .iter()
                    .map(geodesic_length_m)
                    .sum()
            });
        let mut rows = vec![row("kind", "median line")];
        if let Some(p) = f.property("parties").and_then(Value::as_array) {
            rows.push(row("parties", list(p)));
        }
        rows.push(row("length", length(len)));
        if let Some(t) = f.property("tolerance_m").and_then(Value::as_f64) {
            rows.push(row("tolerance", format!("{t} m")));
        }
        if let Some(r) = f.property("max_residual_m").and_then(Value::as_f64) {
            rows.push(row("largest residual at a vertex", format!("{r:.1e} m")));
        }
        if let Some(n) = f.property("turning_points").and_then(Value::as_u64) {
            rows.push(row("turning points", n.to_string()));
        }
        push_output_properties(
            &mut rows,
            f,
            &[
                "parties",
                "length_m",
                "tolerance_m",
                "max_residual_m",
                "turning_points",
                "left",
                "right",
            ],
        );
        put(out, id.clone(), titled(&id, f.name()), "median_line", rows);
    }
    for f in map.outputs(Kind::TurningPoint) {
        let Some(id) = &f.id else { continue };
        let id = id_string(id);
        let mut rows = vec![row("kind", "turning point")];
        if let Some(p) = f.property("parties").and_then(Value::as_array) {
            rows.push(row("parties", list(p)));
        }
        if let Some(d) = f.property("distance_m").and_then(Value::as_f64) {
            rows.push(row("distance to the shores", length(d)));
        }
        if let Some(r) = f.property("residual_m").and_then(Value::as_f64) {
            rows.push(row("residual", format!("{r:.1e} m")));
        }
        if let Some(c) = f.property("condition_number").and_then(Value::as_f64) {
            let ill = f.property("ill_conditioned").and_then(Value::as_bool) == Some(true);
            rows.push(row(
                "condition number",
                format!("{c:.2}{}", if ill { " (ill-conditioned)" } else { "" }),
            ));
        }
        if let Some(cs) = f.property("controls").and_then(Value::as_array) {
            for (k, c) in cs.iter().enumerate() {
                rows.push(row(&format!("control {}", k + 1), stored_control(c)));
            }
        }
        push_output_properties(
            &mut rows,
            f,
            &[
                "parties",
                "distance_m",
                "residual_m",
                "condition_number",
                "ill_conditioned",
                "controls",
                "vertex",
            ],
        );
        put(
            out,
            id.clone(),
            titled(&id, f.name()),
            "turning_point",
            rows,
        );
    }
    for m in computed_medians(map, options, notes) {
        let (a, b) = (m.parties.0.as_str(), m.parties.1.as_str());
        let base = format!("median-{a}-{b}");
        if out.contains_key(&base) {
            continue;
        }
        let (end0, end1) = (ends(&m, 0), ends(&m, 1));
        put(
            out,
            base.clone(),
            format!("{base} · median line {a}|{b} (computed for the map)"),
            "median_line",
            vec![
                row("kind", "median line (computed for the map)"),
                row("parties", format!("{a} (left), {b} (right)")),
                row("length", length(m.length_m)),
                row("tolerance", format!("{} m", m.tolerance_m)),
                row(
                    "largest residual at a vertex",
                    format!("{:.1e} m", m.max_residual_m),
                ),
                row("vertices", m.line.0.len().to_string()),
                row("turning points", m.turning_points.len().to_string()),
                row("ends", format!("{end0}; {end1}")),
            ],
        );
        for (k, t) in m.turning_points.iter().enumerate() {
            let mut rows = vec![
                row("kind", "turning point (computed for the map)"),
                row("parties", format!("{a}, {b}")),
                row("lon, lat", format!("{:.7}, {:.7}", t.point.x, t.point.y)),
                row("distance to the shores", length(t.distance_m)),
                row("residual", format!("{:.1e} m", t.residual_m)),
                row(
                    "condition number",
                    format!(
                        "{:.2}{}",
                        t.condition_number,
                        if t.ill_conditioned {
                            " (ill-conditioned)"
                        } else {
                            ""
                        }
                    ),
                ),
                row("vertex of the line", t.vertex.to_string()),
            ];
            for (i, c) in t.controls.iter().enumerate() {
                rows.push(row(&format!("control {}", i + 1), control(c)));
            }
            put(
                out,
                format!("{base}-tp-{}", k + 1),
                format!("turning point {} of the median line {a}|{b}", k + 1),
                "turning_point",
                rows,
            );
        }
    }
}

/// The median lines the map draws: every two parties with shores, at the
/// map's 0.1 m tolerance, when segments are drawn.
fn computed_medians(
    map: &BorderMap,
    options: &RenderOptions,
    notes: &mut Vec<String>,
) -> Vec<MedianLine> {
    if !options.has(super::Layer::Segments) || map.shores().len() == 0 {
        return Vec::new();
    }
    let mut parties: Vec<Party> = map.shores().map(|s| s.party().clone()).collect();
    parties.sort();
    parties.dedup();
    let mut out = Vec::new();
    for (i, a) in parties.iter().enumerate() {
        for b in &parties[i + 1..] {
            match map.median_line(a, b, &MedianOptions::new().tolerance_m(0.1)) {
                Ok(m) => out.push(m),
                Err(e) => notes.push(format!("median line {a}|{b}: no popup: {e}")),
            }
        }
    }
    out
}

fn ends(m: &MedianLine, i: usize) -> String {
    use crate::delimitation::MedianEnd;
    match m.ends[i] {
        MedianEnd::Meeting(p) => format!("shores meet at {:.6}, {:.6}", p.x, p.y),
        MedianEnd::Extent(p) => format!("edge of the shores' extent at {:.6}, {:.6}", p.x, p.y),
    }
}

fn control(c: &Control) -> String {
    let id =
        c.id.as_ref()
            .map_or_else(|| format!("feature {}", c.feature), id_string);
    let el = match c.element {
        ShoreElement::Vertex(i) => format!("vertex {i}"),
        ShoreElement::Edge(i) => format!("edge {i}"),
        ShoreElement::Basepoint => "basepoint".to_owned(),
    };
    let part = if c.part > 0 {
        format!(" part {}", c.part)
    } else {
        String::new()
    };
    format!("{} {id}{part} {el}", c.party)
}

/// A control as `MedianLine::to_feature_collection` writes it.
fn stored_control(c: &Value) -> String {
    let party = c.get("party").and_then(Value::as_str).unwrap_or("?");
    let id = c.get("id").map_or_else(
        || format!("feature {}", c.get("feature").unwrap_or(&Value::Null)),
        |v| v.as_str().map_or_else(|| v.to_string(), str::to_owned),
    );
    let el = if let Some(v) = c.get("vertex") {
        format!("vertex {v}")
    } else if let Some(e) = c.get("edge") {
        format!("edge {e}")
    } else {
        "basepoint".to_owned()
    };
    format!("{party} {id} {el}")
}

fn list(a: &[Value]) -> String {
    a.iter()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The output feature's properties the popup does not already show.
fn push_output_properties(rows: &mut Vec<[String; 2]>, f: &Feature, shown: &[&str]) {
    let Some(props) = &f.properties else { return };
    for (k, v) in props {
        if k == "kind" || k == "name" || shown.contains(&k.as_str()) {
            continue;
        }
        let v = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        rows.push([format!("property {k}"), v]);
    }
}

fn put(
    out: &mut serde_json::Map<String, Value>,
    key: String,
    title: String,
    kind: &str,
    rows: Vec<[String; 2]>,
) {
    out.insert(key, json!({"title": title, "kind": kind, "rows": rows}));
}

/// The feature's own properties, as given, except those the popup already
/// shows (its title has the name).
fn push_properties(rows: &mut Vec<[String; 2]>, f: &crate::model::Feature) {
    const SHOWN: [&str; 10] = [
        "kind", "name", "claimant", "accused", "reported", "status", "left", "right", "operator",
        "party",
    ];
    let Some(props) = &f.properties else { return };
    for (k, v) in props {
        if SHOWN.contains(&k.as_str()) && f.kind().is_some() {
            continue;
        }
        let v = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        rows.push([format!("property {k}"), v]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        assert_eq!(attr(r#"a<"b">&"#), "a&lt;&quot;b&quot;&gt;&amp;");
        assert_eq!(text("</script>"), "&lt;/script&gt;");
    }

    #[test]
    fn lengths_and_areas_read_like_the_report() {
        assert_eq!(length(1234.56), "1.235 km (1234.6 m)");
        assert_eq!(area(21_075_802.351), "21.076 km² (21075802 m²)");
    }
}
