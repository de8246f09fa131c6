//! Maps people can look at: a dataset and its analysis drawn as SVG, as
//! PNG through the pure-Rust rasteriser [`resvg`], or as one self-contained
//! interactive HTML page around that SVG ([`render_html`]: pan, zoom, layer
//! switches, popups with each feature's figures, search; no network).
//!
//! The map shows the territories filled per party (a stable palette: parties
//! in sorted order of their codes take the palette's colours in turn), the
//! border segments styled by status (demarcated solid, delimited long dashes,
//! disputed red dashes, undefined dotted), the parties' claim lines and the
//! area between them, the outposts with their geodesic range circles, the
//! stretches of border no outpost covers, the incursion zones hatched and
//! labelled with their area, the overlaps between zones, a legend, a scale
//! bar in km, a north arrow, a title and the data attribution (the
//! FeatureCollection's `attribution` member).
//!
//! Every element drawn for a feature carries the feature's id: the feature's
//! own element has `id` and `data-id` set to it and `data-kind` to its kind
//! (`id="seg-04" data-id="seg-04" data-kind="border_segment"`); elements
//! derived from a feature carry `data-of` with its id and a prefixed `id`
//! (`range-post-01`, `gap-seg-15-0`, `label-zone-01`, `claimant-side-zone-01`,
//! `between-seg-04-0`, `overlap-zone-01-zone-02`).
//!
//! # Projection
//!
//! The ellipsoidal azimuthal equidistant projection ([`AzimuthalEquidistant`])
//! centred on the centre of the extent's longitude/latitude box: distances
//! from the centre are exact, the scale is exact at the centre (where the
//! scale bar is right), and the scale error grows as `(s/R)²/6` with the
//! distance `s` from the centre (below 0.03 % over the seed dataset's map).
//! [`map_frame`] returns the projection and pixel transform a render uses;
//! the SVG's `<desc>` states the centre and the largest scale error.
//!
//! # Fonts
//!
//! Labels use DejaVu Sans (Bitstream Vera licence), embedded in the binary
//! through the `dejavu` crate and handed to resvg's font database, so PNG
//! text renders identically with no system fonts installed. The SVG names
//! `"DejaVu Sans", Verdana, Arial, sans-serif`.
//!
//! # Examples
//!
//! ```
//! use demarcate::BorderMap;
//! use demarcate::render::{Layer, RenderOptions, render_png, render_svg};
//!
//! let map = BorderMap::from_path("data/hand-checkable.geojson")?;
//! let options = RenderOptions::new()
//!     .size(800, 600)
//!     .title("Norland and Southland")
//!     .without(Layer::Ranges);
//! let svg = render_svg(&map, &options)?;
//! assert!(svg.contains(r#"id="seg-a""#));
//! assert!(!svg.contains(r#"id="range-post-1""#));
//! let png = render_png(&map, &options)?;
//! assert_eq!(&png[1..4], b"PNG");
//! # Ok::<(), demarcate::Error>(())
//! ```

mod html;
mod png;
mod projection;
mod style;
mod svg;

pub use html::{MapPoint, render_html};
pub use png::render_png;
pub use projection::{AzimuthalEquidistant, MapFrame};
pub use svg::render_svg;

use geo_types::Coord;

use crate::error::{Error, Result};
use crate::model::{BorderMap, FeatureId};

/// The largest image side, pixels (a larger request is [`Error::BadParameter`]).
pub const MAX_SIZE_PX: u32 = 16_384;

/// What the map shows, one switch each (all on by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layer {
    /// Territories, filled per party.
    Territories,
    /// Claim lines and the area between two parties' claims on a segment.
    Claims,
    /// Border segments, styled by status.
    Segments,
    /// Stretches of border outside every outpost's range (needs ranges).
    CoverageGaps,
    /// Geodesic range circles of the outposts.
    Ranges,
    /// Outpost markers.
    Outposts,
    /// Incursion zones (hatched) and the part on the claimant's side.
    Zones,
    /// Areas where two incursion zones overlap.
    Overlaps,
    /// Text labels on the map (zone areas, segment ids, areas between claims).
    Labels,
    /// The legend panel (on the right of the image), with title and attribution.
    Legend,
    /// The scale bar (km).
    ScaleBar,
    /// The north arrow.
    NorthArrow,
    /// The data attribution (the FeatureCollection's `attribution` member).
    Attribution,
}

