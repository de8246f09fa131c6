//! Coordinate reference systems: data and query points in any CRS, through
//! PROJ (cargo feature `proj`).
//!
//! Demarcation GeoJSON is WGS84 longitude, latitude in degrees, and every
//! analysis works there. This module brings data from another CRS (a UTM zone,
//! a national grid) to WGS84 on the way in, and results back to a CRS on the
//! way out:
//!
//! - [`Crs`] parses what a user writes: `EPSG:32638`, `WGS84`, `CRS84`,
//!   `OGC:CRS84`, OGC URNs (`urn:ogc:def:crs:EPSG::32638`,
//!   `urn:ogc:def:crs:OGC:1.3:CRS84`) and URLs
//!   (`http://www.opengis.net/def/crs/EPSG/0/32638`), any other
//!   `AUTHORITY:CODE` PROJ knows (`ESRI:102001`), a PROJ string
//!   (`+proj=utm +zone=38 +datum=WGS84`), or WKT / PROJJSON.
//! - [`declared_crs`] reads a file's legacy (GeoJSON 2008) `crs` member,
//!   `{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}}`.
//! - [`crate::io::Loader`] with [`crate::io::Loader::crs`] loads a dataset
//!   given in a CRS: it reads it, transforms every geometry to WGS84 and only
//!   then validates it, so the longitude/latitude range checks and everything
//!   else apply to the transformed coordinates exactly as to a WGS84 file.
//! - [`Transformer::transform`] moves coordinates, point lists, geometries
//!   and features between a CRS and WGS84, either [`Direction`];
//!   [`crate::io::ProjectedMap`] is a whole map transformed for writing.
//!
//! This module sits below [`crate::io`]: it knows nothing of reading or
//! writing files.
//!
//! # Which CRS applies
//!
//! A CRS the caller gives ([`crate::io::Loader::crs`]) wins over the file's `crs`
//! member; when both are present and differ, loading adds a warning
//! ([`crate::Diagnostic`] on the collection, property `crs`). Without either,
//! the data is WGS84 longitude/latitude, as RFC 7946 requires.
//!
//! # Axis order
//!
//! Always the GIS order: (easting, northing) for projected CRSs and
//! (longitude, latitude) for geographic ones, whatever the CRS's definition
//! says. `EPSG:4326` is officially latitude first; here it is longitude,
//! latitude, as in GeoJSON. (PROJ's `proj_normalize_for_visualization`.)
//!
//! # Without the `proj` feature
//!
//! WGS84 in any of its spellings is accepted and needs no transformation; any
//! other CRS is an [`Error::ProjUnavailable`] saying to build with
//! `--features proj`.
//!
//! # With the `proj` feature
//!
//! PROJ is built from source and linked statically, with its database
//! (`proj.db`) embedded, so EPSG codes resolve without `PROJ_DATA`; network
//! access to transformation grids is off. Datum shifts that need a grid fall
//! back to what PROJ can do without one (often a Helmert transformation).
//! A [`Transformer`] costs about 15 ms per direction to set up (a database
//! look-up); transforming costs about 0.35 µs a coordinate for UTM. When a CRS
//! cannot be set up, PROJ's own logger may write one line to standard error
//! (e.g. `proj_create: crs not found: EPSG:999999`) besides the
//! [`Error::CrsSetup`] this crate returns; a `PROJ_DATA`/`PROJ_LIB` pointing at
//! an older `proj.db` takes precedence over the embedded one and can break
//! look-ups.
//!
//! # Examples
//!
//! ```
//! use demarcate::crs::Crs;
//!
//! let utm: Crs = "urn:ogc:def:crs:EPSG::32638".parse()?;
//! assert_eq!(utm.epsg_code(), Some(32638));
//! assert!(!utm.is_wgs84_lonlat());
//! assert!(Crs::parse("EPSG:4326")?.is_wgs84_lonlat());
//!
//! // A dataset in UTM zone 38N, declared by its legacy `crs` member.
//! let text = r#"{"type": "FeatureCollection",
//!   "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32638"}},
//!   "features": [{"type": "Feature", "id": "s1",
//!     "properties": {"kind": "border_segment", "left": "ARM", "right": "AZE",
//!                    "status": "disputed"},
//!     "geometry": {"type": "LineString",
//!                  "coordinates": [[542555.16, 4450075.50], [545000.0, 4452000.0]]}}]}"#;
//! match demarcate::io::Loader::new().crs_member(true).str(text) {
//!     // Built with `--features proj`: the map is in WGS84 lon/lat.
//!     Ok(loaded) => {
//!         let lon = loaded.map.segments().next().unwrap().lines()[0].0[0].x;
//!         assert!((lon - 45.5).abs() < 1e-7);
//!     }
//!     // Without PROJ, a projected CRS is refused with a message that says so.
//!     Err(e) => assert!(e.to_string().contains("--features proj")),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod transform;

