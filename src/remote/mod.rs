//! Networking (cargo feature `remote`): a remote key set with a cache
//! ([`RemoteJwks`], behind [`crate::Verifier::from_jwks_url`] and
//! [`crate::Verifier::for_help_center`]) and a Zendesk API client
//! ([`Client`], with [`Account`] keeping a minter's catalog and claims
//! fresh). One blocking HTTP client on rustls
//! with the aws-lc-rs provider; every call has a timeout and a size cap.

mod account;
mod http;
mod jwks;
mod zendesk;

pub use account::{Account, AccountStatus};
pub use http::HttpOptions;
pub use jwks::{Clock, KeySourceStatus, RemoteJwks, RemoteJwksOptions, SystemClock};
pub use zendesk::{
    Action, ClaimChange, Client, ClientOptions, Credentials, FieldChange, MemberChange, Plan,
    Stopped,
};
