//! Degrees, minutes and seconds: encoding to 0.0001″ with correct carries,
//! and decoding with GeographicLib's `DMS` grammar.
//!
//! # Units
//!
//! Angles are decimal degrees; 0.0001″ of latitude is about 3 mm on the
//! ground.
//!
//! # Grammar
//!
//! A value is an optional sign or a hemisphere letter (`N`, `S`, `E`, `W`,
//! any case) before or after it (not both), then one to three components,
//! each a number followed by a designator: degrees `d`, `°`, `º`, `⁰`, `˚`;
//! minutes `'`, `′`, `‘`, `’`; seconds `"`, `″`, `”` or `''`. Components come
//! in the order degrees, minutes, seconds; the last may leave out its
//! designator (it is then the unit after the previous one, or degrees when
//! alone), and only the last may have a fraction. `:` separates components
//! without designators (`-40:12:34.5`). Minutes and seconds are below 60.
//!
//! # Examples
//!
//! ```
//! use demarcate::geodesy::dms::{decode, encode_lat, Hemisphere};
//! let (deg, hemi) = decode("40°12'34.5\"N")?;
//! assert!((deg - (40.0 + 12.0 / 60.0 + 34.5 / 3600.0)).abs() < 1e-12);
//! assert_eq!(hemi, Some(Hemisphere::Latitude));
//! assert_eq!(decode("40d12'34.5\"N")?.0, -decode("-40:12:34.5")?.0);
//! assert_eq!(encode_lat(40.0 + 12.0 / 60.0 + 34.5 / 3600.0), "40°12'34.5000\"N");
//! // 59.99996″ rounds up into the next minute, and that minute into the next degree
//! assert_eq!(encode_lat(-(10.0 + 59.0 / 60.0 + 59.99996 / 3600.0)), "11°00'00.0000\"S");
//! # Ok::<(), demarcate::geodesy::dms::DmsError>(())
//! ```

/// Which coordinate a hemisphere letter makes a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hemisphere {
    /// `N` or `S`.
    Latitude,
    /// `E` or `W`.
    Longitude,
}

/// A DMS string that does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {column}: {message}")]
pub struct DmsError {
    /// 1-based column (in characters) of the fault within the value.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

fn fault(column: usize, message: impl Into<String>) -> DmsError {
    DmsError {
        column: column + 1,
        message: message.into(),
    }
}

/// Ten-thousandths of an arc second in a degree.
const UNITS_PER_DEGREE: f64 = 3600.0 * 1e4;

/// `|deg|` as degrees, minutes and seconds rounded to 0.0001″; the carries
/// are exact because the rounding is done once, on the whole value in
/// 0.0001″ units.
fn split(deg: f64) -> (u64, u64, u64, u64) {
    let units = (deg.abs() * UNITS_PER_DEGREE).round() as u64;
    let (d, rest) = (units / 36_000_000, units % 36_000_000);
    let (m, rest) = (rest / 600_000, rest % 600_000);
    (d, m, rest / 10_000, rest % 10_000)
}

fn encode(deg: f64, positive: char, negative: char) -> String {
    if !deg.is_finite() {
        return format!("{deg}");
    }
    let (d, m, s, frac) = split(deg);
    let zero = d == 0 && m == 0 && s == 0 && frac == 0;
    let hemi = if deg < 0.0 && !zero {
        negative
    } else {
        positive
    };
    format!("{d}°{m:02}'{s:02}.{frac:04}\"{hemi}")
}

/// A latitude (degrees) as `40°12'34.5678"N`: seconds to 0.0001″, minutes
/// and seconds two digits, `S` when negative.
pub fn encode_lat(lat: f64) -> String {
    encode(lat, 'N', 'S')
}

/// A longitude (degrees) as `45°01'02.0000"E`, `W` when negative.
pub fn encode_lon(lon: f64) -> String {
    encode(lon, 'E', 'W')
}

#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Unit {
    Degrees = 0,
    Minutes = 1,
    Seconds = 2,
}

/// The unit a designator starting at `chars[i]` names, and its length.
fn designator(chars: &[char], i: usize) -> Option<(Unit, usize)> {
    match chars[i] {
        'd' | 'D' | '°' | 'º' | '⁰' | '˚' => Some((Unit::Degrees, 1)),
        '\'' if chars.get(i + 1) == Some(&'\'') => Some((Unit::Seconds, 2)),
        '\'' | '′' | '‘' | '’' => Some((Unit::Minutes, 1)),
        '"' | '″' | '”' => Some((Unit::Seconds, 1)),
        _ => None,
    }
}

fn hemisphere(c: char) -> Option<(Hemisphere, f64)> {
    match c.to_ascii_uppercase() {
        'N' => Some((Hemisphere::Latitude, 1.0)),
        'S' => Some((Hemisphere::Latitude, -1.0)),
        'E' => Some((Hemisphere::Longitude, 1.0)),
        'W' => Some((Hemisphere::Longitude, -1.0)),
        _ => None,
    }
}