impl Layer {
    /// Every layer, in drawing order.
    pub const ALL: [Layer; 13] = [
        Layer::Territories,
        Layer::Claims,
        Layer::Ranges,
        Layer::Zones,
        Layer::Overlaps,
        Layer::CoverageGaps,
        Layer::Segments,
        Layer::Outposts,
        Layer::Labels,
        Layer::Legend,
        Layer::ScaleBar,
        Layer::NorthArrow,
        Layer::Attribution,
    ];
}

/// Which part of the world the map shows.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Extent {
    /// Everything of the border: segments, claim lines, zones, outposts with
    /// their ranges (territories only when there is nothing else), plus 4 %.
    Auto,
    /// A longitude/latitude box, degrees (`west > east` crosses the antimeridian).
    BBox {
        /// Western longitude.
        west: f64,
        /// Southern latitude.
        south: f64,
        /// Eastern longitude.
        east: f64,
        /// Northern latitude.
        north: f64,
    },
    /// The feature with this id (of any kind) and `margin_m` metres around it.
    Feature {
        /// The feature's id.
        id: FeatureId,
        /// Margin around it, metres (≥ 0).
        margin_m: f64,
    },
}

/// How to draw a map: extent, size, layers, title; a builder.
///
/// ```
/// use demarcate::render::{Layer, RenderOptions};
/// let o = RenderOptions::new()
///     .size(1600, 1200)
///     .extent_feature("zone-01", 5_000.0)
///     .without(Layer::Ranges)
///     .title("Sev Lich");
/// assert!(!o.has(Layer::Ranges) && o.has(Layer::Zones));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) extent: Extent,
    pub(crate) layers: Vec<Layer>,
    pub(crate) title: Option<String>,
    pub(crate) default_title: bool,
    pub(crate) default_range_m: Option<f64>,
    pub(crate) inset: Option<(FeatureId, f64)>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 1600,
            height: 1200,
            extent: Extent::Auto,
            layers: Layer::ALL.to_vec(),
            title: None,
            default_title: true,
            default_range_m: None,
            inset: None,
        }
    }
}

impl RenderOptions {
    /// 1600 × 1200 pixels, every layer, the whole border, the dataset's
    /// `name` member as title.
    pub fn new() -> Self {
        Self::default()
    }

    /// Image size in pixels (both > 0 and at most [`MAX_SIZE_PX`]).
    #[must_use]
    pub fn size(mut self, width: u32, height: u32) -> Self {
        self.width = width;
        self.height = height;
        self
    }

    /// Which part of the world to show.
    #[must_use]
    pub fn extent(mut self, extent: Extent) -> Self {
        self.extent = extent;
        self
    }

    /// Show a longitude/latitude box (degrees).
    #[must_use]
    pub fn extent_bbox(self, west: f64, south: f64, east: f64, north: f64) -> Self {
        self.extent(Extent::BBox {
            west,
            south,
            east,
            north,
        })
    }

    /// Show the feature with this id and `margin_m` metres around it.
    #[must_use]
    pub fn extent_feature(self, id: impl Into<FeatureId>, margin_m: f64) -> Self {
        self.extent(Extent::Feature {
            id: id.into(),
            margin_m,
        })
    }

    /// Draw exactly these layers.
    #[must_use]
    pub fn layers(mut self, layers: &[Layer]) -> Self {
        self.layers = Layer::ALL
            .into_iter()
            .filter(|l| layers.contains(l))
            .collect();
        self
    }

    /// Draw this layer too.
    #[must_use]
    pub fn with(mut self, layer: Layer) -> Self {
        if !self.layers.contains(&layer) {
            self.layers.push(layer);
        }
        self
    }

    /// Do not draw this layer.
    #[must_use]
    pub fn without(mut self, layer: Layer) -> Self {
        self.layers.retain(|l| *l != layer);
        self
    }

