//! The SVG writer.

use std::fmt::Write as _;

use geo_types::{Coord, LineString, MultiPolygon, Polygon};
use geographiclib_rs::InverseGeodesic;

use super::style::{self, Palette};
use super::{Layer, MapFrame, RenderOptions, legend_width, map_frame};
use crate::analysis::{ClaimDivergence, Coverage, IncursionReport, Overlap, Report};
use crate::delimitation::{MedianLine, MedianOptions};
use crate::error::Result;
use crate::geodesy::{densify_line, destination, geodesic_area_m2, wgs84};
use crate::model::{
    BorderMap, FeatureId, Kind, OutpostStatus, Party, SegmentStatus, lines_of, polygons_of,
};

/// Renders the map as an SVG document.
///
/// # Errors
///
/// As [`super::map_frame`]: [`crate::Error::BadParameter`] for a zero or
/// oversized image or a bad extent, [`crate::Error::UnknownFeature`] for an
/// extent or inset id no feature has. An analysis that cannot run on the data (e.g.
/// coverage without ranges) leaves its layer out and says why in the SVG's
/// `<desc>`.
///
/// ```
/// use demarcate::BorderMap;
/// use demarcate::render::{RenderOptions, render_svg};
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let svg = render_svg(&map, &RenderOptions::new().size(640, 480))?;
/// assert!(svg.starts_with("<svg") && svg.contains(r#"data-id="zone-1""#));
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn render_svg(map: &BorderMap, options: &RenderOptions) -> Result<String> {
    let frame = map_frame(map, options)?;
    if let Some((id, margin_m)) = &options.inset {
        // The detail map's extent must be usable too.
        let probe = RenderOptions::new()
            .size(400, 400)
            .layers(&[])
            .extent_feature(id.clone(), *margin_m);
        map_frame(map, &probe)?;
    }
    let painter = Painter::new(map, options, frame);
    let analyses = painter.analyses();
    Ok(painter.paint(&analyses))
}

/// The SVG of [`render_svg`] for the interactive page: coordinates to
/// `decimals` places (so zooming in stays sharp), the analyses taken from
/// `report` when there is one (computed once for both the drawing and the
/// page's figures), and `extra` (SVG elements in pixel coordinates) drawn
/// over the outposts, under the labels.
pub(crate) fn render_svg_for_page(
    map: &BorderMap,
    options: &RenderOptions,
    report: Option<&Report<'_>>,
    extra: &str,
    decimals: usize,
) -> Result<String> {
    let frame = map_frame(map, options)?;
    if let Some((id, margin_m)) = &options.inset {
        let probe = RenderOptions::new()
            .size(400, 400)
            .layers(&[])
            .extent_feature(id.clone(), *margin_m);
        map_frame(map, &probe)?;
    }
    let mut painter = Painter::new(map, options, frame);
    painter.decimals = decimals;
    painter.extra = extra.to_owned();
    let analyses = match report {
        Some(r) => painter.analyses_from(r),
        None => painter.analyses(),
    };
    Ok(painter.paint(&analyses))
}

/// The analysis results a map needs, computed once.
struct Analyses<'a> {
    coverage: Option<Coverage<'a>>,
    incursions: Vec<IncursionReport<'a>>,
    overlaps: Vec<Overlap<'a>>,
    claims: Vec<ClaimDivergence<'a>>,
    /// Median lines between every two parties with shores.
    medians: Vec<MedianLine>,
    notes: Vec<String>,
}

struct Painter<'a> {
    map: &'a BorderMap,
    o: &'a RenderOptions,
    f: MapFrame,
    palette: Palette,
    out: String,
    /// Text scale: 1.0 at 1000 px for the smaller image side.
    s: f64,
    /// Densification step for projected lines, metres.
    step_m: f64,
    labels: Vec<[f64; 4]>,
    /// Decimal places of path coordinates (pixels).
    decimals: usize,
    /// Elements drawn over the outposts (the page's query points).
    extra: String,
}

pub(crate) fn esc(s: &str) -> String {
    let mut r = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => r.push_str("&amp;"),
            '<' => r.push_str("&lt;"),
            '>' => r.push_str("&gt;"),
            '"' => r.push_str("&quot;"),
            '\'' => r.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => r.push(' '),
            c => r.push(c),
        }
    }
    r
}

fn id_str(id: &FeatureId) -> String {
    esc(&id.to_string())
}

fn km2(m2: f64) -> String {
    let v = m2 / 1e6;
    if v >= 100.0 {
        format!("{v:.0} km²")
    } else if v >= 10.0 {
        format!("{v:.1} km²")
    } else {
        format!("{v:.2} km²")
    }
}

fn km(m: f64) -> String {
    let v = m / 1e3;
    if v >= 100.0 {
        format!("{v:.0} km")
    } else {
        format!("{v:.1} km")
    }
}

/// The parts of `lines` (concatenated in order, metres along them) between
/// `from_m` and `to_m`.
fn sub_lines(lines: &[LineString<f64>], from_m: f64, to_m: f64) -> Vec<Vec<Coord<f64>>> {
    let mut parts = Vec::new();
    let mut offset = 0.0;
    for line in lines {
        let mut cur: Vec<Coord<f64>> = Vec::new();
        for w in line.0.windows(2) {
            let (a, b) = (w[0], w[1]);
            let (len, azi, _azi2, _a12): (f64, f64, f64, f64) = wgs84().inverse(a.y, a.x, b.y, b.x);
            let (e0, e1) = (offset, offset + len);
            offset = e1;
            if e1 < from_m || e0 > to_m || !len.is_finite() {
                continue;
            }
            if cur.is_empty() {
                cur.push(if from_m > e0 {
                    destination(a, azi, from_m - e0)
                } else {
                    a
                });
            }
            cur.push(if to_m < e1 {
                destination(a, azi, to_m - e0)
            } else {
                b
            });
        }
        if cur.len() >= 2 {
            parts.push(cur);
        }
    }
    parts
}

