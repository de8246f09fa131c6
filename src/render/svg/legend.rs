//! The legend panel.

use std::fmt::Write as _;

use super::{Analyses, Painter, esc, km, km2, wrap};
use crate::model::{Kind, OutpostStatus, Party, SegmentStatus};
use crate::render::{Layer, legend_width, style};

impl Painter<'_> {
    pub(super) fn legend(&mut self, a: &Analyses<'_>, err: f64) {
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
