//! The one HTTP client of hcjwt: a blocking ureq agent on rustls with the
//! aws-lc-rs crypto provider (no OpenSSL), built once with its timeouts and
//! shared by every thread. Every call has a time limit and a response size
//! cap; ureq follows no redirect itself: a key set follows none at all, the
//! API client only those that stay on the account's origin (never from
//! https to http, never to another host), so credentials never travel
//! elsewhere. Nothing here logs, and no error repeats a request's headers
//! (where credentials travel).

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use url::Url;

use crate::limits::MAX_REDIRECTS;

/// Limits of every HTTP call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpOptions {
    /// Connecting and the whole exchange must finish within this. Defaults to 5 s.
    pub timeout: Duration,
    /// Responses larger than this many bytes are refused. Defaults to 256 KiB.
    pub max_response_bytes: usize,
}

impl HttpOptions {
    /// The default timeout of each request: 5 s (a key set's fetch;
    /// [`ClientOptions`](crate::remote::ClientOptions) waits longer).
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
    /// The longest timeout accepted: 10 minutes.
    pub const MAX_TIMEOUT: Duration = Duration::from_secs(600);
    /// The smallest response size cap accepted: 1 KiB.
    pub const MIN_RESPONSE_BYTES: usize = 1024;
    /// The largest response size cap accepted: 64 MiB.
    pub const MAX_RESPONSE_BYTES: usize = 64 * 1024 * 1024;

    /// Checks the timeout (more than 0, at most [`HttpOptions::MAX_TIMEOUT`])
    /// and the size cap (1 KiB to 64 MiB).
    pub fn check(&self) -> crate::Result<()> {
        if self.timeout.is_zero() || self.timeout > Self::MAX_TIMEOUT {
            return Err(crate::Error::invalid_option(
                "timeout",
                "must be more than 0 and at most 600 seconds",
            ));
        }
        if !(Self::MIN_RESPONSE_BYTES..=Self::MAX_RESPONSE_BYTES).contains(&self.max_response_bytes)
        {
            return Err(crate::Error::invalid_option(
                "max_response_bytes",
                format!(
                    "must be {} to {} bytes",
                    Self::MIN_RESPONSE_BYTES,
                    Self::MAX_RESPONSE_BYTES
                ),
            ));
        }
        Ok(())
    }

    /// The default options with a timeout of `seconds`: more than 0 and at
    /// most [`HttpOptions::MAX_TIMEOUT`] (an `InvalidOption` naming
    /// `timeout` otherwise).
    pub fn with_timeout_secs(seconds: f64) -> crate::Result<Self> {
        if !(seconds.is_finite() && seconds > 0.0 && seconds <= Self::MAX_TIMEOUT.as_secs_f64()) {
            return Err(crate::Error::invalid_option(
                "timeout",
                "must be more than 0 and at most 600 seconds",
            ));
        }
        Ok(Self {
            timeout: Duration::from_secs_f64(seconds),
            ..Self::default()
        })
    }
}

impl Default for HttpOptions {
    fn default() -> Self {
        Self {
            timeout: Self::DEFAULT_TIMEOUT,
            max_response_bytes: 256 * 1024,
        }
    }
}

/// Which redirects a client follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Redirects {
    /// None: a redirect is a failure (a key set is fetched from its URL only).
    Never,
    /// Up to [`MAX_REDIRECTS`] that stay on the requested URL's origin
    /// (scheme, host and port): never from https to http or to another host.
    SameOrigin,
}

/// A response: its status, the headers hcjwt reads, and the body.
#[derive(Clone, Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// `Retry-After` as a wait: delta seconds (saturating) or an HTTP date.
    pub(crate) retry_after: Option<Duration>,
    /// `max-age` of `Cache-Control`, unless `no-store` or `no-cache` is given.
    pub(crate) max_age: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

/// Why a call failed, in words fit for an error message.
#[derive(Clone, Debug)]
pub(crate) enum Failure {
    /// The time limit passed.
    Timeout(Duration),
    /// The body was over the size cap.
    TooLarge(usize),
    /// Anything else: connection, TLS, DNS, protocol (the transport's own
    /// error beside, when there is one).
    Other(String),
    /// A failure of the transport, with its own error.
    Transport(String, crate::error::Cause),
}

