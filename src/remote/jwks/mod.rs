//! A remote key set: a JWKS URL (such as a help center's keys endpoint) as a
//! cache with rules, not a fetch per token.
//!
//! - Keys are fresh for `cache_ttl` (a `Cache-Control: max-age` between one
//!   minute and one day wins), then refreshed on the next use.
//! - One fetch is in flight at a time. Its result, keys or failure, is
//!   shared by every caller waiting for it (single flight): a hundred
//!   callers behind a host that is down cost one fetch, not a hundred.
//!   While it runs, callers with cached keys (even stale ones) use them.
//! - With no keys yet, a failed fetch is retried after a short backoff
//!   (about 1 s, jittered, doubling up to `cooldown`), never a lockout for
//!   the whole cooldown; until then callers get the failure at once.
//! - With keys, a failed refresh keeps them serving for up to `max_stale`
//!   and is retried after `cooldown`.
//! - A token naming a `kid` the cache lacks (or a kid whose key serves
//!   another algorithm: a rotation) refreshes at most once per `cooldown`,
//!   however many such tokens arrive on however many threads.
//! - Redirects are never followed.
//! - Every event is a `log` record (target `hcjwt`), and
//!   [`RemoteJwks::status`] says what the cache holds and when the next
//!   fetch may run.
//! - One source per URL and options serves the whole process, so building a
//!   verifier per request reuses the cached keys.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, LazyLock, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use url::Url;

mod options;

pub use options::{Clock, KeySourceStatus, RemoteJwksOptions, SystemClock};

use super::http::{Http, Redirects, jittered};
use crate::error::{Error, Result};
use crate::host::{api_url, base_url, fetch_url};
use crate::keys::{ALGORITHMS, Algorithm, KeySet, VerifyingKey};
use crate::limits::{
    FIRST_KEYS_RETRY, MAX_KEYS_MAX_AGE, MAX_REDIRECTS, MAX_SHARED_KEY_SOURCES, MIN_KEYS_MAX_AGE,
};

#[derive(Default)]
struct State {
    keys: Option<Arc<KeySet>>,
    fresh_until: Option<Instant>,
    usable_until: Option<Instant>,
    /// After a failure, no fetch before this (unless asked for).
    next_attempt: Option<Instant>,
    /// Failed fetches in a row.
    failures: u32,
    /// When a token's unknown kid last caused (or came right after) a fetch.
    kid_refresh_at: Option<Instant>,
    in_flight: bool,
    /// Completed fetches, and the outcome of the last one (what callers
    /// that waited for it take).
    completed: u64,
    outcome: Option<Outcome>,
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

/// Why a fetch failed: words for people, and the transport's own error.
#[derive(Clone)]
struct Failed {
    reason: String,
    cause: Option<crate::error::Cause>,
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

impl From<String> for Failed {
    fn from(reason: String) -> Self {
        Self {
            reason,
            cause: None,
        }
    }
}

impl From<&str> for Failed {
    fn from(reason: &str) -> Self {
        reason.to_owned().into()
    }
}

/// What one fetch gave: keys, or why not.
type Outcome = std::result::Result<Arc<KeySet>, Failed>;

/// `now + wait`, or `now` should that ever leave the clock's range (the
/// option ranges keep every sum far inside it).
fn later(now: Instant, wait: Duration) -> Instant {
    now.checked_add(wait).unwrap_or(now)
}

/// Keys fetched from a JWKS URL and cached by the rules above. `Send + Sync`:
/// one source serves every thread.
pub struct RemoteJwks {
    url: Url,
    options: RemoteJwksOptions,
    http: Http,
    help_center: bool,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    /// Signalled when a fetch completes.
    fetched: Condvar,
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

/// Clears a fetch's in-flight mark and wakes its waiters however the fetch
/// ends, a panic included, so no caller waits for a fetch that is gone.
struct InFlight<'s> {
    source: &'s RemoteJwks,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut state = self.source.lock();
        if state.in_flight {
            state.in_flight = false;
            state.completed += 1;
            if state.outcome.is_none() {
                state.outcome = Some(Err("the fetch did not finish".into()));
            }
        }
        drop(state);
        self.source.fetched.notify_all();
    }
}

impl RemoteJwks {
    /// The source of the JWKS at `url` (https; http only for loopback hosts)
    /// with these options, shared with every other user in the process.
    /// Nothing is fetched until keys are needed.
    pub fn shared(url: &str, options: RemoteJwksOptions) -> Result<Arc<Self>> {
        let url = fetch_url(url, "jwks_url")?;
        Self::register(url, false, options)
    }

