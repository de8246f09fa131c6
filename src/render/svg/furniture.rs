//! Map furniture: scale bar, north arrow, frame, title and attribution.

use std::fmt::Write as _;

use super::{Painter, esc, nice_length, wrap};
use crate::geodesy::destination;
use crate::render::{Layer, style};

impl Painter<'_> {
    pub(super) fn scale_bar(&mut self) {
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

    pub(super) fn north_arrow(&mut self) {
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

    pub(super) fn title_text(&self) -> Option<String> {
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

    pub(super) fn attribution_text(&self) -> Option<String> {
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
    pub(super) fn frame_title_and_attribution(&mut self) {
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
}