/// Decodes an angle written in degrees, minutes and seconds (see the module
/// docs for the grammar). Returns degrees (negative for `S`, `W` or a minus
/// sign) and which coordinate a hemisphere letter made it, if any.
///
/// # Errors
///
/// [`DmsError`] with the 1-based column of the fault.
pub fn decode(text: &str) -> Result<(f64, Option<Hemisphere>), DmsError> {
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi && chars[lo].is_whitespace() {
        lo += 1;
    }
    while hi > lo && chars[hi - 1].is_whitespace() {
        hi -= 1;
    }
    if lo == hi {
        return Err(fault(lo, "empty angle"));
    }
    let mut sign = 1.0;
    let mut hemi = None;
    if let Some((h, s)) = hemisphere(chars[lo]) {
        hemi = Some(h);
        sign = s;
        lo += 1;
    } else if let Some((h, s)) = hemisphere(chars[hi - 1]) {
        hemi = Some(h);
        sign = s;
        hi -= 1;
    }
    while lo < hi && chars[lo].is_whitespace() {
        lo += 1;
    }
    while hi > lo && chars[hi - 1].is_whitespace() {
        hi -= 1;
    }
    if lo < hi && (chars[lo] == '-' || chars[lo] == '+' || chars[lo] == '−') {
        if hemi.is_some() {
            return Err(fault(lo, "a sign and a hemisphere letter together"));
        }
        if chars[lo] != '+' {
            sign = -1.0;
        }
        lo += 1;
    }
    if lo == hi {
        return Err(fault(lo, "no number"));
    }
    let colons = chars[lo..hi].contains(&':');
    let mut total = 0.0;
    let mut last: Option<Unit> = None;
    let mut had_fraction = false;
    let mut i = lo;
    while i < hi {
        let start = i;
        while i < hi && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let number: String = chars[start..i].iter().collect();
        if number.is_empty() {
            return Err(fault(
                start,
                format!("expected a number, found {:?}", chars[start]),
            ));
        }
        let value: f64 = number
            .parse()
            .map_err(|_| fault(start, format!("{number:?} is not a number")))?;
        if had_fraction {
            return Err(fault(
                start,
                "only the last component may have a fractional part",
            ));
        }
        had_fraction = number.contains('.');
        let next = match last {
            None => Unit::Degrees,
            Some(Unit::Degrees) => Unit::Minutes,
            Some(_) => Unit::Seconds,
        };
        let unit = if i < hi && !colons {
            let Some((unit, len)) = designator(&chars, i) else {
                return Err(fault(
                    i,
                    format!("expected a designator (d ° ' ″ \"), found {:?}", chars[i]),
                ));
            };
            i += len;
            unit
        } else {
            if colons && i < hi {
                if chars[i] != ':' {
                    return Err(fault(i, format!("expected ':', found {:?}", chars[i])));
                }
                i += 1;
                if i == hi {
                    return Err(fault(i, "a ':' ends the angle"));
                }
            }
            next
        };
        if last.is_some_and(|l| unit <= l) || (last.is_none() && colons && unit != next) {
            return Err(fault(
                start,
                "components out of order (degrees, minutes, seconds)",
            ));
        }
        if last == Some(Unit::Seconds) {
            return Err(fault(start, "a component after the seconds"));
        }
        if unit != Unit::Degrees && value >= 60.0 {
            return Err(fault(start, "minutes and seconds must be less than 60"));
        }
        total += value / [1.0, 60.0, 3600.0][unit as usize];
        last = Some(unit);
    }
    if !total.is_finite() {
        return Err(fault(lo, "not a finite angle"));
    }
    Ok((sign * total, hemi))
}