    /// The map's title (default: the FeatureCollection's `name` member).
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self.default_title = false;
        self
    }

    /// No title at all.
    #[must_use]
    pub fn without_title(mut self) -> Self {
        self.title = None;
        self.default_title = false;
        self
    }

    /// Observation range (metres) of outposts without `range_m`, for range
    /// circles and coverage gaps.
    #[must_use]
    pub fn default_range_m(mut self, range_m: Option<f64>) -> Self {
        self.default_range_m = range_m;
        self
    }

    /// A detail map of the feature with this id and `margin_m` metres around
    /// it, drawn in the legend panel's free space (left out, with an XML
    /// comment, when the panel has less than 120 px to spare); its extent is
    /// outlined on the main map. Element ids inside it are prefixed `inset-`
    /// and its `data-id`/`data-kind` become `data-inset-id`/`data-inset-kind`.
    #[must_use]
    pub fn inset(mut self, id: impl Into<FeatureId>, margin_m: f64) -> Self {
        self.inset = Some((id.into(), margin_m));
        self
    }

    /// Whether a layer is drawn.
    pub fn has(&self, layer: Layer) -> bool {
        self.layers.contains(&layer)
    }

    /// Width, pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height, pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    fn check(&self) -> Result<()> {
        for (name, v) in [("width", self.width), ("height", self.height)] {
            if v == 0 || v > MAX_SIZE_PX {
                return Err(Error::BadParameter {
                    name,
                    value: f64::from(v),
                    expected: "an image side between 1 and 16384 pixels",
                });
            }
        }
        if let Some(r) = self.default_range_m
            && !(r.is_finite() && r > 0.0)
        {
            return Err(Error::BadParameter {
                name: "default_range_m",
                value: r,
                expected: "a finite range in metres, > 0",
            });
        }
        Ok(())
    }
}

/// The width of the legend panel for an image `width` pixels wide.
fn legend_width(options: &RenderOptions) -> f64 {
    if options.has(Layer::Legend) {
        (f64::from(options.width) * 0.26).clamp(160.0, 460.0)
    } else {
        0.0
    }
}

/// The projection and pixel transform a render with these options uses: the
/// map frame is the image less the legend panel on the right (the whole image
/// when [`Layer::Legend`] is off).
///
/// # Errors
///
/// [`Error::BadParameter`] for a zero or oversized image, a bad box or
/// margin; [`Error::UnknownFeature`] when the extent names an id no feature
/// has, or one without coordinates (its `kind` is then `None`).
pub fn map_frame(map: &BorderMap, options: &RenderOptions) -> Result<MapFrame> {
    options.check()?;
    let (points, margin_m) = extent_points(map, options)?;
    let (mut west, mut east, mut south, mut north) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    // Longitudes unwrapped around the first point so an extent across the
    // antimeridian has a sensible centre.
    let lon0 = points.first().map_or(0.0, |c| c.x);
    for c in &points {
        let x = unwrap_lon(c.x, lon0);
        west = west.min(x);
        east = east.max(x);
        south = south.min(c.y);
        north = north.max(c.y);
    }
    if points.is_empty() {
        (west, east, south, north) = (-1.0, 1.0, -1.0, 1.0);
    }
    let centre = Coord {
        x: wrap_lon((west + east) / 2.0),
        y: ((south + north) / 2.0).clamp(-89.9, 89.9),
    };
    let projection = AzimuthalEquidistant::new(centre);
    let (mut hx, mut hy) = (0.0_f64, 0.0_f64);
    for c in &points {
        let p = projection.forward(*c);
        hx = hx.max(p.x.abs());
        hy = hy.max(p.y.abs());
    }
    hx += margin_m;
    hy += margin_m;
    let width = f64::from(options.width) - legend_width(options);
    let height = f64::from(options.height);
    let px_per_m = match (hx > 0.0, hy > 0.0) {
        (true, true) => (width / (2.0 * hx)).min(height / (2.0 * hy)),
        (true, false) => width / (2.0 * hx),
        (false, true) => height / (2.0 * hy),
        (false, false) => {
            return Err(Error::BadParameter {
                name: "margin_m",
                value: margin_m,
                expected: "a margin > 0 around a single point",
            });
        }
    };
    Ok(MapFrame {
        projection,
        x0: 0.0,
        y0: 0.0,
        width,
        height,
        px_per_m,
    })
}

fn unwrap_lon(x: f64, around: f64) -> f64 {
    let mut x = x;
    while x - around > 180.0 {
        x -= 360.0;
    }
    while around - x > 180.0 {
        x += 360.0;
    }
    x
}

fn wrap_lon(x: f64) -> f64 {
    let mut x = x;
    while x > 180.0 {
        x -= 360.0;
    }
    while x < -180.0 {
        x += 360.0;
    }
    x
}

