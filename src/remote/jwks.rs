//! A remote key set: a JWKS URL (such as a help center's keys endpoint) as a
//! cache with rules, not a fetch per token.
//!
//! - Keys are fresh for `cache_ttl` (a `Cache-Control: max-age` between one
//!   minute and one day wins), then refreshed on the next use; one refresh
//!   runs at a time while other callers keep using the cached keys.
//! - A token naming a `kid` the cache lacks triggers at most one refresh per
//!   `cooldown`, however many such tokens arrive on however many threads;
//!   after it, unknown kids fail at once without touching the network.
//! - A failed refresh keeps the last good keys serving for up to `max_stale`
//!   and is retried after `cooldown`; its reason is in [`KeySourceStatus`].
//! - One source per URL and options serves the whole process, so building a
//!   verifier per request reuses the cached keys.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant, SystemTime};

use url::Url;

use super::http::{Http, HttpOptions, Redirects};
use crate::error::{Error, Result};
use crate::host::{api_url, base_url, fetch_url};
use crate::keys::{ALGORITHMS, VerifyingKey};
use crate::verify::{KeySlot, prepare_slots};

/// A `Cache-Control: max-age` shorter than this is raised to it.
const MIN_MAX_AGE: Duration = Duration::from_secs(60);
/// A `Cache-Control: max-age` longer than this is lowered to it.
const MAX_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// At most this many sources are shared process-wide; more are not cached.
const MAX_SHARED_SOURCES: usize = 256;

/// How a remote key set is fetched and cached.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RemoteJwksOptions {
    /// How long fetched keys stay fresh when the response's `Cache-Control`
    /// says nothing usable. Defaults to 600 s.
    pub cache_ttl: Duration,
    /// A token with an unknown `kid` refreshes the keys at most once per
    /// cooldown, and a failed fetch is retried after it. Defaults to 30 s.
    pub cooldown: Duration,
    /// While refreshes fail, the last good keys serve this long after they
    /// went stale. Defaults to 24 h.
    pub max_stale: Duration,
    /// Timeouts and the response size cap. Defaults to 5 s and 256 KiB.
    pub http: HttpOptions,
}

impl Default for RemoteJwksOptions {
    fn default() -> Self {
        Self {
            cache_ttl: Duration::from_secs(600),
            cooldown: Duration::from_secs(30),
            max_stale: Duration::from_secs(24 * 3600),
            http: HttpOptions::default(),
        }
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
        })
    }
}

/// The cached keys, prepared for every algorithm each serves.
pub(crate) struct KeySet {
    pub(crate) slots: Vec<KeySlot>,
    kids: Vec<String>,
    skipped: Vec<String>,
}

impl KeySet {
    fn knows(&self, kid: &str) -> bool {
        self.kids.iter().any(|known| known == kid)
    }
}

#[derive(Default)]
struct State {
    keys: Option<Arc<KeySet>>,
    fresh_until: Option<Instant>,
    usable_until: Option<Instant>,
    retry_at: Option<Instant>,
    kid_refresh_at: Option<Instant>,
    last_fetch: Option<SystemTime>,
    last_success: Option<SystemTime>,
    last_error: Option<String>,
    fetches: u64,
}

impl State {
    /// The keys, while they may still serve at `now` (fresh or stale).
    fn usable(&self, now: Instant) -> Option<Arc<KeySet>> {
        self.keys
            .clone()
            .filter(|_| self.usable_until.is_some_and(|until| now < until))
    }

    fn fresh(&self, now: Instant) -> bool {
        self.fresh_until.is_some_and(|until| now < until)
    }
}

/// Keys fetched from a JWKS URL and cached by the rules above. `Send + Sync`:
/// one source serves every thread.
pub struct RemoteJwks {
    url: Url,
    options: RemoteJwksOptions,
    http: Http,
    help_center: bool,
    state: RwLock<State>,
    refreshing: Mutex<()>,
}

impl std::fmt::Debug for RemoteJwks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RemoteJwks")
            .field("url", &self.url.as_str())
            .field("options", &self.options)
            .finish()
    }
}

type Registry = HashMap<(String, bool, RemoteJwksOptions), Arc<RemoteJwks>>;

static SHARED: LazyLock<Mutex<Registry>> = LazyLock::new(|| Mutex::new(HashMap::new()));

impl RemoteJwks {
    /// The source of the JWKS at `url` (https; http only for loopback hosts)
    /// with these options, shared with every other user in the process.
    /// Nothing is fetched until keys are needed.
    pub fn shared(url: &str, options: RemoteJwksOptions) -> Result<Arc<Self>> {
        let url = fetch_url(url, "jwks_url")?;
        Ok(Self::register(url, false, options))
    }

    /// The source of a help center's keys
    /// (`/api/v2/help_center/integration/keys.json`) from a subdomain, a
    /// host or a base URL, shared in the process.
    pub fn for_help_center(host: &str, options: RemoteJwksOptions) -> Result<Arc<Self>> {
        let url = api_url(
            &base_url(host)?,
            "/api/v2/help_center/integration/keys.json",
        );
        Ok(Self::register(url, true, options))
    }

    fn register(url: Url, help_center: bool, options: RemoteJwksOptions) -> Arc<Self> {
        let key = (url.as_str().to_owned(), help_center, options.clone());
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(source) = shared.get(&key) {
            return source.clone();
        }
        let source = Arc::new(Self {
            http: Http::new(options.http.clone(), Redirects::Never),
            url,
            options,
            help_center,
            state: RwLock::new(State::default()),
            refreshing: Mutex::new(()),
        });
        if shared.len() < MAX_SHARED_SOURCES {
            shared.insert(key, source.clone());
        }
        source
    }