    /// The source of a help center's keys
    /// (`/api/v2/help_center/integration/keys.json`) from a subdomain, a
    /// host or a base URL, shared in the process.
    pub fn for_help_center(host: &str, options: RemoteJwksOptions) -> Result<Arc<Self>> {
        Self::register(help_center_url(host)?, true, options)
    }

    /// A source of its own (not shared), reading the time from `clock`: for
    /// tests and simulations that drive time themselves.
    pub fn with_clock(
        url: &str,
        options: RemoteJwksOptions,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        options.check()?;
        Ok(Self::build(
            fetch_url(url, "jwks_url")?,
            false,
            options,
            clock,
        ))
    }

    fn build(
        url: Url,
        help_center: bool,
        options: RemoteJwksOptions,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            http: Http::new(options.http.clone(), Redirects::Never),
            url,
            options,
            help_center,
            clock,
            state: Mutex::new(State::default()),
            fetched: Condvar::new(),
        }
    }

    fn register(url: Url, help_center: bool, options: RemoteJwksOptions) -> Result<Arc<Self>> {
        options.check()?;
        let key = (url.as_str().to_owned(), help_center, options.clone());
        let mut shared = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(source) = shared.get(&key) {
            return Ok(source.clone());
        }
        let source = Arc::new(Self::build(
            url,
            help_center,
            options,
            Arc::new(SystemClock),
        ));
        if shared.len() < MAX_SHARED_KEY_SOURCES {
            shared.insert(key, source.clone());
        }
        Ok(source)
    }

