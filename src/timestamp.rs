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

/// Unix seconds as a person reads them beside another time: the RFC 3339
/// UTC timestamp and how far it is from `now` (`2023-11-14T22:18:20Z, 5
/// minutes ago`, `..., in 2 hours`); the seconds alone when out of range.
pub fn relative_time(seconds: i64, now: i64) -> String {
    let Some(when) = utc(seconds) else {
        return seconds.to_string();
    };
    let offset = i128::from(seconds) - i128::from(now);
    if offset == 0 {
        return format!("{when}, now");
    }
    let distance = offset.unsigned_abs();
    let (count, unit) = match distance {
        0..60 => (distance, "second"),
        60..3600 => (distance / 60, "minute"),
        3600..86_400 => (distance / 3600, "hour"),
        _ => (distance / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    if offset < 0 {
        format!("{when}, {count} {unit}{plural} ago")
    } else {
        format!("{when}, in {count} {unit}{plural}")
    }
}

#[cfg(test)]
mod tests {
    use super::relative_time;

    #[test]
    fn times_read_as_a_person_reads_them() {
        let now = 1_700_000_000;
        assert_eq!(
            relative_time(now - 300, now),
            "2023-11-14T22:08:20Z, 5 minutes ago"
        );
        assert_eq!(
            relative_time(now + 1, now),
            "2023-11-14T22:13:21Z, in 1 second"
        );
        assert_eq!(
            relative_time(now + 7200, now),
            "2023-11-15T00:13:20Z, in 2 hours"
        );
        assert_eq!(
            relative_time(now - 3 * 86_400, now),
            "2023-11-11T22:13:20Z, 3 days ago"
        );
        assert_eq!(relative_time(now, now), "2023-11-14T22:13:20Z, now");
        assert_eq!(relative_time(i64::MAX, now), i64::MAX.to_string());
    }
}
