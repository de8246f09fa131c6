//! The interactive HTML map in a real browser: Debian's headless `chromium`,
//! driven over the DevTools protocol (`tests/support/cdp.rs`).
//!
//! Without chromium the tests print that they skipped and pass, unless the
//! `CI` environment variable is set: then they fail.

use std::path::{Path, PathBuf};

use demarcate::analysis::ReportOptions;
use demarcate::render::{MapPoint, RenderOptions, render_html};
use demarcate::{BorderMap, BufferOptions, FeatureId, MedianOptions, Party};
use geo_types::coord;
use serde_json::{Value, json};

use crate::common::{hand_path, seed_path};
#[path = "support/cdp.rs"]
mod cdp;
use cdp::Browser;

const W: u32 = 1400;
const H: u32 = 950;

fn chromium() -> Option<PathBuf> {
    match cdp::find_chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some() => {
            panic!("chromium is not installed, and CI is set: the browser tests must run")
        }
        None => {
            eprintln!("browser test skipped: chromium is not installed (apt-get install chromium)");
            None
        }
    }
}

/// Writes the page to a fresh temporary file and returns its `file://` URL.
fn write_page(name: &str, html: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("demarcate-browser-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, html).unwrap();
    let url = format!("file://{}", path.display());
    (path, url)
}

fn js(b: &mut Browser, s: &str, expr: &str) -> Value {
    b.eval(s, expr).unwrap_or_else(|e| panic!("{e}"))
}

/// Waits two animation frames (the page applies pan and zoom once per frame).
fn settle(b: &mut Browser, s: &str) {
    js(
        b,
        s,
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
    );
}

fn no_errors_and_offline(b: &Browser, page: &Path) {
    let errors = b.errors();
    assert!(errors.is_empty(), "{}: {errors:#?}", page.display());
    let url = format!("file://{}", page.display());
    let foreign: Vec<String> = b.requests().into_iter().filter(|u| *u != url).collect();
    assert!(
        foreign.is_empty(),
        "{}: the page fetched {foreign:?}",
        page.display()
    );
}

/// Ids of `map`'s features the page has no element for (by `data-id`).
fn missing_ids(b: &mut Browser, s: &str, map: &BorderMap) -> Vec<Value> {
    let ids: Vec<String> = map
        .features()
        .iter()
        .filter_map(|f| f.id.as_ref().map(|id| id.to_string()))
        .collect();
    assert!(!ids.is_empty());
    let expr = format!(
        "{}.filter(id => !document.querySelector('[data-id=\"' + CSS.escape(id) + '\"]'))",
        json!(ids)
    );
    js(b, s, &expr).as_array().cloned().unwrap_or_default()
}

/// A point in CSS pixels where the element with this id is the topmost
/// thing the mouse hits.
fn point_on(b: &mut Browser, s: &str, id: &str) -> (f64, f64) {
    let expr = format!(
        r#"(() => {{
            const el = document.getElementById({id});
            const r = el.getBoundingClientRect();
            for (let i = 1; i < 24; i++) for (let j = 1; j < 24; j++) {{
                const x = r.left + r.width * i / 24, y = r.top + r.height * j / 24;
                if (document.elementFromPoint(x, y) === el) return [x, y];
            }}
            return null;
        }})()"#,
        id = json!(id)
    );
    screen_xy(js(b, s, &expr), || format!("no visible point of {id}"))
}

/// The `[x, y]` a point finder returned, or a panic saying what is missing.
fn screen_xy(v: Value, missing: impl Fn() -> String) -> (f64, f64) {
    match v.as_array().map(|a| (a[0].as_f64(), a[1].as_f64())) {
        Some((Some(x), Some(y))) => (x, y),
        _ => panic!("{}", missing()),
    }
}

/// A point in CSS pixels on the stroke of the path with this id (thin lines:
/// sampled along the path) where it is the topmost thing the mouse hits.
fn point_on_path(b: &mut Browser, s: &str, id: &str) -> (f64, f64) {
    let expr = format!(
        r#"(() => {{
            const el = document.getElementById({id});
            const len = el.getTotalLength(), m = el.getScreenCTM();
            for (let i = 1; i < 400; i++) {{
                const p = el.getPointAtLength(len * i / 400).matrixTransform(m);
                if (document.elementFromPoint(p.x, p.y) === el) return [p.x, p.y];
            }}
            return null;
        }})()"#,
        id = json!(id)
    );
    screen_xy(js(b, s, &expr), || format!("no visible point on {id}"))
}