    /// The URL the keys come from.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The state for health checks.
    pub fn status(&self) -> KeySourceStatus {
        let state = self.read();
        KeySourceStatus {
            url: self.url.as_str().to_owned(),
            key_ids: state
                .keys
                .as_ref()
                .map(|keys| keys.kids.clone())
                .unwrap_or_default(),
            skipped_keys: state
                .keys
                .as_ref()
                .map(|keys| keys.skipped.clone())
                .unwrap_or_default(),
            last_fetch: state.last_fetch,
            last_success: state.last_success,
            last_error: state.last_error.clone(),
            fresh: state.fresh(Instant::now()),
            fetches: state.fetches,
        }
    }

    /// Fetches the keys now (for a health check or a warm start) and says
    /// which kids it holds; the cache rules still apply to every other call.
    pub fn refresh(&self) -> Result<Vec<String>> {
        let _refreshing = self
            .refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.fetch(Instant::now()).map(|keys| keys.kids.clone())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }

    fn unavailable(&self, reason: impl Into<String>) -> Error {
        Error::KeySource {
            url: self.url.as_str().to_owned(),
            reason: reason.into(),
        }
    }

    /// The keys to verify with: the cached ones while fresh; otherwise a
    /// refresh by this caller (or the cached keys while another refreshes),
    /// and the stale keys while refreshes fail, up to `max_stale`.
    pub(crate) fn keys(&self) -> Result<Arc<KeySet>> {
        let now = Instant::now();
        let cached = {
            let state = self.read();
            if state.fresh(now)
                && let Some(keys) = &state.keys
            {
                return Ok(keys.clone());
            }
            if state.retry_at.is_some_and(|at| now < at) {
                return state
                    .usable(now)
                    .ok_or_else(|| self.unavailable(state.last_error.clone().unwrap_or_default()));
            }
            state.usable(now)
        };
        let _refreshing = match (self.refreshing.try_lock(), cached) {
            (Ok(guard), _) => guard,
            // Another caller refreshes: the stale keys serve meanwhile.
            (Err(_), Some(cached)) => return Ok(cached),
            (Err(_), None) => self
                .refreshing
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        };
        {
            // The refresh we waited for may have brought fresh keys.
            let state = self.read();
            if state.fresh(now)
                && let Some(keys) = &state.keys
            {
                return Ok(keys.clone());
            }
        }
        match self.fetch(now) {
            Ok(keys) => Ok(keys),
            Err(error) => self.read().usable(now).ok_or(error),
        }
    }

    /// After a token named `kid`, which `keys()` lacked: refreshes at most
    /// once per cooldown. `None` when the cooldown forbids a fetch, or when the
    /// refreshed keys still lack `kid`.
    pub(crate) fn keys_for_unknown_kid(&self, kid: &str) -> Result<Option<Arc<KeySet>>> {
        let _refreshing = self
            .refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        {
            let state = self.read();
            if let Some(keys) = state.usable(now).filter(|keys| keys.knows(kid)) {
                return Ok(Some(keys));
            }
            if state
                .kid_refresh_at
                .is_some_and(|at| now < at + self.options.cooldown)
            {
                return Ok(None);
            }
        }
        self.write().kid_refresh_at = Some(now);
        let keys = self.fetch(now)?;
        Ok(Some(keys).filter(|keys| keys.knows(kid)))
    }

    /// Fetches, checks and stores the keys (the caller holds `refreshing`).
    fn fetch(&self, now: Instant) -> Result<Arc<KeySet>> {
        {
            let mut state = self.write();
            state.fetches += 1;
            state.last_fetch = Some(SystemTime::now());
        }
        match self.download() {
            Ok((keys, max_age)) => {
                let fresh_for = max_age
                    .map(|age| age.clamp(MIN_MAX_AGE, MAX_MAX_AGE))
                    .unwrap_or(self.options.cache_ttl);
                let mut state = self.write();
                state.keys = Some(keys.clone());
                state.fresh_until = Some(now + fresh_for);
                state.usable_until = Some(now + fresh_for + self.options.max_stale);
                state.retry_at = None;
                state.last_success = state.last_fetch;
                state.last_error = None;
                Ok(keys)
            }
            Err(reason) => {
                let mut state = self.write();
                state.retry_at = Some(now + self.options.cooldown);
                state.last_error = Some(reason.clone());
                Err(self.unavailable(reason))
            }
        }
    }

    /// One GET of the key set, checked: status 200, at most the size cap, a
    /// JWKS with at least one usable key and no private members.
    fn download(&self) -> std::result::Result<(Arc<KeySet>, Option<Duration>), String> {
        let response = self
            .http
            .get(&self.url, &[("Accept", "application/json")])
            .map_err(|failure| failure.to_string())?;
        match response.status {
            200 => {}
            404 if self.help_center => {
                return Err("the keys endpoint answered 404: the account's plan does not include help center JWTs (Zendesk answers 404 below Guide Enterprise), or the host is wrong".to_owned());
            }
            status => return Err(format!("the keys endpoint answered HTTP {status}")),
        }
        let (keys, skipped) =
            VerifyingKey::from_published_jwks(&response.body).map_err(|error| error.to_string())?;
        let slots = prepare_slots(&keys, &ALGORITHMS, false).map_err(|error| error.to_string())?;
        let mut kids: Vec<String> = keys
            .iter()
            .filter_map(|key| key.kid().map(str::to_owned))
            .collect();
        kids.dedup();
        Ok((
            Arc::new(KeySet {
                slots,
                kids,
                skipped,
            }),
            response.max_age,
        ))
    }

    /// The options the source was made with.
    pub fn options(&self) -> &RemoteJwksOptions {
        &self.options
    }
}
