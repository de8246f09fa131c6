//! Maps: the SVG names every drawn feature, layers switch elements on and
//! off, extents work, and the PNG puts the border where the projection,
//! worked out by hand, says it is.

use demarcate::render::{Layer, RenderOptions, map_frame, render_png, render_svg};
use demarcate::{BorderMap, Error, FeatureId};

use crate::common::{geodesic_m, hand_path, seed_path};

/// Half the equator's length per degree: a · π / 360 (a = 6 378 137 m).
const HALF_DEGREE_EQUATOR_M: f64 = 6_378_137.0 * std::f64::consts::PI / 360.0;

fn hand() -> BorderMap {
    BorderMap::from_path(hand_path()).unwrap()
}

fn seed() -> BorderMap {
    BorderMap::from_path(seed_path()).unwrap()
}

/// Elements by `data-kind`, as (`id`, `data-id`) pairs.
fn elements_of_kind(svg: &str, kind: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.attribute("data-kind") == Some(kind))
        .map(|n| {
            (
                n.attribute("id").unwrap_or("").to_owned(),
                n.attribute("data-id").unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn has_id(svg: &str, id: &str) -> bool {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants().any(|n| n.attribute("id") == Some(id))
}

/// Every segment, outpost, zone and territory has exactly one element whose
/// `id` and `data-id` are its id, of its kind.
fn assert_every_feature_drawn(map: &BorderMap, svg: &str) {
    let check = |kind: &str, ids: Vec<String>| {
        let found = elements_of_kind(svg, kind);
        assert_eq!(found.len(), ids.len(), "{kind}: {found:?}");
        for id in ids {
            let n = found.iter().filter(|(a, b)| *a == id && *b == id).count();
            assert_eq!(n, 1, "{kind} {id} drawn {n} times");
        }
    };
    check(
        "border_segment",
        map.segments().map(|s| s.id().to_string()).collect(),
    );
    check(
        "outpost",
        map.outposts().map(|o| o.id().to_string()).collect(),
    );
    check(
        "incursion_zone",
        map.incursion_zones().map(|z| z.id().to_string()).collect(),
    );
    check(
        "territory",
        map.territories()
            .map(|t| t.id().expect("territories have ids here").to_string())
            .collect(),
    );
    check(
        "claim_line",
        map.claim_lines()
            .map(|c| c.id().expect("claim lines have ids here").to_string())
            .collect(),
    );
    // One range circle per outpost, carrying the outpost's id.
    let ranges = elements_of_kind(svg, "range");
    assert_eq!(ranges.len(), map.outposts().len());
    for o in map.outposts() {
        assert!(
            has_id(svg, &format!("range-{}", o.id())),
            "range of {}",
            o.id()
        );
    }
}

#[test]
fn hand_svg_names_every_feature_and_analysis_result() {
    let map = hand();
    let svg = render_svg(&map, &RenderOptions::new().size(900, 700)).unwrap();
    assert_every_feature_drawn(&map, &svg);
    assert_eq!(map.segments().len(), 2);
    assert_eq!(map.outposts().len(), 3);
    // data/README.md: four coverage gaps, one overlap (zone-1 ∩ zone-2),
    // one pair of diverging claims on seg-a.
    let cov = map.coverage(None).unwrap();
    assert_eq!(elements_of_kind(&svg, "coverage_gap").len(), cov.gaps.len());
    assert_eq!(cov.gaps.len(), 4);
    assert!(has_id(&svg, "overlap-zone-1-zone-2"));
    assert!(has_id(&svg, "between-seg-a-0"));
    assert!(has_id(&svg, "claimant-side-zone-1"));
    assert!(has_id(&svg, "label-zone-1"));
    // The zone's label carries its geodesic area in km² (0.2° × 0.2° on the
    // equator, about 492 km²).
    let area_km2: f64 = map
        .incursion_zones()
        .next()
        .unwrap()
        .polygons()
        .iter()
        .map(demarcate::geodesy::geodesic_area_m2)
        .sum::<f64>()
        / 1e6;
    assert!(svg.contains(&format!("{area_km2:.0} km²")), "{area_km2}");
    // Title (the collection's name) and attribution (its member) are there.
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title_of = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .and_then(|g| g.children().find(|c| c.has_tag_name("title")))
            .and_then(|t| t.text())
            .map(str::to_owned)
    };
    let name = map.collection_members()["name"].as_str().unwrap();
    let attribution = map.collection_members()["attribution"].as_str().unwrap();
    assert_eq!(title_of("title").as_deref(), Some(name));
    assert_eq!(title_of("attribution").as_deref(), Some(attribution));
}

#[test]
fn seed_svg_names_every_feature_and_analysis_result() {
    let map = seed();
    let svg = render_svg(&map, &RenderOptions::new()).unwrap();
    assert_every_feature_drawn(&map, &svg);
    assert_eq!(map.segments().len(), 17);
    assert_eq!(map.outposts().len(), 47);
    assert_eq!(map.incursion_zones().len(), 4);
    // data/README.md: seg-15 and seg-16 are left uncovered.
    let gaps = elements_of_kind(&svg, "coverage_gap");
    assert_eq!(gaps.len(), map.coverage(None).unwrap().gaps.len());
    assert!(has_id(&svg, "gap-seg-15-0") && has_id(&svg, "gap-seg-16-0"));
    assert!(has_id(&svg, "overlap-zone-01-zone-02"));
    assert!(has_id(&svg, "between-seg-04-0") && has_id(&svg, "between-seg-07-0"));
    assert!(svg.contains("Natural Earth"), "attribution member shown");
}

/// Which element tells that a layer was drawn.
fn layer_marker(svg: &str, layer: Layer) -> bool {
    let kind = |k: &str| !elements_of_kind(svg, k).is_empty();
    match layer {
        Layer::Territories => kind("territory"),
        Layer::Claims => kind("claim_line") || kind("claims_between"),
        Layer::Segments => kind("border_segment"),
        Layer::CoverageGaps => kind("coverage_gap"),
        Layer::Ranges => kind("range"),
        Layer::Outposts => kind("outpost"),
        Layer::Zones => kind("incursion_zone") || kind("claimant_side"),
        Layer::Overlaps => kind("overlap"),
        Layer::Labels => {
            let doc = roxmltree::Document::parse(svg).unwrap();
            doc.descendants()
                .any(|n| n.attribute("id").is_some_and(|i| i.starts_with("label-")))
        }
        Layer::Legend => has_id(svg, "legend"),
        Layer::ScaleBar => has_id(svg, "scale-bar"),
        Layer::NorthArrow => has_id(svg, "north-arrow"),
        Layer::Attribution => has_id(svg, "attribution"),
        _ => unreachable!("a new layer needs a marker here"),
    }
}

#[test]
fn each_layer_switches_its_elements() {
    let map = hand();
    let all = render_svg(&map, &RenderOptions::new().size(800, 600)).unwrap();
    for layer in Layer::ALL {
        assert!(layer_marker(&all, layer), "{layer:?} drawn by default");
    }
    for layer in Layer::ALL {
        let svg = render_svg(&map, &RenderOptions::new().size(800, 600).without(layer)).unwrap();
        assert!(!layer_marker(&svg, layer), "{layer:?} off but drawn");
        for other in Layer::ALL.into_iter().filter(|l| *l != layer) {
            assert!(
                layer_marker(&svg, other),
                "{other:?} lost with {layer:?} off"
            );
        }
    }
    let only = render_svg(
        &map,
        &RenderOptions::new()
            .size(800, 600)
            .layers(&[Layer::Segments]),
    )
    .unwrap();
    for layer in Layer::ALL {
        assert_eq!(
            layer_marker(&only, layer),
            layer == Layer::Segments,
            "{layer:?}"
        );
    }
}

/// The hand dataset, the box 9.5–11.5° E × 1° S–1° N on 1000 × 1000 px,
/// segments only, no legend: the projection is centred on (10.5° E, 0°) at
/// pixel (500, 500); the box is widest on the equator (±1° of equator,
/// ±111 319.49 m; the meridians converge away from it) and, a degree of
/// meridian (110.6 km) being shorter than a degree of equator, the width
/// decides: 1000 px for 2 × 111 319.49 m, i.e. 250 px per half degree of
/// equator.
fn hand_frame_options() -> RenderOptions {
    RenderOptions::new()
        .size(1000, 1000)
        .extent_bbox(9.5, -1.0, 11.5, 1.0)
        .layers(&[Layer::Segments])
        .without_title()
}

#[test]
fn hand_projection_matches_the_hand_computation() {
    let map = hand();
    let frame = map_frame(&map, &hand_frame_options()).unwrap();
    let px_per_m = 1000.0 / (4.0 * HALF_DEGREE_EQUATOR_M);
    assert!(
        (frame.px_per_m - px_per_m).abs() < 1e-12,
        "{}",
        frame.px_per_m
    );
    let at = |lon: f64, lat: f64| frame.to_pixel(geo_types::coord! { x: lon, y: lat });
    let (x, y) = at(10.5, 0.0);
    assert!((x - 500.0).abs() < 1e-9 && (y - 500.0).abs() < 1e-9);
    let (x, y) = at(10.0, 0.0);
    assert!(
        (x - 250.0).abs() < 1e-6 && (y - 500.0).abs() < 1e-6,
        "{x} {y}"
    );
    let (x, y) = at(11.0, 0.0);
    assert!(
        (x - 750.0).abs() < 1e-6 && (y - 500.0).abs() < 1e-6,
        "{x} {y}"
    );
    // North along the central meridian: the meridian arc, exactly.
    let north = geodesic_m((10.5, 0.0), (10.5, 0.5));
    let (x, y) = at(10.5, 0.5);
    assert!((x - 500.0).abs() < 1e-9 && (y - (500.0 - north * px_per_m)).abs() < 1e-6);
    // The scale bar is drawn at the centre's scale.
    let svg = render_svg(&map, &hand_frame_options().with(Layer::ScaleBar)).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let bar = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("scale-bar"))
        .unwrap();
    let m: f64 = bar.attribute("data-length-m").unwrap().parse().unwrap();
    let px: f64 = bar.attribute("data-length-px").unwrap().parse().unwrap();
    // A fifth of the frame (200 px, 44.5 km) rounded down to 1, 2 or 5 × 10ⁿ.
    assert_eq!(m, 20_000.0);
    assert!((px - m * px_per_m).abs() < 0.01, "{px}");
}

fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgba);
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

