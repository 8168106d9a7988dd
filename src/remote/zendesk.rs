//! A small Zendesk API client: the account's user field catalog (cursor
//! pagination, each field's options when the list omits them), the brand's
//! account custom claims, and users by id or external id, read into hcjwt's
//! own types.
//!
//! Every call is a GET with a timeout and a size cap. A 429 waits for
//! `Retry-After` and retries; a 5xx, a timeout or a dropped connection
//! retries with exponential backoff; both within `max_retries` and
//! `max_wait`. 401, 403 and 404 fail at once with a typed error that says
//! what to fix. Credentials travel only in the `Authorization` header, are
//! never sent to another host (pagination links must stay on the account's
//! origin) and never appear in an error or a `Debug` print.

use std::collections::HashSet;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;
use url::Url;
use zeroize::Zeroizing;

use super::http::{Failure, Http, HttpOptions, Redirects, Response, jittered};
use crate::claims::ClaimSet;
use crate::error::{Error, Result};
use crate::fields::FieldCatalog;
use crate::host::{api_url, base_url};
use crate::user::User;

/// Fields asked for per page of the user fields list (the API's maximum).
const PAGE_SIZE: usize = 100;
/// The most pages followed for one list: 100 pages of 100 fields is far
/// beyond any account; a server that never ends stops here.
const MAX_PAGES: usize = 100;
/// API error text quoted in an error message is cut to this many characters.
const MAX_QUOTED_CHARS: usize = 200;

/// How the client authenticates. `Debug` prints no secret; the secrets are
/// erased from memory when dropped.
#[derive(Clone)]
pub enum Credentials {
    /// An API token: `Authorization: Basic base64("{email}/token:{token}")`.
    ApiToken {
        /// The agent's or admin's email address.
        email: String,
        /// The API token.
        token: Zeroizing<String>,
    },
    /// An OAuth access token: `Authorization: Bearer {token}`.
    OAuth(Zeroizing<String>),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::ApiToken { email, .. } => f
                .debug_struct("ApiToken")
                .field("email", email)
                .field("token", &"[redacted]")
                .finish(),
            Credentials::OAuth(_) => f.write_str("OAuth([redacted])"),
        }
    }
}

impl Credentials {
    /// An API token of the agent or admin with this email address.
    pub fn api_token(email: impl Into<String>, token: impl Into<String>) -> Result<Self> {
        let email = email.into();
        let token = Zeroizing::new(token.into());
        check_header_text("email", &email)?;
        check_header_text("api_token", &token)?;
        Ok(Credentials::ApiToken { email, token })
    }

    /// An OAuth access token.
    pub fn oauth(token: impl Into<String>) -> Result<Self> {
        let token = Zeroizing::new(token.into());
        check_header_text("oauth_token", &token)?;
        Ok(Credentials::OAuth(token))
    }

    /// The credentials of the environment: `ZENDESK_OAUTH_TOKEN`, or
    /// `ZENDESK_EMAIL` with `ZENDESK_API_TOKEN`.
    pub fn from_env() -> Result<Self> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        match (
            var("ZENDESK_OAUTH_TOKEN"),
            var("ZENDESK_EMAIL"),
            var("ZENDESK_API_TOKEN"),
        ) {
            (Some(token), _, _) => Self::oauth(token),
            (None, Some(email), Some(token)) => Self::api_token(email, token),
            _ => Err(Error::invalid_option(
                "credentials",
                "set ZENDESK_EMAIL and ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN",
            )),
        }
    }

    /// The secret parts, which no error may repeat.
    fn secrets(&self) -> Vec<&str> {
        match self {
            Credentials::ApiToken { token, .. } => vec![token.as_str()],
            Credentials::OAuth(token) => vec![token.as_str()],
        }
    }

    /// The `Authorization` header's value.
    fn header(&self) -> Zeroizing<String> {
        match self {
            Credentials::ApiToken { email, token } => {
                let pair = Zeroizing::new(format!("{email}/token:{}", token.as_str()));
                Zeroizing::new(format!("Basic {}", STANDARD.encode(pair.as_bytes())))
            }
            Credentials::OAuth(token) => Zeroizing::new(format!("Bearer {}", token.as_str())),
        }
    }
}

