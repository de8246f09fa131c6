//! Labels beside zones, segments and outposts, placed without overlaps.

use std::fmt::Write as _;

use geo_types::{Coord, Polygon};

use super::{Analyses, Painter, esc, id_str, km2};
use crate::geodesy::geodesic_area_m2;
use crate::render::{Layer, style};

impl Painter<'_> {
    pub(super) fn bbox_px(&self, polys: &[Polygon<f64>]) -> Option<[f64; 4]> {
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
    pub(super) fn meets_frame(&self, b: &[f64; 4]) -> bool {
        let f = self.f;
        b[0] < f.x0 + f.width && b[2] > f.x0 && b[1] < f.y0 + f.height && b[3] > f.y0
    }

    pub(super) fn inside_frame(&self, x: f64, y: f64) -> bool {
        x >= self.f.x0 && x <= self.f.x0 + self.f.width && y >= self.f.y0 && y <= self.f.height
    }

    pub(super) fn labels_layer(&mut self, a: &Analyses<'_>) {
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
}
