use std::collections::HashMap;
use std::sync::OnceLock;

use crate::index::{GeodesicIndex, OutpostIndex, TerritoryIndex};

use geo_types::{Geometry, LineString, Point, Polygon};

use super::{Feature, FeatureId, JsonObject, Kind, OutpostStatus, Party, SegmentStatus};

/// Which segment part a line of the [`BorderIndex`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BorderPart {
    /// Index of the segment in [`BorderMap::segments`] order.
    pub segment: u32,
    /// Line part of the segment (0 for a LineString).
    pub part: u32,
}

/// The border's index: every segment part, with its [`BorderPart`].
pub type BorderIndex = GeodesicIndex<BorderPart>;

/// The parsed attributes of a border segment (geometry stays in its feature).
#[derive(Debug, Clone)]
pub(crate) struct SegmentRecord {
    pub feature: usize,
    pub id: FeatureId,
    pub left: Party,
    pub right: Party,
    pub status: SegmentStatus,
}

#[derive(Debug, Clone)]
pub(crate) struct ClaimRecord {
    pub feature: usize,
    pub claimant: Party,
    pub segment: Option<FeatureId>,
}

#[derive(Debug, Clone)]
pub(crate) struct TerritoryRecord {
    pub feature: usize,
    pub party: Party,
}

#[derive(Debug, Clone)]
pub(crate) struct OutpostRecord {
    pub feature: usize,
    pub id: FeatureId,
    pub operator: Party,
    pub status: OutpostStatus,
    pub range_m: Option<f64>,
    pub point: Point<f64>,
}

#[derive(Debug, Clone)]
pub(crate) struct ZoneRecord {
    pub feature: usize,
    pub id: FeatureId,
    pub claimant: Party,
    pub accused: Party,
}

#[derive(Debug, Clone)]
pub(crate) struct ShoreRecord {
    pub feature: usize,
    pub party: Party,
}

#[derive(Debug, Clone)]
pub(crate) struct BasepointRecord {
    pub feature: usize,
    pub party: Party,
    pub point: Point<f64>,
}

/// Typed records of the valid features, by kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Records {
    pub segments: Vec<SegmentRecord>,
    pub claims: Vec<ClaimRecord>,
    pub territories: Vec<TerritoryRecord>,
    pub outposts: Vec<OutpostRecord>,
    pub zones: Vec<ZoneRecord>,
    pub shores: Vec<ShoreRecord>,
    pub basepoints: Vec<BasepointRecord>,
    /// Indexes of the valid output features (`median_line`, ...), by kind.
    pub outputs: Vec<(Kind, usize)>,
}

/// A whole Demarcation GeoJSON dataset: every feature in file order, typed views
/// of the valid ones by kind, and lookup by id.
///
/// Build one with [`BorderMap::from_geojson_str`], [`BorderMap::from_reader`] or
/// [`BorderMap::from_path`]; write it back with [`BorderMap::to_geojson_string`]
/// or [`BorderMap::write_to`].
#[derive(Debug, Clone, Default)]
pub struct BorderMap {
    pub(crate) features: Vec<Feature>,
    pub(crate) collection_bbox: Option<Vec<f64>>,
    pub(crate) collection_members: JsonObject,
    pub(crate) records: Records,
    pub(crate) by_id: HashMap<FeatureId, usize>,
    pub(crate) border_index: OnceLock<BorderIndex>,
    pub(crate) territory_index: OnceLock<TerritoryIndex>,
    pub(crate) outpost_index: OnceLock<OutpostIndex>,
}

macro_rules! view_common {
    ($view:ident) => {
        impl<'a> $view<'a> {
            /// The index of the feature in the collection (0-based, file order).
            pub fn index(&self) -> usize {
                self.rec.feature
            }

            /// The underlying feature, with all its properties and members.
            pub fn feature(&self) -> &'a Feature {
                self.feature
            }

            /// `properties.name`, if any.
            pub fn name(&self) -> Option<&'a str> {
                self.feature.name()
            }
        }
    };
}

/// A border segment: a stretch of border with a status and the parties on its
/// left and right (in the direction of its coordinates).
#[derive(Debug, Clone, Copy)]
pub struct BorderSegment<'a> {
    rec: &'a SegmentRecord,
    feature: &'a Feature,
    lines: &'a [LineString<f64>],
}
view_common!(BorderSegment);

