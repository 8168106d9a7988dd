//! A live account for a long-running service: a [`Minter`] whose field
//! catalog and custom claims come from the account and are refreshed in the
//! background, never blocking a mint, the last good ones kept when a refresh
//! fails.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use super::zendesk::Client;
use crate::claims::ClaimSet;
use crate::error::{Error, Result};
use crate::fields::FieldCatalog;
use crate::mint::Minter;
use crate::user::User;

/// The state of an [`Account`]'s refreshes, for health checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountStatus {
    /// When catalog and claims were last fetched successfully.
    pub last_refresh: SystemTime,
    /// Why the last refresh failed, if it did (the last good ones serve).
    pub last_error: Option<String>,
    /// User fields in the catalog in use.
    pub fields: usize,
    /// Custom claims in use (always 0 for the sso profile).
    pub claims: usize,
}

struct Shared {
    client: Client,
    minter: RwLock<Arc<Minter>>,
    status: Mutex<AccountStatus>,
    refreshing: Mutex<()>,
}

/// A minter kept in step with a live account: built from `minter`'s key and
/// options with the account's field catalog and (help center profile) the
/// brand's custom claims, refreshed every `interval` by a background thread
/// that stops when the `Account` is dropped. `Send + Sync`.
pub struct Account {
    shared: Arc<Shared>,
    /// Dropping it ends the refresh thread.
    _stop: Sender<()>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("client", &self.shared.client)
            .field("status", &self.status())
            .finish()
    }
}

impl Shared {
    /// Fetches catalog and claims and swaps in a new minter; on failure the
    /// current one stays and the reason is recorded.
    fn refresh(&self) -> Result<()> {
        let _one_at_a_time = self
            .refreshing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let result = self.fetch();
        let mut status = self.status.lock().unwrap_or_else(PoisonError::into_inner);
        match result {
            Ok((minter, fields, claims)) => {
                *self.minter.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(minter);
                *status = AccountStatus {
                    last_refresh: SystemTime::now(),
                    last_error: None,
                    fields,
                    claims,
                };
                Ok(())
            }
            Err(error) => {
                status.last_error = Some(error.to_string());
                Err(error)
            }
        }
    }

    fn fetch(&self) -> Result<(Minter, usize, usize)> {
        let current = self.minter();
        // Only what the profile writes is fetched: custom claims for help
        // center tokens, the field catalog for tokens with user fields.
        let profile = current.options().profile;
        let catalog = profile
            .writes_user_fields()
            .then(|| self.client.user_fields())
            .transpose()?;
        let claims = profile
            .takes_custom_claims()
            .then(|| self.client.custom_claims())
            .transpose()?;
        let fields = catalog.as_ref().map_or(0, FieldCatalog::len);
        let claim_count = claims.as_ref().map_or(0, ClaimSet::len);
        Ok((current.with_catalog(claims, catalog)?, fields, claim_count))
    }

    fn minter(&self) -> Arc<Minter> {
        self.minter
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Account {
    /// Fetches the catalog and claims now (an error if that fails: a service
    /// should not start minting unchecked tokens) and refreshes them every
    /// `interval` (at least one second) in the background.
    pub fn new(client: Client, minter: Minter, interval: Duration) -> Result<Self> {
        if interval < Duration::from_secs(1) {
            return Err(Error::invalid_option(
                "interval",
                "must be at least 1 second",
            ));
        }
        let shared = Arc::new(Shared {
            client,
            minter: RwLock::new(Arc::new(minter)),
            status: Mutex::new(AccountStatus {
                last_refresh: SystemTime::UNIX_EPOCH,
                last_error: None,
                fields: 0,
                claims: 0,
            }),
            refreshing: Mutex::new(()),
        });
        shared.refresh()?;
        let (stop, stopped) = mpsc::channel::<()>();
        let weak = Arc::downgrade(&shared);
        std::thread::Builder::new()
            .name("hcjwt-account-refresh".into())
            .spawn(move || {
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(interval) {
                    let Some(shared) = weak.upgrade() else { return };
                    // A failure is recorded in the status; the old minter serves.
                    let _ = shared.refresh();
                }
            })
            .map_err(|error| {
                Error::invalid_option("interval", format!("no refresh thread: {error}"))
            })?;
        Ok(Self {
            shared,
            _stop: stop,
        })
    }

    /// The minter in use now (cheap: a shared pointer).
    pub fn minter(&self) -> Arc<Minter> {
        self.shared.minter()
    }

    /// Mints with the minter in use now.
    pub fn mint(&self, user: &User<'_>) -> Result<String> {
        self.minter().mint(user)
    }

    /// Fetches catalog and claims now (waiting for a background refresh in
    /// progress); on failure the last good ones stay in use.
    pub fn refresh(&self) -> Result<()> {
        self.shared.refresh()
    }

    /// The state of the refreshes.
    pub fn status(&self) -> AccountStatus {
        self.shared
            .status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The client the account reads with.
    pub fn client(&self) -> &Client {
        &self.shared.client
    }
}
