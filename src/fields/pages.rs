//! The pages of the user fields list and of a field's options, in the
//! API's shapes: offset pagination (`page`, `per_page`, `count`,
//! `next_page`, `previous_page`) and cursor pagination (`page[size]`,
//! `page[after]`, `meta.has_more`, `links.next`).

use serde::{Deserialize, Serialize};

use super::{FieldCatalog, FieldOption, UserField};
use crate::error::{Error, Result};
use crate::limits::MAX_PAGE_SIZE;

/// One page of fields with offset pagination, in the API's list shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldPage {
    /// The fields of this page.
    pub user_fields: Vec<UserField>,
    /// The number of fields in the whole list.
    pub count: usize,
    /// The URL of the next page, or null.
    pub next_page: Option<String>,
    /// The URL of the previous page, or null.
    pub previous_page: Option<String>,
}

/// One page of fields with cursor pagination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldCursorPage {
    /// The fields of this page.
    pub user_fields: Vec<UserField>,
    /// Whether more pages follow and the cursors of this one.
    pub meta: CursorMeta,
    /// Links to the neighbouring pages.
    pub links: CursorLinks,
}

/// One page of options with offset pagination, in the API's list shape.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionPage {
    /// The options of this page.
    pub custom_field_options: Vec<FieldOption>,
    /// The number of options of the field.
    pub count: usize,
    /// The URL of the next page, or null.
    pub next_page: Option<String>,
    /// The URL of the previous page, or null.
    pub previous_page: Option<String>,
}

/// One page of options with cursor pagination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OptionCursorPage {
    /// The options of this page.
    pub custom_field_options: Vec<FieldOption>,
    /// Whether more pages follow and the cursors of this one.
    pub meta: CursorMeta,
    /// Links to the neighbouring pages.
    pub links: CursorLinks,
}

/// The `meta` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorMeta {
    /// True when a page follows this one.
    pub has_more: bool,
    /// The cursor to pass as `page[after]` for the next page.
    pub after_cursor: Option<String>,
    /// The cursor to pass as `page[before]` for the previous page.
    pub before_cursor: Option<String>,
}

/// The `links` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CursorLinks {
    /// The URL of the next page, or null.
    pub next: Option<String>,
    /// The URL of the previous page, or null.
    pub prev: Option<String>,
}

pub(super) fn check_page_size(name: &str, size: usize) -> Result<()> {
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(Error::field(
            name,
            format!("must be between 1 and {MAX_PAGE_SIZE} (MAX_PAGE_SIZE)"),
        ));
    }
    Ok(())
}

/// One page of `items` with offset pagination: the page's items and the
/// URLs of the next and previous pages.
pub(super) fn offset_page<T: Clone>(
    items: &[T],
    page: usize,
    per_page: usize,
    url: impl Fn(usize) -> String,
) -> Result<(Vec<T>, Option<String>, Option<String>)> {
    check_page_size("per_page", per_page)?;
    if page == 0 {
        return Err(Error::field("page", "must be 1 or more"));
    }
    let start = (page - 1).saturating_mul(per_page);
    let slice: Vec<T> = items.iter().skip(start).take(per_page).cloned().collect();
    let next = (start.saturating_add(per_page) < items.len()).then(|| url(page + 1));
    let previous = (page > 1).then(|| url(page - 1));
    Ok((slice, next, previous))
}

/// One page of `items` with cursor pagination (`page[size]`, `page[after]`,
/// `page[before]`); cursors name the id of the item at the page's edge (its
/// place in the list, `#3`, for an item without an id).
pub(super) fn cursor_page<T: Clone>(
    items: &[T],
    id_of: impl Fn(&T) -> Option<u64>,
    size: usize,
    after: Option<&str>,
    before: Option<&str>,
    link: impl Fn(&str, &str) -> String,
) -> Result<(Vec<T>, CursorMeta, CursorLinks)> {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    check_page_size("page[size]", size)?;
    let position_of = |name: &str, cursor: &str| -> Result<usize> {
        let text = URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| Error::field(name, "is not a cursor this list gave out"))?;
        let found = match text.strip_prefix('#') {
            Some(index) => index
                .parse::<usize>()
                .ok()
                .filter(|index| *index < items.len()),
            None => {
                let id = text
                    .parse::<u64>()
                    .map_err(|_| Error::field(name, "is not a cursor this list gave out"))?;
                items.iter().position(|item| id_of(item) == Some(id))
            }
        };
        found.ok_or_else(|| Error::field(name, "points at a record that no longer exists"))
    };
    let (start, end) = match (after, before) {
        (Some(_), Some(_)) => {
            return Err(Error::field(
                "page[after]",
                "can't be combined with page[before]",
            ));
        }
        (Some(cursor), None) => {
            let start = position_of("page[after]", cursor)? + 1;
            (start, (start + size).min(items.len()))
        }
        (None, Some(cursor)) => {
            let end = position_of("page[before]", cursor)?;
            (end.saturating_sub(size), end)
        }
        (None, None) => (0, size.min(items.len())),
    };
    let page = items[start..end].to_vec();
    let encode = |index: usize| {
        let text = id_of(&items[index]).map_or_else(|| format!("#{index}"), |id| id.to_string());
        URL_SAFE_NO_PAD.encode(text)
    };
    let after_cursor = (end > start).then(|| encode(end - 1));
    let before_cursor = (end > start).then(|| encode(start));
    let has_more = end < items.len();
    let links = CursorLinks {
        next: after_cursor
            .as_deref()
            .filter(|_| has_more)
            .map(|c| link("after", c)),
        prev: before_cursor
            .as_deref()
            .filter(|_| start > 0)
            .map(|c| link("before", c)),
    };
    let meta = CursorMeta {
        has_more,
        after_cursor,
        before_cursor,
    };
    Ok((page, meta, links))
}

impl FieldCatalog {
    /// One page with offset pagination (`page` from 1, `per_page` 1..=100).
    pub fn list_page(&self, page: usize, per_page: usize) -> Result<FieldPage> {
        let fields: Vec<UserField> = self.fields().cloned().collect();
        let base = self.base_url.clone().unwrap_or_default();
        let (user_fields, next_page, previous_page) = offset_page(&fields, page, per_page, |n| {
            format!("{base}/api/v2/user_fields.json?page={n}&per_page={per_page}")
        })?;
        Ok(FieldPage {
            user_fields,
            count: fields.len(),
            next_page,
            previous_page,
        })
    }

    /// One page with cursor pagination: `size` (`page[size]`, 1..=100) fields
    /// after the cursor `after` (`page[after]`) or before `before` (`page[before]`).
    pub fn list_cursor(
        &self,
        size: usize,
        after: Option<&str>,
        before: Option<&str>,
    ) -> Result<FieldCursorPage> {
        let fields: Vec<UserField> = self.fields().cloned().collect();
        let base = self.base_url.clone().unwrap_or_default();
        let (user_fields, meta, links) = cursor_page(
            &fields,
            |f| f.id,
            size,
            after,
            before,
            |direction, cursor| {
                format!(
                    "{base}/api/v2/user_fields.json?page%5B{direction}%5D={cursor}&page%5Bsize%5D={size}"
                )
            },
        )?;
        Ok(FieldCursorPage {
            user_fields,
            meta,
            links,
        })
    }
}
