//! The claimant's side of a zone: zone ∩ the claimant's territories, or the
//! zone split along the border and each piece placed by an interior point.

use geo::coordinate_position::CoordPos;
use geo::{BoundingRect, CoordinatePosition, InteriorPoint};
use geo_types::{Coord, LineString, MultiPolygon, Polygon};

use super::Run;
use crate::analysis::distance::ON_BORDER_M;
use crate::error::Result;
use crate::model::{BorderMap, Party};
use crate::polygon::clip::{Shape, TooFar, ZonePlane, intersect_prepared};

impl BorderMap {
    /// Zone ∩ the claimant's territories, clipped in the zone's local plane
    /// against only the territory edges near it.
    pub(super) fn territory_side(
        &self,
        shape: &Shape,
        claimant: &Party,
    ) -> std::result::Result<MultiPolygon<f64>, TooFar> {
        let index = self.territory_index();
        let mut out = Vec::new();
        for (t, territory) in self.territories().enumerate() {
            if territory.party() != claimant {
                continue;
            }
            for prepared in index.prepared(t) {
                if let Some(part) = intersect_prepared(shape, prepared)? {
                    out.extend(part.0);
                }
            }
        }
        Ok(MultiPolygon(out))
    }

    /// The zone split along the border; the pieces on the claimant's side.
    pub(super) fn split_side(
        &self,
        plane: &ZonePlane,
        runs: &[Run],
        claimant: &Party,
    ) -> Result<MultiPolygon<f64>> {
        let mut cuts: Vec<(&LineString<f64>, f64)> = Vec::new();
        for run in runs {
            let Some(segment) = self.segment_at(run.segment) else {
                continue;
            };
            // Cut on the side that is not the claimant's.
            let sign = if segment.left() == claimant {
                -1.0
            } else if segment.right() == claimant {
                1.0
            } else {
                continue;
            };
            cuts.push((&run.line, sign));
        }
        let pieces = plane.cut_along(&cuts, STRIP_M);
        let mut kept = Vec::new();
        for piece in pieces.0 {
            if self.piece_side(&piece)? == Some(claimant) {
                kept.push(piece);
            }
        }
        Ok(MultiPolygon(kept))
    }

    /// The side of the interior point of `piece` farthest from the border.
    pub(super) fn piece_side(&self, piece: &Polygon<f64>) -> Result<Option<&Party>> {
        let mut best: Option<(f64, Option<&Party>)> = None;
        for p in interior_candidates(piece) {
            let d = self.distance_to_border(p)?;
            if best.is_none_or(|(bd, _)| d.distance_m > bd) {
                best = Some((d.distance_m, d.side));
            }
        }
        Ok(best.filter(|(d, _)| *d >= ON_BORDER_M).and_then(|(_, s)| s))
    }
}

/// Width (metres, in the zone's plane) of the strip cut away on the other
/// party's side of the border when a zone is split without territories.
pub(super) const STRIP_M: f64 = 0.01;

/// Above this many vertices geo's interior point (a sweep over every edge)
/// is skipped: on the long collinear runs of a densified zone thousands of km
/// tall it took seconds (a fuzz finding); the scan lines suffice.
pub(super) const SWEEP_MAX_VERTICES: usize = 20_000;

/// Points inside `poly`: geo's interior point (for rings of up to
/// [`SWEEP_MAX_VERTICES`]), then the middle of the widest inside interval on
/// several horizontal lines.
pub(super) fn interior_candidates(poly: &Polygon<f64>) -> Vec<Coord<f64>> {
    let vertices: usize = std::iter::once(poly.exterior())
        .chain(poly.interiors())
        .map(|r| r.0.len())
        .sum();
    let mut out: Vec<Coord<f64>> = if vertices <= SWEEP_MAX_VERTICES {
        poly.interior_point().map(|p| p.0).into_iter().collect()
    } else {
        Vec::new()
    };
    let Some(r) = poly.bounding_rect() else {
        return out;
    };
    for k in 1..8 {
        let y = r.min().y + r.height() * (k as f64) / 8.0;
        let mut xs: Vec<f64> = Vec::new();
        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
            for w in ring.0.windows(2) {
                let (a, b) = (w[0], w[1]);
                if (a.y <= y) != (b.y <= y) {
                    xs.push(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        let widest = xs
            .chunks_exact(2)
            .max_by(|p, q| (p[1] - p[0]).total_cmp(&(q[1] - q[0])));
        if let Some(p) = widest {
            let c = Coord {
                x: 0.5 * (p[0] + p[1]),
                y,
            };
            if poly.coordinate_position(&c) == CoordPos::Inside {
                out.push(c);
            }
        }
    }
    out
}