impl<'a> BorderSegment<'a> {
    /// The segment's id.
    pub fn id(&self) -> &'a FeatureId {
        &self.rec.id
    }
    /// The party owning the territory to the left of the line's direction.
    pub fn left(&self) -> &'a Party {
        &self.rec.left
    }
    /// The party owning the territory to the right of the line's direction.
    pub fn right(&self) -> &'a Party {
        &self.rec.right
    }
    /// The legal status.
    pub fn status(&self) -> SegmentStatus {
        self.rec.status
    }
    /// The line parts (one for a LineString), lon/lat degrees.
    pub fn lines(&self) -> &'a [LineString<f64>] {
        self.lines
    }
}

/// Where one party says the border runs.
#[derive(Debug, Clone, Copy)]
pub struct ClaimLine<'a> {
    rec: &'a ClaimRecord,
    feature: &'a Feature,
    lines: &'a [LineString<f64>],
}
view_common!(ClaimLine);

impl<'a> ClaimLine<'a> {
    /// The feature id, if it has one (not required for claim lines).
    pub fn id(&self) -> Option<&'a FeatureId> {
        self.feature.id.as_ref()
    }
    /// The party making the claim.
    pub fn claimant(&self) -> &'a Party {
        &self.rec.claimant
    }
    /// The id of the border segment it contests, if given.
    pub fn segment(&self) -> Option<&'a FeatureId> {
        self.rec.segment.as_ref()
    }
    /// The line parts, lon/lat degrees.
    pub fn lines(&self) -> &'a [LineString<f64>] {
        self.lines
    }
}

/// The land of one party.
#[derive(Debug, Clone, Copy)]
pub struct Territory<'a> {
    rec: &'a TerritoryRecord,
    feature: &'a Feature,
    polygons: &'a [Polygon<f64>],
}
view_common!(Territory);

impl<'a> Territory<'a> {
    /// The feature id, if it has one.
    pub fn id(&self) -> Option<&'a FeatureId> {
        self.feature.id.as_ref()
    }
    /// The party owning it.
    pub fn party(&self) -> &'a Party {
        &self.rec.party
    }
    /// Its polygons (one for a Polygon), lon/lat degrees.
    pub fn polygons(&self) -> &'a [Polygon<f64>] {
        self.polygons
    }
}

/// An observation post.
#[derive(Debug, Clone, Copy)]
pub struct Outpost<'a> {
    rec: &'a OutpostRecord,
    feature: &'a Feature,
}
view_common!(Outpost);

impl<'a> Outpost<'a> {
    /// The outpost's id.
    pub fn id(&self) -> &'a FeatureId {
        &self.rec.id
    }
    /// The party that mans (or would man) it.
    pub fn operator(&self) -> &'a Party {
        &self.rec.operator
    }
    /// Proposed, planned or active.
    pub fn status(&self) -> OutpostStatus {
        self.rec.status
    }
    /// Observation range in metres, if the data gives one.
    pub fn range_m(&self) -> Option<f64> {
        self.rec.range_m
    }
    /// Its position, lon/lat degrees.
    pub fn point(&self) -> Point<f64> {
        self.rec.point
    }
}

/// An area that one party (`claimant`) says the other's (`accused`) forces hold.
#[derive(Debug, Clone, Copy)]
pub struct IncursionZone<'a> {
    rec: &'a ZoneRecord,
    feature: &'a Feature,
    polygons: &'a [Polygon<f64>],
}
view_common!(IncursionZone);

impl<'a> IncursionZone<'a> {
    /// The zone's id.
    pub fn id(&self) -> &'a FeatureId {
        &self.rec.id
    }
    /// The party that reports the zone.
    pub fn claimant(&self) -> &'a Party {
        &self.rec.claimant
    }
    /// The party whose forces are said to hold it.
    pub fn accused(&self) -> &'a Party {
        &self.rec.accused
    }
    /// `properties.reported` (an ISO 8601 date), if given.
    pub fn reported(&self) -> Option<&'a str> {
        self.feature.str_property("reported")
    }
    /// `properties.source`, if given.
    pub fn source(&self) -> Option<&'a str> {
        self.feature.str_property("source")
    }
    /// Its polygons (one for a Polygon), lon/lat degrees.
    pub fn polygons(&self) -> &'a [Polygon<f64>] {
        self.polygons
    }
}

/// A party's shoreline or baseline on a shared lake, river or sea.
#[derive(Debug, Clone, Copy)]
pub struct Shore<'a> {
    rec: &'a ShoreRecord,
    feature: &'a Feature,
    lines: &'a [LineString<f64>],
}
view_common!(Shore);

