//! Validation of Demarcation GeoJSON features, and the typed records of the
//! features that pass.

use std::collections::HashMap;

use geo_types::{Coord, Geometry};
use rstar::{AABB, RTree, primitives::GeomWithData};

use crate::error::{Diagnostic, Severity};
use crate::model::map::{
    BasepointRecord, ClaimRecord, OutpostRecord, Records, SegmentRecord, ShoreRecord,
    TerritoryRecord, ZoneRecord,
};
use crate::model::{Feature, FeatureId, Kind, OutpostStatus, Party, SegmentStatus, lines_of};

/// Distance under which two segment ends that do not coincide are reported as
/// a gap in the border.
pub const GAP_WARNING_M: f64 = 50.0;

/// Ends closer than this are taken to meet (rounding in the file's decimals).
const MEET_M: f64 = 1e-3;

struct Checker<'a> {
    index: usize,
    feature: &'a Feature,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, severity: Severity, property: &str, message: String) {
        self.out.push(Diagnostic {
            severity,
            feature: Some(self.index),
            id: self.feature.id.clone(),
            property: property.to_owned(),
            message,
        });
    }

    fn error(&mut self, property: &str, message: impl Into<String>) {
        self.push(Severity::Error, property, message.into());
    }

    fn warning(&mut self, property: &str, message: impl Into<String>) {
        self.push(Severity::Warning, property, message.into());
    }

    fn has_errors(&self) -> bool {
        self.out.iter().any(Diagnostic::is_error)
    }

    /// A required, non-empty string property.
    fn required_str(&mut self, key: &str) -> Option<String> {
        match self.feature.property(key) {
            None | Some(serde_json::Value::Null) => {
                self.error(key, "missing required property");
                None
            }
            Some(serde_json::Value::String(s)) if s.trim().is_empty() => {
                self.error(key, "must not be empty");
                None
            }
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(key, format!("must be a string, found {other}"));
                None
            }
        }
    }

    fn optional_str(&mut self, key: &str) -> Option<String> {
        match self.feature.property(key) {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.error(key, format!("must be a string, found {other}"));
                None
            }
        }
    }

    fn require_id(&mut self, kind: Kind) {
        if self.feature.id.is_none() {
            self.error(
                "id",
                format!("missing (required and unique for every {kind})"),
            );
        }
    }

    fn geometry_type(&mut self, kind: Kind) -> bool {
        let g = self.feature.geometry.as_ref();
        let ok = match kind {
            Kind::BorderSegment | Kind::ClaimLine | Kind::Shore => {
                matches!(
                    g,
                    Some(Geometry::LineString(_) | Geometry::MultiLineString(_))
                )
            }
            Kind::Territory | Kind::IncursionZone | Kind::BufferZone => {
                matches!(g, Some(Geometry::Polygon(_) | Geometry::MultiPolygon(_)))
            }
            Kind::Outpost | Kind::Basepoint | Kind::TurningPoint => {
                matches!(g, Some(Geometry::Point(_)))
            }
            Kind::MedianLine => matches!(g, Some(Geometry::LineString(_))),
        };
        // A geometry the reader could not convert is already reported.
        let unreadable = self
            .feature
            .foreign_members
            .as_ref()
            .is_some_and(|m| m.contains_key("geometry"))
            || self.feature.geometry_extras.unreadable.is_some();
        if !ok && !unreadable && !self.out.iter().any(|d| d.property == "geometry") {
            let expected = match kind {
                Kind::BorderSegment | Kind::ClaimLine | Kind::Shore => {
                    "LineString or MultiLineString"
                }
                Kind::Territory | Kind::IncursionZone | Kind::BufferZone => {
                    "Polygon or MultiPolygon"
                }
                Kind::Outpost | Kind::Basepoint | Kind::TurningPoint => "Point",
                Kind::MedianLine => "LineString",
            };
            self.error(
                "geometry",
                format!(
                    "{} {kind} needs a {expected}, found {}",
                    if kind == Kind::Outpost || kind == Kind::IncursionZone {
                        "an"
                    } else {
                        "a"
                    },
                    geometry_name(g)
                ),
            );
        }
        ok
    }

    fn coordinates(&mut self) {
        let Some(g) = &self.feature.geometry else {
            return;
        };
        let mut bad = 0usize;
        let mut first = None;
        visit_coords(g, &mut |i, c| {
            let problem = if !c.x.is_finite() || !c.y.is_finite() {
                Some(format!(
                    "coordinate {i} is not a finite number ({}, {})",
                    c.x, c.y
                ))
            } else if !(-90.0..=90.0).contains(&c.y) {
                Some(format!(
                    "coordinate {i} has latitude {} outside [-90, 90]",
                    c.y
                ))
            } else if !(-180.0..=180.0).contains(&c.x) {
                Some(format!(
                    "coordinate {i} has longitude {} outside [-180, 180]",
                    c.x
                ))
            } else {
                None
            };
            if let Some(p) = problem {
                bad += 1;
                first.get_or_insert(p);
            }
        });
        if let Some(first) = first {
            let more = if bad > 1 {
                format!(" (and {} more bad coordinate(s))", bad - 1)
            } else {
                String::new()
            };
            self.error(
                "geometry",
                format!("{first}{more}; coordinates are WGS84 longitude, latitude in degrees"),
            );
        }
    }

    fn polygons_valid(&mut self) {
        let problems: Vec<String> = match &self.feature.geometry {
            Some(Geometry::Polygon(p)) => super::rings::polygon_errors(p)
                .iter()
                .map(ToString::to_string)
                .collect(),
            Some(Geometry::MultiPolygon(mp)) => super::rings::multi_polygon_errors(mp)
                .iter()
                .map(ToString::to_string)
                .collect(),
            _ => Vec::new(),
        };
        for p in problems {
            self.error("geometry", format!("invalid polygon: {p}"));
        }
    }
}

