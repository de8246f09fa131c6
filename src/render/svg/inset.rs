//! The detail map (inset) in the legend panel.

use std::fmt::Write as _;

use super::{Analyses, Painter, esc, id_str, wrap};
use crate::render::{Layer, RenderOptions, map_frame, style};

impl Painter<'_> {
    /// A detail map of the inset feature in the legend panel, between `top`
    /// and `bottom`, `width` pixels wide at `x`; returns the new bottom of the
    /// legend's content (`top` when there is no room: less than 120 px).
    pub(super) fn inset(
        &mut self,
        a: &Analyses<'_>,
        x: f64,
        top: f64,
        width: f64,
        bottom: f64,
    ) -> f64 {
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
            extent: crate::render::Extent::Feature {
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
