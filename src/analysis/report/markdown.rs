//! The report as Markdown, for people: km and km², one table per question.

use std::fmt::Write as _;

use super::Report;
use crate::model::SegmentStatus;

impl Report<'_> {
    /// The report as Markdown, in km and km², for people.
    pub fn to_markdown(&self) -> String {
        let mut s = String::new();
        let km = |m: f64| m / 1e3;
        let km2 = |m2: f64| m2 / 1e6;
        let _ = writeln!(s, "# Border report\n");
        let _ = writeln!(s, "## Segments\n");
        let _ = writeln!(
            s,
            "| segment | name | status | left | right | length (km) |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---:|");
        for seg in &self.segments {
            let g = &seg.segment;
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {:.3} |",
                g.id(),
                g.name().unwrap_or(""),
                g.status(),
                g.left(),
                g.right(),
                km(seg.length_m)
            );
        }
        let _ = writeln!(s, "\n| status | length (km) |\n|---|---:|");
        for st in SegmentStatus::ALL {
            let _ = writeln!(s, "| {st} | {:.3} |", km(self.status_lengths.get(st)));
        }
        let _ = writeln!(
            s,
            "| **total** | **{:.3}** |",
            km(self.status_lengths.total_m())
        );

        let _ = writeln!(s, "\n## Incursion zones\n");
        if self.incursions.is_empty() && self.zone_errors.is_empty() {
            let _ = writeln!(s, "None in the dataset.");
        } else {
            let _ = writeln!(
                s,
                "| zone | reported | claimant | accused | area (km²) | on claimant's side (km²) | max depth (km) | border inside (km) |"
            );
            let _ = writeln!(s, "|---|---|---|---|---:|---:|---:|---:|");
            for r in &self.incursions {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} |",
                    r.zone.id(),
                    r.zone.reported().unwrap_or("-"),
                    r.zone.claimant(),
                    r.zone.accused(),
                    km2(r.area_m2),
                    km2(r.incursion_area_m2),
                    km(r.max_depth_m),
                    km(r.border_length_m)
                );
            }
            for z in self.zone_errors.iter().filter(|z| z.other.is_none()) {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | not analysed: {} | | | |",
                    z.zone.id(),
                    z.zone.reported().unwrap_or("-"),
                    z.zone.claimant(),
                    z.zone.accused(),
                    z.error.to_string().replace('|', "\\|")
                );
            }
        }
        let _ = writeln!(s, "\n## Overlapping zones\n");
        let failed_pairs: Vec<_> = self
            .zone_errors
            .iter()
            .filter_map(|z| Some((z.zone.id(), z.other.as_ref()?.id(), &z.error)))
            .collect();
        if self.overlaps.is_empty() && failed_pairs.is_empty() {
            let _ = writeln!(s, "No two zones overlap.");
        } else {
            let _ = writeln!(s, "| zone | zone | overlap (km²) |\n|---|---|---:|");
            for o in &self.overlaps {
                let _ = writeln!(s, "| {} | {} | {:.3} |", o.a.id(), o.b.id(), km2(o.area_m2));
            }
            for (a, b, e) in failed_pairs {
                let msg = e.to_string().replace('|', "\\|");
                let _ = writeln!(s, "| {a} | {b} | not computed: {msg} |");
            }
        }
        let _ = writeln!(s, "\n## Outposts\n");
        if self.outposts.is_empty() {
            let _ = writeln!(s, "None in the dataset.");
        } else {
            let _ = writeln!(
                s,
                "| outpost | operator | status | range (km) | to border (km) | side |\n|---|---|---|---:|---:|---|"
            );
            for o in &self.outposts {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {:.3} | {} |",
                    o.outpost.id(),
                    o.outpost.operator(),
                    o.outpost.status(),
                    o.outpost
                        .range_m()
                        .map_or_else(|| "-".to_owned(), |r| format!("{:.3}", km(r))),
                    km(o.distance_to_border_m),
                    o.side.map_or("on the border / none", |p| p.as_str())
                );
            }
        }
        let _ = writeln!(s, "\n## Coverage\n");
        match &self.coverage {
            Some(c) => {
                let _ = writeln!(
                    s,
                    "{:.1}% of {:.3} km of border is within range of an outpost; {} gap(s).\n",
                    c.covered_fraction * 100.0,
                    km(c.total_m),
                    c.gaps.len()
                );
                if !c.gaps.is_empty() {
                    let _ = writeln!(
                        s,
                        "| segment | from (km) | to (km) | gap (km) |\n|---|---:|---:|---:|"
                    );
                    for g in &c.gaps {
                        let _ = writeln!(
                            s,
                            "| {} | {:.3} | {:.3} | {:.3} |",
                            g.segment.id(),
                            km(g.from_m),
                            km(g.to_m),
                            km(g.length_m)
                        );
                    }
                }
            }
            None => {
                let _ = writeln!(s, "Not computed (see notes).");
            }
        }
        let _ = writeln!(s, "\n## Claims\n");
        if self.claims.is_empty() {
            let _ = writeln!(s, "No segment has claim lines by two parties.");
        } else {
            let _ = writeln!(
                s,
                "| segment | claims | area between (km²) | largest divergence (km) | at (lon, lat) |\n|---|---|---:|---:|---|"
            );
            for c in &self.claims {
                let _ = writeln!(
                    s,
                    "| {} | {} vs {} | {:.3} | {:.3} | {:.5}, {:.5} |",
                    c.segment.id(),
                    c.a.claimant(),
                    c.b.claimant(),
                    km2(c.area_m2),
                    km(c.hausdorff_m()),
                    c.hausdorff.from.x,
                    c.hausdorff.from.y
                );
            }
        }
        if !self.notes.is_empty() {
            let _ = writeln!(s, "\n## Notes\n");
            for n in &self.notes {
                let _ = writeln!(s, "- {n}");
            }
        }
        s
    }
}