pub use crate::error::{CoordSource, Direction};
pub(crate) use transform::collection_bbox;
pub use transform::{Transformable, Transformer};

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::error::{Diagnostic, Error, Result, Severity};
use crate::model::{BorderMap, Feature, JsonObject};

/// A coordinate reference system, as a user or a file named it.
///
/// Parse one with [`Crs::parse`] (or `str::parse`). Two `Crs` are equal when
/// they name the same definition (`EPSG:4326` equals `WGS84`, `epsg:32638`
/// equals `urn:ogc:def:crs:EPSG::32638`), whatever the spelling.
/// [`Display`](fmt::Display) shows the text as given.
#[derive(Debug, Clone)]
pub struct Crs {
    text: String,
    def: Def,
}

/// What a CRS text means.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Def {
    /// WGS84 longitude, latitude in degrees (EPSG:4326 in GIS order, OGC:CRS84).
    Wgs84,
    /// A code of an authority PROJ's database knows (EPSG, ESRI, IGNF, OGC...).
    Authority { authority: String, code: String },
    /// A PROJ string, WKT or PROJJSON, handed to PROJ as written.
    Definition(String),
}

const ACCEPTED: &str = "expected EPSG:<code> (e.g. EPSG:32638), WGS84, CRS84, OGC:CRS84, an OGC URN \
     (urn:ogc:def:crs:EPSG::32638), another AUTHORITY:CODE known to PROJ, a PROJ string \
     (+proj=utm +zone=38 +datum=WGS84) or WKT";

impl Crs {
    /// WGS84 longitude, latitude in degrees: the CRS of Demarcation GeoJSON.
    pub fn wgs84() -> Crs {
        Crs {
            text: "OGC:CRS84".to_owned(),
            def: Def::Wgs84,
        }
    }

    /// The EPSG CRS with this code (`Crs::epsg(4326)` is [`Crs::wgs84`]).
    pub fn epsg(code: u32) -> Crs {
        let text = format!("EPSG:{code}");
        let def = if code == 4326 {
            Def::Wgs84
        } else {
            Def::Authority {
                authority: "EPSG".to_owned(),
                code: code.to_string(),
            }
        };
        Crs { text, def }
    }