/// Decodes a latitude and a longitude written as two DMS values (as
/// GeographicLib's `DecodeLatLon`): hemisphere letters say which is which,
/// else the first is the latitude. Returns `(lat, lon)`, degrees.
///
/// # Errors
///
/// [`DmsError`] for either value (its column counts within that value), for
/// two values of the same hemisphere kind, a latitude beyond ±90° or a
/// longitude beyond ±180°; `which` in the message says which value.
pub fn decode_lat_lon(first: &str, second: &str) -> Result<(f64, f64), (usize, DmsError)> {
    let (a, ha) = decode(first).map_err(|e| (0, e))?;
    let (b, hb) = decode(second).map_err(|e| (1, e))?;
    let (lat, lon, lat_at) = match (ha, hb) {
        (Some(Hemisphere::Longitude), None | Some(Hemisphere::Latitude))
        | (None, Some(Hemisphere::Latitude)) => (b, a, 1),
        (Some(x), Some(y)) if x == y => {
            return Err((1, fault(0, "both values name the same kind of hemisphere")));
        }
        _ => (a, b, 0),
    };
    if lat.abs() > 90.0 {
        return Err((lat_at, fault(0, format!("latitude {lat}° is beyond ±90°"))));
    }
    if lon.abs() > 180.0 {
        return Err((
            1 - lat_at,
            fault(0, format!("longitude {lon}° is beyond ±180°")),
        ));
    }
    Ok((lat, lon))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dms(d: f64, m: f64, s: f64) -> f64 {
        d + m / 60.0 + s / 3600.0
    }

    #[test]
    fn grammar_variants_agree() {
        let want = dms(40.0, 12.0, 34.5);
        for text in [
            "40°12'34.5\"N",
            "40d12'34.5\"N",
            "N40d12'34.5\"",
            "n 40°12′34.5″",
            "40:12:34.5",
            "+40:12:34.5",
            "40d12'34.5",
            "40°12'34.5''",
            "40º12’34.5”",
            " 40d12.575' ",
            "40.20958333333333333",
        ] {
            let (v, _) = decode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!((v - want).abs() < 1e-12, "{text}: {v}");
        }
        assert_eq!(
            decode("-40:12:34.5").unwrap().0,
            -decode("40:12:34.5").unwrap().0
        );
        assert_eq!(
            decode("40d12'34.5\"S").unwrap().0,
            -decode("40:12:34.5").unwrap().0
        );
        assert_eq!(
            decode("W045°").unwrap(),
            (-45.0, Some(Hemisphere::Longitude))
        );
        assert_eq!(decode("3'").unwrap().0, 3.0 / 60.0);
    }

    #[test]
    fn bad_values_name_the_column() {
        let cases = [
            ("", 1),
            ("40°62'N", 4),
            ("40°12'61\"", 7),
            ("40.5°12'", 6),
            ("40°12'x", 7),
            ("-40°N", 1),
            ("40\"12'", 4),
            ("12'40°", 4),
            ("40:12:", 7),
            ("40::12", 4),
            ("40°12'34\"5", 10),
            ("4a°", 2),
        ];
        for (text, column) in cases {
            let e = decode(text).expect_err(text);
            assert_eq!(e.column, column, "{text}: {e}");
        }
    }

    #[test]
    fn carries_and_hemispheres() {
        assert_eq!(encode_lat(dms(10.0, 59.0, 59.99996)), "11°00'00.0000\"N");
        assert_eq!(encode_lat(dms(10.0, 59.0, 59.99994)), "10°59'59.9999\"N");
        assert_eq!(encode_lon(-dms(44.0, 59.0, 59.99996)), "45°00'00.0000\"W");
        assert_eq!(encode_lon(dms(179.0, 59.0, 59.99996)), "180°00'00.0000\"E");
        assert_eq!(encode_lat(0.0), "0°00'00.0000\"N");
        // rounds to zero: no "S" on a zero
        assert_eq!(encode_lat(-1e-12), "0°00'00.0000\"N");
        assert_eq!(
            encode_lon(45.0 + 1.0 / 60.0 + 2.0 / 3600.0),
            "45°01'02.0000\"E"
        );
    }

    #[test]
    fn lat_lon_order() {
        assert_eq!(decode_lat_lon("45°E", "40°N").unwrap(), (40.0, 45.0));
        assert_eq!(decode_lat_lon("40", "45").unwrap(), (40.0, 45.0));
        assert_eq!(decode_lat_lon("40", "45E").unwrap(), (40.0, 45.0));
        assert_eq!(decode_lat_lon("91", "45").unwrap_err().0, 0);
        assert_eq!(decode_lat_lon("40N", "45S").unwrap_err().0, 1);
        assert_eq!(decode_lat_lon("40N", "x").unwrap_err().0, 1);
    }

    proptest! {
        /// Encoding rounds to 0.0001″ and decodes back within half of that.
        #[test]
        fn round_trip(lat in -90.0..=90.0f64, lon in -180.0..=180.0f64) {
            for (v, text) in [(lat, encode_lat(lat)), (lon, encode_lon(lon))] {
                let (back, _) = decode(&text).unwrap();
                prop_assert!((back - v).abs() <= 0.5e-4 / 3600.0 + 1e-12, "{} -> {} -> {}", v, text, back);
                let (_, m, s, _) = split(v);
                prop_assert!(m < 60 && s < 60);
            }
        }

        /// Values on the 0.0001″ grid and half-way between neighbours carry
        /// like integer arithmetic says.
        #[test]
        fn grid_values_are_exact(units in 0u64..6_480_000_000) {
            let deg = units as f64 / UNITS_PER_DEGREE;
            let text = encode_lon(deg);
            let (d, m, s, f) = (units / 36_000_000, units / 600_000 % 60, units / 10_000 % 60, units % 10_000);
            prop_assert_eq!(text, format!("{d}°{m:02}'{s:02}.{f:04}\"E"));
        }
    }
}
