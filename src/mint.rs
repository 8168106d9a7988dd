//! The Minter: a prepared signer, the header segment and the payload template,
//! built once; then many tokens, from many threads.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::jwk::JwkSet;

use crate::claims::ClaimSet;
use crate::clock::unix_now;
use crate::error::{Error, Result};
use crate::fields::FieldCatalog;
use crate::keys::{Algorithm, SigningKey};
use crate::limits::MAX_SIGNATURE_BYTES;
use crate::limits::{
    DEFAULT_MAX_TOKEN_BYTES, DEFAULT_TTL_SECONDS, JTI_BYTES, MAX_TTL_SECONDS, PARALLEL_BATCH_MIN,
};
use crate::payload::PayloadTemplate;
use crate::profile::Profile;
use crate::user::User;

/// What a [`Minter`] puts into every token.
#[derive(Clone, Debug)]
pub struct MinterOptions {
    /// The header's `kid`. Defaults to the key's (the RFC 7638 thumbprint of
    /// an asymmetric key; none for an HMAC secret).
    pub kid: Option<String>,
    /// Which claims the payload carries. Defaults to [`Profile::HelpCenter`].
    pub profile: Profile,
    /// Seconds from `iat` to `exp`, 1..=31,536,000. Defaults to 300.
    pub ttl: u64,
    /// `iss`, when set. Defaults to none.
    pub issuer: Option<String>,
    /// `aud`, when set. Defaults to none.
    pub audience: Option<String>,
    /// The largest token minted, in bytes. Defaults to 8192.
    pub max_token_bytes: usize,
    /// The brand's custom claims, merged at the top level in set order (help
    /// center tokens only: the sso profile takes none).
    pub claims: Option<ClaimSet>,
    /// The catalog a user's `user_fields` are validated and normalized with;
    /// without one they are copied as given.
    pub fields: Option<FieldCatalog>,
}

impl Default for MinterOptions {
    fn default() -> Self {
        Self {
            kid: None,
            profile: Profile::HelpCenter,
            ttl: DEFAULT_TTL_SECONDS,
            issuer: None,
            audience: None,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
            claims: None,
            fields: None,
        }
    }
}

impl MinterOptions {
    /// Help center tokens with a brand's claims and the account's field catalog.
    pub fn help_center(claims: Option<ClaimSet>, fields: Option<FieldCatalog>) -> Self {
        Self {
            claims,
            fields,
            ..Self::default()
        }
    }

    /// SSO tokens (sign them with an HS256 secret).
    pub fn sso() -> Self {
        Self {
            profile: Profile::Sso,
            ..Self::default()
        }
    }

    /// Messaging tokens with the messaging signing key's id (`app_...`);
    /// sign them with its HS256 secret.
    pub fn messaging(kid: impl Into<String>) -> Self {
        Self {
            profile: Profile::Messaging,
            kid: Some(kid.into()),
            ..Self::default()
        }
    }
}

/// Mints signed tokens. Built once (key parsed, header encoded, claims
/// rendered, patterns compiled), then `mint` costs one payload serialization,
/// one base64url pass and one signature. `Send + Sync`.
#[derive(Debug)]
pub struct Minter {
    /// Shared with the minters [`Minter::with_catalog`] makes.
    key: std::sync::Arc<SigningKey>,
    /// The options without claims and fields, for [`Minter::with_catalog`].
    settings: MinterOptions,
    header_b64: String,
    template: PayloadTemplate,
    fields: Option<FieldCatalog>,
    max_token_bytes: usize,
}