fn pixel(img: &(u32, u32, Vec<u8>), x: u32, y: u32) -> [u8; 4] {
    let i = ((y * img.0 + x) * 4) as usize;
    [img.2[i], img.2[i + 1], img.2[i + 2], img.2[i + 3]]
}

#[test]
fn png_has_the_size_and_the_border_where_the_hand_computation_puts_it() {
    let map = hand();
    let img = decode(&render_png(&map, &hand_frame_options()).unwrap());
    assert_eq!((img.0, img.1), (1000, 1000));
    // The map background, far from any line.
    let bg = pixel(&img, 20, 20);
    assert_eq!(bg, pixel(&img, 500, 900));
    assert_eq!(bg, pixel(&img, 300, 300));
    // seg-a (disputed, red dashes on a white casing) along y = 500 from x =
    // 250 to 750; its middle, (10.5° E, 0°), is the centre pixel.
    for x in [250, 300, 400, 500, 600, 700, 750] {
        assert_ne!(pixel(&img, x, 500), bg, "seg-a at ({x}, 500)");
    }
    // Red dashes: within any 13 px along the line some pixel is red.
    for x0 in [260, 380, 500, 620] {
        let red = (x0..x0 + 13).any(|x| {
            let [r, g, b, _] = pixel(&img, x, 500);
            r > 150 && g < 90 && b < 90
        });
        assert!(red, "a red dash near ({x0}, 500)");
    }
    // seg-b (undefined, dotted) along lon 11°: at its vertices and half-way,
    // (11° E, 0.5° N) is 250 px east (less the meridians' convergence,
    // < 0.1 px) and the meridian arc north of the centre row.
    let north = geodesic_m((11.0, 0.0), (11.0, 0.5)) * 1000.0 / (4.0 * HALF_DEGREE_EQUATOR_M);
    let y_mid = (500.0 - north).round() as u32;
    assert_ne!(pixel(&img, 750, y_mid), bg, "seg-b at (750, {y_mid})");
    assert_ne!(pixel(&img, 750, 400), bg);
    // Beside seg-b, beyond the casing: background again.
    assert_eq!(pixel(&img, 760, y_mid), bg);
    assert_eq!(pixel(&img, 740, y_mid), bg);
    // Above seg-a's casing: background.
    assert_eq!(pixel(&img, 500, 510), bg);
    assert_eq!(pixel(&img, 500, 490), bg);
}