/// A credential must be non-empty printable ASCII without surrounding white
/// space (it goes into a header, which carries nothing else); the error
/// names the credential, never its value.
fn check_header_text(name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_option(name, "is empty"));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic() || b == b' ') || value.trim() != value {
        return Err(Error::invalid_option(
            name,
            "may hold only printable ASCII characters, without surrounding white space",
        ));
    }
    Ok(())
}

/// Limits of every API call and of the retries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientOptions {
    /// Timeout per request and the response size cap. Defaults to 10 s and 16 MiB.
    pub http: HttpOptions,
    /// Retries after a 429, a 5xx, a timeout or a dropped connection. Defaults to 3.
    pub max_retries: u32,
    /// The most time spent waiting between tries of one call (a longer
    /// `Retry-After` fails at once). Defaults to 60 s.
    pub max_wait: Duration,
    /// The first backoff after a 5xx or timeout; it doubles each retry.
    /// Defaults to 0.5 s.
    pub backoff: Duration,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            http: HttpOptions {
                timeout: Duration::from_secs(10),
                max_response_bytes: 16 * 1024 * 1024,
            },
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            backoff: Duration::from_millis(500),
        }
    }
}

/// The endpoints, for the words of their errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Endpoint {
    UserFields,
    FieldOptions,
    Claims,
    User,
    UserSearch,
}

/// A client of one Zendesk account (or brand: the claims read are those of
/// the brand whose host is given). `Send + Sync`.
#[derive(Debug)]
pub struct Client {
    base: Url,
    credentials: Credentials,
    http: Http,
    options: ClientOptions,
}

impl Client {
    /// A client of `host`: a subdomain (`acme`), a host (`acme.zendesk.com`,
    /// a host-mapped brand domain) or a base URL (`https://...`; `http://`
    /// only for loopback hosts).
    pub fn new(host: &str, credentials: Credentials, options: ClientOptions) -> Result<Self> {
        Ok(Self {
            base: base_url(host)?,
            http: Http::new(options.http.clone(), Redirects::SameOrigin),
            credentials,
            options,
        })
    }

    /// The account's base URL.
    pub fn base_url(&self) -> &str {
        self.base.as_str()
    }

    /// Every user field of the account as the API's list document
    /// (`{"user_fields": [...], "count": n}`), all pages joined, each
    /// dropdown and multiselect field with its `custom_field_options` (read
    /// from the field's options endpoint when the list omits them).
    pub fn user_fields_json(&self) -> Result<Value> {
        let mut url = api_url(&self.base, "/api/v2/user_fields");
        url.query_pairs_mut()
            .append_pair("page[size]", &PAGE_SIZE.to_string());
        let mut fields = self.pages(url, Endpoint::UserFields, "user_fields")?;
        for field in &mut fields {
            let Some(object) = field.as_object_mut() else {
                continue;
            };
            let has_options = matches!(
                object.get("type").and_then(Value::as_str),
                Some("dropdown" | "multiselect")
            );
            if has_options && !object.contains_key("custom_field_options") {
                let Some(id) = object.get("id").and_then(Value::as_u64) else {
                    continue; // the catalog names the missing id
                };
                let url = api_url(&self.base, &format!("/api/v2/user_fields/{id}/options"));
                let options = self.pages(url, Endpoint::FieldOptions, "custom_field_options")?;
                object.insert("custom_field_options".to_owned(), Value::Array(options));
            }
        }
        let count = fields.len();
        Ok(serde_json::json!({ "user_fields": fields, "count": count }))
    }

    /// The account's user field catalog (see [`Client::user_fields_json`]).
    pub fn user_fields(&self) -> Result<FieldCatalog> {
        let document = self.user_fields_json()?;
        FieldCatalog::from_json(document.to_string().as_bytes())
    }