/// Wraps text to lines of at most `max_chars` characters at spaces.
fn wrap(text: &str, max_chars: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// A round scale-bar length (1, 2 or 5 × 10ⁿ metres) not above `max_m`.
fn nice_length(max_m: f64) -> f64 {
    let p = 10f64.powf(max_m.log10().floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * p)
        .find(|&v| v <= max_m)
        .unwrap_or(p)
}

impl<'a> Painter<'a> {
    fn new(map: &'a BorderMap, o: &'a RenderOptions, f: MapFrame) -> Self {
        let mut parties: Vec<Party> = map.territories().map(|t| t.party().clone()).collect();
        for s in map.segments() {
            parties.push(s.left().clone());
            parties.push(s.right().clone());
        }
        parties.extend(map.claim_lines().map(|c| c.claimant().clone()));
        let s = (f64::from(o.width.min(o.height)) / 1000.0).clamp(0.6, 2.5);
        Painter {
            map,
            o,
            palette: Palette::new(parties),
            out: String::with_capacity(1 << 16),
            s,
            step_m: (8.0 / f.px_per_m).max(500.0),
            f,
            labels: Vec::new(),
            decimals: 1,
            extra: String::new(),
        }
    }

    /// The analyses of a report, for the layers drawn.
    fn analyses_from(&self, r: &Report<'a>) -> Analyses<'a> {
        let mut notes = Vec::new();
        let coverage = if self.o.has(Layer::CoverageGaps) {
            if r.coverage.is_none() {
                notes.extend(
                    r.notes
                        .iter()
                        .map(|n| format!("coverage gaps not drawn: {n}")),
                );
            }
            r.coverage.clone()
        } else {
            None
        };
        let pick = |layer: Layer| self.o.has(layer);
        Analyses {
            coverage,
            incursions: if pick(Layer::Zones) {
                r.incursions.clone()
            } else {
                Vec::new()
            },
            overlaps: if pick(Layer::Overlaps) {
                r.overlaps.clone()
            } else {
                Vec::new()
            },
            claims: if pick(Layer::Claims) {
                r.claims.clone()
            } else {
                Vec::new()
            },
            medians: self.medians(&mut notes),
            notes,
        }
    }

    /// The median lines between every two parties with shores (0.1 m
    /// tolerance: far below a pixel).
    fn medians(&self, notes: &mut Vec<String>) -> Vec<MedianLine> {
        let map = self.map;
        let mut medians = Vec::new();
        if self.o.has(Layer::Segments) && map.shores().len() > 0 {
            let mut parties: Vec<Party> = map.shores().map(|s| s.party().clone()).collect();
            parties.sort();
            parties.dedup();
            for (i, a) in parties.iter().enumerate() {
                for b in &parties[i + 1..] {
                    match map.median_line(a, b, &MedianOptions::new().tolerance_m(0.1)) {
                        Ok(m) => medians.push(m),
                        Err(e) => notes.push(format!("median line {a}|{b} not drawn: {e}")),
                    }
                }
            }
        }
        medians
    }

    fn fs(&self) -> f64 {
        14.0 * self.s
    }

    fn analyses(&self) -> Analyses<'a> {
        let map = self.map;
        let mut notes = Vec::new();
        let coverage = if self.o.has(Layer::CoverageGaps) && map.segments().len() > 0 {
            match map.coverage(self.o.default_range_m) {
                Ok(c) => Some(c),
                Err(e) => {
                    notes.push(format!("coverage gaps not drawn: {e}"));
                    None
                }
            }
        } else {
            None
        };
        let incursions = if self.o.has(Layer::Zones) && map.incursion_zones().len() > 0 {
            match map.incursions() {
                Ok(r) => r,
                Err(e) => {
                    notes.push(format!("claimant sides not drawn: {e}"));
                    Vec::new()
                }
            }
        } else {
            Vec::new()
        };
        let overlaps = if self.o.has(Layer::Overlaps) {
            map.overlaps().unwrap_or_else(|e| {
                notes.push(format!("overlaps not drawn: {e}"));
                Vec::new()
            })
        } else {
            Vec::new()
        };
        let claims = if self.o.has(Layer::Claims) {
            map.claim_divergences().unwrap_or_else(|e| {
                notes.push(format!("claims not drawn: {e}"));
                Vec::new()
            })
        } else {
            Vec::new()
        };
        let medians = self.medians(&mut notes);
        Analyses {
            coverage,
            incursions,
            overlaps,
            claims,
            medians,
            notes,
        }
    }

    // ---- geometry to path data ----

    /// Which sides of the map frame (widened by 40 px, more than any stroke
    /// reaches) a pixel lies beyond: bits left, right, top, bottom.
    fn outcode(&self, x: f64, y: f64) -> u8 {
        let f = self.f;
        let m = 40.0;
        u8::from(x < f.x0 - m)
            | (u8::from(x > f.x0 + f.width + m) << 1)
            | (u8::from(y < f.y0 - m) << 2)
            | (u8::from(y > f.y0 + f.height + m) << 3)
    }

    /// Appends the projected points as path data (`M…L…`, `Z` when `close`),
    /// at 0.1 px. A point is left out when it, the last point kept and the
    /// next point all lie beyond the same side of the frame: the path then
    /// changes only outside the frame (the removed loop lies in the
    /// complement of a quadrant holding the frame, which it cannot wind
    /// around), so fills and strokes inside the frame are unchanged.
    fn push_coords(&self, d: &mut String, coords: &[Coord<f64>], close: bool) {
        let px: Vec<(f64, f64)> = coords
            .iter()
            .map(|c| self.f.to_pixel(*c))
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .collect();
        let codes: Vec<u8> = px.iter().map(|&(x, y)| self.outcode(x, y)).collect();
        let scale = 10f64.powi(self.decimals as i32);
        let dp = self.decimals;
        let mut last: Option<(i64, i64)> = None;
        let mut last_code = 0u8;
        let mut n = 0;
        for (i, &(x, y)) in px.iter().enumerate() {
            let next = codes.get(i + 1).copied().unwrap_or(0);
            if n > 0 && i + 1 < px.len() && last_code & codes[i] & next != 0 {
                continue;
            }
            let q = ((x * scale).round() as i64, (y * scale).round() as i64);
            if last == Some(q) {
                continue;
            }
            last = Some(q);
            last_code = codes[i];
            let _ = write!(d, "{}{x:.dp$} {y:.dp$}", if n == 0 { 'M' } else { 'L' });
            n += 1;
        }
        if close && n > 0 {
            d.push('Z');
        }
    }

    fn line_d(&self, line: &LineString<f64>) -> String {
        let mut d = String::new();
        self.push_coords(&mut d, &densify_line(line, self.step_m).0, false);
        d
    }

    fn polygon_d(&self, d: &mut String, p: &Polygon<f64>) {
        for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
            self.push_coords(d, &densify_line(ring, self.step_m).0, true);
        }
    }

    fn polygons_d(&self, ps: &[Polygon<f64>]) -> String {
        let mut d = String::new();
        for p in ps {
            self.polygon_d(&mut d, p);
        }
        d
    }

    fn multi_d(&self, mp: &MultiPolygon<f64>) -> String {
        self.polygons_d(&mp.0)
    }

    fn title_el(&mut self, name: Option<&str>) {
        if let Some(n) = name {
            let _ = write!(self.out, "<title>{}</title>", esc(n));
        }
    }

    // ---- text ----

    #[allow(clippy::too_many_arguments)] // x, y, size, weight, colour, anchor, text: all needed
    fn text(&mut self, x: f64, y: f64, size: f64, bold: bool, fill: &str, anchor: &str, t: &str) {
        let _ = writeln!(
            self.out,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}"{} fill="{fill}" text-anchor="{anchor}">{}</text>"#,
            if bold { r#" font-weight="bold""# } else { "" },
            esc(t)
        );
    }

    /// Text with a white halo, for labels on the map.
    #[allow(clippy::too_many_arguments)] // position, size, weight, colour, text, attributes
    fn halo_text(
        &mut self,
        x: f64,
        y: f64,
        size: f64,
        bold: bool,
        fill: &str,
        t: &str,
        attrs: &str,
    ) {
        let _ = writeln!(
            self.out,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="{size:.1}"{} fill="{fill}" stroke="#ffffff" stroke-width="{:.1}" stroke-linejoin="round" paint-order="stroke"{attrs}>{}</text>"##,
            if bold { r#" font-weight="bold""# } else { "" },
            size * 0.22,
            esc(t)
        );
    }

    /// A free spot for a label of `w × h` px with its top-left near
    /// `(x, y)`: moved down until it overlaps no earlier label.
    fn place(&mut self, x: f64, y: f64, w: f64, h: f64) -> (f64, f64) {
        // Inside the map frame when it can be.
        let f = self.f;
        let x = x.min(f.x0 + f.width - w - 4.0).max(f.x0 + 4.0);
        let mut y = y.min(f.y0 + f.height - h - 4.0).max(f.y0 + 4.0);
        for _ in 0..40 {
            let clash = self
                .labels
                .iter()
                .any(|r| x < r[2] && x + w > r[0] && y < r[3] && y + h > r[1]);
            if !clash {
                break;
            }
            y += h * 0.5;
        }
        self.labels.push([x, y, x + w, y + h]);
        (x, y)
    }

    fn text_width(&self, t: &str, size: f64) -> f64 {
        t.chars().count() as f64 * size * 0.6
    }

    // ---- the document ----

    fn paint(mut self, a: &Analyses<'_>) -> String {
        let (w, h) = (self.o.width, self.o.height);
        let f = self.f;
        let centre = f.projection.centre();
        let err = f.max_scale_error();
        let _ = writeln!(
            self.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}">"#,
            style::FONT
        );
        let mut desc = format!(
            "Azimuthal equidistant projection of the WGS84 ellipsoid centred on lon {:.5}, lat {:.5}; {:.2} m per pixel at the centre; largest scale error over the map {:.4} %.",
            centre.x,
            centre.y,
            f.metres_per_pixel(),
            err * 100.0
        );
        let inset_note = (self.o.inset.is_some() && !self.o.has(Layer::Legend))
            .then(|| "The detail map is drawn in the legend panel, which is off.".to_owned());
        for n in a.notes.iter().chain(&inset_note) {
            desc.push(' ');
            desc.push_str(n);
        }
        let _ = writeln!(
            self.out,
            r#"<desc data-centre-lon="{:.7}" data-centre-lat="{:.7}" data-px-per-m="{:.9}">{}</desc>"#,
            centre.x,
            centre.y,
            f.px_per_m,
            esc(&desc)
        );
        self.defs();
        let _ = writeln!(
            self.out,
            r#"<rect x="0" y="0" width="{w}" height="{h}" fill="{}"/>"#,
            style::BACKGROUND
        );
        let _ = writeln!(self.out, r#"<g clip-path="url(#map-frame)">"#);
        if self.o.has(Layer::Territories) {
            self.territories();
        }
        if self.o.has(Layer::Claims) {
            self.claims(&a.claims);
        }
        if self.o.has(Layer::Ranges) {
            self.ranges();
        }
        if self.o.has(Layer::Zones) {
            self.zones(&a.incursions);
        }
        if self.o.has(Layer::Overlaps) {
            self.overlaps(&a.overlaps);
        }
        if let Some(c) = &a.coverage {
            self.gaps(c);
        }
        if self.o.has(Layer::Segments) {
            self.segments();
            self.delimitation(&a.medians);
        }
        if self.o.has(Layer::Outposts) {
            self.outposts();
        }
        if !self.extra.is_empty() {
            let extra = std::mem::take(&mut self.extra);
            self.out.push_str(&extra);
        }
        if self.o.has(Layer::Labels) {
            self.labels_layer(a);
        }
        if self.o.has(Layer::ScaleBar) {
            self.scale_bar();
        }
        if self.o.has(Layer::NorthArrow) {
            self.north_arrow();
        }
        let _ = writeln!(self.out, "</g>");
        if self.o.has(Layer::Legend) {
            self.legend(a, err);
        } else {
            self.frame_title_and_attribution();
        }
        self.out.push_str("</svg>\n");
        self.out
    }

    fn defs(&mut self) {
        let f = self.f;
        let _ = writeln!(
            self.out,
            r#"<defs><clipPath id="map-frame"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath>"#,
            f.x0, f.y0, f.width, f.height
        );
        let _ = writeln!(
            self.out,
            r#"<pattern id="hatch-zone" patternUnits="userSpaceOnUse" width="9" height="9" patternTransform="rotate(45)"><rect width="9" height="9" fill="{z}" fill-opacity="0.10"/><line x1="0" y1="0" x2="0" y2="9" stroke="{z}" stroke-width="3" stroke-opacity="0.85"/></pattern>"#,
            z = style::ZONE
        );
        let _ = writeln!(
            self.out,
            r#"<pattern id="hatch-overlap" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(-45)"><rect width="8" height="8" fill="{o}" fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="8" stroke="{o}" stroke-width="2.5"/></pattern></defs>"#,
            o = style::OVERLAP
        );
    }

    fn territories(&mut self) {
        let _ = writeln!(self.out, r#"<g class="territories">"#);
        for t in self.map.territories() {
            let d = self.polygons_d(t.polygons());
            let fill = self.palette.fill(t.party());
            let id = t
                .id()
                .map(|id| format!(r#" id="{0}" data-id="{0}""#, id_str(id)))
                .unwrap_or_default();
            let _ = write!(
                self.out,
                r##"<path{id} data-kind="territory" data-party="{}" d="{d}" fill="{fill}" fill-rule="evenodd" stroke="#7b8794" stroke-width="0.8" stroke-opacity="0.7">"##,
                esc(t.party().as_str())
            );
            self.title_el(t.name());
            self.out.push_str("</path>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn claims(&mut self, claims: &[ClaimDivergence<'_>]) {
        let _ = writeln!(self.out, r#"<g class="claims">"#);
        let mut seen: Vec<String> = Vec::new();
        for c in claims {
            let seg = c.segment.id().to_string();
            let k = seen.iter().filter(|s| **s == seg).count();
            seen.push(seg.clone());
            let d = self.multi_d(&c.between);
            let _ = writeln!(
                self.out,
                r#"<path id="between-{0}-{k}" data-of="{0}" data-kind="claims_between" data-area-m2="{1:.0}" d="{d}" fill="{2}" fill-opacity="0.75" fill-rule="evenodd" stroke="{2}" stroke-width="1"/>"#,
                esc(&seg),
                c.area_m2,
                style::BETWEEN
            );
        }
        for (i, c) in self.map.claim_lines().enumerate() {
            let d: String = c.lines().iter().map(|l| self.line_d(l)).collect();
            let colour = self.palette.strong(c.claimant());
            let id = c
                .id()
                .map(|id| format!(r#" id="{0}" data-id="{0}""#, id_str(id)))
                .unwrap_or_else(|| format!(r#" id="claim-line-{i}""#));
            let _ = write!(
                self.out,
                r#"<path{id} data-kind="claim_line" data-claimant="{}" d="{d}" fill="none" stroke="{colour}" stroke-width="2.2" stroke-linejoin="round">"#,
                esc(c.claimant().as_str())
            );
            self.title_el(c.name());
            self.out.push_str("</path>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn range_of(&self, r: Option<f64>) -> Option<f64> {
        r.or(self.o.default_range_m)
            .filter(|r| r.is_finite() && *r > 0.0)
    }

    fn ranges(&mut self) {
        let _ = writeln!(self.out, r#"<g class="ranges">"#);
        for o in self.map.outposts() {
            let Some(r) = self.range_of(o.range_m()) else {
                continue;
            };
            let ring: Vec<Coord<f64>> = (0..=120)
                .map(|k| destination(o.point().0, f64::from(k) * 3.0, r))
                .collect();
            let mut d = String::new();
            self.push_coords(&mut d, &ring, true);
            let _ = writeln!(
                self.out,
                r#"<path id="range-{0}" data-of="{0}" data-kind="range" data-range-m="{r}" d="{d}" fill="{1}" fill-opacity="0.06" stroke="{1}" stroke-width="1" stroke-opacity="0.55"/>"#,
                id_str(o.id()),
                style::RANGE
            );
        }
        self.out.push_str("</g>\n");
    }

    fn zones(&mut self, reports: &[IncursionReport<'_>]) {
        let _ = writeln!(self.out, r#"<g class="zones">"#);
        for r in reports {
            let d = self.multi_d(&r.claimant_side);
            let _ = writeln!(
                self.out,
                r#"<path id="claimant-side-{0}" data-of="{0}" data-kind="claimant_side" data-area-m2="{1:.0}" d="{d}" fill="{2}" fill-opacity="0.22" fill-rule="evenodd"/>"#,
                id_str(r.zone.id()),
                r.incursion_area_m2,
                style::ZONE
            );
        }
        for z in self.map.incursion_zones() {
            let d = self.polygons_d(z.polygons());
            let area: f64 = z.polygons().iter().map(geodesic_area_m2).sum();
            let _ = write!(
                self.out,
                r#"<path id="{0}" data-id="{0}" data-kind="incursion_zone" data-claimant="{1}" data-accused="{2}" data-area-m2="{area:.0}" d="{d}" fill="url(#hatch-zone)" fill-rule="evenodd" stroke="{3}" stroke-width="2" stroke-linejoin="round">"#,
                id_str(z.id()),
                esc(z.claimant().as_str()),
                esc(z.accused().as_str()),
                style::ZONE
            );
            self.title_el(z.name());
            self.out.push_str("</path>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn overlaps(&mut self, overlaps: &[Overlap<'_>]) {
        let _ = writeln!(self.out, r#"<g class="overlaps">"#);
        for o in overlaps {
            let d = self.multi_d(&o.geometry);
            let _ = writeln!(
                self.out,
                r#"<path id="overlap-{0}-{1}" data-of="{0} {1}" data-kind="overlap" data-area-m2="{2:.0}" d="{d}" fill="url(#hatch-overlap)" fill-rule="evenodd" stroke="{3}" stroke-width="1.6" stroke-dasharray="5 3"/>"#,
                id_str(o.a.id()),
                id_str(o.b.id()),
                o.area_m2,
                style::OVERLAP
            );
        }
        self.out.push_str("</g>\n");
    }

    fn gaps(&mut self, c: &Coverage<'_>) {
        let _ = writeln!(self.out, r#"<g class="coverage-gaps">"#);
        let mut seen: Vec<String> = Vec::new();
        for g in &c.gaps {
            let seg = g.segment.id().to_string();
            let k = seen.iter().filter(|s| **s == seg).count();
            seen.push(seg.clone());
            let mut d = String::new();
            for part in sub_lines(g.segment.lines(), g.from_m, g.to_m) {
                let dense = densify_line(&LineString(part), self.step_m);
                self.push_coords(&mut d, &dense.0, false);
            }
            let _ = writeln!(
                self.out,
                r#"<path id="gap-{0}-{k}" data-of="{0}" data-kind="coverage_gap" data-from-m="{1:.1}" data-to-m="{2:.1}" d="{d}" fill="none" stroke="{3}" stroke-width="12" stroke-opacity="0.6" stroke-linecap="round" stroke-linejoin="round"/>"#,
                esc(&seg),
                g.from_m,
                g.to_m,
                style::GAP
            );
        }
        self.out.push_str("</g>\n");
    }

    fn segments(&mut self) {
        let _ = writeln!(self.out, r#"<g class="segments">"#);
        for s in self.map.segments() {
            let d: String = s.lines().iter().map(|l| self.line_d(l)).collect();
            let (colour, width, dash) = style::segment_style(s.status());
            let _ = writeln!(
                self.out,
                r##"<path data-of="{0}" d="{d}" fill="none" stroke="#ffffff" stroke-opacity="0.9" stroke-width="{1:.1}" stroke-linejoin="round" stroke-linecap="round"/>"##,
                id_str(s.id()),
                width + 3.0
            );
            let dash = dash
                .map(|d| format!(r#" stroke-dasharray="{d}""#))
                .unwrap_or_default();
            let _ = write!(
                self.out,
                r#"<path id="{0}" data-id="{0}" data-kind="border_segment" data-status="{1}" data-left="{2}" data-right="{3}" d="{d}" fill="none" stroke="{colour}" stroke-width="{width:.1}"{dash} stroke-linejoin="round" stroke-linecap="round">"#,
                id_str(s.id()),
                s.status(),
                esc(s.left().as_str()),
                esc(s.right().as_str())
            );
            self.title_el(s.name());
            self.out.push_str("</path>\n");
        }
        self.out.push_str("</g>\n");
    }

    /// Shores, buffer zones, median lines and turning points: those of the
    /// dataset and the median lines computed between its shores.
    fn delimitation(&mut self, medians: &[MedianLine]) {
        let _ = writeln!(self.out, r#"<g class="delimitation">"#);
        for f in self.map.outputs(Kind::BufferZone) {
            let d = self.polygons_d(polygons_of(f.geometry.as_ref()));
            let id = f.id.as_ref().map(id_str).unwrap_or_default();
            let _ = write!(
                self.out,
                r#"<path id="{id}" data-id="{id}" data-kind="buffer_zone" d="{d}" fill="{0}" fill-opacity="0.18" fill-rule="evenodd" stroke="{0}" stroke-width="1.2" stroke-dasharray="2 2">"#,
                style::BUFFER
            );
            self.title_el(f.name());
            self.out.push_str("</path>\n");
        }
        for s in self.map.shores() {
            let d: String = s.lines().iter().map(|l| self.line_d(l)).collect();
            let id = s.id().map(id_str).unwrap_or_default();
            let _ = write!(
                self.out,
                r#"<path id="{id}" data-id="{id}" data-kind="shore" data-party="{0}" d="{d}" fill="none" stroke="{1}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round">"#,
                esc(s.party().as_str()),
                self.palette.strong(s.party())
            );
            self.title_el(s.name());
            self.out.push_str("</path>\n");
        }
        let stored = self.map.outputs(Kind::MedianLine).map(|f| {
            let id = f.id.as_ref().map(id_str).unwrap_or_default();
            (id, lines_of(f.geometry.as_ref()).to_vec())
        });
        let computed = medians.iter().map(|m| {
            (
                format!("median-{}-{}", m.parties.0, m.parties.1),
                vec![m.line.clone()],
            )
        });
        let lines: Vec<(String, Vec<LineString<f64>>)> = stored.chain(computed).collect();
        for (id, parts) in &lines {
            let d: String = parts.iter().map(|l| self.line_d(l)).collect();
            let _ = writeln!(
                self.out,
                r#"<path id="{0}" data-id="{0}" data-kind="median_line" d="{d}" fill="none" stroke="{1}" stroke-width="2" stroke-dasharray="7 3" stroke-linejoin="round"/>"#,
                esc(id),
                style::MEDIAN
            );
        }
        let r = 3.0 * self.s.max(1.0);
        let stored = self
            .map
            .outputs(Kind::TurningPoint)
            .filter_map(|f| match &f.geometry {
                Some(geo_types::Geometry::Point(p)) => {
                    Some((f.id.as_ref().map(id_str).unwrap_or_default(), p.0))
                }
                _ => None,
            });
        let computed = medians.iter().flat_map(|m| {
            m.turning_points.iter().enumerate().map(move |(k, t)| {
                (
                    format!("median-{}-{}-tp-{}", m.parties.0, m.parties.1, k + 1),
                    t.point,
                )
            })
        });
        let points: Vec<(String, Coord<f64>)> = stored.chain(computed).collect();
        for (id, p) in points {
            let (x, y) = self.f.to_pixel(p);
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let _ = writeln!(
                self.out,
                r##"<rect id="{0}" data-id="{0}" data-kind="turning_point" x="{1:.1}" y="{2:.1}" width="{3:.1}" height="{3:.1}" transform="rotate(45 {x:.1} {y:.1})" fill="#ffffff" stroke="{4}" stroke-width="1.5"/>"##,
                esc(&id),
                x - r,
                y - r,
                2.0 * r,
                style::MEDIAN
            );
        }
        self.out.push_str("</g>\n");
    }

    fn outposts(&mut self) {
        let _ = writeln!(self.out, r#"<g class="outposts">"#);
        let r = 4.5 * self.s.max(1.0);
        for o in self.map.outposts() {
            let (x, y) = self.f.to_pixel(o.point().0);
            if !(x.is_finite() && y.is_finite()) {
                continue;
            }
            let _ = write!(
                self.out,
                r#"<circle id="{0}" data-id="{0}" data-kind="outpost" data-status="{1}" data-operator="{2}" cx="{x:.1}" cy="{y:.1}" r="{r:.1}" fill="{3}" stroke="{4}" stroke-width="2">"#,
                id_str(o.id()),
                o.status(),
                esc(o.operator().as_str()),
                style::outpost_fill(o.status()),
                style::OUTPOST
            );
            self.title_el(o.name());
            self.out.push_str("</circle>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn bbox_px(&self, polys: &[Polygon<f64>]) -> Option<[f64; 4]> {
        let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in polys {
            for c in &p.exterior().0 {
                let (x, y) = self.f.to_pixel(*c);
                b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
            }
        }
        (b[0] <= b[2]).then_some(b)
    }

    /// Whether a pixel box overlaps the map frame.
    fn meets_frame(&self, b: &[f64; 4]) -> bool {
        let f = self.f;
        b[0] < f.x0 + f.width && b[2] > f.x0 && b[1] < f.y0 + f.height && b[3] > f.y0
    }

    fn inside_frame(&self, x: f64, y: f64) -> bool {
        x >= self.f.x0 && x <= self.f.x0 + self.f.width && y >= self.f.y0 && y <= self.f.height
    }

    fn labels_layer(&mut self, a: &Analyses<'_>) {
        let _ = writeln!(self.out, r#"<g class="labels">"#);
        let fs = self.fs();
        // Zones: id and area, beside the zone.
        if self.o.has(Layer::Zones) {
            let zones: Vec<_> = self.map.incursion_zones().collect();
            for z in zones {
                let Some(b) = self.bbox_px(z.polygons()).filter(|b| self.meets_frame(b)) else {
                    continue;
                };
                let area: f64 = z.polygons().iter().map(geodesic_area_m2).sum();
                let line1 = z.id().to_string();
                let mut line2 = km2(area);
                if let Some(r) = a.incursions.iter().find(|r| r.zone.id() == z.id())
                    && area > 0.0
                {
                    let _ = write!(
                        line2,
                        " · {:.0} % {} side",
                        100.0 * r.incursion_area_m2 / area,
                        z.claimant()
                    );
                }
                let w = self
                    .text_width(&line2, fs * 0.9)
                    .max(self.text_width(&line1, fs));
                let h = fs * 2.3;
                let mut x = b[2] + 8.0;
                if x + w > self.f.x0 + self.f.width {
                    x = b[0] - 8.0 - w;
                }
                let (lx, ly) = self.place(x, (b[1] + b[3]) / 2.0 - h / 2.0, w, h);
                // A leader line when the label had to move away from the zone.
                let ax = if lx > b[2] { lx - 3.0 } else { lx + w + 3.0 };
                let ay = ly + h / 2.0;
                let (tx, ty) = (ax.clamp(b[0], b[2]), ay.clamp(b[1], b[3]));
                if (ax - tx).hypot(ay - ty) > 14.0 {
                    let _ = writeln!(
                        self.out,
                        r#"<line data-of="{}" x1="{ax:.1}" y1="{ay:.1}" x2="{tx:.1}" y2="{ty:.1}" stroke="{}" stroke-width="1.2"/>"#,
                        id_str(z.id()),
                        style::ZONE
                    );
                }
                let attrs = format!(r#" id="label-{0}" data-of="{0}""#, id_str(z.id()));
                self.halo_text(lx, ly + fs, fs, true, style::ZONE, &line1, &attrs);
                let attrs = format!(r#" data-of="{}""#, id_str(z.id()));
                self.halo_text(
                    lx,
                    ly + fs * 2.1,
                    fs * 0.9,
                    false,
                    style::INK,
                    &line2,
                    &attrs,
                );
            }
        }
        // Area between claims, to the left of the region.
        let claims: Vec<(String, f64, Option<[f64; 4]>)> = a
            .claims
            .iter()
            .map(|c| {
                (
                    c.segment.id().to_string(),
                    c.area_m2,
                    self.bbox_px(&c.between.0),
                )
            })
            .collect();
        for (seg, area, b) in claims {
            let Some(b) = b.filter(|b| self.meets_frame(b)) else {
                continue;
            };
            let t = format!("{} between claims", km2(area));
            let size = fs * 0.85;
            let w = self.text_width(&t, size);
            let mut x = b[0] - 8.0 - w;
            if x < self.f.x0 {
                x = b[2] + 8.0;
            }
            let (lx, ly) = self.place(x, (b[1] + b[3]) / 2.0 - size * 0.6, w, size * 1.2);
            let attrs = format!(r#" id="label-between-{0}" data-of="{0}""#, esc(&seg));
            self.halo_text(lx, ly + size, size, false, "#8a6100", &t, &attrs);
        }
        // Segment ids, small, at the middle vertex of each segment.
        if self.o.has(Layer::Segments) {
            let segs: Vec<(String, Coord<f64>)> = self
                .map
                .segments()
                .filter_map(|s| {
                    let line = s.lines().iter().max_by_key(|l| l.0.len())?;
                    let c = *line.0.get(line.0.len() / 2)?;
                    Some((s.id().to_string(), c))
                })
                .collect();
            for (id, c) in segs {
                let (x, y) = self.f.to_pixel(c);
                if !self.inside_frame(x, y) {
                    continue;
                }
                let size = fs * 0.72;
                let w = self.text_width(&id, size);
                let (lx, ly) = self.place(x + 7.0, y - size * 1.1, w, size * 1.2);
                let attrs = format!(r#" id="label-{0}" data-of="{0}""#, esc(&id));
                self.halo_text(lx, ly + size, size, false, style::MUTED, &id, &attrs);
            }
        }
        self.out.push_str("</g>\n");
    }

    fn scale_bar(&mut self) {
        let f = self.f;
        let s = self.s;
        let fs = self.fs() * 0.85;
        let target_px = (f.width / 5.0).max(110.0 * s).min(f.width * 0.6);
        let len_m = nice_length(target_px / f.px_per_m);
        let len_px = len_m * f.px_per_m;
        let x = f.x0 + 24.0 * s;
        let y = f.y0 + f.height - 30.0 * s;
        let hbar = 7.0 * s;
        let _ = writeln!(
            self.out,
            r#"<g id="scale-bar" data-length-m="{len_m}" data-length-px="{len_px:.2}">"#
        );
        let _ = writeln!(
            self.out,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" fill-opacity="0.8" rx="4"/>"##,
            x - 10.0 * s,
            y - fs * 1.6,
            len_px + 20.0 * s + fs * 2.0,
            fs * 1.6 + hbar + 10.0 * s
        );
        for k in 0..4 {
            let fill = if k % 2 == 0 { style::INK } else { "#ffffff" };
            let _ = writeln!(
                self.out,
                r#"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{hbar:.1}" fill="{fill}" stroke="{}" stroke-width="1"/>"#,
                x + len_px * f64::from(k) / 4.0,
                len_px / 4.0,
                style::INK
            );
        }
        let unit = |m: f64| {
            if len_m >= 1000.0 {
                format!("{}", m / 1000.0)
            } else {
                format!("{m}")
            }
        };
        let u = if len_m >= 1000.0 { "km" } else { "m" };
        self.text(x, y - 4.0, fs, false, style::INK, "middle", "0");
        let half = unit(len_m / 2.0);
        self.text(
            x + len_px / 2.0,
            y - 4.0,
            fs,
            false,
            style::INK,
            "middle",
            &half,
        );
        let full = format!("{} {u}", unit(len_m));
        self.text(x + len_px, y - 4.0, fs, false, style::INK, "middle", &full);
        self.out.push_str("</g>\n");
    }

    fn north_arrow(&mut self) {
        let f = self.f;
        let s = self.s;
        let (cx, cy) = (f.x0 + f.width - 40.0 * s, f.y0 + 62.0 * s);
        // The local meridian's direction at the arrow (north is up only
        // on the central meridian).
        let here = f.from_pixel(cx, cy);
        let there = destination(here, 0.0, 1_000.0);
        let (px, py) = f.to_pixel(there);
        let angle = (px - cx).atan2(cy - py).to_degrees();
        let l = 22.0 * s;
        let _ = writeln!(
            self.out,
            r#"<g id="north-arrow" data-rotation-deg="{angle:.3}" transform="translate({cx:.1} {cy:.1}) rotate({angle:.3})">"#
        );
        let _ = writeln!(
            self.out,
            r##"<circle r="{:.1}" fill="#ffffff" fill-opacity="0.8"/><path d="M0 {:.1}L{:.1} {:.1}L0 {:.1}Z" fill="{ink}"/><path d="M0 {:.1}L{:.1} {:.1}L0 {:.1}Z" fill="#ffffff" stroke="{ink}" stroke-width="1"/>"##,
            l * 1.45,
            -l,
            l * 0.45,
            l * 0.75,
            l * 0.4,
            -l,
            -l * 0.45,
            l * 0.75,
            l * 0.4,
            ink = style::INK
        );
        self.text(
            0.0,
            -l - 5.0 * s,
            self.fs(),
            true,
            style::INK,
            "middle",
            "N",
        );
        self.out.push_str("</g>\n");
    }

    fn title_text(&self) -> Option<String> {
        if self.o.default_title {
            self.map
                .collection_members()
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        } else {
            self.o.title.clone()
        }
    }

    fn attribution_text(&self) -> Option<String> {
        if !self.o.has(Layer::Attribution) {
            return None;
        }
        self.map
            .collection_members()
            .get("attribution")
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    }

    /// Title and attribution over the map when there is no legend panel.
    fn frame_title_and_attribution(&mut self) {
        let f = self.f;
        let fs = self.fs();
        if let Some(t) = self.title_text() {
            let te = esc(&t);
            let size = fs * 1.35;
            let lines = wrap(&t, ((f.width * 0.6) / (size * 0.6)).max(10.0) as usize);
            let w = lines
                .iter()
                .map(|l| self.text_width(l, size))
                .fold(0.0, f64::max);
            let _ = writeln!(
                self.out,
                r##"<g id="title"><title>{te}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#ffffff" fill-opacity="0.85" rx="4"/>"##,
                f.x0 + 10.0,
                f.y0 + 10.0,
                w + 20.0,
                lines.len() as f64 * size * 1.25 + 12.0
            );
            for (i, l) in lines.iter().enumerate() {
                let y = f.y0 + 16.0 + size + i as f64 * size * 1.25;
                self.text(f.x0 + 20.0, y, size, true, style::INK, "start", l);
            }
            self.out.push_str("</g>\n");
        }
        if let Some(t) = self.attribution_text() {
            let te = esc(&t);
            let size = fs * 0.7;
            let lines = wrap(&t, ((f.width * 0.55) / (size * 0.6)).max(10.0) as usize);
            let w = lines
                .iter()
                .map(|l| self.text_width(l, size))
                .fold(0.0, f64::max);
            let h = lines.len() as f64 * size * 1.25 + 8.0;
            let x1 = f.x0 + f.width - 8.0;
            let _ = writeln!(
                self.out,
                r##"<g id="attribution"><title>{te}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="#ffffff" fill-opacity="0.8"/>"##,
                x1 - w - 8.0,
                f.y0 + f.height - h - 6.0,
                w + 14.0
            );
            for (i, l) in lines.iter().enumerate() {
                let y = f.y0 + f.height - h - 6.0 + 4.0 + size + i as f64 * size * 1.25;
                self.text(x1 - 2.0, y, size, false, style::MUTED, "end", l);
            }
            self.out.push_str("</g>\n");
        }
    }

    fn legend(&mut self, a: &Analyses<'_>, err: f64) {
        let pw = legend_width(self.o);
        let x0 = f64::from(self.o.width) - pw;
        let height = f64::from(self.o.height);
        let s = self.s;
        let fs = self.fs();
        let pad = 18.0 * s;
        let chars = |size: f64| ((pw - 2.0 * pad) / (size * 0.6)).max(8.0) as usize;
        let _ = writeln!(
            self.out,
            r##"<g id="legend"><rect x="{x0:.1}" y="0" width="{pw:.1}" height="{height:.1}" fill="{}"/><line x1="{x0:.1}" y1="0" x2="{x0:.1}" y2="{height:.1}" stroke="#9aa5b1" stroke-width="1"/>"##,
            style::PANEL
        );
        let mut y = pad;
        let tx = x0 + pad;
        if let Some(t) = self.title_text() {
            let size = fs * 1.4;
            let lines = wrap(&t, chars(size));
            let _ = writeln!(self.out, r#"<g id="title"><title>{}</title>"#, esc(&t));
            for l in lines {
                y += size * 1.2;
                self.text(tx, y, size, true, style::INK, "start", &l);
            }
            self.out.push_str("</g>\n");
            y += size * 0.5;
        }
        let sw = 34.0 * s;
        let row = fs * 1.45;
        let label_x = tx + sw + 10.0 * s;
        let header = |p: &mut Self, y: &mut f64, t: &str| {
            *y += fs * 2.2;
            p.text(tx, *y, fs * 1.05, true, style::INK, "start", t);
            *y += fs * 0.35;
        };
        let entry_text = |p: &mut Self, y: f64, t: &str| {
            p.text(
                label_x,
                y + fs * 0.35,
                fs * 0.92,
                false,
                style::INK,
                "start",
                t,
            );
        };

        if self.o.has(Layer::Territories) && self.map.territories().len() > 0 {
            header(self, &mut y, "Territories");
            let mut seen: Vec<Party> = Vec::new();
            let terrs: Vec<(Party, Option<String>)> = self
                .map
                .territories()
                .map(|t| (t.party().clone(), t.name().map(str::to_owned)))
                .collect();
            for (party, name) in terrs {
                if seen.contains(&party) {
                    continue;
                }
                seen.push(party.clone());
                y += row;
                let _ = writeln!(
                    self.out,
                    r##"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="{}" stroke="#7b8794" stroke-width="0.8"/>"##,
                    y - fs * 0.5,
                    fs * 1.1,
                    self.palette.fill(&party)
                );
                let t = match name {
                    Some(n) => format!("{party} · {n}"),
                    None => party.to_string(),
                };
                entry_text(self, y, &t);
            }
        }
        if self.o.has(Layer::Segments) && self.map.segments().len() > 0 {
            header(self, &mut y, "Border segments by status");
            let lengths = self.map.status_lengths();
            for st in SegmentStatus::ALL {
                let n = self.map.segments().filter(|s| s.status() == st).count();
                if n == 0 {
                    continue;
                }
                y += row;
                let (colour, width, dash) = style::segment_style(st);
                let dash = dash
                    .map(|d| format!(r#" stroke-dasharray="{d}""#))
                    .unwrap_or_default();
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{tx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="{width:.1}"{dash} stroke-linecap="round"/>"#,
                    tx + sw
                );
                let t = format!("{st} · {} ({n})", km(lengths.get(st)));
                entry_text(self, y, &t);
            }
        }
        let medians = a.medians.len() + self.map.count(Kind::MedianLine);
        let buffers = self.map.count(Kind::BufferZone);
        let mut shore_parties: Vec<Party> = self.map.shores().map(|s| s.party().clone()).collect();
        shore_parties.sort();
        shore_parties.dedup();
        if self.o.has(Layer::Segments) && (medians > 0 || buffers > 0 || !shore_parties.is_empty())
        {
            header(self, &mut y, "Delimitation");
            for p in shore_parties {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{tx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="2.5"/>"#,
                    tx + sw,
                    self.palette.strong(&p)
                );
                entry_text(self, y, &format!("{p} shore"));
            }
            if medians > 0 {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{tx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="2" stroke-dasharray="7 3"/>"#,
                    tx + sw,
                    style::MEDIAN
                );
                entry_text(self, y, &format!("median line ({medians})"));
                y += row;
                let r = fs * 0.3;
                let _ = writeln!(
                    self.out,
                    r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" transform="rotate(45 {:.1} {y:.1})" fill="#ffffff" stroke="{}" stroke-width="1.5"/>"##,
                    tx + 0.5 * sw - r,
                    y - r,
                    2.0 * r,
                    2.0 * r,
                    tx + 0.5 * sw,
                    style::MEDIAN
                );
                entry_text(self, y, "turning point");
            }
            if buffers > 0 {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="{c}" fill-opacity="0.18" stroke="{c}" stroke-dasharray="2 2"/>"#,
                    y - fs * 0.5,
                    fs * 1.1,
                    c = style::BUFFER
                );
                entry_text(self, y, &format!("buffer zone ({buffers})"));
            }
        }
        if self.o.has(Layer::Claims) && self.map.claim_lines().len() > 0 {
            header(self, &mut y, "Claims");
            let mut claimants: Vec<Party> = self
                .map
                .claim_lines()
                .map(|c| c.claimant().clone())
                .collect();
            claimants.sort();
            claimants.dedup();
            for p in claimants {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<line x1="{tx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="2.2"/>"#,
                    tx + sw,
                    self.palette.strong(&p)
                );
                entry_text(self, y, &format!("{p} claim line"));
            }
            if !a.claims.is_empty() {
                y += row;
                let total: f64 = a.claims.iter().map(|c| c.area_m2).sum();
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="{c}" fill-opacity="0.75" stroke="{c}"/>"#,
                    y - fs * 0.5,
                    fs * 1.1,
                    c = style::BETWEEN
                );
                entry_text(self, y, &format!("between claims · {}", km2(total)));
            }
        }
        if self.o.has(Layer::Outposts) && self.map.outposts().len() > 0 {
            header(self, &mut y, "Outposts");
            for st in OutpostStatus::ALL {
                let n = self.map.outposts().filter(|o| o.status() == st).count();
                if n == 0 {
                    continue;
                }
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<circle cx="{:.1}" cy="{y:.1}" r="{:.1}" fill="{}" stroke="{}" stroke-width="2"/>"#,
                    tx + sw / 2.0,
                    4.5 * s.max(1.0),
                    style::outpost_fill(st),
                    style::OUTPOST
                );
                entry_text(self, y, &format!("{st} ({n})"));
            }
            if self.o.has(Layer::Ranges) {
                let ranges: Vec<f64> = self
                    .map
                    .outposts()
                    .filter_map(|o| self.range_of(o.range_m()))
                    .collect();
                if let Some(first) = ranges.first() {
                    y += row;
                    let _ = writeln!(
                        self.out,
                        r#"<circle cx="{:.1}" cy="{y:.1}" r="{:.1}" fill="{c}" fill-opacity="0.06" stroke="{c}" stroke-opacity="0.55"/>"#,
                        tx + sw / 2.0,
                        fs * 0.65,
                        c = style::RANGE
                    );
                    let same = ranges.iter().all(|r| (r - first).abs() < 1e-9);
                    let t = if same {
                        format!("observation range · {}", km(*first))
                    } else {
                        "observation range (geodesic)".to_owned()
                    };
                    entry_text(self, y, &t);
                }
            }
        }
        if let Some(c) = &a.coverage {
            header(self, &mut y, "Coverage");
            y += row;
            let _ = writeln!(
                self.out,
                r#"<line x1="{tx:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="12" stroke-opacity="0.6" stroke-linecap="round"/>"#,
                tx + sw,
                style::GAP
            );
            let gap_m: f64 = c.gaps.iter().map(|g| g.length_m).sum();
            entry_text(
                self,
                y,
                &format!("uncovered · {} in {} gap(s)", km(gap_m), c.gaps.len()),
            );
            y += row * 0.85;
            let t = format!("{:.1} % of the border covered", c.covered_fraction * 100.0);
            self.text(
                label_x,
                y + fs * 0.35,
                fs * 0.85,
                false,
                style::MUTED,
                "start",
                &t,
            );
        }
        if self.o.has(Layer::Zones) && self.map.incursion_zones().len() > 0 {
            header(self, &mut y, "Incursion zones (reported)");
            y += row;
            let _ = writeln!(
                self.out,
                r#"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="url(#hatch-zone)" stroke="{}" stroke-width="2"/>"#,
                y - fs * 0.5,
                fs * 1.1,
                style::ZONE
            );
            entry_text(self, y, "zone, labelled with its area");
            if !a.incursions.is_empty() {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="{}" fill-opacity="0.3"/>"#,
                    y - fs * 0.5,
                    fs * 1.1,
                    style::ZONE
                );
                entry_text(self, y, "part on the claimant's side");
            }
        }
        if self.o.has(Layer::Overlaps) && !a.overlaps.is_empty() {
            header(self, &mut y, "Overlapping zones");
            let items: Vec<String> = a
                .overlaps
                .iter()
                .map(|o| format!("{} ∩ {} · {}", o.a.id(), o.b.id(), km2(o.area_m2)))
                .collect();
            for t in items {
                y += row;
                let _ = writeln!(
                    self.out,
                    r#"<rect x="{tx:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="url(#hatch-overlap)" stroke="{}" stroke-width="1.6" stroke-dasharray="5 3"/>"#,
                    y - fs * 0.5,
                    fs * 1.1,
                    style::OVERLAP
                );
                entry_text(self, y, &t);
            }
        }
        // Projection and attribution, from the bottom up.
        let small = fs * 0.74;
        let c = self.f.projection.centre();
        let proj = format!(
            "Azimuthal equidistant projection (WGS84) centred on {:.2}° {}, {:.2}° {}. Scale exact at the centre; largest error on this map {:.3} %.",
            c.x.abs(),
            if c.x >= 0.0 { "E" } else { "W" },
            c.y.abs(),
            if c.y >= 0.0 { "N" } else { "S" },
            err * 100.0
        );
        let proj_lines = wrap(&proj, chars(small));
        let attribution = self.attribution_text();
        let attr_lines = attribution
            .as_deref()
            .map(|t| wrap(t, chars(small)))
            .unwrap_or_default();
        let n = proj_lines.len() + attr_lines.len() + usize::from(!attr_lines.is_empty());
        let notes_top = height - pad - (n as f64 - 1.0) * small * 1.3 - small;
        if self.o.inset.is_some() {
            y = self.inset(a, tx, y + fs * 1.2, pw - 2.0 * pad, notes_top - fs * 1.5);
        }
        let mut by = (notes_top + small).max(y + fs * 2.0);
        let _ = writeln!(self.out, r#"<g id="projection-note">"#);
        for l in &proj_lines {
            self.text(tx, by, small, false, style::MUTED, "start", l);
            by += small * 1.3;
        }
        self.out.push_str("</g>\n");
        if let Some(t) = &attribution {
            by += small * 1.3;
            let _ = writeln!(self.out, r#"<g id="attribution"><title>{}</title>"#, esc(t));
            for l in &attr_lines {
                self.text(tx, by, small, false, style::MUTED, "start", l);
                by += small * 1.3;
            }
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }
}

impl Painter<'_> {
    /// A detail map of the inset feature in the legend panel, between `top`
    /// and `bottom`, `width` pixels wide at `x`; returns the new bottom of the
    /// legend's content (`top` when there is no room: less than 120 px).
    fn inset(&mut self, a: &Analyses<'_>, x: f64, top: f64, width: f64, bottom: f64) -> f64 {
        let Some((id, margin_m)) = self.o.inset.clone() else {
            return top;
        };
        let fs = self.fs();
        let caption_h = fs * 1.6;
        let h = (bottom - top - caption_h).min(width);
        if h < 120.0 || width < 120.0 {
            let _ = writeln!(
                self.out,
                "<!-- no room in the legend panel for the detail map of {} -->",
                esc(&id.to_string()).replace("--", "- -")
            );
            return top;
        }
        let mut layers = self.o.layers.clone();
        layers.retain(|l| !matches!(l, Layer::Legend | Layer::NorthArrow | Layer::Attribution));
        let options = RenderOptions {
            width: width.floor() as u32,
            height: h.floor() as u32,
            extent: super::Extent::Feature {
                id: id.clone(),
                margin_m,
            },
            layers,
            title: None,
            default_title: false,
            default_range_m: self.o.default_range_m,
            inset: None,
        };
        // The extent was checked by `render_svg` before painting.
        let Ok(frame) = map_frame(self.map, &options) else {
            return top;
        };
        let caption = match self.map.get(&id).and_then(|f| f.name()) {
            Some(name) => format!("Detail: {id} · {name}"),
            None => format!("Detail: {id}"),
        };
        // One line, cut with an ellipsis (bold glyphs are ~0.66 em wide).
        let max_chars = (width / (fs * 0.8 * 0.66)) as usize;
        let lines = wrap(&caption, max_chars.saturating_sub(2).max(8));
        let caption = match lines.as_slice() {
            [one] => one.clone(),
            [first, ..] => format!("{} …", first.trim_end_matches([',', ' '])),
            [] => String::new(),
        };
        self.text(x, top + fs, fs * 0.8, true, style::INK, "start", &caption);
        let mut painter = Painter::new(self.map, &options, frame);
        painter.s = self.s * 0.85;
        let inner = painter.paint(a);
        // Nested document: its element ids and kinds are renamed so that the
        // main map's stay unique (`inset-zone-01`, `data-inset-kind`).
        let body = inner
            .split_once('\n')
            .map_or("", |(_, rest)| rest)
            .trim_end()
            .trim_end_matches("</svg>")
            .replace(" id=\"", " id=\"inset-")
            .replace("url(#", "url(#inset-")
            .replace(" data-id=\"", " data-inset-id=\"")
            .replace(" data-kind=\"", " data-inset-kind=\"");
        let (w, hh) = (options.width, options.height);
        let y = top + caption_h;
        let _ = writeln!(
            self.out,
            r##"<svg id="inset" data-of="{}" x="{x:.1}" y="{y:.1}" width="{w}" height="{hh}" viewBox="0 0 {w} {hh}">{body}</svg><rect x="{x:.1}" y="{y:.1}" width="{w}" height="{hh}" fill="none" stroke="{}" stroke-width="1.5"/>"##,
            id_str(&id),
            style::INK
        );
        // Where the detail lies on the main map.
        let corners = [
            (0.0, 0.0),
            (f64::from(w), 0.0),
            (f64::from(w), f64::from(hh)),
            (0.0, f64::from(hh)),
        ];
        let mut d = String::new();
        for (k, (cx, cy)) in corners.into_iter().enumerate() {
            let (px, py) = self.f.to_pixel(frame.from_pixel(cx, cy));
            let _ = write!(d, "{}{px:.1} {py:.1}", if k == 0 { 'M' } else { 'L' });
        }
        let _ = writeln!(
            self.out,
            r#"<path id="inset-extent" data-of="{}" d="{d}Z" fill="none" stroke="{}" stroke-width="1.5"/>"#,
            id_str(&id),
            style::INK
        );
        y + f64::from(hh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_lengths_are_one_two_five() {
        assert_eq!(nice_length(73_000.0), 50_000.0);
        assert_eq!(nice_length(19_999.0), 10_000.0);
        assert_eq!(nice_length(20_000.0), 20_000.0);
        assert_eq!(nice_length(3.0), 2.0);
    }

    #[test]
    fn wrap_keeps_words_and_limits() {
        let w = wrap("one two three four five", 9);
        assert_eq!(w, ["one two", "three", "four five"]);
    }

    #[test]
    fn points_beyond_one_side_of_the_frame_are_pruned() {
        let map = BorderMap::default();
        let o = RenderOptions::new()
            .size(100, 100)
            .extent_bbox(-1.0, -1.0, 1.0, 1.0);
        let f = map_frame(&map, &o).unwrap();
        let p = Painter::new(&map, &o, f);
        // A ring through the frame with a long excursion far to the west.
        let ring: Vec<Coord<f64>> = [
            (0.0, 0.0),
            (-5.0, 0.0),
            (-6.0, 1.0),
            (-7.0, 0.0),
            (-5.0, -0.5),
            (0.5, -0.5),
            (0.0, 0.0),
        ]
        .into_iter()
        .map(|(x, y)| Coord { x, y })
        .collect();
        let mut d = String::new();
        p.push_coords(&mut d, &ring, true);
        // (-6, 1) and (-7, 0) go; (-5, 0) and (-5, -0.5) stay as the ends of
        // the excursion.
        assert_eq!(d.matches('L').count(), 4, "{d}");
    }

    #[test]
    fn escaping() {
        assert_eq!(esc(r#"a<b & "c">"#), "a&lt;b &amp; &quot;c&quot;&gt;");
    }

    #[test]
    fn sub_line_of_the_equator() {
        let l = LineString::from(vec![(10.0, 0.0), (11.0, 0.0)]);
        let half = 6_378_137.0 * std::f64::consts::PI / 360.0;
        let parts = sub_lines(&[l], half, 2.0 * half);
        assert_eq!(parts.len(), 1);
        assert!((parts[0][0].x - 10.5).abs() < 1e-12);
        assert!((parts[0][1].x - 11.0).abs() < 1e-12);
    }
}
