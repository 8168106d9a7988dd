//! The one HTTP client of hcjwt: a blocking ureq agent on rustls with the
//! aws-lc-rs crypto provider (no OpenSSL), built once with its timeouts and
//! shared by every thread. Every call has a time limit and a response size
//! cap; nothing here logs, and no error repeats a request's headers (where
//! credentials travel).

use std::sync::Arc;
use std::time::Duration;

use url::Url;

/// Limits of every HTTP call.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct HttpOptions {
    /// Connecting and the whole exchange must finish within this. Defaults to 5 s.
    pub timeout: Duration,
    /// Responses larger than this many bytes are refused. Defaults to 256 KiB.
    pub max_response_bytes: usize,
}

impl HttpOptions {
    /// The longest timeout accepted: 10 minutes.
    pub const MAX_TIMEOUT: Duration = Duration::from_secs(600);

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
            timeout: Duration::from_secs(5),
            max_response_bytes: 256 * 1024,
        }
    }
}

/// A response: its status, the headers hcjwt reads, and the body.
#[derive(Clone, Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// `Retry-After` in whole seconds, when given as a number.
    pub(crate) retry_after: Option<Duration>,
    /// `max-age` of `Cache-Control`, unless `no-store` or `no-cache` is given.
    pub(crate) max_age: Option<Duration>,
    pub(crate) body: Vec<u8>,
}

/// Why a call failed, in words fit for an error message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The time limit passed.
    Timeout(Duration),
    /// The body was over the size cap.
    TooLarge(usize),
    /// Anything else: connection, TLS, DNS, protocol.
    Other(String),
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
            Failure::Other(reason) => f.write_str(reason),
        }
    }
}

/// A client with its limits.
#[derive(Clone, Debug)]
pub(crate) struct Http {
    agent: ureq::Agent,
    options: HttpOptions,
}

impl Http {
    pub(crate) fn new(options: HttpOptions) -> Self {
        let crypto = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(crypto)
            .root_certs(ureq::tls::RootCerts::WebPki)
            .build();
        let agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .timeout_global(Some(options.timeout))
            .timeout_connect(Some(options.timeout))
            .http_status_as_error(false)
            .max_redirects(3)
            .user_agent(concat!("hcjwt/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self { agent, options }
    }

    /// GETs `url` with `headers`, reading at most `max_response_bytes`.
    pub(crate) fn get(&self, url: &Url, headers: &[(&str, &str)]) -> Result<Response, Failure> {
        let mut request = self.agent.get(url.as_str());
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let mut response = request.call().map_err(|error| self.failure(error))?;
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let retry_after = header("retry-after")
            .and_then(|value| value.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let max_age = header("cache-control").and_then(|value| max_age(&value));
        let status = response.status().as_u16();
        let limit = u64::try_from(self.options.max_response_bytes).unwrap_or(u64::MAX);
        let body = response
            .body_mut()
            .with_config()
            .limit(limit)
            .read_to_vec()
            .map_err(|error| self.failure(error))?;
        Ok(Response {
            status,
            retry_after,
            max_age,
            body,
        })
    }

    fn failure(&self, error: ureq::Error) -> Failure {
        match error {
            ureq::Error::Timeout(_) => Failure::Timeout(self.options.timeout),
            ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge(self.options.max_response_bytes),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                Failure::Timeout(self.options.timeout)
            }
            other => Failure::Other(other.to_string()),
        }
    }
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
}