    /// The brand's account custom claims as the API answers them
    /// (`{"custom_claims": [...]}`).
    pub fn custom_claims_json(&self) -> Result<Value> {
        let url = api_url(
            &self.base,
            "/api/v2/help_center/integration/account_custom_claims",
        );
        self.get_json(&url, Endpoint::Claims)
    }

    /// The brand's account custom claims.
    pub fn custom_claims(&self) -> Result<ClaimSet> {
        let document = self.custom_claims_json()?;
        ClaimSet::from_json(document.to_string().as_bytes())
    }

    /// A user as `GET /api/v2/users/{id}` answers (`{"user": {...}}`).
    pub fn user_json(&self, id: u64) -> Result<Value> {
        let url = api_url(&self.base, &format!("/api/v2/users/{id}"));
        self.get_json(&url, Endpoint::User)
    }

    /// A user by id, read as hcjwt reads any fetched user.
    pub fn user(&self, id: u64) -> Result<User<'static>> {
        let document = self.user_json(id)?;
        let text = document.to_string();
        Ok(User::from_json(text.as_bytes())?.into_owned())
    }

    /// The user with this external id as `{"user": {...}}`, or `None` when
    /// the account has none (`GET /api/v2/users/search?external_id=`).
    pub fn user_by_external_id_json(&self, external_id: &str) -> Result<Option<Value>> {
        if external_id.is_empty() {
            return Err(Error::invalid_option("external_id", "is empty"));
        }
        let mut url = api_url(&self.base, "/api/v2/users/search");
        url.query_pairs_mut()
            .append_pair("external_id", external_id);
        let document = self.get_json(&url, Endpoint::UserSearch)?;
        let users = match document.get("users") {
            Some(Value::Array(users)) => users,
            _ => {
                return Err(self.unexpected(Endpoint::UserSearch, "the answer has no users list"));
            }
        };
        match users.as_slice() {
            [] => Ok(None),
            [user] => Ok(Some(serde_json::json!({ "user": user }))),
            several => Err(self.unexpected(
                Endpoint::UserSearch,
                &format!("{} users share the external id", several.len()),
            )),
        }
    }

    /// A user by external id, or `None`.
    pub fn user_by_external_id(&self, external_id: &str) -> Result<Option<User<'static>>> {
        self.user_by_external_id_json(external_id)?
            .map(|document| {
                let text = document.to_string();
                Ok(User::from_json(text.as_bytes())?.into_owned())
            })
            .transpose()
    }

    /// The records under `member` of every page: cursor pagination
    /// (`links.next` while `meta.has_more`) or offset pagination
    /// (`next_page`). Stops with an error on a repeated or foreign link and
    /// after `MAX_PAGES`.
    fn pages(&self, first: Url, endpoint: Endpoint, member: &str) -> Result<Vec<Value>> {
        let mut records = Vec::new();
        let mut seen = HashSet::new();
        let mut url = first;
        for _ in 0..MAX_PAGES {
            seen.insert(url.as_str().to_owned());
            let mut page = self.get_json(&url, endpoint)?;
            match page.get_mut(member).map(Value::take) {
                Some(Value::Array(items)) => records.extend(items),
                _ => {
                    return Err(self.unexpected(endpoint, &format!("a page has no {member} list")));
                }
            }
            let Some(next) = next_link(&page) else {
                return Ok(records);
            };
            let next = self.same_origin(next, endpoint)?;
            if seen.contains(next.as_str()) {
                return Err(self.unexpected(
                    endpoint,
                    "the server sent a page link it had sent before: pagination stopped",
                ));
            }
            url = next;
        }
        Err(self.unexpected(
            endpoint,
            &format!("more than {MAX_PAGES} pages: pagination stopped"),
        ))
    }

    /// A pagination link, which must stay on the account's origin (the
    /// credentials go nowhere else).
    fn same_origin(&self, link: &str, endpoint: Endpoint) -> Result<Url> {
        let url = self
            .base
            .join(link)
            .map_err(|_| self.unexpected(endpoint, "a page link is not a URL"))?;
        if url.origin() != self.base.origin() {
            return Err(self.unexpected(
                endpoint,
                "a page link leads to another host: not followed (the credentials stay with the account)",
            ));
        }
        Ok(url)
    }

    /// One GET with the retry rules, its body parsed as JSON.
    fn get_json(&self, url: &Url, endpoint: Endpoint) -> Result<Value> {
        let response = self.get(url, endpoint)?;
        crate::json::parse_strict(&response.body, "Zendesk API response")
            .map_err(|_| self.unexpected(endpoint, "the answer is not JSON"))
    }

    /// One GET: retried on 429 (after `Retry-After`), 5xx, timeouts and
    /// dropped connections, within `max_retries` and `max_wait`.
    fn get(&self, url: &Url, endpoint: Endpoint) -> Result<Response> {
        let authorization = self.credentials.header();
        let headers = [
            ("Authorization", authorization.as_str()),
            ("Accept", "application/json"),
        ];
        let mut waited = Duration::ZERO;
        let mut tries = 1;
        loop {
            let (wait, error) = match self.http.get(url, &headers) {
                Ok(response) if (200..300).contains(&response.status) => return Ok(response),
                // The server's wait is honoured as given (jitter only after it).
                Ok(response) if response.status == 429 => (
                    response.retry_after.map_or_else(
                        || jittered(self.backoff(tries)),
                        |wait| wait.saturating_add(jittered(self.options.backoff) / 4),
                    ),
                    self.status_error(endpoint, url, &response),
                ),
                Ok(response) if response.status >= 500 => (
                    jittered(self.backoff(tries)),
                    self.status_error(endpoint, url, &response),
                ),
                Ok(response) => return Err(self.status_error(endpoint, url, &response)),
                Err(failure @ Failure::TooLarge(_)) => return Err(self.failure(url, failure)),
                Err(failure) => (jittered(self.backoff(tries)), self.failure(url, failure)),
            };
            // A wait past what is left of max_wait (a Retry-After of years
            // included) ends the call now with the last answer's error.
            if tries > self.options.max_retries
                || wait > self.options.max_wait.saturating_sub(waited)
            {
                return Err(gave_up(error, tries));
            }
            std::thread::sleep(wait);
            waited = waited.saturating_add(wait);
            tries += 1;
        }
    }

    /// The wait after the `tries`-th failed try: `backoff`, doubling.
    fn backoff(&self, tries: u32) -> Duration {
        self.options
            .backoff
            .saturating_mul(2u32.saturating_pow(tries.saturating_sub(1)))
    }

    fn endpoint_name(&self, url: &Url) -> String {
        format!("GET {}", url.path())
    }

    fn unexpected(&self, endpoint: Endpoint, reason: &str) -> Error {
        Error::ZendeskApi {
            status: None,
            endpoint: format!("GET {}", path_of(endpoint)),
            reason: reason.to_owned(),
        }
    }

    fn failure(&self, url: &Url, failure: Failure) -> Error {
        Error::ZendeskApi {
            status: None,
            endpoint: self.endpoint_name(url),
            reason: failure.to_string(),
        }
    }

    /// The error for a status, in words that say what to fix.
    fn status_error(&self, endpoint: Endpoint, url: &Url, response: &Response) -> Error {
        let status = response.status;
        let authorization = self.credentials.header();
        let mut secrets = self.credentials.secrets();
        secrets.push(authorization.as_str());
        let said = api_error_text(&response.body).map(|text| {
            redact(&text, &secrets)
                .chars()
                .take(MAX_QUOTED_CHARS)
                .collect::<String>()
        });
        let reason = match (status, endpoint) {
            (401, _) => "401 Unauthorized: the credentials were refused; check ZENDESK_EMAIL and ZENDESK_API_TOKEN (token access must be on in the Admin Center), or ZENDESK_OAUTH_TOKEN".to_owned(),
            (403, Endpoint::Claims) => "403 Forbidden: reading account custom claims needs a help center manager or admin".to_owned(),
            (403, _) => "403 Forbidden: these credentials may not read this; use an agent's or admin's".to_owned(),
            (404, Endpoint::Claims) => "404 Not Found: the account's plan does not include help center JWT custom claims (Zendesk answers 404 below Guide Enterprise), or the host is wrong".to_owned(),
            (404, Endpoint::User) => "404 Not Found: no user with this id".to_owned(),
            (404, _) => "404 Not Found: is the host a Zendesk account?".to_owned(),
            (429, _) => format!(
                "429 Too Many Requests: rate limited{}",
                response
                    .retry_after
                    .map(|wait| format!(" (Retry-After {} s)", wait.as_secs()))
                    .unwrap_or_default()
            ),
            (status, _) => format!("HTTP {status}"),
        };
        Error::ZendeskApi {
            status: Some(status),
            endpoint: self.endpoint_name(url),
            reason: match said {
                Some(said) => format!("{reason} (Zendesk said: {said})"),
                None => reason,
            },
        }
    }
}