fn geometry_name(g: Option<&Geometry<f64>>) -> &'static str {
    match g {
        None => "no geometry",
        Some(Geometry::Point(_)) => "a Point",
        Some(Geometry::MultiPoint(_)) => "a MultiPoint",
        Some(Geometry::LineString(_)) => "a LineString",
        Some(Geometry::MultiLineString(_)) => "a MultiLineString",
        Some(Geometry::Polygon(_)) => "a Polygon",
        Some(Geometry::MultiPolygon(_)) => "a MultiPolygon",
        Some(Geometry::GeometryCollection(_)) => "a GeometryCollection",
        Some(_) => "another geometry type",
    }
}

/// Calls `f` with a running index for every coordinate of `g`.
fn visit_coords(g: &Geometry<f64>, f: &mut impl FnMut(usize, Coord<f64>)) {
    use geo::CoordsIter;
    for (i, c) in g.coords_iter().enumerate() {
        f(i, c);
    }
}

/// Is `s` an ISO 8601 calendar date (`YYYY-MM-DD`, optionally followed by a time)?
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day) && (b.len() == 10 || b[10] == b'T')
}

/// Checks every feature; returns the typed records of the valid ones and every
/// finding.
pub(crate) fn check_features(features: &[Feature]) -> (Records, Vec<Diagnostic>) {
    let mut records = Records::default();
    let mut out = Vec::new();
    let mut first_with_id: HashMap<&FeatureId, usize> = HashMap::new();

    for (index, feature) in features.iter().enumerate() {
        let mut c = Checker {
            index,
            feature,
            out: Vec::new(),
        };
        let kind = match feature.property("kind") {
            _ if feature.properties.is_none() => {
                c.error("kind", "missing: the feature has no properties");
                None
            }
            None => {
                c.error("kind", "missing required property");
                None
            }
            Some(serde_json::Value::String(k)) => match Kind::parse(k) {
                Some(kind) => Some(kind),
                None => {
                    c.warning(
                        "kind",
                        format!(
                            "unknown kind {k:?}, kept as is (known: border_segment, claim_line, territory, outpost, incursion_zone, shore, basepoint, median_line, turning_point, buffer_zone)"
                        ),
                    );
                    None
                }
            },
            Some(other) => {
                c.error("kind", format!("must be a string, found {other}"));
                None
            }
        };

        if let Some(id) = &feature.id {
            if let Some(&first) = first_with_id.get(id) {
                let strict = |k: Option<Kind>| {
                    matches!(
                        k,
                        Some(Kind::BorderSegment | Kind::Outpost | Kind::IncursionZone)
                    )
                };
                let msg = format!("duplicate id {id}, first used by feature {first}");
                if strict(kind) || strict(features[first].kind()) {
                    c.error("id", msg);
                } else {
                    c.warning("id", msg);
                }
            } else {
                first_with_id.insert(id, index);
            }
        }

        c.coordinates();
        if let Some(kind) = kind {
            check_kind(&mut c, kind, &mut records);
        }
        out.append(&mut c.out);
    }

    check_claim_references(features, &records, &mut out);
    check_segment_gaps(features, &records, &mut out);
    (records, out)
}

