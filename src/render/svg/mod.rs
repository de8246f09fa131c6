//! The SVG writer: the painter and its helpers here; the layers, labels,
//! furniture (scale bar, north arrow, frame), legend and inset in their own
//! files.

mod furniture;
mod inset;
mod labels;
mod layers;
mod legend;

use std::fmt::Write as _;

use geo_types::{Coord, LineString, MultiPolygon, Polygon};

use super::style::{self, Palette};
use super::{Layer, MapFrame, RenderOptions, map_frame};
use crate::analysis::{ClaimDivergence, Coverage, IncursionReport, Overlap, Report};
use crate::delimitation::{MedianLine, MedianOptions};
use crate::error::Result;
use crate::geodesy::{GeodesicEdge, densify_line};
use crate::model::{BorderMap, FeatureId, Party};

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
            let edge = GeodesicEdge::new(w[0], w[1]);
            let len = edge.length_m();
            let (e0, e1) = (offset, offset + len);
            offset = e1;
            if e1 < from_m || e0 > to_m || !len.is_finite() {
                continue;
            }
            if cur.is_empty() {
                cur.push(edge.point_at(from_m - e0).0);
            }
            cur.push(edge.point_at(to_m - e0).0);
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
        // without outposts nothing is covered: no gaps to draw
        let coverage = if self.o.has(Layer::CoverageGaps) && !r.outposts.is_empty() {
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
        let coverage = if self.o.has(Layer::CoverageGaps)
            && map.segments().len() > 0
            && map.outposts().len() > 0
        {
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