    /// The URL the keys come from.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The options the source was made with.
    pub fn options(&self) -> &RemoteJwksOptions {
        &self.options
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The state for health checks.
    pub fn status(&self) -> KeySourceStatus {
        let state = self.lock();
        let now = self.clock.now();
        let wall = SystemTime::now();
        let keys = state.keys.as_deref();
        KeySourceStatus {
            url: self.url.as_str().to_owned(),
            key_ids: keys.map(|keys| keys.kids().to_vec()).unwrap_or_default(),
            skipped_keys: keys.map(|keys| keys.skipped().to_vec()).unwrap_or_default(),
            last_fetch: state.last_fetch,
            last_success: state.last_success,
            last_error: state.last_error.clone(),
            fresh: state.fresh(now),
            fetches: state.fetches,
            next_attempt: state
                .next_attempt
                .filter(|at| *at > now)
                .map(|at| wall + (at - now)),
            fetching: state.in_flight,
        }
    }

    /// Fetches the keys now (for a warm start or a health check), or waits
    /// for the fetch already in flight, and says which kids the set holds.
    /// A failure is returned (and recorded); cached keys keep serving.
    pub fn refresh(&self) -> Result<Vec<String>> {
        let state = self.lock();
        let keys = if state.in_flight {
            self.wait_for_fetch(state).1
        } else {
            self.fetch(state).1
        };
        keys.map(|keys| keys.kids().to_vec())
            .map_err(|reason| self.unavailable(reason))
    }

    fn unavailable(&self, failed: impl Into<Failed>) -> Error {
        let failed = failed.into();
        Error::KeySource {
            url: self.url.as_str().to_owned(),
            reason: failed.reason,
            cause: failed.cause,
        }
    }

    /// The keys to verify with: the cached ones while fresh; otherwise a
    /// fetch (this caller's, or the one in flight, whose result it shares),
    /// the stale keys while another caller fetches or while fetches fail
    /// (up to `max_stale`), and the last failure at once while a backoff
    /// holds fetches back. The second value is true when the keys were
    /// fetched for this call (by it, or by the fetch it waited for).
    pub(crate) fn keys(&self) -> Result<(Arc<KeySet>, bool)> {
        let state = self.lock();
        let now = self.clock.now();
        if state.fresh(now)
            && let Some(keys) = &state.keys
        {
            return Ok((keys.clone(), false));
        }
        let stale = state.usable(now);
        if state.in_flight {
            if let Some(stale) = stale {
                return Ok((stale, false));
            }
            return self.settle(self.wait_for_fetch(state), now);
        }
        if state.next_attempt.is_some_and(|at| now < at) {
            return stale
                .map(|keys| (keys, false))
                .ok_or_else(|| self.unavailable(state.last_error.clone().unwrap_or_default()));
        }
        self.settle(self.fetch(state), now)
    }

    /// A fetch's result for a caller: its keys, or the stale keys standing
    /// in for a failure, or the failure.
    fn settle(
        &self,
        (state, outcome): (MutexGuard<'_, State>, Outcome),
        now: Instant,
    ) -> Result<(Arc<KeySet>, bool)> {
        match outcome {
            Ok(keys) => Ok((keys, true)),
            Err(reason) => state
                .usable(now)
                .map(|keys| (keys, false))
                .ok_or_else(|| self.unavailable(reason)),
        }
    }

    /// After a token named `kid` with `algorithm`, which the cached keys do
    /// not serve: refreshes at most once per cooldown (joining a fetch in
    /// flight), and not at all when the keys the token was checked against
    /// were fetched for it (`just_fetched`). `None` when no fetch is allowed
    /// (the cooldown, a failing endpoint) or the refreshed keys still do not
    /// serve it.
    pub(crate) fn keys_for_unknown_kid(
        &self,
        kid: &str,
        algorithm: Algorithm,
        just_fetched: bool,
    ) -> Result<Option<Arc<KeySet>>> {
        let mut state = self.lock();
        let now = self.clock.now();
        let serving = |keys: &Arc<KeySet>| keys.serves(kid, algorithm);
        if let Some(keys) = state.usable(now).filter(serving) {
            return Ok(Some(keys));
        }
        if state.in_flight {
            let (_state, outcome) = self.wait_for_fetch(state);
            return Ok(outcome.ok().filter(serving));
        }
        if just_fetched {
            // The keys the token was checked against are a minute old at
            // most: fetching again now would bring the same ones.
            state.kid_refresh_at = Some(now);
            return Ok(None);
        }
        let cooling = state
            .kid_refresh_at
            .is_some_and(|at| now < later(at, self.options.cooldown));
        if cooling || state.next_attempt.is_some_and(|at| now < at) {
            return Ok(None);
        }
        state.kid_refresh_at = Some(now);
        log::debug!(target: "hcjwt", "kid {kid:?} is not among the keys of {}: refreshing", self.url);
        let (state, outcome) = self.fetch(state);
        match outcome {
            Ok(keys) => Ok(Some(keys).filter(serving)),
            Err(reason) if state.usable(now).is_none() => Err(self.unavailable(reason)),
            Err(_) => Ok(None),
        }
    }

    /// Waits (bounded by the longest a fetch can take) for the fetch in
    /// flight and takes its outcome.
    fn wait_for_fetch<'s>(
        &'s self,
        mut state: MutexGuard<'s, State>,
    ) -> (MutexGuard<'s, State>, Outcome) {
        let seen = state.completed;
        let limit = self
            .options
            .http
            .timeout
            .saturating_mul(u32::try_from(MAX_REDIRECTS + 1).unwrap_or(u32::MAX))
            .saturating_add(Duration::from_secs(1));
        let deadline = Instant::now() + limit;
        while state.in_flight && state.completed == seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return (
                    state,
                    Err("a fetch in flight did not finish in time".into()),
                );
            }
            state = self
                .fetched
                .wait_timeout(state, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        let outcome = state
            .outcome
            .clone()
            .unwrap_or_else(|| Err("no fetch has finished".into()));
        (state, outcome)
    }

    /// Runs one fetch with the state unlocked meanwhile (marked in flight),
    /// records its outcome and wakes every caller waiting for it.
    fn fetch<'s>(&'s self, mut state: MutexGuard<'s, State>) -> (MutexGuard<'s, State>, Outcome) {
        state.in_flight = true;
        state.outcome = None;
        state.fetches += 1;
        state.last_fetch = Some(SystemTime::now());
        drop(state);
        let in_flight = InFlight { source: self };
        log::debug!(target: "hcjwt", "fetching keys from {}", self.url);
        let downloaded = self.download();
        let now = self.clock.now();
        let mut state = self.lock();
        match &downloaded {
            Ok((keys, max_age)) => {
                let fresh_for = max_age
                    .map(|age| age.clamp(MIN_KEYS_MAX_AGE, MAX_KEYS_MAX_AGE))
                    .unwrap_or(self.options.cache_ttl);
                log::info!(
                    target: "hcjwt",
                    "fetched the keys of {} (kids {:?}), fresh for {} s",
                    self.url,
                    keys.kids(),
                    fresh_for.as_secs()
                );
                state.keys = Some(keys.clone());
                state.fresh_until = Some(later(now, fresh_for));
                state.usable_until =
                    Some(later(now, fresh_for.saturating_add(self.options.max_stale)));
                state.next_attempt = None;
                state.failures = 0;
                state.last_success = state.last_fetch;
                state.last_error = None;
            }
            Err(reason) => {
                state.failures = state.failures.saturating_add(1);
                let wait = if state.usable(now).is_some() {
                    log::warn!(
                        target: "hcjwt",
                        "fetching the keys of {} failed ({reason}): the cached keys serve, next try in {} s",
                        self.url,
                        self.options.cooldown.as_secs()
                    );
                    self.options.cooldown
                } else {
                    let doubled = FIRST_KEYS_RETRY
                        .saturating_mul(2u32.saturating_pow(state.failures.saturating_sub(1)));
                    let wait = jittered(doubled.min(self.options.cooldown));
                    log::warn!(
                        target: "hcjwt",
                        "fetching the keys of {} failed ({reason}) and no keys are cached: next try in {:.1} s",
                        self.url,
                        wait.as_secs_f64()
                    );
                    wait
                };
                state.next_attempt = Some(later(now, wait));
                state.last_error = Some(reason.reason.clone());
            }
        }
        let outcome = downloaded.map(|(keys, _)| keys);
        state.outcome = Some(outcome.clone());
        state.in_flight = false;
        state.completed += 1;
        self.fetched.notify_all();
        std::mem::forget(in_flight);
        (state, outcome)
    }

