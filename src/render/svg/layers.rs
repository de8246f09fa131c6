//! The map layers: territories, claims, ranges, zones, overlaps, gaps, segments, delimitation lines, outposts.

use std::fmt::Write as _;

use geo_types::{Coord, LineString};

use super::{Painter, esc, id_str, sub_lines};
use crate::analysis::{ClaimDivergence, Coverage, IncursionReport, Overlap};
use crate::delimitation::MedianLine;
use crate::geodesy::{densify_line, destination, geodesic_area_m2};
use crate::model::{Kind, lines_of, polygons_of};
use crate::render::style;

impl Painter<'_> {
    pub(super) fn territories(&mut self) {
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

    pub(super) fn claims(&mut self, claims: &[ClaimDivergence<'_>]) {
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

    pub(super) fn range_of(&self, r: Option<f64>) -> Option<f64> {
        r.or(self.o.default_range_m)
            .filter(|r| r.is_finite() && *r > 0.0)
    }

    pub(super) fn ranges(&mut self) {
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

    pub(super) fn zones(&mut self, reports: &[IncursionReport<'_>]) {
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

    pub(super) fn overlaps(&mut self, overlaps: &[Overlap<'_>]) {
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

    pub(super) fn gaps(&mut self, c: &Coverage<'_>) {
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

    pub(super) fn segments(&mut self) {
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
    pub(super) fn delimitation(&mut self, medians: &[MedianLine]) {
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

    pub(super) fn outposts(&mut self) {
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
}