impl Failure {
    /// The transport's own error, if any.
    pub(crate) fn cause(&self) -> Option<crate::error::Cause> {
        match self {
            Failure::Transport(_, cause) => Some(cause.clone()),
            _ => None,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Timeout(limit) => {
                write!(f, "no answer within {} s (timeout)", limit.as_secs_f64())
            }
            Failure::TooLarge(limit) => {
                write!(
                    f,
                    "the response is larger than {limit} bytes (max_response_bytes)"
                )
            }
            Failure::Other(reason) | Failure::Transport(reason, _) => f.write_str(reason),
        }
    }
}

/// The roots TLS trusts, loaded once: the platform's (the system store, or
/// the file `SSL_CERT_FILE` and the directory `SSL_CERT_DIR` name, read as
/// OpenSSL reads them), so a TLS-inspecting proxy's authority works; the
/// bundled Mozilla roots (webpki-roots) when the platform yields none.
static ROOTS: LazyLock<ureq::tls::RootCerts> = LazyLock::new(|| {
    let loaded = rustls_native_certs::load_native_certs();
    for error in &loaded.errors {
        log::warn!(target: "hcjwt", "reading the platform's TLS roots: {error}");
    }
    let certs: Vec<ureq::tls::Certificate<'static>> = loaded
        .certs
        .iter()
        .map(|der| ureq::tls::Certificate::from_der(der.as_ref()).to_owned())
        .collect();
    if certs.is_empty() {
        log::info!(target: "hcjwt", "no platform TLS roots: using the bundled Mozilla roots");
        ureq::tls::RootCerts::WebPki
    } else {
        ureq::tls::RootCerts::Specific(Arc::new(certs))
    }
});

/// A client with its limits.
#[derive(Clone, Debug)]
pub(crate) struct Http {
    agent: ureq::Agent,
    options: HttpOptions,
    redirects: Redirects,
}

impl Http {
    pub(crate) fn new(options: HttpOptions, redirects: Redirects) -> Self {
        let crypto = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(crypto)
            .root_certs(ROOTS.clone())
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(options.timeout))
            .http_status_as_error(false)
            .max_redirects(0)
            .user_agent(concat!("hcjwt/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self {
            agent,
            options,
            redirects,
        }
    }

    /// GETs `url` with `headers`, reading at most `max_response_bytes`,
    /// following the redirects the client's rule allows.
    pub(crate) fn get(&self, url: &Url, headers: &[(&str, &str)]) -> Result<Response, Failure> {
        self.request("GET", url, headers, None)
    }

    /// Sends `method` to `url` with `headers` and a JSON `body`, reading at
    /// most `max_response_bytes`. A GET follows the redirects the client's
    /// rule allows; any other method follows none (a redirected write is a
    /// failure, never replayed elsewhere or turned into a GET).
    pub(crate) fn request(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<Response, Failure> {
        let mut url = url.clone();
        for _ in 0..=MAX_REDIRECTS {
            let (response, location) = self.send_once(method, &url, headers, body)?;
            let Some(location) = location.filter(|_| (300..400).contains(&response.status)) else {
                return Ok(response);
            };
            if method != "GET" {
                return Err(Failure::Other(format!(
                    "answered HTTP {} (a redirect) to {method}: a write follows no redirect",
                    response.status
                )));
            }
            let target = url
                .join(&location)
                .map_err(|_| Failure::Other("a redirect to something that is not a URL".into()))?;
            match self.redirects {
                Redirects::Never => {
                    return Err(Failure::Other(format!(
                        "answered HTTP {} redirecting to {}: a key set follows no redirect (give the final URL)",
                        response.status,
                        crate::error::quoted(target.as_str(), 120)
                    )));
                }
                Redirects::SameOrigin if target.origin() != url.origin() => {
                    return Err(Failure::Other(format!(
                        "answered HTTP {} redirecting to another origin ({}): not followed, the credentials stay with the account",
                        response.status,
                        crate::error::quoted(&target.origin().ascii_serialization(), 120)
                    )));
                }
                Redirects::SameOrigin => url = target,
            }
        }
        Err(Failure::Other(format!(
            "more than {MAX_REDIRECTS} redirects: not followed"
        )))
    }

    /// One request, no redirect followed: the response and its `Location`.
    fn send_once(
        &self,
        method: &str,
        url: &Url,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
    ) -> Result<(Response, Option<String>), Failure> {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(url.as_str());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if body.is_some() {
            request = request.header("Content-Type", "application/json");
        }
        let request = request
            .body(body.unwrap_or_default().to_vec())
            .map_err(|error| Failure::Other(format!("the request could not be made: {error}")))?;
        let mut response = self
            .agent
            .run(request)
            .map_err(|error| self.failure(error))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after").and_then(|value| retry_after(&value));
        let max_age = header("cache-control").and_then(|value| max_age(&value));
        let location = header("location");
        let status = response.status().as_u16();
        let limit = u64::try_from(self.options.max_response_bytes).unwrap_or(u64::MAX);
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|error| self.failure(error))?;
        Ok((
            Response {
                status,
                retry_after,
                max_age,
                body,
            },
            location,
        ))
    }