/// A point in CSS pixels inside the map's frame where the element with this
/// id (a large area, mostly outside the view) is the topmost thing hit.
fn point_in_view(b: &mut Browser, s: &str, id: &str) -> (f64, f64) {
    let expr = format!(
        r#"(() => {{
            const el = document.getElementById({id});
            const r = document.getElementById('map').getBoundingClientRect();
            for (let i = 1; i < 120; i++) for (let j = 1; j < 80; j++) {{
                const x = r.left + r.width * i / 120, y = r.top + r.height * j / 80;
                if (document.elementFromPoint(x, y) === el) return [x, y];
            }}
            return null;
        }})()"#,
        id = json!(id)
    );
    screen_xy(js(b, s, &expr), || format!("no visible point of {id}"))
}

fn popup_text(b: &mut Browser, s: &str) -> String {
    js(
        b,
        s,
        "document.getElementById('popup').hidden ? '' : document.getElementById('popup-title').textContent + '\\n' + document.getElementById('popup-rows').innerText",
    )
    .as_str()
    .unwrap_or("")
    .to_owned()
}

/// Distinct colours of a PNG screenshot.
fn distinct_colours(png_bytes: &[u8]) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    let mut colours: Vec<u32> = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| u32::from_be_bytes([p[0], p[1], p[2], 0]))
        .collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

