//! Turning-point schedules against GeographicLib (tests/reference/
//! schedule_reference.py), and read back from CSV and DMS.

use demarcate::delimitation::{border_segment_feature, parse_coordinate_list, parse_schedule_csv};
use demarcate::geodesy::dms;
use demarcate::{BorderMap, FeatureId, Party, ScheduleOptions, SegmentStatus};
use serde_json::Value;

use crate::common::seed_path;

#[test]
fn seed_schedule_matches_geographiclib() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let schedule = map.schedule(&ScheduleOptions::new()).unwrap();
    let reference: Value =
        serde_json::from_str(include_str!("reference/schedule_seed.json")).unwrap();
    let rows = reference["rows"].as_array().unwrap();
    assert_eq!(schedule.rows.len(), rows.len());
    let angle = |a: f64, b: f64| ((a - b + 540.0).rem_euclid(360.0) - 180.0).abs();
    for (got, want) in schedule.rows.iter().zip(rows) {
        assert_eq!(got.segment.to_string(), want["segment"].as_str().unwrap());
        assert_eq!(got.part as u64, want["part"].as_u64().unwrap());
        assert_eq!(got.point as u64, want["point"].as_u64().unwrap());
        assert!((got.chainage_m - want["chainage_m"].as_f64().unwrap()).abs() < 1e-6);
        match want.get("distance_to_next_m") {
            Some(d) => {
                assert!((got.distance_to_next_m.unwrap() - d.as_f64().unwrap()).abs() < 1e-6);
                assert!(
                    angle(
                        got.azimuth_deg.unwrap(),
                        want["azimuth_deg"].as_f64().unwrap()
                    ) < 1e-9
                );
                assert!(
                    angle(
                        got.back_azimuth_deg.unwrap(),
                        want["back_azimuth_deg"].as_f64().unwrap()
                    ) < 1e-9
                );
                assert!((0.0..360.0).contains(&got.azimuth_deg.unwrap()));
                assert!((0.0..360.0).contains(&got.back_azimuth_deg.unwrap()));
            }
            None => assert_eq!(got.distance_to_next_m, None),
        }
        // DMS to 0.0001″
        let (lat, _) = dms::decode(&got.lat_dms).unwrap();
        let (lon, _) = dms::decode(&got.lon_dms).unwrap();
        assert!((lat - got.lat).abs() <= 0.5e-4 / 3600.0 + 1e-12);
        assert!((lon - got.lon).abs() <= 0.5e-4 / 3600.0 + 1e-12);
    }
}

#[test]
fn schedule_csv_reads_back_to_the_same_segments() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let ids = [FeatureId::from("seg-07"), FeatureId::from("seg-15")];
    let schedule = map
        .schedule(&ScheduleOptions::new().segments(ids.clone()))
        .unwrap();
    let csv = schedule.to_csv();
    assert!(csv.starts_with(
        "segment,part,point,lon,lat,lat_dms,lon_dms,distance_to_next_m,azimuth_deg,back_azimuth_deg,chainage_m\n"
    ));
    let back = parse_schedule_csv(&csv, "<string>").unwrap();
    assert_eq!(back.len(), 2);
    for (seg, id) in back.iter().zip(&ids) {
        assert_eq!(&seg.id, id);
        let original = map.segment(id).unwrap().lines();
        assert_eq!(seg.lines.0.len(), original.len());
        for (a, b) in seg.lines.0.iter().zip(original) {
            assert_eq!(a.0.len(), b.0.len());
            for (p, q) in a.0.iter().zip(&b.0) {
                // printed to 1e-9°
                assert!((p.x - q.x).abs() <= 5e-10 && (p.y - q.y).abs() <= 5e-10);
            }
        }
    }
    // the DMS columns alone read back to 0.0001″
    let dms_only: String = csv
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            format!("{},{},{},{}\n", f[0], f[1], f[5], f[6])
        })
        .collect();
    let back = parse_schedule_csv(&dms_only, "<string>").unwrap();
    let original = map.segment(&ids[0]).unwrap().lines();
    for (p, q) in back[0].lines.0[0].0.iter().zip(&original[0].0) {
        assert!((p.x - q.x).abs() <= 0.5e-4 / 3600.0 + 1e-12);
    }
    let feature = border_segment_feature(
        back[0].id.clone(),
        back[0].lines.clone(),
        &Party::new("ARM"),
        &Party::new("AZE"),
        SegmentStatus::Disputed,
    );
    assert_eq!(feature.kind_str(), Some("border_segment"));
    assert_eq!(feature.str_property("status"), Some("disputed"));
}

#[test]
fn markdown_and_json_list_every_vertex() {
    let map = BorderMap::from_path(seed_path()).unwrap();
    let schedule = map
        .schedule(&ScheduleOptions::new().segments([FeatureId::from("seg-01")]))
        .unwrap();
    let md = schedule.to_markdown();
    assert!(md.starts_with("### Segment seg-01\n"));
    assert_eq!(
        md.lines().filter(|l| l.starts_with("| 1 |")).count(),
        schedule.rows.len()
    );
    let json = schedule.to_json();
    assert_eq!(json.as_array().unwrap().len(), schedule.rows.len());
    assert!(json[schedule.rows.len() - 1]["azimuth_deg"].is_null());
    assert!(matches!(
        map.schedule(&ScheduleOptions::new().segments([FeatureId::from("zone-01")])),
        Err(demarcate::Error::UnknownFeature { .. })
    ));
}

#[test]
fn treaty_list_reads_into_a_segment() {
    let text = "# illustrative treaty annex\n\
                1\t39°19'48.0000\"N\t45°59'24.0000\"E\n\
                2\t39d20'06.5\"N\t46d00'01.2\"E\n\
                3\tN39:21:00\tE46:01:00\n";
    let m = parse_coordinate_list(text, "annex.txt").unwrap();
    assert_eq!(m.0.len(), 1);
    let c = m.0[0].0[2];
    assert!(
        (c.y - (39.0 + 21.0 / 60.0)).abs() < 1e-12 && (c.x - (46.0 + 1.0 / 60.0)).abs() < 1e-12
    );
    let e = parse_coordinate_list("1\t39°19'48.0\"N\t45°59'24.0\"Q\n", "annex.txt").unwrap_err();
    assert!(
        e.to_string().starts_with("annex.txt: line 1, column "),
        "{e}"
    );
}