impl<'a> Shore<'a> {
    /// The feature id, if it has one.
    pub fn id(&self) -> Option<&'a FeatureId> {
        self.feature.id.as_ref()
    }
    /// The party whose shore it is.
    pub fn party(&self) -> &'a Party {
        &self.rec.party
    }
    /// The line parts (one for a LineString), lon/lat degrees.
    pub fn lines(&self) -> &'a [LineString<f64>] {
        self.lines
    }
}

/// A single point of a party's baseline.
#[derive(Debug, Clone, Copy)]
pub struct Basepoint<'a> {
    rec: &'a BasepointRecord,
    feature: &'a Feature,
}
view_common!(Basepoint);

impl<'a> Basepoint<'a> {
    /// The feature id, if it has one.
    pub fn id(&self) -> Option<&'a FeatureId> {
        self.feature.id.as_ref()
    }
    /// The party whose basepoint it is.
    pub fn party(&self) -> &'a Party {
        &self.rec.party
    }
    /// Its position, lon/lat degrees.
    pub fn point(&self) -> Point<f64> {
        self.rec.point
    }
}

/// The line parts of a LineString or MultiLineString geometry (empty otherwise).
pub fn lines_of(geometry: Option<&Geometry<f64>>) -> &[LineString<f64>] {
    match geometry {
        Some(Geometry::LineString(ls)) => std::slice::from_ref(ls),
        Some(Geometry::MultiLineString(mls)) => &mls.0,
        _ => &[],
    }
}

/// The polygons of a Polygon or MultiPolygon geometry (empty otherwise).
pub fn polygons_of(geometry: Option<&Geometry<f64>>) -> &[Polygon<f64>] {
    match geometry {
        Some(Geometry::Polygon(p)) => std::slice::from_ref(p),
        Some(Geometry::MultiPolygon(mp)) => &mp.0,
        _ => &[],
    }
}

