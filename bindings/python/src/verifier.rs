//! `hcjwt.Verifier`.

use hcjwt::limits::{DEFAULT_LEEWAY_SECONDS, DEFAULT_MAX_TOKEN_BYTES};
use hcjwt::remote::{HttpOptions, RemoteJwksOptions};
use hcjwt::{Error, Verifier as CoreVerifier, VerifierOptions, VerifyingKey};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};

use crate::convert::{
    Seconds, UnixTime, algorithms, document_text, key_bytes, text_arg, to_python, type_name,
    value_to_python,
};
use crate::errors::{Failure, Result, type_error};

/// Verifies tokens against pinned algorithms and configured keys.
/// Verification runs with the GIL released.
#[pyclass(frozen, module = "hcjwt._hcjwt")]
pub(crate) struct Verifier {
    pub(crate) inner: CoreVerifier,
}

/// `audience`: None, a str, or a sequence of str.
pub(crate) fn audiences(value: Option<&Bound<'_, PyAny>>) -> Result<Vec<String>> {
    let Some(value) = value.filter(|value| !value.is_none()) else {
        return Ok(Vec::new());
    };
    if value.cast::<PyString>().is_ok() {
        return Ok(vec![text_arg(value, "audience")?]);
    }
    value
        .try_iter()
        .map_err(|_| {
            type_error(format!(
                "audience must be a str or a sequence of str, not {}",
                type_name(value)
            ))
        })?
        .map(|item| text_arg(&item?, "audience"))
        .collect()
}

pub(crate) fn options(
    leeway: Seconds,
    issuer: Option<String>,
    audience: Option<&Bound<'_, PyAny>>,
    accept_any_audience: bool,
    max_token_bytes: usize,
) -> Result<VerifierOptions> {
    Ok(VerifierOptions {
        leeway: leeway.option("leeway")?,
        issuer,
        audience: audiences(audience)?,
        accept_any_audience,
        max_token_bytes,
    })
}

/// The cache and fetch options of a remote key set, checked.
fn remote_options(
    cache_ttl: Seconds,
    cooldown: Seconds,
    timeout: f64,
    max_stale: Seconds,
) -> Result<RemoteJwksOptions> {
    let seconds =
        |value: Seconds, name: &str| value.option(name).map(std::time::Duration::from_secs);
    Ok(RemoteJwksOptions {
        cache_ttl: seconds(cache_ttl, "cache_ttl")?,
        cooldown: seconds(cooldown, "cooldown")?,
        max_stale: seconds(max_stale, "max_stale")?,
        http: HttpOptions::with_timeout_secs(timeout)?,
    })
}

