//! Draws the bundled seed dataset and its analysis as a map: writes
//! `docs/map.svg` and `docs/map.png` (1600 × 1200 pixels).
//!
//! ```sh
//! cargo run --release --example render
//! ```

use demarcate::BorderMap;
use demarcate::render::{RenderOptions, map_frame, render_png, render_svg};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = BorderMap::from_path(root.join("data/armenia-azerbaijan-2021.geojson"))?;
    let options = RenderOptions::new()
        .size(1600, 1200)
        .title("Armenia–Azerbaijan border, late July 2021")
        // A detail of Sev Lich / Black Lake: both reports and their overlap.
        .inset("zone-02", 2_500.0);
    let frame = map_frame(&map, &options)?;
    let svg = render_svg(&map, &options)?;
    let png = render_png(&map, &options)?;
    std::fs::create_dir_all(root.join("docs"))?;
    std::fs::write(root.join("docs/map.svg"), &svg)?;
    std::fs::write(root.join("docs/map.png"), &png)?;
    let c = frame.projection.centre();
    println!(
        "docs/map.svg ({} bytes), docs/map.png ({} bytes): centre {:.4} E {:.4} N, {:.1} m per pixel, largest scale error {:.4} %",
        svg.len(),
        png.len(),
        c.x,
        c.y,
        frame.metres_per_pixel(),
        frame.max_scale_error() * 100.0
    );
    Ok(())
}