#[test]
fn the_bundled_map_works_in_chromium() {
    let Some(exe) = chromium() else { return };
    let map = BorderMap::from_path(seed_path()).unwrap();
    let report = map.report(&ReportOptions::new()).unwrap();
    let points = [
        MapPoint::new("Yeraskh", coord! { x: 44.7836, y: 39.7194 }),
        MapPoint::new("Sotk", coord! { x: 45.95, y: 40.2 }),
    ];
    let html = render_html(&map, &RenderOptions::new(), &points).unwrap();
    assert!(html.len() < 2_000_000, "{} bytes", html.len());
    let (page, url) = write_page("seed.html", &html);

    let mut b = Browser::launch(&exe, W, H).unwrap();
    let s = b.open(&url, W, H).unwrap();
    let s = s.as_str();
    let ready = js(&mut b, s, "document.body.getAttribute('data-ready')");
    assert!(
        ready.is_string(),
        "the page's script did not finish: {ready}"
    );

    // Every feature with an id has its element in the moving part of the map.
    let missing = missing_ids(&mut b, s, &map);
    assert!(missing.is_empty(), "no element for {missing:?}");
    // And the points, with their answers.
    let n = js(
        &mut b,
        s,
        "document.querySelectorAll('g.points [data-point]').length",
    );
    assert_eq!(n, json!(points.len()));

    // Clicking a zone shows its area as the report gives it.
    for r in &report.incursions {
        let id = r.zone.id().to_string();
        let (x, y) = point_on(&mut b, s, &id);
        b.click(s, x, y).unwrap();
        let text = popup_text(&mut b, s);
        let area = format!("{:.3} km²", r.area_m2 / 1e6);
        let side = format!("{:.3} km²", r.incursion_area_m2 / 1e6);
        let depth = format!("{:.3} km", r.max_depth_m / 1e3);
        assert!(text.starts_with(&id), "popup after clicking {id}: {text}");
        for want in [&area, &side, &depth] {
            assert!(text.contains(want.as_str()), "{id}: no {want} in {text}");
        }
    }
    // Clicking an outpost shows its distance to the border as the report has it.
    let post = &report.outposts[0];
    let id = post.outpost.id().to_string();
    let (x, y) = point_on(&mut b, s, &id);
    b.click(s, x, y).unwrap();
    let text = popup_text(&mut b, s);
    let want = format!("{:.3} km", post.distance_to_border_m / 1e3);
    assert!(
        text.starts_with(&id) && text.contains(&want),
        "{id}: {text}"
    );

    // Toggling a layer hides it, and toggling it back shows it.
    let visible = "(() => { const r = document.querySelector('g.ranges path').getBoundingClientRect(); return r.width > 0 && r.height > 0; })()";
    assert_eq!(js(&mut b, s, visible), json!(true));
    let toggle = js(
        &mut b,
        s,
        "(() => { const r = document.getElementById('toggle-ranges').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    let (tx, ty) = (toggle[0].as_f64().unwrap(), toggle[1].as_f64().unwrap());
    b.click(s, tx, ty).unwrap();
    assert_eq!(
        js(
            &mut b,
            s,
            "getComputedStyle(document.querySelector('g.ranges')).display"
        ),
        json!("none")
    );
    assert_eq!(js(&mut b, s, visible), json!(false));
    b.click(s, tx, ty).unwrap();
    assert_eq!(js(&mut b, s, visible), json!(true));

    // The wheel zooms in around the cursor; the scale bar follows.
    let bar_m = "Number(document.getElementById('scale-bar').getAttribute('data-length-m'))";
    let bar_before = js(&mut b, s, bar_m).as_f64().unwrap();
    b.wheel(s, 500.0, 450.0, -600.0).unwrap();
    settle(&mut b, s);
    let k = js(
        &mut b,
        s,
        "document.getElementById('viewport').transform.baseVal.consolidate().matrix.a",
    )
    .as_f64()
    .unwrap();
    assert!(k > 1.5, "zoom factor after the wheel: {k}");
    let bar_after = js(&mut b, s, bar_m).as_f64().unwrap();
    assert!(bar_after < bar_before, "{bar_before} m → {bar_after} m");
    // Its length still matches the map: length × px/m × zoom = drawn width.
    let check = js(
        &mut b,
        s,
        "(() => { const bar = document.getElementById('scale-bar'); const r = bar.querySelectorAll('rect'); let w = 0; for (let i = 1; i < 5; i++) w += Number(r[i].getAttribute('width')); return w; })()",
    )
    .as_f64()
    .unwrap();
    let ppm: f64 = html
        .split("data-px-per-m=\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .and_then(|t| t.parse().ok())
        .unwrap();
    assert!(
        (check - bar_after * ppm * k).abs() < 1e-6 * check,
        "{check} px for {bar_after} m"
    );

    // A drag pans by as much as the mouse moved, and opens no popup.
    let translate = "(() => { const m = document.getElementById('viewport').transform.baseVal.consolidate().matrix; return [m.e, m.f]; })()";
    let before = js(&mut b, s, translate);
    js(&mut b, s, "document.getElementById('popup').hidden = true");
    for (kind, x, y, buttons) in [
        ("mousePressed", 400.0, 400.0, 1),
        ("mouseMoved", 450.0, 420.0, 1),
        ("mouseMoved", 520.0, 460.0, 1),
        ("mouseReleased", 520.0, 460.0, 0),
    ] {
        b.call(
            Some(s),
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": x, "y": y, "button": "left", "buttons": buttons, "clickCount": 1}),
        )
        .unwrap();
    }
    settle(&mut b, s);
    let after = js(&mut b, s, translate);
    let screen_per_user = js(&mut b, s, "document.getElementById('map').getScreenCTM().a")
        .as_f64()
        .unwrap();
    let moved_x = (after[0].as_f64().unwrap() - before[0].as_f64().unwrap()) * screen_per_user;
    let moved_y = (after[1].as_f64().unwrap() - before[1].as_f64().unwrap()) * screen_per_user;
    assert!(
        (moved_x - 120.0).abs() < 0.5 && (moved_y - 60.0).abs() < 0.5,
        "panned by {moved_x}, {moved_y} px"
    );
    assert_eq!(popup_text(&mut b, s), "");

    // Zoomed far in, big paths are redrawn with what the view needs only.
    let d_len = "document.getElementById('territory-ARM').getAttribute('d').length";
    let whole = js(&mut b, s, d_len).as_f64().unwrap();
    for _ in 0..4 {
        b.wheel(s, 500.0, 450.0, -800.0).unwrap();
    }
    js(
        &mut b,
        s,
        "new Promise(r => setTimeout(() => r(true), 400))",
    );
    let k = js(
        &mut b,
        s,
        "document.getElementById('viewport').transform.baseVal.consolidate().matrix.a",
    )
    .as_f64()
    .unwrap();
    let zoomed = js(&mut b, s, d_len).as_f64().unwrap();
    assert!(k > 20.0, "zoom {k}");
    assert!(
        zoomed < whole,
        "{zoomed} characters of path at zoom {k}, {whole} for the whole map"
    );

    // Search by name zooms to the feature and shows it.
    js(
        &mut b,
        s,
        "(() => { const i = document.getElementById('search'); i.value = 'Yeraskh (Ararat), Nakhchivan border'; i.dispatchEvent(new Event('change')); return true; })()",
    );
    settle(&mut b, s);
    let text = popup_text(&mut b, s);
    assert!(text.starts_with("zone-04"), "{text}");
    let inside = js(
        &mut b,
        s,
        "(() => { const r = document.getElementById('zone-04').getBoundingClientRect(); return r.width > 100 && r.left > 0 && r.right < innerWidth; })()",
    );
    assert_eq!(inside, json!(true), "zone-04 is not zoomed to");
    // A point by its id, with its answer.
    js(
        &mut b,
        s,
        "(() => { const i = document.getElementById('search'); i.value = 'Yeraskh'; i.dispatchEvent(new Event('change')); return true; })()",
    );
    let text = popup_text(&mut b, s);
    let d = map.distance_to_border(points[0].coord).unwrap();
    let want = format!("{:.3} km", d.distance_m / 1e3);
    assert!(
        text.starts_with("point Yeraskh") && text.contains(&want) && text.contains("ARM"),
        "{text}"
    );

    // A screenshot of the whole map is not blank.
    js(
        &mut b,
        s,
        "(() => { document.getElementById('reset').click(); document.getElementById('popup').hidden = true; return true; })()",
    );
    settle(&mut b, s);
    let shot = b.screenshot(s).unwrap();
    let colours = distinct_colours(&shot);
    assert!(colours > 200, "{colours} colours in the screenshot");
    no_errors_and_offline(&b, &page);
    drop(b);
    let _ = std::fs::remove_file(&page);
}

/// Other valid datasets open cleanly too: the hand-checkable one, Lake
/// Malawi (three parties' shores and their median lines), and the
/// degenerate corpus (a map without zones, one without outposts, ...).
#[test]
fn every_valid_dataset_opens_without_errors() {
    let Some(exe) = chromium() else { return };
    let mut paths = vec![hand_path(), crate::common::root("data/lake-malawi.geojson")];
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut more: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "geojson"))
        .collect();
    more.sort();
    paths.extend(more);
    let mut b = Browser::launch(&exe, W, H).unwrap();
    let mut opened = 0;
    for path in paths {
        let Ok(map) = BorderMap::from_path(&path) else {
            continue;
        };
        let Ok(html) = render_html(
            &map,
            &RenderOptions::new(),
            &[MapPoint::new("p", coord! { x: 10.5, y: 0.2 })],
        ) else {
            continue;
        };
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".geojson", ".html");
        let (page, url) = write_page(&name, &html);
        b.events.clear();
        let s = b.open(&url, W, H).unwrap();
        let ready = js(&mut b, &s, "document.body.getAttribute('data-ready')");
        assert!(
            ready.is_string(),
            "{}: script did not finish",
            path.display()
        );
        if map.features().iter().any(|f| f.id.is_some()) {
            let missing = missing_ids(&mut b, &s, &map);
            assert!(
                missing.is_empty(),
                "{}: no element for {missing:?}",
                path.display()
            );
        }
        no_errors_and_offline(&b, &page);
        b.close_pages().unwrap();
        let _ = std::fs::remove_file(&page);
        opened += 1;
    }
    assert!(opened >= 6, "only {opened} datasets rendered");
}

