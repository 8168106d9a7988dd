//! A prepared key set: each key prepared once for each algorithm it serves,
//! and the rule that picks the keys a token's signature is checked with.
//! A verifier's configured keys and a remote key set's cached keys are both
//! one of these.

use super::algorithm::Algorithm;
use super::public::PreparedVerifier;
use super::verifying::VerifyingKey;
use crate::error::{Error, Result, quoted};
use crate::limits::MAX_KEYS_PER_KID;

/// One key prepared for one algorithm.
struct KeySlot {
    kid: Option<String>,
    algorithm: Algorithm,
    verifier: PreparedVerifier,
}

/// Keys prepared for the algorithms each serves.
pub(crate) struct KeySet {
    slots: Vec<KeySlot>,
    /// Read by the remote key source's status.
    #[cfg_attr(not(feature = "remote"), expect(dead_code))]
    kids: Vec<String>,
    #[cfg_attr(not(feature = "remote"), expect(dead_code))]
    skipped: Vec<String>,
}

impl KeySet {
    /// Each key prepared for each of `algorithms` it serves. With `strict`,
    /// a key that serves none of them is an error (a configured key must be
    /// usable); otherwise such a key is left out (a published set may hold
    /// others). `skipped` names keys left out before (unusable types).
    pub(crate) fn prepare(
        keys: &[VerifyingKey],
        algorithms: &[Algorithm],
        strict: bool,
        skipped: Vec<String>,
    ) -> Result<Self> {
        let mut slots = Vec::new();
        let mut kids: Vec<String> = Vec::new();
        for (index, key) in keys.iter().enumerate() {
            let before = slots.len();
            for algorithm in algorithms {
                if key.serves(*algorithm) {
                    slots.push(KeySlot {
                        kid: key.kid().map(str::to_owned),
                        algorithm: *algorithm,
                        verifier: key.prepare(*algorithm)?,
                    });
                }
            }
            if strict && slots.len() == before {
                let names: Vec<&str> = algorithms.iter().map(|a| a.name()).collect();
                return Err(Error::InvalidKey {
                    key: key
                        .kid()
                        .map_or_else(|| format!("key {index}"), |kid| format!("key {kid}")),
                    reason: format!("serves none of the allowed algorithms {}", names.join(", ")),
                });
            }
            if let Some(kid) = key.kid()
                && !kids.iter().any(|known| known == kid)
            {
                kids.push(kid.to_owned());
            }
        }
        Ok(Self {
            slots,
            kids,
            skipped,
        })
    }

    /// The kid of each key that has one, each once, in set order.
    #[cfg(feature = "remote")]
    pub(crate) fn kids(&self) -> &[String] {
        &self.kids
    }

    /// The keys of the published set that were left out, with why.
    #[cfg(feature = "remote")]
    pub(crate) fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The kid of each prepared key (`None` for a key without one), each once.
    pub(crate) fn key_ids(&self) -> Vec<Option<String>> {
        let mut ids: Vec<Option<String>> = Vec::new();
        for slot in &self.slots {
            if !ids.contains(&slot.kid) {
                ids.push(slot.kid.clone());
            }
        }
        ids
    }

    /// True when a key named `kid` serves `algorithm`.
    #[cfg(feature = "remote")]
    pub(crate) fn serves(&self, kid: &str, algorithm: Algorithm) -> bool {
        self.slots
            .iter()
            .any(|slot| slot.algorithm == algorithm && slot.kid.as_deref() == Some(kid))
    }

    /// Checks `signature` over `signed` with the keys that fit the token
    /// (panva/jose's rule): a token with a `kid` is checked with the keys of
    /// `algorithm` named so (at most [`MAX_KEYS_PER_KID`], the first that
    /// verifies wins), else with the one key of `algorithm` that has no kid
    /// (it verifies tokens whatever their kid); a token without a kid needs
    /// exactly one key of `algorithm`. `Ok(false)` is a signature that does
    /// not verify; no fitting key is `UnknownKid`, no key of the algorithm
    /// at all `AlgorithmNotAllowed`.
    pub(crate) fn verify(
        &self,
        kid: Option<&str>,
        algorithm: Algorithm,
        signed: &[u8],
        signature: &[u8],
    ) -> Result<bool> {
        let of_algorithm = || self.slots.iter().filter(move |s| s.algorithm == algorithm);
        if of_algorithm().next().is_none() {
            // Allowed in the list, but no key can verify it (e.g. HS256 with
            // only RSA keys): the algorithm is not usable here.
            return Err(Error::AlgorithmNotAllowed(algorithm.name().to_owned()));
        }
        let check = |slot: &KeySlot| slot.verifier.verify(signed, signature);
        if let Some(kid) = kid {
            let mut named = of_algorithm()
                .filter(|slot| slot.kid.as_deref() == Some(kid))
                .take(MAX_KEYS_PER_KID)
                .peekable();
            if named.peek().is_some() {
                return Ok(named.any(check));
            }
        }
        let what = || {
            kid.map_or_else(
                || "(none: the token has no kid)".to_owned(),
                |kid| quoted(kid, 64),
            )
        };
        let mut fitting = of_algorithm().filter(|slot| kid.is_none() || slot.kid.is_none());
        match (fitting.next(), fitting.next()) {
            (Some(slot), None) => Ok(check(slot)),
            (Some(_), Some(_)) => Err(Error::UnknownKid(format!(
                "{} (several keys could verify it)",
                what()
            ))),
            (None, _) => Err(Error::UnknownKid(what())),
        }
    }
}