/// The link to the next page: `links.next` while `meta.has_more` (cursor
/// pagination), else `next_page` (offset pagination).
fn next_link(page: &Value) -> Option<&str> {
    if let Some(meta) = page.get("meta") {
        let more = meta.get("has_more").and_then(Value::as_bool) == Some(true);
        return more
            .then(|| page.pointer("/links/next").and_then(Value::as_str))
            .flatten();
    }
    page.get("next_page").and_then(Value::as_str)
}

/// The API's own error words (`error`, `description`), cut short.
fn api_error_text(body: &[u8]) -> Option<String> {
    let document: Value = serde_json::from_slice(body).ok()?;
    let mut parts = Vec::new();
    for member in ["error", "description"] {
        match document.get(member) {
            Some(Value::String(text)) => parts.push(text.clone()),
            Some(Value::Object(object)) => {
                if let Some(Value::String(text)) = object.get("title") {
                    parts.push(text.clone());
                }
                if let Some(Value::String(text)) = object.get("message") {
                    parts.push(text.clone());
                }
            }
            _ => {}
        }
    }
    let text = parts.join(": ");
    (!text.is_empty()).then_some(text)
}

/// `text` with every credential in `secrets` and every JWT-shaped word
/// replaced by `[redacted]`: an API that echoes the request must not put a
/// secret into an error message.
fn redact(text: &str, secrets: &[&str]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        let secret = secret.trim();
        if secret.len() >= 4 {
            text = text.replace(secret, "[redacted]");
        }
        // A Basic or Bearer header value may be echoed without its scheme.
        if let Some((_, value)) = secret.split_once(' ')
            && value.len() >= 4
        {
            text = text.replace(value, "[redacted]");
        }
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("eyJ") {
        out.push_str(&rest[..start]);
        let word = &rest[start..];
        let end = word.find(|c: char| !token_char(c)).unwrap_or(word.len());
        if word[..end].matches('.').count() >= 2 {
            out.push_str("[redacted]");
        } else {
            out.push_str(&word[..end]);
        }
        rest = &word[end..];
    }
    out.push_str(rest);
    out
}

fn path_of(endpoint: Endpoint) -> &'static str {
    match endpoint {
        Endpoint::UserFields => "/api/v2/user_fields",
        Endpoint::FieldOptions => "/api/v2/user_fields/{id}/options",
        Endpoint::Claims => "/api/v2/help_center/integration/account_custom_claims",
        Endpoint::User => "/api/v2/users/{id}",
        Endpoint::UserSearch => "/api/v2/users/search",
    }
}

/// `error` with the number of tries made, when there was more than one.
fn gave_up(error: Error, tries: u32) -> Error {
    match error {
        Error::ZendeskApi {
            status,
            endpoint,
            reason,
        } if tries > 1 => Error::ZendeskApi {
            status,
            endpoint,
            reason: format!("{reason} (gave up after {tries} tries)"),
        },
        other => other,
    }
}