fn check_kind(c: &mut Checker<'_>, kind: Kind, records: &mut Records) {
    let feature = c.feature;
    let index = c.index;
    let geometry_ok = c.geometry_type(kind);
    if matches!(kind, Kind::Territory | Kind::IncursionZone) && geometry_ok {
        c.polygons_valid();
    }
    if matches!(
        kind,
        Kind::BorderSegment | Kind::Outpost | Kind::IncursionZone
    ) {
        c.require_id(kind);
    }
    match kind {
        Kind::BorderSegment => {
            let left = c.required_str("left");
            let right = c.required_str("right");
            let status = c.required_str("status").and_then(|s| {
                s.parse::<SegmentStatus>()
                    .map_err(|e| c.error("status", e.to_string()))
                    .ok()
            });
            if let (Some(l), Some(r)) = (&left, &right)
                && l == r
            {
                c.error(
                    "right",
                    format!("equals left ({l}): a border separates two different parties"),
                );
            }
            if let (false, Some(left), Some(right), Some(status), Some(id)) =
                (c.has_errors(), left, right, status, feature.id.clone())
            {
                records.segments.push(SegmentRecord {
                    feature: index,
                    id,
                    left: Party::new(left),
                    right: Party::new(right),
                    status,
                });
            }
        }
        Kind::ClaimLine => {
            let claimant = c.required_str("claimant");
            let segment = match feature.property("segment") {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(FeatureId::String(s.clone())),
                Some(serde_json::Value::Number(n)) => Some(FeatureId::Number(n.clone())),
                Some(other) => {
                    c.error(
                        "segment",
                        format!(
                            "must be the id (string or number) of a border segment, found {other}"
                        ),
                    );
                    None
                }
            };
            if let (false, Some(claimant)) = (c.has_errors(), claimant) {
                records.claims.push(ClaimRecord {
                    feature: index,
                    claimant: Party::new(claimant),
                    segment,
                });
            }
        }
        Kind::Territory => {
            let party = c.required_str("party");
            // Sides are decided in lon/lat, where such a territory would be
            // read as the band around the rest of the world.
            if let Some(span) = crate::polygon::antimeridian_span(crate::model::polygons_of(
                feature.geometry.as_ref(),
            )) {
                c.error(
                    "geometry",
                    format!(
                        "crosses the antimeridian (an edge spans {span}° of longitude): split it at ±180° (RFC 7946 §3.1.9)"
                    ),
                );
            }
            if let (false, Some(party)) = (c.has_errors(), party) {
                records.territories.push(TerritoryRecord {
                    feature: index,
                    party: Party::new(party),
                });
            }
        }
        Kind::Outpost => {
            let operator = c.required_str("operator");
            let status = c.required_str("status").and_then(|s| {
                s.parse::<OutpostStatus>()
                    .map_err(|e| c.error("status", e.to_string()))
                    .ok()
            });
            let range_m = match feature.property("range_m") {
                None | Some(serde_json::Value::Null) => None,
                Some(v) => match v.as_f64() {
                    Some(r) if r.is_finite() && r > 0.0 => Some(r),
                    _ => {
                        c.error(
                            "range_m",
                            format!("must be a positive number of metres, found {v}"),
                        );
                        None
                    }
                },
            };
            let point = match feature.geometry {
                Some(Geometry::Point(p)) => Some(p),
                _ => None,
            };
            if let (false, Some(operator), Some(status), Some(id), Some(point)) =
                (c.has_errors(), operator, status, feature.id.clone(), point)
            {
                records.outposts.push(OutpostRecord {
                    feature: index,
                    id,
                    operator: Party::new(operator),
                    status,
                    range_m,
                    point,
                });
            }
        }
        Kind::IncursionZone => {
            let claimant = c.required_str("claimant");
            let accused = c.required_str("accused");
            if let Some(reported) = c.optional_str("reported")
                && !is_iso_date(&reported)
            {
                c.warning(
                    "reported",
                    format!("{reported:?} is not an ISO 8601 date (YYYY-MM-DD)"),
                );
            }
            if let (Some(a), Some(b)) = (&claimant, &accused)
                && a == b
            {
                c.warning(
                    "accused",
                    format!("equals claimant ({a}): a party reporting its own forces"),
                );
            }
            if let (false, Some(claimant), Some(accused), Some(id)) =
                (c.has_errors(), claimant, accused, feature.id.clone())
            {
                records.zones.push(ZoneRecord {
                    feature: index,
                    id,
                    claimant: Party::new(claimant),
                    accused: Party::new(accused),
                });
            }
        }
        Kind::Shore => {
            let party = c.required_str("party");
            c.optional_str("name");
            if let (false, Some(party)) = (c.has_errors(), party) {
                records.shores.push(ShoreRecord {
                    feature: index,
                    party: Party::new(party),
                });
            }
        }
        Kind::Basepoint => {
            let party = c.required_str("party");
            let point = match feature.geometry {
                Some(Geometry::Point(p)) => Some(p),
                _ => None,
            };
            if let (false, Some(party), Some(point)) = (c.has_errors(), party, point) {
                records.basepoints.push(BasepointRecord {
                    feature: index,
                    party: Party::new(party),
                    point,
                });
            }
        }
        Kind::MedianLine | Kind::TurningPoint | Kind::BufferZone => {
            if !c.has_errors() {
                records.outputs.push((kind, index));
            }
        }
    }
}