thread_local! {
    /// The payload of the token being minted on this thread, reused.
    static PAYLOAD_BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// OS randomness handed out 16 bytes per token: one `getrandom` call serves
/// 256 tokens. The pool remembers the process that filled it, so a forked
/// child (another pid) refills before its first token and never repeats the
/// parent's `jti` values; handed-out bytes are erased from the pool.
///
/// Kept because a bench justifies it: `stages/HS256/jti_getrandom_per_token`
/// measures one `getrandom` call at 0.25 µs against 1.36 µs for a whole
/// HS256 mint in the same run, so a call per token would add about a fifth;
/// a 512-byte refill costs about 1.2 µs, which 256 tokens share. The pid
/// check (a `getpid` call, about 0.1 µs) stays on every token: no cheaper
/// signal of a fork is available without unsafe code, and a fork that
/// repeats a `jti` makes Zendesk refuse the token as replayed.
struct JtiPool {
    pid: u32,
    bytes: [u8; JTI_POOL_BYTES],
    used: usize,
}

const JTI_POOL_BYTES: usize = 256 * JTI_BYTES;

thread_local! {
    static JTI_POOL: std::cell::RefCell<JtiPool> = const {
        std::cell::RefCell::new(JtiPool { pid: 0, bytes: [0; JTI_POOL_BYTES], used: JTI_POOL_BYTES })
    };
}

fn jti_bytes() -> Result<[u8; JTI_BYTES]> {
    JTI_POOL.with_borrow_mut(|pool| {
        let pid = std::process::id();
        if pool.pid != pid || pool.used + JTI_BYTES > JTI_POOL_BYTES {
            getrandom::fill(&mut pool.bytes)
                .map_err(|e| Error::Signing(format!("no randomness for jti: {e}")))?;
            pool.pid = pid;
            pool.used = 0;
        }
        let mut out = [0u8; JTI_BYTES];
        let slot = &mut pool.bytes[pool.used..pool.used + JTI_BYTES];
        out.copy_from_slice(slot);
        slot.fill(0);
        pool.used += JTI_BYTES;
        Ok(out)
    })
}

/// A per-thread payload buffer larger than this is released after use.
const RETAINED_BUFFER_BYTES: usize = 64 * 1024;

fn base64_len(bytes: usize) -> usize {
    (bytes * 4).div_ceil(3)
}

impl Minter {
    /// Prepares a minter. The sso profile signs with HS256 only and takes no
    /// custom claims; a claim that collides with a claim the profile writes is
    /// an error naming it.
    pub fn new(key: SigningKey, options: MinterOptions) -> Result<Self> {
        let key = match options.kid.clone() {
            Some(kid) => key.with_kid(kid),
            None => key,
        };
        Self::build(std::sync::Arc::new(key), options)
    }

    /// A minter with the same key and options but these claims and fields:
    /// how a service swaps in a freshly fetched catalog or claim set without
    /// parsing the key again.
    pub fn with_catalog(
        &self,
        claims: Option<ClaimSet>,
        fields: Option<FieldCatalog>,
    ) -> Result<Self> {
        Self::build(
            self.key.clone(),
            MinterOptions {
                claims,
                fields,
                ..self.settings.clone()
            },
        )
    }

    /// The options this minter was made with, its claims and fields aside.
    pub fn options(&self) -> &MinterOptions {
        &self.settings
    }

    fn build(key: std::sync::Arc<SigningKey>, mut options: MinterOptions) -> Result<Self> {
        let profile = options.profile;
        if let Some(required) = profile.required_algorithm()
            && key.algorithm() != required
        {
            return Err(Error::invalid_option(
                "profile",
                format!(
                    "{profile} tokens are signed with {} only, not {}",
                    required.name(),
                    key.algorithm().name()
                ),
            ));
        }
        if profile == Profile::Messaging && key.kid().is_none() {
            return Err(Error::invalid_option(
                "kid",
                "messaging tokens need the kid of the messaging signing key (its id in Admin Center, app_...): give kid",
            ));
        }
        if !profile.writes_user_fields() && options.fields.is_some() {
            return Err(Error::invalid_option(
                "fields",
                format!("{profile} tokens carry no user fields: give no field catalog"),
            ));
        }
        if options.ttl == 0 || options.ttl > MAX_TTL_SECONDS {
            return Err(Error::invalid_option(
                "ttl",
                format!("must be 1..={MAX_TTL_SECONDS} seconds (MAX_TTL_SECONDS)"),
            ));
        }
        if options.max_token_bytes == 0 {
            return Err(Error::invalid_option(
                "max_token_bytes",
                "must be at least 1",
            ));
        }
        let ttl =
            i64::try_from(options.ttl).map_err(|_| Error::invalid_option("ttl", "too large"))?;
        let template = PayloadTemplate::new(
            options.profile,
            options.issuer.as_deref(),
            options.audience.as_deref(),
            options.claims.as_ref(),
            ttl,
        )?;
        let mut header = String::from(r#"{"typ":"JWT","alg":""#);
        header.push_str(key.algorithm().name());
        header.push('"');
        if let Some(kid) = key.kid() {
            header.push_str(r#","kid":"#);
            header.push_str(
                &serde_json::to_string(kid)
                    .map_err(|e| Error::invalid_option("kid", e.to_string()))?,
            );
        }
        header.push('}');
        let fields = options.fields.take();
        options.claims = None;
        Ok(Self {
            header_b64: URL_SAFE_NO_PAD.encode(header),
            key,
            template,
            fields,
            max_token_bytes: options.max_token_bytes,
            settings: options,
        })
    }

    /// Mints a token for `user` at the current time.
    pub fn mint(&self, user: &User<'_>) -> Result<String> {
        self.mint_at(user, unix_now())
    }

    /// Reads a Users API user object (bare or `{"user": ...}`, sideloads
    /// ignored) and mints a token for it at `now` (Unix seconds) or the
    /// current time.
    pub fn mint_json(&self, user_json: &[u8], now: Option<i64>) -> Result<String> {
        let user = User::from_json(user_json)?;
        self.mint_at(&user, now.unwrap_or_else(unix_now))
    }

    /// Runs every check `mint` runs on `user` (the members the profile
    /// writes, the user field values) without signing.
    pub fn check(&self, user: &User<'_>) -> Result<()> {
        self.payload(user, 0).map(drop)
    }

    /// The payload JSON that a token for `user` at `now` carries (with a fresh
    /// `jti`), without signing it.
    pub fn payload(&self, user: &User<'_>, now: i64) -> Result<Vec<u8>> {
        let mut payload = Vec::new();
        self.write_payload(user, now, &mut payload)?;
        Ok(payload)
    }

    /// Mints a token for `user` with `iat` = `now` (Unix seconds, >= 0): the
    /// same inputs and `now` give the same payload bytes but for the `jti`.
    /// The payload is serialized into a buffer kept per thread, so the token
    /// string is the one allocation of a typical call.
    pub fn mint_at(&self, user: &User<'_>, now: i64) -> Result<String> {
        let mut token = String::new();
        self.mint_into(user, now, &mut token)?;
        Ok(token)
    }

    /// [`Minter::mint_at`] into `token`, which is cleared first and reused:
    /// with enough capacity (a token's size is about stable per user) a
    /// mint allocates nothing. On error `token` is left empty.
    pub fn mint_into(&self, user: &User<'_>, now: i64, token: &mut String) -> Result<()> {
        token.clear();
        PAYLOAD_BUFFER.with_borrow_mut(|payload| {
            payload.clear();
            let signed = self
                .write_payload(user, now, payload)
                .and_then(|()| self.sign_payload(payload, token));
            if payload.capacity() > RETAINED_BUFFER_BYTES {
                *payload = Vec::new();
            }
            if signed.is_err() {
                token.clear();
            }
            signed
        })
    }

    /// Mints one token per user, all with `iat` = `now`, on every core for
    /// a long batch (see [`Minter::mint_many_on`]). The first user at fault
    /// fails the whole batch: no tokens are returned.
    pub fn mint_many(&self, users: &[User<'_>], now: i64) -> Result<Vec<String>> {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        self.mint_many_on(users, now, threads)
    }

    /// [`Minter::mint_many`] on at most `threads` threads (0 counts as 1),
    /// one per [`PARALLEL_BATCH_MIN`] users started.
    pub fn mint_many_on(
        &self,
        users: &[User<'_>],
        now: i64,
        threads: usize,
    ) -> Result<Vec<String>> {
        let threads = threads.clamp(1, users.len().div_ceil(PARALLEL_BATCH_MIN).max(1));
        if threads == 1 {
            return users.iter().map(|user| self.mint_at(user, now)).collect();
        }
        let chunk = users.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let workers: Vec<_> = users
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|user| self.mint_at(user, now))
                            .collect::<Result<Vec<_>>>()
                    })
                })
                .collect();
            let mut tokens = Vec::with_capacity(users.len());
            let mut failure = None;
            for worker in workers {
                match worker.join() {
                    Ok(Ok(part)) => tokens.extend(part),
                    // The first user at fault, in batch order.
                    Ok(Err(error)) => {
                        failure.get_or_insert(error);
                    }
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            match failure {
                Some(error) => Err(error),
                None => Ok(tokens),
            }
        })
    }

    fn sign_payload(&self, payload: &[u8], token: &mut String) -> Result<()> {
        let size = self.header_b64.len()
            + 1
            + base64_len(payload.len())
            + 1
            + base64_len(self.key.signature_len());
        if size > self.max_token_bytes {
            return Err(Error::PayloadTooLarge {
                size,
                limit: self.max_token_bytes,
            });
        }
        // One byte more than the token: the NUL the C ABI appends fits
        // without copying the token to a larger allocation.
        token.reserve_exact(size + 1);
        token.push_str(&self.header_b64);
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(payload, &mut *token);
        let mut signature = [0u8; MAX_SIGNATURE_BYTES];
        let length = self.key.sign_to_buffer(token.as_bytes(), &mut signature)?;
        token.push('.');
        URL_SAFE_NO_PAD.encode_string(&signature[..length], token);
        Ok(())
    }

    fn write_payload(&self, user: &User<'_>, now: i64, out: &mut Vec<u8>) -> Result<()> {
        let random = jti_bytes()?;
        let mut jti = [0u8; 24];
        let jti_len = URL_SAFE_NO_PAD
            .encode_slice(random, &mut jti)
            .map_err(|e| Error::Signing(e.to_string()))?;
        let jti =
            std::str::from_utf8(&jti[..jti_len]).map_err(|e| Error::Signing(e.to_string()))?;
        self.template
            .write(user, self.fields.as_ref(), now, jti, out)
    }

    /// The signing key's algorithm.
    pub fn algorithm(&self) -> Algorithm {
        self.key.algorithm()
    }

    /// The `kid` in every header, if any.
    pub fn kid(&self) -> Option<&str> {
        self.key.kid()
    }

    /// The JWKS publishing the public key (empty for HMAC secrets).
    pub fn jwks(&self) -> JwkSet {
        self.key.jwks()
    }

    /// The signing key.
    pub fn key(&self) -> &SigningKey {
        &self.key
    }
}