    /// Parses a CRS as a user writes it (see the [module docs](self) for the
    /// forms). Case does not matter in names, authorities and URN prefixes.
    ///
    /// Only the form is checked here; whether PROJ knows the code or accepts
    /// the definition shows when a [`Transformer`] is made.
    ///
    /// ```
    /// use demarcate::crs::Crs;
    /// assert_eq!(Crs::parse("epsg:32638")?, Crs::parse("urn:ogc:def:crs:EPSG::32638")?);
    /// assert!(Crs::parse("urn:ogc:def:crs:OGC:1.3:CRS84")?.is_wgs84_lonlat());
    /// assert!(Crs::parse("+proj=longlat +datum=WGS84 +no_defs")?.is_wgs84_lonlat());
    /// assert!(!Crs::parse("+proj=utm +zone=38 +datum=WGS84")?.is_wgs84_lonlat());
    /// assert!(Crs::parse("EPSG:").is_err());
    /// # Ok::<(), demarcate::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Crs> {
        parse_def(text.trim())
            .map(|def| Crs {
                text: text.trim().to_owned(),
                def,
            })
            .map_err(|reason| Error::UnknownCrs {
                origin: None,
                text: text.to_owned(),
                reason,
            })
    }

    /// `true` for WGS84 longitude/latitude in degrees (`EPSG:4326`, `WGS84`,
    /// `CRS84` and their URNs, `+proj=longlat +datum=WGS84`): data in it needs
    /// no transformation.
    pub fn is_wgs84_lonlat(&self) -> bool {
        self.def == Def::Wgs84
    }

    /// The EPSG code, if the CRS is named by one (`4326` for WGS84 in any
    /// spelling).
    pub fn epsg_code(&self) -> Option<u32> {
        match &self.def {
            Def::Wgs84 => Some(4326),
            Def::Authority { authority, code } if authority == "EPSG" => code.parse().ok(),
            _ => None,
        }
    }

    /// The text as given (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The OGC URN naming the CRS (`urn:ogc:def:crs:EPSG::32638`,
    /// `urn:ogc:def:crs:OGC:1.3:CRS84`), if it is named by an authority's code.
    pub fn to_urn(&self) -> Option<String> {
        match &self.def {
            Def::Wgs84 => Some("urn:ogc:def:crs:OGC:1.3:CRS84".to_owned()),
            Def::Authority { authority, code } => {
                Some(format!("urn:ogc:def:crs:{authority}::{code}"))
            }
            Def::Definition(_) => None,
        }
    }

    /// The legacy GeoJSON `crs` member naming this CRS:
    /// `{"type": "name", "properties": {"name": <URN, or the PROJ string / WKT as given>}}`.
    pub fn to_geojson_member(&self) -> Value {
        let name = self.to_urn().unwrap_or_else(|| self.text.clone());
        serde_json::json!({"type": "name", "properties": {"name": name}})
    }

    /// Reads a legacy GeoJSON `crs` member's value: `{"type": "name",
    /// "properties": {"name": ...}}` (any form [`Crs::parse`] takes), or the
    /// older `{"type": "EPSG", "properties": {"code": 32638}}`. `null` means no
    /// CRS (`Ok(None)`). Linked CRSs (`"type": "link"`) are refused: give the
    /// CRS explicitly instead.
    pub fn from_geojson_member(value: &Value) -> Result<Option<Crs>> {
        let bad = |reason: &str| Error::UnknownCrs {
            origin: None,
            text: value.to_string(),
            reason: reason.to_owned(),
        };
        let obj = match value {
            Value::Null => return Ok(None),
            Value::Object(o) => o,
            _ => return Err(bad("the crs member must be an object or null")),
        };
        let props = obj.get("properties").and_then(Value::as_object);
        match obj.get("type").and_then(Value::as_str) {
            Some(t) if t.eq_ignore_ascii_case("name") => {
                let name = props
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("a named crs needs a string properties.name"))?;
                Crs::parse(name).map(Some).map_err(|e| match e {
                    Error::UnknownCrs { reason, .. } => bad(&reason),
                    other => other,
                })
            }
            Some(t) if t.eq_ignore_ascii_case("epsg") => {
                let code = props
                    .and_then(|p| p.get("code"))
                    .and_then(|c| match c {
                        Value::Number(n) => n.as_u64(),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    })
                    .and_then(|c| u32::try_from(c).ok())
                    .ok_or_else(|| bad("an EPSG crs needs a numeric properties.code"))?;
                Ok(Some(Crs::epsg(code)))
            }
            Some(t) if t.eq_ignore_ascii_case("link") => Err(bad(
                "linked CRS definitions are not supported; give the CRS explicitly",
            )),
            _ => Err(bad(
                "expected {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::<code>\"}}",
            )),
        }
    }

    /// What PROJ is given for this CRS.
    #[cfg(any(feature = "proj", test))]
    pub(crate) fn proj_definition(&self) -> String {
        match &self.def {
            Def::Wgs84 => "OGC:CRS84".to_owned(),
            Def::Authority { authority, code } => format!("{authority}:{code}"),
            Def::Definition(d) => {
                let is_proj_string = d.starts_with('+') || d.starts_with("proj=");
                if is_proj_string && !d.split_whitespace().any(|t| t == "+type=crs") {
                    format!("{d} +type=crs")
                } else {
                    d.clone()
                }
            }
        }
    }
}

impl PartialEq for Crs {
    fn eq(&self, other: &Crs) -> bool {
        self.def == other.def
    }
}

impl Eq for Crs {}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Crs {
    type Err = Error;

    fn from_str(s: &str) -> Result<Crs> {
        Crs::parse(s)
    }
}

fn authority(authority: &str, code: &str) -> Result<Def, String> {
    let authority = authority.to_ascii_uppercase();
    let code = code.trim();
    if code.is_empty() {
        return Err(format!("no code after {authority}:; {ACCEPTED}"));
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        return Err(format!("{code:?} is not a code; {ACCEPTED}"));
    }
    match authority.as_str() {
        "EPSG" => {
            let n: u32 = code
                .parse()
                .map_err(|_| format!("EPSG codes are numbers, found {code:?}"))?;
            Ok(if n == 4326 {
                Def::Wgs84
            } else {
                Def::Authority {
                    authority,
                    code: n.to_string(),
                }
            })
        }
        "OGC" if code.eq_ignore_ascii_case("CRS84") => Ok(Def::Wgs84),
        "OGC" => Ok(Def::Authority {
            authority,
            code: code.to_ascii_uppercase(),
        }),
        _ => Ok(Def::Authority {
            authority,
            code: code.to_owned(),
        }),
    }
}

