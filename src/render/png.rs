//! PNG output through resvg, with the embedded DejaVu Sans fonts.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg;

use super::{RenderOptions, render_svg};
use crate::error::{Error, Result};
use crate::model::BorderMap;

/// The font database: DejaVu Sans regular and bold from the `dejavu` crate,
/// as the default and `sans-serif` family. No system font is read.
fn fonts() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises an SVG document to PNG bytes of `width × height` pixels.
pub(crate) fn rasterize(svg: &str, width: u32, height: u32) -> Result<Vec<u8>> {
    let fail = |reason: String| Error::Render {
        width,
        height,
        reason,
    };
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| fail("cannot allocate the image".to_owned()))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| fail(e.to_string()))
}

/// Renders the map as a PNG image (RGBA, the size of the options).
///
/// Text is drawn with the DejaVu Sans fonts embedded in the library, so no
/// system font is needed.
///
/// # Errors
///
/// As [`super::render_svg`], and [`Error::Render`] when the rasteriser fails.
///
/// ```
/// use demarcate::BorderMap;
/// use demarcate::render::{RenderOptions, render_png};
/// let map = BorderMap::from_path("data/hand-checkable.geojson")?;
/// let png = render_png(&map, &RenderOptions::new().size(320, 240))?;
/// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
/// # Ok::<(), demarcate::Error>(())
/// ```
pub fn render_png(map: &BorderMap, options: &RenderOptions) -> Result<Vec<u8>> {
    let svg = render_svg(map, options)?;
    rasterize(&svg, options.width, options.height)
}