/// A token given as `str` or `bytes`.
pub(crate) fn token_text(token: &Bound<'_, PyAny>) -> Result<String> {
    if let Ok(text) = token.cast::<PyString>() {
        return text.to_str().map(str::to_owned).map_err(|_| {
            Failure::Core(Error::MalformedToken(
                "the token is not valid Unicode".into(),
            ))
        });
    }
    if let Ok(bytes) = token.cast::<PyBytes>() {
        return String::from_utf8(bytes.as_bytes().to_vec())
            .map_err(|_| Failure::Core(Error::MalformedToken("the token is not UTF-8".into())));
    }
    Err(type_error(format!(
        "token must be str or bytes, not {}",
        type_name(token)
    )))
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (key, algorithms, *, leeway=Seconds::of(DEFAULT_LEEWAY_SECONDS), issuer=None, audience=None, accept_any_audience=false, max_token_bytes=DEFAULT_MAX_TOKEN_BYTES))]
    #[pyo3(
        text_signature = "(key, algorithms, *, leeway=60, issuer=None, audience=None, accept_any_audience=False, max_token_bytes=8192)"
    )]
    fn new(
        key: &Bound<'_, PyAny>,
        algorithms: &Bound<'_, PyAny>,
        leeway: Seconds,
        issuer: Option<String>,
        audience: Option<&Bound<'_, PyAny>>,
        accept_any_audience: bool,
        max_token_bytes: usize,
    ) -> Result<Self> {
        let algorithms = self::algorithms(algorithms)?;
        let options = options(
            leeway,
            issuer,
            audience,
            accept_any_audience,
            max_token_bytes,
        )?;
        Ok(Self {
            inner: CoreVerifier::from_key_bytes(&key_bytes(key)?, &algorithms, options)?,
        })
    }

    /// A verifier holding every key of a JWKS (a dict, or JSON text).
    #[staticmethod]
    #[pyo3(signature = (jwks, algorithms, *, leeway=Seconds::of(DEFAULT_LEEWAY_SECONDS), issuer=None, audience=None, accept_any_audience=false, max_token_bytes=DEFAULT_MAX_TOKEN_BYTES))]
    #[pyo3(
        text_signature = "(jwks, algorithms, *, leeway=60, issuer=None, audience=None, accept_any_audience=False, max_token_bytes=8192)"
    )]
    fn from_jwks(
        jwks: &Bound<'_, PyAny>,
        algorithms: &Bound<'_, PyAny>,
        leeway: Seconds,
        issuer: Option<String>,
        audience: Option<&Bound<'_, PyAny>>,
        accept_any_audience: bool,
        max_token_bytes: usize,
    ) -> Result<Self> {
        let keys = VerifyingKey::from_jwks(&document_text(jwks, "jwks")?)?;
        let options = options(
            leeway,
            issuer,
            audience,
            accept_any_audience,
            max_token_bytes,
        )?;
        Ok(Self {
            inner: CoreVerifier::new(keys, &self::algorithms(algorithms)?, options)?,
        })
    }

    /// A verifier of the keys published at `url` (a JWKS; https, or http to
    /// a loopback host), fetched when first needed and cached: fresh for
    /// `cache_ttl` seconds (a Cache-Control max-age wins), one refresh per
    /// `cooldown` for unknown kids, stale keys serving up to `max_stale` while
    /// refreshes fail; `timeout` bounds every fetch. Verifiers of the same
    /// URL and options share one cache. Network failures raise KeySourceError.
    #[staticmethod]
    #[pyo3(signature = (url, algorithms, *, leeway=Seconds::of(DEFAULT_LEEWAY_SECONDS), issuer=None, audience=None, accept_any_audience=false, max_token_bytes=DEFAULT_MAX_TOKEN_BYTES, cache_ttl=Seconds::of(RemoteJwksOptions::DEFAULT_CACHE_TTL.as_secs()), cooldown=Seconds::of(RemoteJwksOptions::DEFAULT_COOLDOWN.as_secs()), timeout=HttpOptions::DEFAULT_TIMEOUT.as_secs_f64(), max_stale=Seconds::of(RemoteJwksOptions::DEFAULT_MAX_STALE.as_secs())))]
    #[pyo3(
        text_signature = "(url, algorithms, *, leeway=60, issuer=None, audience=None, accept_any_audience=False, max_token_bytes=8192, cache_ttl=600, cooldown=30, timeout=5.0, max_stale=86400)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn from_jwks_url(
        py: Python<'_>,
        url: &str,
        algorithms: &Bound<'_, PyAny>,
        leeway: Seconds,
        issuer: Option<String>,
        audience: Option<&Bound<'_, PyAny>>,
        accept_any_audience: bool,
        max_token_bytes: usize,
        cache_ttl: Seconds,
        cooldown: Seconds,
        timeout: f64,
        max_stale: Seconds,
    ) -> Result<Self> {
        let algorithms = self::algorithms(algorithms)?;
        let options = options(
            leeway,
            issuer,
            audience,
            accept_any_audience,
            max_token_bytes,
        )?;
        let remote = remote_options(cache_ttl, cooldown, timeout, max_stale)?;
        let inner = py.detach(|| CoreVerifier::from_jwks_url(url, &algorithms, options, remote))?;
        Ok(Self { inner })
    }

    /// A verifier of a help center's tokens (RS256) with the keys of its
    /// keys endpoint; `host` is a subdomain ("acme"), a host
    /// ("acme.zendesk.com", a host-mapped brand domain) or a base URL.
    #[staticmethod]
    #[pyo3(signature = (host, *, leeway=Seconds::of(DEFAULT_LEEWAY_SECONDS), issuer=None, audience=None, accept_any_audience=false, max_token_bytes=DEFAULT_MAX_TOKEN_BYTES, cache_ttl=Seconds::of(RemoteJwksOptions::DEFAULT_CACHE_TTL.as_secs()), cooldown=Seconds::of(RemoteJwksOptions::DEFAULT_COOLDOWN.as_secs()), timeout=HttpOptions::DEFAULT_TIMEOUT.as_secs_f64(), max_stale=Seconds::of(RemoteJwksOptions::DEFAULT_MAX_STALE.as_secs())))]
    #[pyo3(
        text_signature = "(host, *, leeway=60, issuer=None, audience=None, accept_any_audience=False, max_token_bytes=8192, cache_ttl=600, cooldown=30, timeout=5.0, max_stale=86400)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn for_help_center(
        host: &str,
        leeway: Seconds,
        issuer: Option<String>,
        audience: Option<&Bound<'_, PyAny>>,
        accept_any_audience: bool,
        max_token_bytes: usize,
        cache_ttl: Seconds,
        cooldown: Seconds,
        timeout: f64,
        max_stale: Seconds,
    ) -> Result<Self> {
        let options = options(
            leeway,
            issuer,
            audience,
            accept_any_audience,
            max_token_bytes,
        )?;
        let remote = remote_options(cache_ttl, cooldown, timeout, max_stale)?;
        Ok(Self {
            inner: CoreVerifier::for_help_center(host, options, remote)?,
        })
    }

    /// Fetches the remote keys now (a warm start before serving, or a
    /// health check), or waits for the fetch in flight, and returns the kids
    /// the set holds; raises KeySourceError when the fetch fails (cached
    /// keys keep serving). The GIL is released meanwhile.
    fn refresh(&self, py: Python<'_>) -> Result<Vec<String>> {
        let Some(source) = self.inner.key_source() else {
            return Err(Failure::Core(Error::InvalidOption {
                option: "refresh".into(),
                reason:
                    "this verifier's keys were given when it was made: there is nothing to fetch"
                        .into(),
            }));
        };
        Ok(py.detach(|| source.refresh())?)
    }

    /// The state of the remote key set for health checks (None for a
    /// verifier with keys given at construction): url, key_ids,
    /// skipped_keys, last_fetch, last_success, next_attempt (Unix seconds or
    /// None), last_error, fresh, fetching, fetches.
    fn key_source_status<'py>(&self, py: Python<'py>) -> Result<Option<Bound<'py, PyDict>>> {
        let Some(source) = self.inner.key_source() else {
            return Ok(None);
        };
        let status = value_to_python(py, &source.status().to_json())?;
        Ok(Some(status.cast_into::<PyDict>().map_err(PyErr::from)?))
    }

    /// `await verifier.verify_async(token)`: verify() without blocking an
    /// asyncio event loop. With the keys in the cache the token is verified
    /// at once (microseconds, on the loop); when verifying would fetch keys
    /// (none yet, stale, or a kid the cache lacks), it runs in a worker
    /// thread while the loop goes on. Cancelling or timing out the await
    /// returns at once; the fetch still fills the cache for the next call.
    #[pyo3(signature = (token, *, now=None))]
    fn verify_async<'py>(
        slf: &Bound<'py, Self>,
        py: Python<'py>,
        token: &Bound<'py, PyAny>,
        now: Option<&Bound<'py, PyAny>>,
    ) -> Result<Bound<'py, PyAny>> {
        let aio = py.import("hcjwt._aio")?;
        let text = token_text(token)?;
        if slf.get().inner.would_fetch(&text) {
            let verify = slf.getattr("verify")?;
            let kwargs = pyo3::types::PyDict::new(py);
            if let Some(now) = now {
                kwargs.set_item("now", now)?;
            }
            return Ok(aio
                .getattr("threaded")?
                .call((verify, token), Some(&kwargs))?);
        }
        let now = now.map(|now| now.extract::<UnixTime>()).transpose()?;
        let verifier = slf.get();
        match verifier.verify(py, token, now) {
            Ok(payload) => Ok(aio.call_method1("ready", (payload,))?),
            Err(failure) => {
                let error = PyErr::from(failure);
                Ok(aio.call_method1("failed", (error.value(py),))?)
            }
        }
    }

    /// Verifies a token and returns its payload. `now`: Unix seconds or a
    /// datetime (default: the clock).
    #[pyo3(signature = (token, *, now=None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyAny>,
        now: Option<UnixTime>,
    ) -> Result<Bound<'py, PyAny>> {
        let token = token_text(token)?;
        let now = now.map_or_else(hcjwt::unix_now, |UnixTime(now)| now);
        // An HMAC check of configured keys takes about a microsecond, less
        // than giving the GIL away and taking it back: it runs with the GIL
        // held. Otherwise (a public-key signature, a key set that may fetch)
        // the token is checked without the GIL, and the payload, read once
        // and borrowed, becomes Python objects with it taken back.
        let cheap =
            self.inner.algorithms().iter().all(|a| a.is_hmac()) && !self.inner.would_fetch(&token);
        if cheap {
            let payload = self.inner.verify_with(&token, now, |payload| {
                to_python(py, payload).map(Bound::unbind)
            })??;
            return Ok(payload.into_bound(py));
        }
        let payload = py.detach(|| {
            self.inner.verify_with(&token, now, |payload| {
                Python::attach(|py| to_python(py, payload).map(Bound::unbind))
            })
        })??;
        Ok(payload.into_bound(py))
    }

    fn __repr__(&self) -> String {
        let text =
            |value: Option<&str>| value.map_or_else(|| "None".to_owned(), |v| format!("'{v}'"));
        let list = |items: Vec<String>| format!("[{}]", items.join(", "));
        let options = self.inner.options();
        format!(
            "Verifier(algorithms={}, kids={}, leeway={}, issuer={}, audience={})",
            list(
                self.inner
                    .algorithms()
                    .iter()
                    .map(|a| format!("'{a}'"))
                    .collect()
            ),
            list(
                self.inner
                    .key_ids()
                    .iter()
                    .map(|kid| text(kid.as_deref()))
                    .collect()
            ),
            options.leeway,
            text(options.issuer.as_deref()),
            list(options.audience.iter().map(|a| format!("'{a}'")).collect()),
        )
    }
}
