//! A point on the map, as people hand it over: a location pin, `50.6098, 10.6934`, a
//! `geo:` URI (Matrix `m.location`) or a link from OpenStreetMap (or Google Maps) copied out
//! of the browser.

use std::fmt;

use regex::Regex;
use serde::{Serialize, Serializer};

/// Latitude and longitude in millionths of a degree (about 10 cm): exact to compare and to
/// store, and more than precise enough for a house on a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GeoPoint {
    lat_micro: i64,
    lon_micro: i64,
}

const MICRO: f64 = 1_000_000.0;

impl GeoPoint {
    /// `None` outside the earth's range (latitude ±90°, longitude ±180°) or not a number.
    pub fn new(lat: f64, lon: f64) -> Option<GeoPoint> {
        if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
            return None;
        }
        Some(GeoPoint {
            lat_micro: (lat * MICRO).round() as i64,
            lon_micro: (lon * MICRO).round() as i64,
        })
    }

    /// As stored (millionths of a degree); `None` if the stored values are out of range.
    pub fn from_micro(lat_micro: i64, lon_micro: i64) -> Option<GeoPoint> {
        GeoPoint::new(lat_micro as f64 / MICRO, lon_micro as f64 / MICRO)
    }

    pub fn lat_micro(self) -> i64 {
        self.lat_micro
    }

    pub fn lon_micro(self) -> i64 {
        self.lon_micro
    }

    pub fn lat(self) -> f64 {
        self.lat_micro as f64 / MICRO
    }

    pub fn lon(self) -> f64 {
        self.lon_micro as f64 / MICRO
    }

    /// A link that shows the point on OpenStreetMap with a marker.
    pub fn osm_link(self) -> String {
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=17/{lat:.6}/{lon:.6}",
            lat = self.lat(),
            lon = self.lon()
        )
    }

    /// Reads what people type or paste; `None` if it is none of the forms this module names.
    pub fn parse(input: &str) -> Option<GeoPoint> {
        let input = input.trim();
        let pair = |lat: &str, lon: &str| -> Option<GeoPoint> {
            GeoPoint::new(lat.parse().ok()?, lon.parse().ok()?)
        };
        // `geo:50.6,10.7;u=35` (RFC 5870), `mlat=50.6&mlon=10.7`, `#map=17/50.6/10.7`,
        // Google's `@50.6,10.7,17z` or `?q=50.6,10.7`.
        let forms = [
            r"^geo:(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)",
            r"[?&]mlat=(-?\d+(?:\.\d+)?)&mlon=(-?\d+(?:\.\d+)?)",
            r"#map=\d+(?:\.\d+)?/(-?\d+(?:\.\d+)?)/(-?\d+(?:\.\d+)?)",
            r"@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)",
            r"[?&](?:q|query|ll)=(-?\d+(?:\.\d+)?)(?:,|%2C)(-?\d+(?:\.\d+)?)",
        ];
        for form in forms {
            let re = Regex::new(form).expect("fixed pattern");
            if let Some(c) = re.captures(input) {
                return pair(&c[1], &c[2]);
            }
        }
        // Typed: `50.6098, 10.6934`, `50.6098 10.6934`, German `50,6098; 10,6934` or
        // `50,6098 10,6934`, with an optional `N`/`E`/`O` after each number.
        let typed = Regex::new(
            r"^(-?\d{1,2}(?:[.,]\d+)?)\s*°?\s*[NS]?\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*°?\s*[EOW]?$",
        )
        .expect("fixed pattern");
        let c = typed.captures(input)?;
        let (lat, lon) = (c[1].replace(',', "."), c[2].replace(',', "."));
        pair(&lat, &lon)
    }
}

impl fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.5}, {:.5}", self.lat(), self.lon())
    }
}

/// As `{"lat": 50.6098, "lon": 10.6934}`.
impl Serialize for GeoPoint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("GeoPoint", 2)?;
        s.serialize_field("lat", &self.lat())?;
        s.serialize_field("lon", &self.lon())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Option<GeoPoint> {
        GeoPoint::new(lat, lon)
    }

    #[test]
    fn the_forms_people_paste_are_read() {
        let suhl = at(50.6098, 10.6934);
        for text in [
            "50.6098, 10.6934",
            "50.6098 10.6934",
            "50,6098; 10,6934",
            "50,6098 10,6934",
            "50.6098 N, 10.6934 E",
            "geo:50.6098,10.6934",
            "geo:50.6098,10.6934;u=35",
            "https://www.openstreetmap.org/?mlat=50.6098&mlon=10.6934#map=17/50.6/10.6",
            "https://www.openstreetmap.org/#map=17/50.6098/10.6934",
            "https://www.google.com/maps/@50.6098,10.6934,17z",
            "https://maps.google.com/?q=50.6098,10.6934",
        ] {
            assert_eq!(GeoPoint::parse(text), suhl, "{text}");
        }
    }

    #[test]
    fn what_is_no_point_is_refused() {
        for text in [
            "",
            "Suhl",
            "95.0, 10.0",
            "50.6, 190.0",
            "geo:abc",
            "https://www.openstreetmap.org/",
            "50.6",
            "Hauptstraße 5, 98527 Suhl",
        ] {
            assert_eq!(GeoPoint::parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_point_keeps_its_place_through_the_store_and_the_link() {
        let p = at(50.609812, 10.693455).unwrap();
        assert_eq!(GeoPoint::from_micro(p.lat_micro(), p.lon_micro()), Some(p));
        assert_eq!(GeoPoint::parse(&p.osm_link()), Some(p));
        assert_eq!(
            serde_json::to_value(p).unwrap(),
            serde_json::json!({"lat": 50.609812, "lon": 10.693455})
        );
    }
}
