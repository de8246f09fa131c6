//! A small dataset drawn by the fuzzer (`arbitrary`): segments, claim lines,
//! territories, outposts and zones on an integer grid around a base point,
//! with a unit from a nanodegree to ten degrees, so that most inputs load
//! and the fuzzer spends its time in the analyses. Coordinates off the globe
//! are clamped onto it (to the poles and the antimeridian), which is where
//! degenerate cases live.

use arbitrary::Arbitrary;
use serde_json::{Value, json};

/// Where the grid sits.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum Base {
    /// (10°, 0°): the equator.
    Equator,
    /// (45°, 40°): mid-latitudes, like the seed data.
    Mid,
    /// (179.5°, 10°): next to the antimeridian.
    Antimeridian,
    /// (0°, 89.5°): next to the north pole.
    Pole,
    /// (-60°, -89.9°): next to the south pole.
    SouthPole,
}

impl Base {
    fn origin(self) -> (f64, f64) {
        match self {
            Base::Equator => (10.0, 0.0),
            Base::Mid => (45.0, 40.0),
            Base::Antimeridian => (179.5, 10.0),
            Base::Pole => (0.0, 89.5),
            Base::SouthPole => (-60.0, -89.9),
        }
    }
}

/// A grid point (units of the dataset's unit).
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Pt {
    x: i8,
    y: i8,
}

/// A border segment or claim line.
#[derive(Arbitrary, Debug, Clone)]
pub struct Line {
    parts: Vec<Vec<Pt>>,
    a: u8,
    b: u8,
    status: u8,
}

/// A territory or zone.
#[derive(Arbitrary, Debug, Clone)]
pub enum Shape {
    /// A grid rectangle (always a valid polygon unless flat).
    Rect { at: Pt, w: u8, h: u8 },
    /// A rectangle with a rectangular hole.
    Holed { at: Pt, w: u8, h: u8, hole: u8 },
    /// Free rings (closed automatically; often invalid).
    Free(Vec<Vec<Pt>>),
}

/// A territory or zone with its parties.
#[derive(Arbitrary, Debug, Clone)]
pub struct Area {
    parts: Vec<Shape>,
    a: u8,
    b: u8,
}

/// An outpost.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Post {
    at: Pt,
    range: Option<u8>,
    status: u8,
}

/// The dataset.
#[derive(Arbitrary, Debug, Clone)]
pub struct Dataset {
    base: Base,
    unit: u8,
    segments: Vec<Line>,
    claims: Vec<Line>,
    territories: Vec<Area>,
    zones: Vec<Area>,
    posts: Vec<Post>,
}

const PARTIES: [&str; 3] = ["A", "B", "C"];
const STATUSES: [&str; 4] = ["demarcated", "delimited", "disputed", "undefined"];
const POST_STATUSES: [&str; 3] = ["proposed", "planned", "active"];

impl Dataset {
    fn unit_deg(&self) -> f64 {
        [1e-9, 1e-6, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0][usize::from(self.unit % 8)]
    }

    fn coord(&self, p: Pt) -> [f64; 2] {
        let (x0, y0) = self.base.origin();
        let u = self.unit_deg();
        let x = x0 + f64::from(p.x) * u;
        let y = y0 + f64::from(p.y) * u;
        // Wrap longitude onto [-180, 180], clamp latitude to the poles.
        let x = if x > 180.0 {
            x - 360.0
        } else if x < -180.0 {
            x + 360.0
        } else {
            x
        };
        [x.clamp(-180.0, 180.0), y.clamp(-90.0, 90.0)]
    }

    fn ring(&self, pts: &[Pt]) -> Vec<[f64; 2]> {
        let mut r: Vec<[f64; 2]> = pts.iter().take(12).map(|p| self.coord(*p)).collect();
        if let Some(&first) = r.first() {
            r.push(first);
        }
        r
    }

    fn rect(&self, at: Pt, w: u8, h: u8) -> Vec<[f64; 2]> {
        let (w, h) = (
            i8::try_from(w % 64).unwrap_or(0),
            i8::try_from(h % 64).unwrap_or(0),
        );
        let corner = |dx: i8, dy: i8| {
            self.coord(Pt {
                x: at.x.saturating_add(dx),
                y: at.y.saturating_add(dy),
            })
        };
        vec![
            corner(0, 0),
            corner(w, 0),
            corner(w, h),
            corner(0, h),
            corner(0, 0),
        ]
    }

