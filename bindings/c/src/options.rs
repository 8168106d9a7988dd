//! The `options_json` objects of the constructors, read strictly (unknown members refused).

use crate::error::{Failure, hcjwt_result::*};
use std::time::Duration;

use hcjwt_core::VerifierOptions;
use hcjwt_core::remote::{HttpOptions, RemoteJwksOptions};
use serde::Deserialize;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct MinterOptionsJson {
    pub(crate) kid: Option<String>,
    pub(crate) profile: Option<String>,
    pub(crate) ttl: Option<u64>,
    pub(crate) iss: Option<String>,
    pub(crate) aud: Option<String>,
    pub(crate) max_token_bytes: Option<usize>,
}

/// The options of every verifier constructor; the cache and fetch options
/// apply to remote key sets only.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifierOptionsJson {
    pub(crate) leeway: Option<u64>,
    pub(crate) iss: Option<String>,
    pub(crate) aud: Option<Audience>,
    pub(crate) accept_any_audience: Option<bool>,
    pub(crate) max_token_bytes: Option<usize>,
    pub(crate) cache_ttl: Option<u64>,
    pub(crate) cooldown: Option<u64>,
    pub(crate) timeout: Option<f64>,
    pub(crate) max_stale: Option<u64>,
    pub(crate) max_response_bytes: Option<usize>,
}

impl VerifierOptionsJson {
    /// The claim and size options.
    pub(crate) fn verifier(&self) -> VerifierOptions {
        let defaults = VerifierOptions::default();
        VerifierOptions {
            leeway: self.leeway.unwrap_or(defaults.leeway),
            issuer: self.iss.clone(),
            audience: match &self.aud {
                None => Vec::new(),
                Some(Audience::One(aud)) => vec![aud.clone()],
                Some(Audience::Several(auds)) => auds.clone(),
            },
            accept_any_audience: self.accept_any_audience.unwrap_or(false),
            max_token_bytes: self.max_token_bytes.unwrap_or(defaults.max_token_bytes),
        }
    }

    /// The names of the remote-only options given.
    pub(crate) fn remote_names(&self) -> Vec<&'static str> {
        [
            ("cache_ttl", self.cache_ttl.is_some()),
            ("cooldown", self.cooldown.is_some()),
            ("timeout", self.timeout.is_some()),
            ("max_stale", self.max_stale.is_some()),
            ("max_response_bytes", self.max_response_bytes.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }

    /// The cache and fetch options of a remote key set.
    pub(crate) fn remote(&self) -> Result<RemoteJwksOptions, Failure> {
        let defaults = RemoteJwksOptions::default();
        let mut http = match self.timeout {
            Some(seconds) => HttpOptions::with_timeout_secs(seconds)?,
            None => defaults.http.clone(),
        };
        if let Some(bytes) = self.max_response_bytes {
            http.max_response_bytes = bytes;
        }
        let seconds = |value: Option<u64>, default| value.map_or(default, Duration::from_secs);
        Ok(RemoteJwksOptions {
            cache_ttl: seconds(self.cache_ttl, defaults.cache_ttl),
            cooldown: seconds(self.cooldown, defaults.cooldown),
            max_stale: seconds(self.max_stale, defaults.max_stale),
            http,
        })
    }
}

/// `"aud"`: one audience or several.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Audience {
    One(String),
    Several(Vec<String>),
}

pub(crate) fn options<T: for<'de> Deserialize<'de> + Default>(
    json: Option<&str>,
) -> Result<T, Failure> {
    match json {
        None => Ok(T::default()),
        Some(json) => {
            let value = hcjwt_core::parse_strict(json.as_bytes(), "options_json")?;
            serde_json::from_value(value).map_err(|error| {
                Failure::new(
                    HCJWT_RESULT_INVALID_OPTION,
                    format!("options_json: {error}"),
                )
            })
        }
    }
}