impl BorderMap {
    pub(crate) fn from_parts(
        features: Vec<Feature>,
        collection_bbox: Option<Vec<f64>>,
        collection_members: JsonObject,
        records: Records,
    ) -> BorderMap {
        let by_id = features
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.id.clone().map(|id| (id, i)))
            .fold(HashMap::new(), |mut m, (id, i)| {
                // The first feature with an id wins; duplicates are diagnosed on load.
                m.entry(id).or_insert(i);
                m
            });
        BorderMap {
            features,
            collection_bbox,
            collection_members,
            records,
            by_id,
            border_index: OnceLock::new(),
            territory_index: OnceLock::new(),
            outpost_index: OnceLock::new(),
        }
    }

    /// Every feature, in file order, known kinds or not.
    pub fn features(&self) -> &[Feature] {
        &self.features
    }

    /// The number of features.
    pub fn len(&self) -> usize {
        self.features.len()
    }

    /// `true` when the collection has no features.
    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The feature with this id (the first one, if ids repeat).
    pub fn get(&self, id: &FeatureId) -> Option<&Feature> {
        self.by_id.get(id).map(|&i| &self.features[i])
    }

    /// The index of the feature with this id.
    pub fn index_of(&self, id: &FeatureId) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Members of the FeatureCollection other than `type`, `features` and `bbox`
    /// (e.g. `name`, `attribution`, a legacy `crs`).
    pub fn collection_members(&self) -> &JsonObject {
        &self.collection_members
    }

    /// Border segments, in file order.
    pub fn segments(&self) -> impl ExactSizeIterator<Item = BorderSegment<'_>> + Clone + '_ {
        self.records
            .segments
            .iter()
            .map(|rec| self.segment_view(rec))
    }

    fn segment_view<'a>(&'a self, rec: &'a SegmentRecord) -> BorderSegment<'a> {
        let feature = &self.features[rec.feature];
        BorderSegment {
            rec,
            feature,
            lines: lines_of(feature.geometry.as_ref()),
        }
    }

    /// The `i`-th border segment (in [`Self::segments`] order).
    pub fn segment_at(&self, i: usize) -> Option<BorderSegment<'_>> {
        self.records
            .segments
            .get(i)
            .map(|rec| self.segment_view(rec))
    }

    /// The border segment with this id.
    pub fn segment(&self, id: &FeatureId) -> Option<BorderSegment<'_>> {
        self.segments().find(|s| s.id() == id)
    }

    /// Claim lines, in file order.
    pub fn claim_lines(&self) -> impl ExactSizeIterator<Item = ClaimLine<'_>> + Clone + '_ {
        self.records.claims.iter().map(|rec| {
            let feature = &self.features[rec.feature];
            ClaimLine {
                rec,
                feature,
                lines: lines_of(feature.geometry.as_ref()),
            }
        })
    }

    /// Territories, in file order.
    pub fn territories(&self) -> impl ExactSizeIterator<Item = Territory<'_>> + Clone + '_ {
        self.records
            .territories
            .iter()
            .map(|rec| self.territory_view(rec))
    }

    fn territory_view<'a>(&'a self, rec: &'a TerritoryRecord) -> Territory<'a> {
        let feature = &self.features[rec.feature];
        Territory {
            rec,
            feature,
            polygons: polygons_of(feature.geometry.as_ref()),
        }
    }

    /// The `i`-th territory (in [`Self::territories`] order).
    pub fn territory_at(&self, i: usize) -> Option<Territory<'_>> {
        self.records
            .territories
            .get(i)
            .map(|rec| self.territory_view(rec))
    }

    /// Outposts, in file order.
    pub fn outposts(&self) -> impl ExactSizeIterator<Item = Outpost<'_>> + Clone + '_ {
        self.records.outposts.iter().map(|rec| Outpost {
            rec,
            feature: &self.features[rec.feature],
        })
    }

    /// The `i`-th outpost (in [`Self::outposts`] order).
    pub fn outpost_at(&self, i: usize) -> Option<Outpost<'_>> {
        self.records.outposts.get(i).map(|rec| Outpost {
            rec,
            feature: &self.features[rec.feature],
        })
    }

    /// Incursion zones, in file order.
    pub fn incursion_zones(&self) -> impl ExactSizeIterator<Item = IncursionZone<'_>> + Clone + '_ {
        self.records.zones.iter().map(|rec| {
            let feature = &self.features[rec.feature];
            IncursionZone {
                rec,
                feature,
                polygons: polygons_of(feature.geometry.as_ref()),
            }
        })
    }

    /// Shores, in file order.
    pub fn shores(&self) -> impl ExactSizeIterator<Item = Shore<'_>> + Clone + '_ {
        self.records.shores.iter().map(|rec| {
            let feature = &self.features[rec.feature];
            Shore {
                rec,
                feature,
                lines: lines_of(feature.geometry.as_ref()),
            }
        })
    }

    /// Basepoints, in file order.
    pub fn basepoints(&self) -> impl ExactSizeIterator<Item = Basepoint<'_>> + Clone + '_ {
        self.records.basepoints.iter().map(|rec| Basepoint {
            rec,
            feature: &self.features[rec.feature],
        })
    }

    /// The valid features of an output kind (`median_line`, `turning_point`,
    /// `buffer_zone`), in file order; empty for other kinds.
    pub fn outputs(&self, kind: Kind) -> impl Iterator<Item = &Feature> + '_ {
        self.records
            .outputs
            .iter()
            .filter(move |(k, _)| *k == kind)
            .map(|&(_, i)| &self.features[i])
    }

    /// The spatial index of the border's geodesic edges, built on first use:
    /// one line per segment part, in segment order, with a [`BorderPart`]
    /// payload.
    pub fn border_index(&self) -> &BorderIndex {
        self.border_index.get_or_init(|| {
            GeodesicIndex::from_lines(self.segments().enumerate().flat_map(|(s, seg)| {
                seg.lines().iter().enumerate().map(move |(p, line)| {
                    (
                        line.clone(),
                        BorderPart {
                            segment: s as u32,
                            part: p as u32,
                        },
                    )
                })
            }))
        })
    }

    pub(crate) fn territory_index(&self) -> &TerritoryIndex {
        self.territory_index.get_or_init(|| {
            let polygons: Vec<&[Polygon<f64>]> = self.territories().map(|t| t.polygons()).collect();
            TerritoryIndex::new(&polygons)
        })
    }

    pub(crate) fn outpost_index(&self) -> &OutpostIndex {
        self.outpost_index
            .get_or_init(|| OutpostIndex::new(self.outposts().map(|o| o.point()).collect()))
    }

    /// How many valid features of a kind the map holds.
    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::BorderSegment => self.records.segments.len(),
            Kind::ClaimLine => self.records.claims.len(),
            Kind::Territory => self.records.territories.len(),
            Kind::Outpost => self.records.outposts.len(),
            Kind::IncursionZone => self.records.zones.len(),
            Kind::Shore => self.records.shores.len(),
            Kind::Basepoint => self.records.basepoints.len(),
            Kind::MedianLine | Kind::TurningPoint | Kind::BufferZone => self.outputs(kind).count(),
        }
    }
}
