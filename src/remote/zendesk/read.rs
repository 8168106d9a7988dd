//! The reads: the user fields over every page (each dropdown's and
//! multiselect's options fetched when the list omits them), the brand's
//! custom claims, and users by id or external id.

use std::collections::HashSet;

use url::Url;

use super::{Client, Endpoint};
use crate::claims::ClaimSet;
use crate::error::{Error, Result};
use crate::fields::FieldCatalog;
use crate::host::api_url;
use crate::limits::{MAX_PAGE_SIZE, MAX_PAGES_FOLLOWED};
use crate::user::User;
use crate::value::Json;

impl Client {
    /// Every user field of the account as the API's list document
    /// (`{"user_fields": [...], "count": n}`), all pages joined, each
    /// dropdown and multiselect field with its `custom_field_options` (read
    /// from the field's options endpoint when the list omits them). Numbers
    /// and strings are kept as the API wrote them.
    pub fn user_fields_json(&self) -> Result<Json<'static>> {
        let mut url = api_url(&self.base, "/api/v2/user_fields");
        url.query_pairs_mut()
            .append_pair("page[size]", &MAX_PAGE_SIZE.to_string());
        let mut fields = self.pages(url, Endpoint::UserFields, "user_fields")?;
        for field in &mut fields {
            let has_options = matches!(
                field.get("type").and_then(Json::as_str),
                Some("dropdown" | "multiselect")
            );
            if !has_options || field.get("custom_field_options").is_some() {
                continue;
            }
            let Some(id) = field
                .get("id")
                .and_then(Json::as_number)
                .and_then(|id| id.as_u64())
            else {
                continue; // the catalog names the missing id
            };
            let url = api_url(&self.base, &format!("/api/v2/user_fields/{id}/options"));
            let options = self.pages(url, Endpoint::FieldOptions, "custom_field_options")?;
            if let Json::Object(members) = field {
                members.push(("custom_field_options".into(), Json::Array(options)));
            }
        }
        let count = u64::try_from(fields.len()).unwrap_or(u64::MAX);
        Ok(Json::Object(vec![
            ("user_fields".into(), Json::Array(fields)),
            ("count".into(), count.into()),
        ]))
    }

    /// The account's user field catalog (see [`Client::user_fields_json`]).
    pub fn user_fields(&self) -> Result<FieldCatalog> {
        FieldCatalog::from_json(self.user_fields_json()?.to_string().as_bytes())
    }

    /// The brand's account custom claims as the API answers them
    /// (`{"custom_claims": [...]}`).
    pub fn custom_claims_json(&self) -> Result<Json<'static>> {
        let url = api_url(
            &self.base,
            "/api/v2/help_center/integration/account_custom_claims",
        );
        Ok(self.send_json("GET", &url, Endpoint::Claims, None)?.1)
    }

    /// The brand's account custom claims.
    pub fn custom_claims(&self) -> Result<ClaimSet> {
        ClaimSet::from_json(self.custom_claims_json()?.to_string().as_bytes())
    }

    /// A user as `GET /api/v2/users/{id}` answers (`{"user": {...}}`), as
    /// the API wrote it.
    pub fn user_json(&self, id: u64) -> Result<Json<'static>> {
        Ok(self
            .send_json("GET", &self.user_url(id), Endpoint::User, None)?
            .1)
    }

    /// A user by id, read once from the answer as hcjwt reads any user.
    pub fn user(&self, id: u64) -> Result<User<'static>> {
        let response = self.send("GET", &self.user_url(id), Endpoint::User, None)?;
        Ok(User::from_json(&response.body)?.into_owned())
    }

    fn user_url(&self, id: u64) -> Url {
        api_url(&self.base, &format!("/api/v2/users/{id}"))
    }

    /// The user with this external id as `{"user": {...}}`, or `None` when
    /// the account has none (`GET /api/v2/users/search?external_id=`).
    pub fn user_by_external_id_json(&self, external_id: &str) -> Result<Option<Json<'static>>> {
        if external_id.is_empty() {
            return Err(Error::invalid_option("external_id", "is empty"));
        }
        let mut url = api_url(&self.base, "/api/v2/users/search");
        url.query_pairs_mut()
            .append_pair("external_id", external_id);
        let (_, mut document) = self.send_json("GET", &url, Endpoint::UserSearch, None)?;
        let Some(Json::Array(mut users)) = document.take("users") else {
            return Err(self.unexpected(
                "GET",
                Endpoint::UserSearch,
                "the answer has no users list",
            ));
        };
        match users.len() {
            0 => Ok(None),
            1 => Ok(Some(Json::Object(vec![("user".into(), users.remove(0))]))),
            several => Err(self.unexpected(
                "GET",
                Endpoint::UserSearch,
                &format!("{several} users share the external id"),
            )),
        }
    }

    /// A user by external id, or `None`.
    pub fn user_by_external_id(&self, external_id: &str) -> Result<Option<User<'static>>> {
        self.user_by_external_id_json(external_id)?
            .map(|document| User::from_value(&document).map(User::into_owned))
            .transpose()
    }

    /// The records under `member` of every page: cursor pagination
    /// (`links.next` while `meta.has_more`) or offset pagination
    /// (`next_page`). Stops with an error on a repeated or foreign link and
    /// after `MAX_PAGES_FOLLOWED`.
    fn pages(&self, first: Url, endpoint: Endpoint, member: &str) -> Result<Vec<Json<'static>>> {
        let mut records = Vec::new();
        let mut seen = HashSet::new();
        let mut url = first;
        for _ in 0..MAX_PAGES_FOLLOWED {
            seen.insert(url.as_str().to_owned());
            let (_, mut page) = self.send_json("GET", &url, endpoint, None)?;
            match page.take(member) {
                Some(Json::Array(items)) => records.extend(items),
                _ => {
                    return Err(self.unexpected(
                        "GET",
                        endpoint,
                        &format!("a page has no {member} list"),
                    ));
                }
            }
            let Some(next) = next_link(&page) else {
                return Ok(records);
            };
            let next = self.same_origin(next, endpoint)?;
            if seen.contains(next.as_str()) {
                return Err(self.unexpected(
                    "GET",
                    endpoint,
                    "the server sent a page link it had sent before: pagination stopped",
                ));
            }
            url = next;
        }
        Err(self.unexpected(
            "GET",
            endpoint,
            &format!("more than {MAX_PAGES_FOLLOWED} pages: pagination stopped"),
        ))
    }

    /// A pagination link, which must stay on the account's origin (the
    /// credentials go nowhere else).
    fn same_origin(&self, link: &str, endpoint: Endpoint) -> Result<Url> {
        let url = self
            .base
            .join(link)
            .map_err(|_| self.unexpected("GET", endpoint, "a page link is not a URL"))?;
        if url.origin() != self.base.origin() {
            return Err(self.unexpected(
                "GET",
                endpoint,
                "a page link leads to another host: not followed (the credentials stay with the account)",
            ));
        }
        Ok(url)
    }
}

/// The link to the next page: `links.next` while `meta.has_more` (cursor
/// pagination), else `next_page` (offset pagination).
fn next_link<'p>(page: &'p Json<'_>) -> Option<&'p str> {
    if let Some(meta) = page.get("meta") {
        let more = meta.get("has_more").and_then(Json::as_bool) == Some(true);
        return more
            .then(|| {
                page.get("links")
                    .and_then(|links| links.get("next"))
                    .and_then(Json::as_str)
            })
            .flatten();
    }
    page.get("next_page").and_then(Json::as_str)
}
