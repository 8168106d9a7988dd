//! RFC 3339 timestamps as the APIs write them. Stored documents keep the
//! text they were given; new ones are UTC with `Z` and whole seconds.

use chrono::{DateTime, SecondsFormat, Utc};

/// Parses an RFC 3339 timestamp.
pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|time| time.with_timezone(&Utc))
}

/// The current time as the APIs write it (`2012-04-04T09:14:57Z`).
pub(crate) fn now() -> String {
    utc(crate::clock::unix_now()).unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

/// Unix seconds as an RFC 3339 UTC timestamp, when in chrono's range.
pub(crate) fn utc(seconds: i64) -> Option<String> {
    DateTime::from_timestamp(seconds, 0).map(|time| time.to_rfc3339_opts(SecondsFormat::Secs, true))
}