fn check_claim_references(features: &[Feature], records: &Records, out: &mut Vec<Diagnostic>) {
    for claim in &records.claims {
        if let Some(seg) = &claim.segment
            && !records.segments.iter().any(|s| &s.id == seg)
        {
            out.push(Diagnostic {
                severity: Severity::Warning,
                feature: Some(claim.feature),
                id: features[claim.feature].id.clone(),
                property: "segment".to_owned(),
                message: format!("no valid border segment has id {seg}"),
            });
        }
    }
}

/// Warns about segment ends that come within [`GAP_WARNING_M`] of another
/// segment's end without meeting it.
fn check_segment_gaps(features: &[Feature], records: &Records, out: &mut Vec<Diagnostic>) {
    // (record index, part, which end) for every end of every line part.
    let mut ends = Vec::new();
    for (r, seg) in records.segments.iter().enumerate() {
        for line in lines_of(features[seg.feature].geometry.as_ref()) {
            if let (Some(a), Some(b)) = (line.0.first(), line.0.last()) {
                ends.push(GeomWithData::new([a.x, a.y], r));
                ends.push(GeomWithData::new([b.x, b.y], r));
            }
        }
    }
    let tree = RTree::bulk_load(ends.clone());
    let mut reported = std::collections::HashSet::new();
    for end in &ends {
        let [lon, lat] = *end.geom();
        // A generous lon/lat box for 50 m; the exact test is geodesic below.
        let dlat = 1e-3;
        let dlon = 1e-3 / lat.to_radians().cos().max(1e-6);
        let env = AABB::from_corners([lon - dlon, lat - dlat], [lon + dlon, lat + dlat]);
        let mut near_meeting = false;
        let mut closest: Option<(f64, usize)> = None;
        for other in tree.locate_in_envelope_intersecting(&env) {
            if other.data == end.data {
                continue;
            }
            let [olon, olat] = *other.geom();
            let d =
                crate::geodesy::distance_m(Coord { x: lon, y: lat }, Coord { x: olon, y: olat });
            if d <= MEET_M {
                near_meeting = true;
            } else if d <= GAP_WARNING_M && closest.is_none_or(|(cd, _)| d < cd) {
                closest = Some((d, other.data));
            }
        }
        if let (false, Some((d, other))) = (near_meeting, closest) {
            let this = end.data;
            if reported.insert((this.min(other), this.max(other))) {
                let (a, b) = (&records.segments[this], &records.segments[other]);
                out.push(Diagnostic {
                    severity: Severity::Warning,
                    feature: Some(a.feature),
                    id: Some(a.id.clone()),
                    property: "geometry".to_owned(),
                    message: format!(
                        "an end comes within {d:.1} m of an end of segment {} (feature {}) without meeting it: a gap in the border?",
                        b.id, b.feature
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2021-05-12"));
        assert!(is_iso_date("2021-05-12T08:00:00Z"));
        assert!(!is_iso_date("12 May 2021"));
        assert!(!is_iso_date("2021-13-01"));
        assert!(!is_iso_date("2021-05-12 "));
    }

    #[test]
    fn diagnostic_display_follows_the_cli_contract() {
        let d = Diagnostic::error(
            3,
            Some("seg-1".into()),
            "left",
            "missing required property".into(),
        );
        assert_eq!(
            d.to_string(),
            "error feature 3 (id seg-1): left: missing required property"
        );
    }
}
