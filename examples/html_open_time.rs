//! How long an interactive map takes to open and to zoom in headless
//! Chromium (Debian's `chromium`, run with the browser tests' flags).
//!
//! ```sh
//! cargo run --release --example html_open_time -- MAP.html [RUNS]
//! ```
//!
//! prints the page's size and the medians over RUNS (default 5) fresh page
//! loads of: the time from navigation to the load event (parsing the page,
//! laying out and drawing the SVG, running the script), the time the
//! page's script reports it finished (`performance.now()` at its end), and
//! the time from a wheel turn to the second animation frame after it (the
//! zoomed map drawn).

#[path = "../tests/support/cdp.rs"]
mod cdp;

use std::time::{Duration, Instant};

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str = "usage: html_open_time MAP.html [RUNS]";
    let mut args = std::env::args().skip(1);
    let page = std::path::PathBuf::from(args.next().ok_or(USAGE)?);
    let runs: usize = args.next().map_or(Ok(5), |s| s.parse())?;
    // Optional: a JavaScript statement run before the zoom (to try what costs).
    let setup = args.next();
    let page = std::fs::canonicalize(&page)?;
    let size = std::fs::metadata(&page)?.len();
    let exe = cdp::find_chromium().ok_or("chromium is not installed")?;
    let url = format!("file://{}", page.display());
    let (w, h) = (1400, 950);
    let mut b = cdp::Browser::launch(&exe, w, h)?;
    let (mut load, mut ready, mut zoom) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let s = b.open(&url, w, h)?;
        load.push(t.elapsed().as_secs_f64() * 1e3);
        let r = b.eval(&s, "Number(document.body.getAttribute('data-ready'))")?;
        ready.push(r.as_f64().unwrap_or(f64::NAN));
        if let Some(js) = &setup {
            b.eval(&s, js)?;
        }
        let z = b.eval(
            &s,
            "(async () => { const svg = document.getElementById('map'); const r = svg.getBoundingClientRect(); \
             const t0 = performance.now(); \
             svg.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, clientX: r.left + r.width * 0.35, clientY: r.top + r.height * 0.5, bubbles: true, cancelable: true})); \
             await new Promise(f => requestAnimationFrame(() => requestAnimationFrame(f))); \
             return performance.now() - t0; })()",
        )?;
        zoom.push(z.as_f64().unwrap_or(f64::NAN));
        let errors = b.errors();
        if !errors.is_empty() {
            return Err(format!("the page reported errors: {errors:?}").into());
        }
        b.close_pages()?;
        b.events.clear();
        std::thread::sleep(Duration::from_millis(200));
    }
    println!(
        "{}: {:.2} MB; median of {} runs: load event {:.0} ms, script done at {:.0} ms, wheel zoom drawn in {:.0} ms",
        page.display(),
        size as f64 / 1e6,
        load.len(),
        median(&mut load),
        median(&mut ready),
        median(&mut zoom)
    );
    Ok(())
}