    fn failure(&self, error: ureq::Error) -> Failure {
        match error {
            ureq::Error::Timeout(_) => Failure::Timeout(self.options.timeout),
            ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge(self.options.max_response_bytes),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Failure::Timeout(self.options.timeout)
            }
            other => Failure::Transport(other.to_string(), std::sync::Arc::new(other)),
        }
    }
}

/// The wait a `Retry-After` value asks for: delta seconds (any number of
/// digits, saturating) or an HTTP date (the time until then, zero when past).
fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let wait = date.timestamp().saturating_sub(crate::clock::unix_now());
    Some(Duration::from_secs(u64::try_from(wait).unwrap_or(0)))
}

/// `wait` with up to a quarter more or less of it at random (jitter), so
/// that callers who failed together do not retry together.
pub(crate) fn jittered(wait: Duration) -> Duration {
    let mut random = [0u8; 4];
    if getrandom::fill(&mut random).is_err() {
        return wait;
    }
    // A factor in [0.75, 1.25).
    let factor = 0.75 + f64::from(u32::from_le_bytes(random)) / f64::from(u32::MAX) / 2.0;
    Duration::try_from_secs_f64(wait.as_secs_f64() * factor).unwrap_or(wait)
}

/// The `max-age` of a `Cache-Control` value, unless it forbids caching.
fn max_age(value: &str) -> Option<Duration> {
    let directives: Vec<String> = value
        .split(',')
        .map(|d| d.trim().to_ascii_lowercase())
        .collect();
    if directives
        .iter()
        .any(|d| d == "no-store" || d == "no-cache")
    {
        return None;
    }
    directives.iter().find_map(|d| {
        d.strip_prefix("max-age=")
            .and_then(|seconds| seconds.trim_matches('"').parse::<u64>().ok())
            .map(Duration::from_secs)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_control_gives_max_age_unless_caching_is_forbidden() {
        assert_eq!(
            max_age("public, max-age=3600"),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(max_age("max-age=\"60\""), Some(Duration::from_secs(60)));
        assert_eq!(max_age("no-cache, max-age=60"), None);
        assert_eq!(max_age("private"), None);
    }

    #[test]
    fn retry_after_takes_seconds_of_any_size_and_http_dates() {
        assert_eq!(retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after("18446744073709551615"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            retry_after("99999999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        let later = chrono::DateTime::from_timestamp(crate::clock::unix_now() + 120, 0)
            .unwrap()
            .to_rfc2822();
        let wait = retry_after(&later).unwrap();
        assert!((118..=120).contains(&wait.as_secs()), "{wait:?}");
        assert_eq!(retry_after("soon"), None);
        assert_eq!(retry_after("-5"), None);
    }

    #[test]
    fn jitter_stays_within_a_quarter() {
        for _ in 0..1000 {
            let wait = jittered(Duration::from_secs(4));
            assert!(
                wait >= Duration::from_secs(3) && wait < Duration::from_secs(5),
                "{wait:?}"
            );
        }
    }
}
