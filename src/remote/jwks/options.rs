//! A remote key set's options (each with its range), its status for health
//! checks, and the clock it reads.

use std::time::{Duration, Instant, SystemTime};

use super::super::http::HttpOptions;
use crate::error::{Error, Result};

/// Where a key source reads the time from: the system's monotonic clock,
/// or a clock a test moves.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// How a remote key set is fetched and cached. Every option has a range,
/// checked when a source is made (an `InvalidOption` naming it otherwise).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RemoteJwksOptions {
    /// How long fetched keys stay fresh when the response's `Cache-Control`
    /// says nothing usable: 1 s to 1 day. Defaults to 600 s.
    pub cache_ttl: Duration,
    /// A token with an unknown `kid` refreshes the keys at most once per
    /// cooldown; a failed refresh with keys cached is retried after it, and
    /// the backoff with no keys grows to it: 1 s to 1 hour. Defaults to 30 s.
    pub cooldown: Duration,
    /// While refreshes fail, the last good keys serve this long after they
    /// went stale: 0 to 7 days. Defaults to 24 h.
    pub max_stale: Duration,
    /// Timeouts and the response size cap. Defaults to 5 s and 256 KiB.
    pub http: HttpOptions,
}

impl Default for RemoteJwksOptions {
    fn default() -> Self {
        Self {
            cache_ttl: Self::DEFAULT_CACHE_TTL,
            cooldown: Self::DEFAULT_COOLDOWN,
            max_stale: Self::DEFAULT_MAX_STALE,
            http: HttpOptions::default(),
        }
    }
}

impl RemoteJwksOptions {
    /// The default `cache_ttl`: 10 minutes.
    pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(600);
    /// The default `cooldown`: 30 s.
    pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);
    /// The default `max_stale`: one day.
    pub const DEFAULT_MAX_STALE: Duration = Duration::from_secs(24 * 3600);
    /// The longest `cache_ttl`.
    pub const MAX_CACHE_TTL: Duration = Duration::from_secs(24 * 3600);
    /// The longest `cooldown`.
    pub const MAX_COOLDOWN: Duration = Duration::from_secs(3600);
    /// The longest `max_stale`.
    pub const MAX_STALE: Duration = Duration::from_secs(7 * 24 * 3600);

    /// Checks every option against its range.
    pub fn check(&self) -> Result<()> {
        let one_second = Duration::from_secs(1);
        let in_range = |name: &str, value: Duration, min: Duration, max: Duration| {
            if value < min || value > max {
                return Err(Error::invalid_option(
                    name,
                    format!(
                        "must be {} to {} seconds, not {}",
                        min.as_secs(),
                        max.as_secs(),
                        value.as_secs_f64()
                    ),
                ));
            }
            Ok(())
        };
        in_range("cache_ttl", self.cache_ttl, one_second, Self::MAX_CACHE_TTL)?;
        in_range("cooldown", self.cooldown, one_second, Self::MAX_COOLDOWN)?;
        in_range("max_stale", self.max_stale, Duration::ZERO, Self::MAX_STALE)?;
        self.http.check()
    }
}

/// The state of a remote key set, for health checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeySourceStatus {
    /// The URL the keys come from.
    pub url: String,
    /// The `kid` of each cached key (empty before the first fetch).
    pub key_ids: Vec<String>,
    /// The keys of the last good set that hcjwt can't use, each with why
    /// (an unsupported type or curve, `use: enc`).
    pub skipped_keys: Vec<String>,
    /// When the keys were last fetched (tried), if ever.
    pub last_fetch: Option<SystemTime>,
    /// When a fetch last succeeded, if ever.
    pub last_success: Option<SystemTime>,
    /// Why the last fetch failed, when it did.
    pub last_error: Option<String>,
    /// True while the cached keys are fresh (not stale).
    pub fresh: bool,
    /// How many fetches were made.
    pub fetches: u64,
    /// After a failure: no fetch runs before this time (a token or
    /// [`RemoteJwks::refresh`](crate::remote::RemoteJwks::refresh) then tries again). `None` when nothing holds
    /// fetches back.
    pub next_attempt: Option<SystemTime>,
    /// True while a fetch is in flight.
    pub fetching: bool,
}

impl KeySourceStatus {
    /// The status as a JSON object (times in Unix seconds, `null` when
    /// never), the form the C and Python surfaces hand out.
    pub fn to_json(&self) -> serde_json::Value {
        let seconds = |time: Option<SystemTime>| {
            time.and_then(|time| time.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map(|elapsed| elapsed.as_secs())
        };
        serde_json::json!({
            "url": self.url,
            "key_ids": self.key_ids,
            "skipped_keys": self.skipped_keys,
            "last_fetch": seconds(self.last_fetch),
            "last_success": seconds(self.last_success),
            "last_error": self.last_error,
            "fresh": self.fresh,
            "fetches": self.fetches,
            "next_attempt": seconds(self.next_attempt),
            "fetching": self.fetching,
        })
    }
}
