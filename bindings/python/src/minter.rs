//! `hcjwt.Minter`.

use hcjwt::limits::{DEFAULT_MAX_TOKEN_BYTES, DEFAULT_TTL_SECONDS};
use hcjwt::{Minter as CoreMinter, MinterOptions, Profile, SigningKey, User};
use pyo3::prelude::*;
use pyo3::types::{PySequence, PyString};

use crate::claims::ClaimSet;
use crate::convert::{
    Seconds, Strings, UnixTime, algorithm, key_bytes, serialized_to_python, type_name, user_from,
};
use crate::errors::{Result, type_error};
use crate::fields::FieldCatalog;

/// Mints signed help center (or SSO) tokens. Build once, mint many; safe to
/// share between threads. Signing runs with the GIL released.
#[pyclass(frozen, module = "hcjwt._hcjwt")]
pub(crate) struct Minter {
    pub(crate) inner: CoreMinter,
}

#[pymethods]
impl Minter {
    #[new]
    #[pyo3(signature = (key, algorithm=None, *, kid=None, profile=Profile::default().as_str(), ttl=Seconds::of(DEFAULT_TTL_SECONDS), issuer=None, audience=None, claims=None, fields=None, max_token_bytes=DEFAULT_MAX_TOKEN_BYTES))]
    #[pyo3(
        text_signature = "(key, algorithm='RS256', *, kid=None, profile='help_center', ttl=300, issuer=None, audience=None, claims=None, fields=None, max_token_bytes=8192)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn new(
        key: &Bound<'_, PyAny>,
        algorithm: Option<&str>,
        kid: Option<String>,
        profile: &str,
        ttl: Seconds,
        issuer: Option<String>,
        audience: Option<String>,
        claims: Option<PyRef<'_, ClaimSet>>,
        fields: Option<PyRef<'_, FieldCatalog>>,
        max_token_bytes: usize,
    ) -> Result<Self> {
        // The default, said in the error when the key does not fit it.
        let default = Profile::default().default_algorithm();
        let algorithm = algorithm.map(self::algorithm).transpose()?;
        let options = MinterOptions {
            kid,
            profile: Profile::parse(profile)?,
            ttl: ttl.option("ttl")?,
            issuer,
            audience,
            max_token_bytes,
            claims: claims.map(|set| set.inner.clone()),
            fields: fields.map(|catalog| catalog.inner.clone()),
        };
        let key = SigningKey::from_bytes(&key_bytes(key)?, Some(algorithm.unwrap_or(default)))
            .map_err(|error| match (error, algorithm) {
                (hcjwt::Error::InvalidKey { key, reason }, None) => hcjwt::Error::InvalidKey {
                    key,
                    reason: format!(
                        "{reason} (the {} default needs an RSA private key: pass the algorithm, \"HS256\" for a secret, \"ES256\" for a P-256 key)",
                        default.name()
                    ),
                },
                (error, _) => error,
            })?;
        Ok(Self {
            inner: CoreMinter::new(key, options)?,
        })
    }

    /// Mints a token for a Users API user object (bare, or {"user": ...}
    /// with sideloads). `now`: Unix seconds or a datetime (default: the clock).
    #[pyo3(signature = (user, *, now=None))]
    fn mint(
        &self,
        py: Python<'_>,
        user: &Bound<'_, PyAny>,
        now: Option<UnixTime>,
    ) -> Result<String> {
        let strings = Strings::new();
        let user = user_from(user, &strings)?;
        let sign = || match now {
            Some(UnixTime(now)) => self.inner.mint_at(&user, now),
            None => self.inner.mint(&user),
        };
        // An HMAC token is signed in about a microsecond, less than giving
        // the GIL away and taking it back costs; the public-key signatures
        // (tens to hundreds of microseconds) are made without the GIL.
        let token = if self.inner.algorithm().is_hmac() {
            sign()
        } else {
            py.detach(sign)
        }?;
        Ok(token)
    }

    /// Mints one token per user. Every user is converted first; the batch is
    /// then signed without the GIL, on every core for a long batch.
    #[pyo3(signature = (users, *, now=None))]
    fn mint_many(
        &self,
        py: Python<'_>,
        users: &Bound<'_, PyAny>,
        now: Option<UnixTime>,
    ) -> Result<Vec<String>> {
        if users.cast::<PyString>().is_ok() || users.cast::<PySequence>().is_err() {
            return Err(type_error(format!(
                "users must be a sequence of mappings, not {}",
                type_name(users)
            )));
        }
        let strings = Strings::new();
        let users: Vec<User<'_>> = users
            .try_iter()?
            .map(|user| user_from(&user?, &strings))
            .collect::<Result<_>>()?;
        let now = now.map_or_else(hcjwt::unix_now, |UnixTime(now)| now);
        Ok(py.detach(|| self.inner.mint_many(&users, now))?)
    }

    /// Runs every check mint() runs on the user, without signing; raises
    /// ValidationError naming every problem.
    fn check(&self, user: &Bound<'_, PyAny>) -> Result<()> {
        let strings = Strings::new();
        Ok(self.inner.check(&user_from(user, &strings)?)?)
    }

    /// The JWKS publishing the public key ({"keys": []} for HMAC secrets).
    fn jwks<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, &self.inner.jwks())
    }

    /// The kid in every header, or None.
    #[getter]
    fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// The signing algorithm's name.
    #[getter]
    fn algorithm(&self) -> String {
        self.inner.algorithm().to_string()
    }

    fn __repr__(&self) -> String {
        let kid = match self.inner.kid() {
            Some(kid) => format!("'{kid}'"),
            None => "None".to_owned(),
        };
        format!("Minter(algorithm='{}', kid={kid})", self.inner.algorithm())
    }
}