fn parse_def(t: &str) -> Result<Def, String> {
    if t.is_empty() {
        return Err(format!("empty; {ACCEPTED}"));
    }
    let lower = t.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "wgs84" | "wgs 84" | "wgs-84" | "crs84" | "ogc:crs84" | "lonlat" | "lon/lat"
    ) {
        return Ok(Def::Wgs84);
    }
    // urn:ogc:def:crs:AUTHORITY:[VERSION]:CODE
    if let Some(rest) = lower.strip_prefix("urn:ogc:def:crs:") {
        let parts: Vec<&str> = t[t.len() - rest.len()..].split(':').collect();
        return match parts.as_slice() {
            [auth, _, code] | [auth, code] => authority(auth, code),
            _ => Err(format!(
                "an OGC CRS URN is urn:ogc:def:crs:AUTHORITY:[VERSION]:CODE; {ACCEPTED}"
            )),
        };
    }
    // http://www.opengis.net/def/crs/AUTHORITY/VERSION/CODE
    for prefix in [
        "http://www.opengis.net/def/crs/",
        "https://www.opengis.net/def/crs/",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let parts: Vec<&str> = t[t.len() - rest.len()..].split('/').collect();
            return match parts.as_slice() {
                [auth, _version, code] => authority(auth, code),
                _ => Err(format!(
                    "an OGC CRS URL is {prefix}AUTHORITY/VERSION/CODE; {ACCEPTED}"
                )),
            };
        }
    }
    if t.starts_with('+') || lower.starts_with("proj=") {
        return Ok(if is_wgs84_proj_string(&lower) {
            Def::Wgs84
        } else {
            Def::Definition(t.to_owned())
        });
    }
    // WKT (`PROJCRS[...]`, `GEOGCS[...]`) or PROJJSON (`{...}`).
    let head = t.split(['[', '(']).next().unwrap_or("");
    if t.starts_with('{')
        || (head.len() < t.len()
            && !head.is_empty()
            && head.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        return Ok(Def::Definition(t.to_owned()));
    }
    if let Some((auth, code)) = t.split_once(':') {
        let auth = auth.trim();
        if !auth.is_empty() && auth.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return authority(auth, code);
        }
    }
    Err(ACCEPTED.to_owned())
}

/// `+proj=longlat +datum=WGS84` and its spellings (`latlong`, `lonlat`,
/// `+ellps=WGS84`, `+no_defs`, `+type=crs`): nothing else may be set.
fn is_wgs84_proj_string(lower: &str) -> bool {
    let mut proj = false;
    let mut wgs84 = false;
    for token in lower.split_whitespace() {
        match token.trim_start_matches('+') {
            "proj=longlat" | "proj=latlong" | "proj=lonlat" | "proj=latlon" => proj = true,
            "datum=wgs84" | "ellps=wgs84" => wgs84 = true,
            "no_defs" | "type=crs" | "towgs84=0,0,0" | "towgs84=0,0,0,0,0,0,0" | "" => {}
            _ => return false,
        }
    }
    proj && wgs84
}

/// The CRS a map's legacy `crs` collection member declares, if any.
///
/// `Ok(None)` when there is no `crs` member (or it is `null`): RFC 7946 data,
/// WGS84 longitude/latitude. A member that cannot be read is an
/// [`Error::UnknownCrs`]. Maps loaded through [`crate::io::Loader`] have no
/// `crs` member left once they have been transformed.
pub fn declared_crs(map: &BorderMap) -> Result<Option<Crs>> {
    crs_of_members(map.collection_members(), None)
}

fn crs_of_members(members: &JsonObject, origin: Option<&str>) -> Result<Option<Crs>> {
    match members.get("crs") {
        None => Ok(None),
        Some(v) => Crs::from_geojson_member(v).map_err(|e| match e {
            Error::UnknownCrs { text, reason, .. } => Error::UnknownCrs {
                origin: Some(origin.unwrap_or("<map>").to_owned()),
                text,
                reason,
            },
            other => other,
        }),
    }
}