fn valid_lon_lat(c: &Coord<f64>) -> bool {
    c.x.is_finite() && c.y.is_finite() && c.y.abs() <= 90.0
}

/// The points the extent must show, and the margin (metres) around them.
fn extent_points(map: &BorderMap, options: &RenderOptions) -> Result<(Vec<Coord<f64>>, f64)> {
    use geo::CoordsIter;
    match &options.extent {
        Extent::BBox {
            west,
            south,
            east,
            north,
        } => {
            let ok = [*west, *south, *east, *north].iter().all(|v| v.is_finite())
                && south < north
                && *south >= -90.0
                && *north <= 90.0
                && west != east;
            if !ok {
                return Err(Error::BadParameter {
                    name: "extent",
                    value: *south,
                    expected: "a box with finite west ≠ east and -90 ≤ south < north ≤ 90",
                });
            }
            let east = if east < west { east + 360.0 } else { *east };
            let mut pts = Vec::new();
            let n = 16;
            for i in 0..=n {
                let t = f64::from(i) / f64::from(n);
                let x = west + (east - west) * t;
                let y = south + (north - south) * t;
                pts.extend([
                    Coord { x, y: *south },
                    Coord { x, y: *north },
                    Coord { x: *west, y },
                    Coord { x: east, y },
                ]);
            }
            Ok((pts, 0.0))
        }
        Extent::Feature { id, margin_m } => {
            if !(margin_m.is_finite() && *margin_m >= 0.0) {
                return Err(Error::BadParameter {
                    name: "margin_m",
                    value: *margin_m,
                    expected: "a finite margin in metres, ≥ 0",
                });
            }
            let feature = map.get(id).ok_or_else(|| Error::UnknownFeature {
                id: id.clone(),
                kind: None,
            })?;
            let pts: Vec<Coord<f64>> = feature
                .geometry
                .as_ref()
                .map(|g| g.coords_iter().filter(valid_lon_lat).collect())
                .unwrap_or_default();
            if pts.is_empty() {
                return Err(Error::UnknownFeature {
                    id: id.clone(),
                    kind: None,
                });
            }
            Ok((pts, *margin_m))
        }
        Extent::Auto => {
            let mut pts: Vec<Coord<f64>> = Vec::new();
            for s in map.segments() {
                pts.extend(s.lines().iter().flat_map(|l| l.0.iter().copied()));
            }
            for c in map.claim_lines() {
                pts.extend(c.lines().iter().flat_map(|l| l.0.iter().copied()));
            }
            for z in map.incursion_zones() {
                pts.extend(
                    z.polygons()
                        .iter()
                        .flat_map(|p| p.exterior().0.iter().copied()),
                );
            }
            let ranges = map.outposts().map(|o| {
                (
                    o.point().0,
                    o.range_m().or(options.default_range_m).unwrap_or(0.0),
                )
            });
            for (p, r) in ranges {
                if options.has(Layer::Ranges) && r > 0.0 && r.is_finite() {
                    pts.extend(
                        (0..8).map(|k| crate::geodesy::destination(p, 45.0 * f64::from(k), r)),
                    );
                } else {
                    pts.push(p);
                }
            }
            if pts.is_empty() {
                for t in map.territories() {
                    pts.extend(
                        t.polygons()
                            .iter()
                            .flat_map(|p| p.exterior().0.iter().copied()),
                    );
                }
            }
            pts.retain(valid_lon_lat);
            // 4 % of the larger half-extent as margin: computed after a first
            // projection, so take it from the lon/lat box's diagonal.
            let margin = margin_for(&pts);
            Ok((pts, margin))
        }
    }
}

/// 4 % of the half-diagonal of the points' lon/lat box, metres.
fn margin_for(pts: &[Coord<f64>]) -> f64 {
    if pts.is_empty() {
        return 0.0;
    }
    let lon0 = pts[0].x;
    let (mut w, mut e, mut s, mut n) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for c in pts {
        let x = unwrap_lon(c.x, lon0);
        w = w.min(x);
        e = e.max(x);
        s = s.min(c.y);
        n = n.max(c.y);
    }
    let d = crate::geodesy::distance_m(
        Coord { x: w, y: s },
        Coord {
            x: wrap_lon(e),
            y: n,
        },
    );
    if d > 0.0 {
        0.04 * d / 2.0 + 1.0
    } else {
        1_000.0
    }
}