    /// One GET of the key set, checked: status 200, at most the size cap, a
    /// JWKS with at least one usable key and no private members.
    fn download(&self) -> std::result::Result<(Arc<KeySet>, Option<Duration>), Failed> {
        let response = self
            .http
            .get(&self.url, &[("Accept", "application/json")])
            .map_err(|failure| Failed {
                reason: failure.to_string(),
                cause: failure.cause(),
            })?;
        match response.status {
            200 => {}
            404 if self.help_center => {
                return Err("the keys endpoint answered 404: the account's plan does not include help center JWTs (Zendesk answers 404 below Guide Enterprise), or the host is wrong".into());
            }
            status => return Err(format!("the keys endpoint answered HTTP {status}").into()),
        }
        let (keys, skipped) = VerifyingKey::from_published_jwks(&response.body)
            .map_err(|error| Failed::from(error.to_string()))?;
        let set = KeySet::prepare(&keys, &ALGORITHMS, false, skipped)
            .map_err(|error| Failed::from(error.to_string()))?;
        Ok((Arc::new(set), response.max_age))
    }
}

/// The URL of a help center's keys endpoint.
pub(crate) fn help_center_url(host: &str) -> Result<Url> {
    Ok(api_url(
        &base_url(host)?,
        "/api/v2/help_center/integration/keys.json",
    ))
}