/// Median lines, their turning points and buffer strips have popups with
/// their figures: parties, length, residual; distance and controls; side
/// and area.
#[test]
fn median_lines_turning_points_and_strips_have_popups() {
    let Some(exe) = chromium() else { return };
    let seed = BorderMap::from_path(seed_path()).unwrap();
    let strip = seed
        .buffer(
            &BufferOptions::new(5000.0)
                .side(Party::new("ARM"))
                .segments([FeatureId::from("seg-07"), FeatureId::from("seg-08")]),
        )
        .unwrap();
    let feature = strip.to_feature(FeatureId::from("strip-5km-ARM"));
    let mut data: Value =
        serde_json::from_str(&std::fs::read_to_string(seed_path()).unwrap()).unwrap();
    data["features"].as_array_mut().unwrap().push(json!({
        "type": "Feature",
        "id": "strip-5km-ARM",
        "properties": feature.properties,
        "geometry": geojson::Geometry::from(feature.geometry.as_ref().unwrap()),
    }));
    let map = BorderMap::from_geojson_str(&data.to_string()).unwrap();
    // The map draws the median line at 0.1 m: the same line, the same figures.
    let median = map
        .median_line(
            &Party::new("ARM"),
            &Party::new("AZE"),
            &MedianOptions::new().tolerance_m(0.1),
        )
        .unwrap();
    let options = RenderOptions::new().extent_feature("shore-sev-lich-ARM", 1500.0);
    let html = render_html(&map, &options, &[]).unwrap();
    let (page, url) = write_page("delimitation.html", &html);
    let mut b = Browser::launch(&exe, W, H).unwrap();
    let s = b.open(&url, W, H).unwrap();
    let s = s.as_str();
    assert!(js(&mut b, s, "document.body.getAttribute('data-ready')").is_string());

    let (x, y) = point_on_path(&mut b, s, "median-ARM-AZE");
    b.click(s, x, y).unwrap();
    let text = popup_text(&mut b, s);
    assert!(text.starts_with("median-ARM-AZE"), "{text}");
    for want in [
        "ARM (left), AZE (right)".to_owned(),
        format!("{:.3} km ({:.1} m)", median.length_m / 1e3, median.length_m),
        format!("{:.1e} m", median.max_residual_m),
        format!("turning points\t{}", median.turning_points.len()),
    ] {
        assert!(text.contains(&want), "no {want} in {text}");
    }

    // The turning point farthest from the others (close ones overlap on screen).
    let gap = |k: usize| {
        median
            .turning_points
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != k)
            .map(|(_, t)| demarcate::geodesy::distance_m(t.point, median.turning_points[k].point))
            .fold(f64::INFINITY, f64::min)
    };
    let k = (0..median.turning_points.len())
        .max_by(|&a, &b| gap(a).total_cmp(&gap(b)))
        .unwrap();
    let tp = &median.turning_points[k];
    let (x, y) = point_on(&mut b, s, &format!("median-ARM-AZE-tp-{}", k + 1));
    b.click(s, x, y).unwrap();
    let text = popup_text(&mut b, s);
    assert!(
        text.starts_with(&format!(
            "turning point {} of the median line ARM|AZE",
            k + 1
        )),
        "{text}"
    );
    let distance = format!("{:.3} km ({:.1} m)", tp.distance_m / 1e3, tp.distance_m);
    assert!(text.contains(&distance), "no {distance} in {text}");
    assert!(text.contains(&format!("{:.1e} m", tp.residual_m)), "{text}");
    assert!(
        text.contains(&format!("{:.2}", tp.condition_number)),
        "{text}"
    );
    // one row per control, naming the shore feature and its element
    for (k, c) in tp.controls.iter().enumerate() {
        let row = format!("control {}\t{} {}", k + 1, c.party, c.id.as_ref().unwrap());
        assert!(text.contains(&row), "no {row} in {text}");
    }

    // The diamond keeps its size on screen when the map zooms.
    let size = format!(
        "document.getElementById('median-ARM-AZE-tp-{}').getBoundingClientRect().width",
        k + 1
    );
    let before = js(&mut b, s, &size).as_f64().unwrap();
    b.wheel(s, x, y, -600.0).unwrap();
    settle(&mut b, s);
    let after = js(&mut b, s, &size).as_f64().unwrap();
    assert!(
        before > 2.0 && (after - before).abs() < 0.5,
        "turning point drawn {before} px wide, {after} px after zooming in"
    );
    js(&mut b, s, "document.getElementById('reset').click()");
    settle(&mut b, s);

    let (x, y) = point_in_view(&mut b, s, "strip-5km-ARM");
    b.click(s, x, y).unwrap();
    let text = popup_text(&mut b, s);
    assert!(text.starts_with("strip-5km-ARM"), "{text}");
    let strip_area = format!("{:.3} km²", strip.area_m2 / 1e6);
    for want in [
        "buffer zone",
        "side\tARM",
        "segments\tseg-07, seg-08",
        "5.000 km (5000.0 m)",
        &strip_area,
    ] {
        assert!(text.contains(want), "no {want} in {text}");
    }
    no_errors_and_offline(&b, &page);
    drop(b);
    let _ = std::fs::remove_file(&page);
}