/// The step between reading and validation (`crate::io::Loader`): decide
/// the CRS (the given one wins over the `crs` member, with a warning when
/// they differ), transform the features to WGS84, drop the member and
/// recompute the collection's `bbox`. Returns collection-level findings.
pub(crate) fn prepare(
    given: Option<&Crs>,
    origin: &str,
    members: &mut JsonObject,
    bbox: &mut Option<Vec<f64>>,
    features: &mut [Feature],
) -> Result<Vec<Diagnostic>> {
    let mut found = Vec::new();
    let mut warn = |message: String| {
        found.push(Diagnostic {
            severity: Severity::Warning,
            feature: None,
            id: None,
            property: "crs".to_owned(),
            message,
        });
    };
    let declared = match crs_of_members(members, Some(origin)) {
        Ok(d) => d,
        // An explicit CRS makes an unreadable member irrelevant.
        Err(e) if given.is_some() => {
            warn(format!("ignored: {e}"));
            None
        }
        Err(e) => return Err(e),
    };
    let crs = match (given, declared) {
        (Some(g), Some(d)) => {
            if *g != d {
                warn(format!(
                    "the file declares {d}; the given CRS {g} takes precedence"
                ));
            }
            g.clone()
        }
        (Some(g), None) => g.clone(),
        (None, Some(d)) => d,
        (None, None) => return Ok(found),
    };
    if crs.is_wgs84_lonlat() {
        return Ok(found);
    }
    let transformer = Transformer::new(&crs)?;
    transformer.transform(Direction::ToWgs84, &mut *features)?;
    *bbox = transform::collection_bbox(bbox.as_ref(), features);
    // The coordinates are WGS84 now; a member naming the old CRS would lie.
    members.shift_remove("crs");
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(s: &str) -> Def {
        Crs::parse(s).unwrap().def
    }

    #[test]
    fn wgs84_spellings() {
        for s in [
            "EPSG:4326",
            "epsg:4326",
            " WGS84 ",
            "WGS 84",
            "CRS84",
            "OGC:CRS84",
            "ogc:crs84",
            "urn:ogc:def:crs:OGC:1.3:CRS84",
            "urn:ogc:def:crs:OGC::CRS84",
            "urn:ogc:def:crs:EPSG::4326",
            "urn:ogc:def:crs:EPSG:6.6:4326",
            "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
            "http://www.opengis.net/def/crs/EPSG/0/4326",
            "+proj=longlat +datum=WGS84 +no_defs",
            "+proj=latlong +ellps=WGS84 +type=crs",
        ] {
            assert_eq!(def(s), Def::Wgs84, "{s}");
        }
    }

    #[test]
    fn projected_and_other_forms() {
        let utm = Def::Authority {
            authority: "EPSG".into(),
            code: "32638".into(),
        };
        for s in [
            "EPSG:32638",
            "epsg:32638",
            "urn:ogc:def:crs:EPSG::32638",
            "URN:OGC:DEF:CRS:EPSG:9.9:32638",
            "http://www.opengis.net/def/crs/EPSG/0/32638",
        ] {
            assert_eq!(def(s), utm, "{s}");
        }
        assert_eq!(
            def("ESRI:102001"),
            Def::Authority {
                authority: "ESRI".into(),
                code: "102001".into()
            }
        );
        let p = "+proj=utm +zone=38 +datum=WGS84";
        assert_eq!(def(p), Def::Definition(p.into()));
        assert_eq!(
            Crs::parse(p).unwrap().proj_definition(),
            "+proj=utm +zone=38 +datum=WGS84 +type=crs"
        );
        // A WGS84 datum but another projection is not WGS84 lon/lat.
        assert!(
            !Crs::parse("+proj=longlat +datum=WGS84 +pm=paris")
                .unwrap()
                .is_wgs84_lonlat()
        );
        let wkt = r#"PROJCRS["WGS 84 / UTM zone 38N",BASEGEOGCRS["WGS 84"]]"#;
        assert_eq!(def(wkt), Def::Definition(wkt.into()));
    }

    #[test]
    fn malformed_texts_are_refused_with_what_is_accepted() {
        for s in [
            "",
            "  ",
            "EPSG:",
            "EPSG:abc",
            "utm 38",
            "urn:ogc:def:crs:EPSG",
            "32638",
        ] {
            let e = Crs::parse(s).unwrap_err();
            assert!(
                matches!(&e, Error::UnknownCrs { origin: None, text, .. } if text == s),
                "{s}: {e:?}"
            );
            assert!(
                e.to_string().contains("not a coordinate reference system"),
                "{e}"
            );
        }
        let e = Crs::parse("EPSG:abc").unwrap_err().to_string();
        assert!(e.contains("EPSG codes are numbers"), "{e}");
    }

    #[test]
    fn display_keeps_the_text_and_equality_the_meaning() {
        let a = Crs::parse("epsg:32638").unwrap();
        assert_eq!(a.to_string(), "epsg:32638");
        assert_eq!(a, Crs::epsg(32638));
        assert_eq!(a.to_urn().as_deref(), Some("urn:ogc:def:crs:EPSG::32638"));
        assert_eq!(Crs::epsg(4326), Crs::wgs84());
        assert_ne!(Crs::epsg(32638), Crs::epsg(32639));
    }
}