#[test]
fn png_text_renders_with_the_embedded_font() {
    let map = hand();
    let options = RenderOptions::new()
        .size(600, 200)
        .layers(&[])
        .title("MMMMMMMM WWWWWWWW");
    let img = decode(&render_png(&map, &options).unwrap());
    assert_eq!((img.0, img.1), (600, 200));
    // The title box sits at the top left; its glyphs are dark ink.
    let dark = (0..60)
        .flat_map(|y| (0..400).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let [r, g, b, _] = pixel(&img, x, y);
            u32::from(r) + u32::from(g) + u32::from(b) < 200
        })
        .count();
    assert!(dark > 300, "only {dark} dark pixels: no text drawn");
}

#[test]
fn extent_by_feature_id_and_errors() {
    let map = hand();
    let options = RenderOptions::new()
        .size(800, 800)
        .extent_feature("zone-1", 1_000.0)
        .without(Layer::Legend);
    let frame = map_frame(&map, &options).unwrap();
    let c = frame.projection.centre();
    assert!((c.x - 10.3).abs() < 1e-12 && c.y.abs() < 1e-12, "{c:?}");
    // zone-1 is 0.2° square about the centre: ±0.1° of equator (±11.13 km;
    // its corners at ±0.1° latitude are a few parts per million closer to the
    // central meridian) is wider than ±0.1° of meridian (±11.06 km), so with
    // the 1 km margin the width decides: 800 px for 2 × 12.13 km.
    let expected = 800.0 / (2.0 * (0.2 * HALF_DEGREE_EQUATOR_M + 1_000.0));
    assert!(
        (frame.px_per_m / expected - 1.0).abs() < 1e-5,
        "{}",
        frame.px_per_m
    );
    let svg = render_svg(&map, &options).unwrap();
    assert!(svg.contains(r#"data-centre-lon="10.3000000""#));

    let err = render_svg(&map, &RenderOptions::new().extent_feature("nope", 10.0)).unwrap_err();
    assert!(
        matches!(&err, Error::UnknownFeature { id, .. } if *id == FeatureId::from("nope")),
        "{err}"
    );
    assert!(render_png(&map, &RenderOptions::new().extent_feature("nope", 10.0)).is_err());
    for (w, h) in [(0, 100), (100, 0), (20_000, 10)] {
        let err = render_png(&map, &RenderOptions::new().size(w, h)).unwrap_err();
        assert!(matches!(err, Error::BadParameter { .. }), "{err}");
    }
    let err = render_svg(&map, &RenderOptions::new().extent_feature("post-1", 0.0)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::BadParameter {
                name: "margin_m",
                ..
            }
        ),
        "{err}"
    );
    let err = render_svg(&map, &RenderOptions::new().extent_bbox(1.0, 5.0, 2.0, 4.0)).unwrap_err();
    assert!(
        matches!(err, Error::BadParameter { name: "extent", .. }),
        "{err}"
    );
}

#[test]
fn inset_draws_a_detail_with_renamed_ids_and_outlines_it() {
    let map = hand();
    let options = RenderOptions::new()
        .size(1200, 1000)
        .inset("zone-2", 2_000.0);
    let svg = render_svg(&map, &options).unwrap();
    // The main map's ids stay unique; the detail's are prefixed.
    assert_every_feature_drawn(&map, &svg);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let inset = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("inset"))
        .expect("a detail map");
    assert_eq!(inset.attribute("data-of"), Some("zone-2"));
    assert!(
        inset
            .descendants()
            .any(|n| n.attribute("id") == Some("inset-zone-2")
                && n.attribute("data-inset-id") == Some("zone-2"))
    );
    assert!(has_id(&svg, "inset-extent"));
    // Its extent on the main map surrounds zone-2 (10.3–10.5° E, 0–0.2° N).
    let frame = map_frame(&map, &options).unwrap();
    let (x0, y0) = frame.to_pixel(geo_types::coord! { x: 10.3, y: 0.2 });
    let (x1, y1) = frame.to_pixel(geo_types::coord! { x: 10.5, y: 0.0 });
    let d = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("inset-extent"))
        .and_then(|n| n.attribute("d"))
        .unwrap();
    let nums: Vec<f64> = d
        .split(['M', 'L', 'Z', ' '])
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().unwrap())
        .collect();
    let xs: Vec<f64> = nums.iter().step_by(2).copied().collect();
    let ys: Vec<f64> = nums.iter().skip(1).step_by(2).copied().collect();
    let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
    let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
    assert!(
        min(&xs) < x0 && max(&xs) > x1 && min(&ys) < y0 && max(&ys) > y1,
        "{d}"
    );
    // An unknown inset id is an error, as for the extent.
    let err = render_svg(&map, &RenderOptions::new().inset("nope", 1.0)).unwrap_err();
    assert!(matches!(err, Error::UnknownFeature { .. }), "{err}");
}