    fn polygon(&self, shape: &Shape) -> Vec<Vec<[f64; 2]>> {
        match shape {
            Shape::Rect { at, w, h } => vec![self.rect(*at, *w, *h)],
            Shape::Holed { at, w, h, hole } => {
                let mut outer = vec![self.rect(*at, *w, *h)];
                let inset = i8::try_from(hole % 8 + 1).unwrap_or(1);
                let (iw, ih) = (
                    (w % 64).saturating_sub(2 * inset as u8),
                    (h % 64).saturating_sub(2 * inset as u8),
                );
                let mut inner = self.rect(
                    Pt {
                        x: at.x.saturating_add(inset),
                        y: at.y.saturating_add(inset),
                    },
                    iw,
                    ih,
                );
                inner.reverse();
                outer.push(inner);
                outer
            }
            Shape::Free(rings) => rings.iter().take(3).map(|r| self.ring(r)).collect(),
        }
    }

    fn area_geometry(&self, area: &Area) -> Value {
        let polys: Vec<Vec<Vec<[f64; 2]>>> =
            area.parts.iter().take(3).map(|s| self.polygon(s)).collect();
        if polys.len() == 1 {
            json!({"type": "Polygon", "coordinates": polys[0]})
        } else {
            json!({"type": "MultiPolygon", "coordinates": polys})
        }
    }

    fn line_geometry(&self, line: &Line) -> Value {
        let parts: Vec<Vec<[f64; 2]>> = line
            .parts
            .iter()
            .take(3)
            .map(|p| p.iter().take(16).map(|c| self.coord(*c)).collect())
            .collect();
        if parts.len() == 1 {
            json!({"type": "LineString", "coordinates": parts[0]})
        } else {
            json!({"type": "MultiLineString", "coordinates": parts})
        }
    }

    /// The dataset as Demarcation GeoJSON.
    pub fn to_geojson(&self) -> String {
        let two = |a: u8, b: u8| {
            let l = usize::from(a % 3);
            let r = (l + 1 + usize::from(b % 2)) % 3;
            (PARTIES[l], PARTIES[r])
        };
        let mut features = Vec::new();
        for (i, s) in self.segments.iter().take(4).enumerate() {
            let (l, r) = two(s.a, s.b);
            features.push(json!({"type": "Feature", "id": format!("s{i}"),
                "properties": {"kind": "border_segment", "left": l, "right": r,
                    "status": STATUSES[usize::from(s.status % 4)]},
                "geometry": self.line_geometry(s)}));
        }
        for (i, c) in self.claims.iter().take(3).enumerate() {
            let (l, _) = two(c.a, c.b);
            features.push(json!({"type": "Feature", "id": format!("c{i}"),
                "properties": {"kind": "claim_line", "claimant": l,
                    "segment": format!("s{}", c.status % 2)},
                "geometry": self.line_geometry(c)}));
        }
        for (i, t) in self.territories.iter().take(3).enumerate() {
            let (l, _) = two(t.a, t.b);
            features.push(json!({"type": "Feature", "id": format!("t{i}"),
                "properties": {"kind": "territory", "party": l},
                "geometry": self.area_geometry(t)}));
        }
        for (i, z) in self.zones.iter().take(3).enumerate() {
            let (l, r) = two(z.a, z.b);
            features.push(json!({"type": "Feature", "id": format!("z{i}"),
                "properties": {"kind": "incursion_zone", "claimant": l, "accused": r},
                "geometry": self.area_geometry(z)}));
        }
        for (i, p) in self.posts.iter().take(6).enumerate() {
            let mut props = json!({"kind": "outpost", "operator": "R",
                "status": POST_STATUSES[usize::from(p.status % 3)]});
            if let Some(r) = p.range {
                props["range_m"] = json!(50.0 * f64::from(r) + 1.0);
            }
            features.push(json!({"type": "Feature", "id": format!("o{i}"),
                "properties": props,
                "geometry": {"type": "Point", "coordinates": self.coord(p.at)}}));
        }
        json!({"type": "FeatureCollection", "features": features}).to_string()
    }
}
