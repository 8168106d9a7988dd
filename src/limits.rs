//! The limits hcjwt enforces on what it reads, writes and fetches, in one
//! place; error messages name these values. The ranges an option may take
//! are associated constants of its options type (`HttpOptions::MAX_TIMEOUT`,
//! `RemoteJwksOptions::MAX_CACHE_TTL`, ...), beside the option they bound.

use std::time::Duration;

/// At most this many account custom claims per (account_id, brand_id) pair.
pub const MAX_CLAIMS_PER_BRAND: usize = 5;
/// A claim identifier is 1..=this many bytes of printable ASCII without spaces.
pub const MAX_CLAIM_IDENTIFIER_BYTES: usize = 64;
/// A claim value is 1..=this many bytes of UTF-8 without control characters.
pub const MAX_CLAIM_VALUE_BYTES: usize = 1024;
/// A claim description holds at most this many bytes.
pub const MAX_CLAIM_DESCRIPTION_BYTES: usize = 4096;

/// A user field key holds at most this many bytes.
pub const MAX_FIELD_KEY_BYTES: usize = 64;
/// Text and textarea values (and regexp values) hold at most this many characters.
pub const MAX_TEXT_VALUE_CHARS: usize = 65_536;
/// Integer values have at most this many digits.
pub const MAX_INTEGER_DIGITS: u32 = 12;
/// A regexp_for_validation pattern holds at most this many characters (Zendesk's cap).
pub const MAX_REGEX_PATTERN_CHARS: usize = 255;
/// The compiled size limit of one regexp_for_validation pattern, in bytes.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// A pattern that needs backtracking gives up after this many backtracks.
pub const REGEX_BACKTRACK_LIMIT: usize = 100_000;
/// Values checked by a pattern that needs backtracking hold at most this many
/// characters, which bounds the time of every check.
pub const MAX_BACKTRACKING_VALUE_CHARS: usize = 1024;
/// A pattern that needs backtracking unrolls into at most this many nodes
/// (its counted repetitions multiplied out), which bounds the compiled program.
pub const MAX_BACKTRACKING_PROGRAM: usize = 10_000;
/// JSON that hcjwt reads nests at most this deep.
pub const MAX_JSON_DEPTH: usize = 128;
/// A validation error names at most this many fields (paths); the problems
/// past it are counted, not listed.
pub const MAX_REPORTED_FIELDS: usize = 1000;
/// A validation error keeps at most this many messages per field.
pub const MAX_MESSAGES_PER_FIELD: usize = 16;
/// Pages of a list hold at most this many records (the API's maximum, and
/// the page size hcjwt asks Zendesk for).
pub const MAX_PAGE_SIZE: usize = 100;
/// The most pages followed for one list from Zendesk: 100 pages of 100
/// records is far beyond any account; a server that never ends stops here.
pub const MAX_PAGES_FOLLOWED: usize = 100;
/// The most redirects one network call follows (only where one is expected).
pub const MAX_REDIRECTS: usize = 3;

/// A JSON document hcjwt is handed (a user, claims, fields, a JWKS) holds
/// at most this many bytes where it is read from a file or a C buffer.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
/// Key bytes (a key file, a C buffer) hold at most this many bytes.
pub const MAX_KEY_BYTES: usize = 64 * 1024;

/// Default lifetime of a minted token, in seconds.
pub const DEFAULT_TTL_SECONDS: u64 = 300;
/// Default clock leeway of the verifier, in seconds.
pub const DEFAULT_LEEWAY_SECONDS: u64 = 60;
/// Default size limit of a token, minted or verified, in bytes.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;
/// At most this many keys that share a token's `kid` (and algorithm) are
/// tried: a set that repeats a kid (a rotation published twice) still
/// verifies, and a hostile set cannot make one token cost many checks.
pub const MAX_KEYS_PER_KID: usize = 4;
/// The largest signature any supported algorithm makes (RSA 8192 bits);
/// a token's signature part decoding to more is malformed.
pub const MAX_SIGNATURE_BYTES: usize = 1024;
/// A key set's `Cache-Control: max-age` shorter than this is raised to it.
pub const MIN_KEYS_MAX_AGE: Duration = Duration::from_secs(60);
/// A key set's `Cache-Control: max-age` longer than this is lowered to it.
pub const MAX_KEYS_MAX_AGE: Duration = Duration::from_secs(24 * 3600);
/// The first retry after a failed key-set fetch with no keys comes this long
/// after it (jittered), doubling for each further failure up to the cooldown.
pub const FIRST_KEYS_RETRY: Duration = Duration::from_secs(1);
/// At most this many remote key sources are shared process-wide; more are
/// not cached.
pub const MAX_SHARED_KEY_SOURCES: usize = 256;
/// Minimum RSA modulus size in bits.
pub const MIN_RSA_BITS: usize = 2048;
/// Random bytes in every `jti` (>= 128 bits).
pub const JTI_BYTES: usize = 16;
/// The longest token lifetime a minter accepts, in seconds (one year).
pub const MAX_TTL_SECONDS: u64 = 365 * 24 * 3600;
/// The largest token a login page or URL carries: 64 KiB (a browser posts
/// it, and Zendesk refuses far smaller).
pub const MAX_SSO_TOKEN_BYTES: usize = 64 * 1024;
/// The largest token `decode` and `inspect` read: 64 KiB, far beyond any
/// token Zendesk takes, so a hostile input costs memory in proportion to
/// this, not to its own size.
pub const MAX_INSPECTED_TOKEN_BYTES: usize = 64 * 1024;
/// A messaging token's `external_id` holds at most this many characters
/// (Zendesk "Authenticating end users in messaging").
pub const MAX_MESSAGING_EXTERNAL_ID_CHARS: usize = 255;
/// Zendesk refuses an SSO token whose `iat` is more than this many seconds
/// from its clock ("Invalid iat parameter ... more than 3 minutes off").
pub const SSO_IAT_TOLERANCE_SECONDS: i64 = 180;

/// [`crate::Minter::mint_many`] starts a thread per this many users (up to
/// the thread limit): a batch of fewer stays on the calling thread, where
/// starting threads would cost more than it saves.
pub const PARALLEL_BATCH_MIN: usize = 32;
