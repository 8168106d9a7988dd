//! The field catalog of an account: the User Fields API's field operations,
//! and the checks of a user's `user_fields` object against it.

use std::borrow::Cow;
// foldhash: lookups of user-given keys into a table the catalog fixed, where
// flooding buys nothing; SipHash cost a tenth of a mint.
use foldhash::HashMap;

use super::values::{Normalized, ValueRule};
use super::{
    FieldOption, FieldOptionInput, FieldType, Kept, Read, Strictness, UserField, UserFieldInput,
    check_definition, check_new_key, stored,
};
use crate::document::{self, Envelope, Kind};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::json;
use crate::limits::MAX_PAGE_SIZE;
use crate::timestamp;
use crate::value::{Json, Object, ObjectWriter};
use crate::wire::{CursorLinks, CursorMeta, FieldCursorPage, FieldPage};

pub(super) const KIND: Kind = Kind {
    list: "user_fields",
    single: "user_field",
    marker: "key",
};

/// A field with the rule its values are checked with.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) field: UserField,
    pub(crate) rule: ValueRule,
}

impl Entry {
    pub(crate) fn new(field: UserField, rule: ValueRule) -> Self {
        Self { field, rule }
    }
}

/// The user fields of an account, in list order (position, then id), with the
/// value rule of each prepared once (compiled patterns, option sets). Every
/// operation either succeeds whole or leaves the catalog as it was.
#[derive(Clone, Debug, Default)]
pub struct FieldCatalog {
    pub(super) entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    pub(super) base_url: Option<String>,
    envelope: Envelope,
}

/// Whether an option upsert created a new option (the API's 201) or updated
/// one (200).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Upsert {
    /// A new option was added.
    Created,
    /// An existing option was changed.
    Updated,
}

impl Upsert {
    /// The HTTP status the API answers with: 201 or 200.
    pub fn status(self) -> u16 {
        match self {
            Upsert::Created => 201,
            Upsert::Updated => 200,
        }
    }
}

pub(super) fn not_found(resource: &'static str, id: &str) -> Error {
    Error::NotFound {
        resource,
        id: quoted(id, 64),
    }
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

/// The new value of a `raw_*` member when its plain counterpart changes to
/// `plain`: the `raw_*` given beside it, else `plain` itself. A
/// `{{dc.*}}` placeholder left in place would go on overriding the new text
/// wherever Zendesk renders the field.
pub(super) fn follow_raw(raw: &mut Option<String>, given_raw: Option<String>, plain: &str) {
    *raw = Some(given_raw.unwrap_or_else(|| plain.to_owned()));
}

/// The one wording for a `user_fields` member that is not an object.
pub(crate) fn not_an_object(values: &Json<'_>) -> String {
    format!(
        "must be an object keyed by field key, not {}",
        values.type_name()
    )
}

impl FieldCatalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the account's base URL (`https://{subdomain}.zendesk.com`), used for
    /// the `url` members of new records and pagination links; without it links
    /// are relative.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Reads a user fields document: the API's list response (empty included;
    /// offset or cursor pagination members are ignored), a single
    /// `{"user_field": {...}}`, a bare array or a bare field object. Every
    /// definition is checked against the API's rules; errors are keyed
    /// `user_fields[i].member`. A regexp field whose pattern hcjwt can't run
    /// loads, and [`FieldCatalog::unchecked`] names it.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let document = json::parse_strict(json, "user fields")?;
        let (records, envelope) = document::records(document, &KIND)?;
        let mut catalog = FieldCatalog::default();
        let mut errors = FieldErrors::new();
        let mut taken = stored::Taken::default();
        for (index, record) in records.iter().enumerate() {
            let prefix = envelope.prefix(&KIND, index);
            if let Some(entry) = stored::read_field(&mut taken, record, &prefix, &mut errors) {
                catalog.entries.push(entry);
            }
        }
        errors.into_result()?;
        catalog.envelope = envelope;
        catalog.sort();
        Ok(catalog)
    }

    /// The catalog as a JSON document in the shape it was read from: the
    /// API's list response with the members its page held (`count`
    /// updated; `meta` and `links` of a cursor page, `next_page` of an
    /// offset page), a bare array, or the single-record envelope or bare
    /// object while it holds exactly that one field. A catalog made in code
    /// writes the API's list response (`{"user_fields": [...], "count": n,
    /// "next_page": null, "previous_page": null}`).
    pub fn to_json(&self) -> String {
        let records = self
            .fields()
            .map(|field| serde_json::to_value(field).unwrap_or(serde_json::Value::Null))
            .collect();
        let defaults = [
            ("count", serde_json::Value::Null),
            ("next_page", serde_json::Value::Null),
            ("previous_page", serde_json::Value::Null),
        ];
        self.envelope.write(&KIND, records, &defaults).to_string()
    }

    /// Every field, in list order.
    pub fn fields(&self) -> impl Iterator<Item = &UserField> {
        self.entries.iter().map(|entry| &entry.field)
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the catalog holds no field.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The field with this id (digits) or key, as the API's paths take either.
    pub fn get(&self, id_or_key: &str) -> Result<&UserField> {
        self.index_of(id_or_key)
            .map(|index| &self.entries[index].field)
    }

    /// The regexp fields whose values pass unchecked because hcjwt can't run
    /// their pattern: `(key, why)`.
    pub fn unchecked(&self) -> Vec<(&str, &str)> {
        self.entries
            .iter()
            .filter_map(|entry| match &entry.rule {
                ValueRule::Unchecked(reason) => Some((entry.field.key.as_str(), reason.as_str())),
                _ => None,
            })
            .collect()
    }

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

    /// Creates a field (the API's create): `type` defaults to text, `key` and
    /// `title` are required, and hcjwt's policy applies (key length, a regexp
    /// pattern hcjwt can run).
    pub fn create(&mut self, input: UserFieldInput) -> Result<&UserField> {
        self.create_at(input, &timestamp::now())
    }

    /// Like [`FieldCatalog::create`], stamped with `now` (RFC 3339).
    pub fn create_at(&mut self, input: UserFieldInput, now: &str) -> Result<&UserField> {
        let mut errors = FieldErrors::new();
        let key = input.key.clone().unwrap_or_default();
        check_new_key(&key, &mut errors);
        if self.index_of_key(&key).is_some() {
            errors.add("key", "has already been taken");
        }
        let id = self.next_field_id();
        if self.index_of_id(id).is_some() {
            errors.add("id", "no field ids are left (the largest id is taken)");
        }
        let field_type = match input.field_type.as_deref() {
            None => FieldType::Text,
            Some(name) => FieldType::parse(name).unwrap_or_else(|| {
                errors.add(
                    "type",
                    format!(
                        "{} is not one of checkbox, date, decimal, dropdown, integer, lookup, multiselect, regexp, text, textarea",
                        quoted(name, 32)
                    ),
                );
                FieldType::Text
            }),
        };
        let mut next_option_id = self.next_option_id();
        let options = input.custom_field_options.map(|options| {
            self.replace_options(Some(id), &[], options, &mut next_option_id, &mut errors)
        });
        let title = input.title.unwrap_or_default();
        let mut field = UserField {
            active: input.active.unwrap_or(true),
            created_at: Some(now.to_owned()),
            custom_field_options: options,
            description: input.description,
            id: Some(id),
            key,
            position: Some(input.position.unwrap_or_else(|| self.next_position())),
            raw_description: input.raw_description,
            raw_title: input.raw_title,
            regexp_for_validation: input.regexp_for_validation,
            relationship_filter: input.relationship_filter,
            relationship_target_type: input.relationship_target_type,
            system: None,
            tag: input.tag,
            title,
            field_type,
            updated_at: Some(now.to_owned()),
            url: self.field_url(id),
            kept: Kept::default(),
        };
        if field.raw_title.is_none() {
            field.raw_title = Some(field.title.clone());
        }
        if field.raw_description.is_none() {
            field.raw_description = field.description.clone();
        }
        let rule = check_definition(&field, Read::MADE, Strictness::Created, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        let index = self.insert(Entry::new(field, rule));
        Ok(&self.entries[index].field)
    }

    /// Changes the members given in `changes` (absent members keep their
    /// value). The key and type never change; a system field changes only
    /// `active` and `position`; `custom_field_options` replaces the whole list
    /// (`null` id = new option, omitted = removed, array order = positions);
    /// `raw_title` and `raw_description` follow a new title or description
    /// (a placeholder in them too) unless a new one is given beside it.
    pub fn update(&mut self, id_or_key: &str, changes: UserFieldInput) -> Result<&UserField> {
        self.update_at(id_or_key, changes, &timestamp::now())
    }

    /// Like [`FieldCatalog::update`], with `updated_at` set to `now` (RFC 3339).
    pub fn update_at(
        &mut self,
        id_or_key: &str,
        changes: UserFieldInput,
        now: &str,
    ) -> Result<&UserField> {
        let index = self.index_of(id_or_key)?;
        let current = &self.entries[index].field;
        let mut errors = FieldErrors::new();
        if let Some(key) = &changes.key
            && *key != current.key
        {
            errors.add("key", "can't be changed after the field is created");
        }
        if let Some(name) = &changes.field_type
            && name != current.field_type.as_str()
        {
            errors.add("type", "can't be changed after the field is created");
        }
        if current.is_system() {
            let locked = [
                ("title", changes.title.is_some()),
                ("raw_title", changes.raw_title.is_some()),
                ("description", changes.description.is_some()),
                ("raw_description", changes.raw_description.is_some()),
                (
                    "regexp_for_validation",
                    changes.regexp_for_validation.is_some(),
                ),
                ("tag", changes.tag.is_some()),
                (
                    "custom_field_options",
                    changes.custom_field_options.is_some(),
                ),
                (
                    "relationship_target_type",
                    changes.relationship_target_type.is_some(),
                ),
                ("relationship_filter", changes.relationship_filter.is_some()),
            ];
            for (member, _) in locked.iter().filter(|(_, given)| *given) {
                errors.add(
                    *member,
                    "can't be changed on a system field (only active and position can)",
                );
            }
        }
        let mut field = current.clone();
        let mut next_option_id = self.next_option_id();
        if let Some(options) = changes.custom_field_options {
            let existing = field.custom_field_options.clone().unwrap_or_default();
            field.custom_field_options = Some(self.replace_options(
                field.id,
                &existing,
                options,
                &mut next_option_id,
                &mut errors,
            ));
            field.kept.set("custom_field_options");
        }
        if let Some(title) = changes.title {
            follow_raw(&mut field.raw_title, changes.raw_title, &title);
            field.title = title;
            field.kept.set("raw_title");
        } else if let Some(raw) = changes.raw_title {
            field.raw_title = Some(raw);
            field.kept.set("raw_title");
        }
        if let Some(description) = changes.description {
            follow_raw(
                &mut field.raw_description,
                changes.raw_description,
                &description,
            );
            field.description = Some(description);
            field.kept.set("description");
            field.kept.set("raw_description");
        } else if let Some(raw) = changes.raw_description {
            field.raw_description = Some(raw);
            field.kept.set("raw_description");
        }
        for (member, target, value) in [
            (
                "regexp_for_validation",
                &mut field.regexp_for_validation,
                changes.regexp_for_validation,
            ),
            ("tag", &mut field.tag, changes.tag),
            (
                "relationship_target_type",
                &mut field.relationship_target_type,
                changes.relationship_target_type,
            ),
        ] {
            if value.is_some() {
                *target = value;
                field.kept.set(member);
            }
        }
        if changes.relationship_filter.is_some() {
            field.relationship_filter = changes.relationship_filter;
            field.kept.set("relationship_filter");
        }
        if let Some(active) = changes.active {
            field.active = active;
        }
        if let Some(position) = changes.position {
            field.position = Some(position);
        }
        // A stored pattern hcjwt can't run stays acceptable until it changes.
        let strictness = if field.regexp_for_validation == current.regexp_for_validation {
            Strictness::Stored
        } else {
            Strictness::Created
        };
        let rule = check_definition(&field, Read::MADE, strictness, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        field.updated_at = Some(now.to_owned());
        self.entries.remove(index);
        let index = self.insert(Entry::new(field, rule));
        Ok(&self.entries[index].field)
    }

    /// Removes a field and returns it; system fields can't be deleted.
    pub fn delete(&mut self, id_or_key: &str) -> Result<UserField> {
        let index = self.index_of(id_or_key)?;
        if self.entries[index].field.is_system() {
            return Err(Error::field("base", "system fields can't be deleted"));
        }
        let entry = self.entries.remove(index);
        self.reindex();
        Ok(entry.field)
    }

    /// Sets the list order: the fields in `field_ids` come first in that order
    /// and the others after them in their current order; positions become
    /// the new indexes. Unknown or repeated ids are errors.
    pub fn reorder(&mut self, field_ids: &[u64]) -> Result<()> {
        let known: foldhash::HashSet<u64> =
            self.entries.iter().filter_map(|e| e.field.id).collect();
        let mut rank: HashMap<u64, usize> = HashMap::default();
        let mut errors = FieldErrors::new();
        for (index, id) in field_ids.iter().enumerate() {
            if !known.contains(id) {
                errors.add("user_field_ids", format!("{id} is not a user field"));
            }
            if rank.insert(*id, index).is_some() {
                errors.add("user_field_ids", format!("{id} is listed more than once"));
            }
        }
        errors.into_result()?;
        // A stable sort keeps the unlisted fields in their current order.
        self.entries.sort_by_key(|entry| {
            entry
                .field
                .id
                .and_then(|id| rank.get(&id).copied())
                .unwrap_or(field_ids.len())
        });
        for (position, entry) in self.entries.iter_mut().enumerate() {
            entry.field.position = Some(i64::try_from(position).unwrap_or(i64::MAX));
        }
        self.reindex();
        Ok(())
    }

    /// Checks a user's `user_fields` object and returns the values in the
    /// form the token carries: dates given as timestamps become
    /// `YYYY-MM-DD`, `null` for an inactive or unknown field is left out,
    /// `null` for an active field is kept (it clears the field). Unknown
    /// keys, non-null values of inactive fields and bad values are all
    /// reported at once, keyed by field key.
    pub fn validate<'a>(&self, values: &Json<'a>) -> Result<Json<'a>> {
        let Json::Object(values) = values else {
            return Err(Error::field("user_fields", not_an_object(values)));
        };
        let mut errors = FieldErrors::new();
        let mut normalized = Object::new();
        self.check_values(values, true, "", &mut errors, |key, value| {
            normalized.push((key.clone(), value.to_json()));
        });
        errors.into_result()?;
        Ok(Json::Object(normalized))
    }

    /// Writes the checked `user_fields` object as JSON into `out` (the
    /// minter's path), problems into `errors` under `user_fields.`; `null`
    /// values of active fields are kept when `keep_nulls`.
    pub(crate) fn write_values(
        &self,
        values: &Object<'_>,
        keep_nulls: bool,
        out: &mut Vec<u8>,
        errors: &mut FieldErrors,
    ) {
        let mut object = ObjectWriter::new(out);
        self.check_values(values, keep_nulls, "user_fields.", errors, |key, value| {
            value.write_json(object.member(key));
        });
        object.finish();
    }

    /// The one place values are checked: each accepted value goes to `accept`
    /// in order, each problem to `errors` under `prefix` + key.
    fn check_values<'v, 'a>(
        &self,
        values: &'v Object<'a>,
        keep_nulls: bool,
        prefix: &str,
        errors: &mut FieldErrors,
        mut accept: impl FnMut(&'v Cow<'a, str>, Normalized<'v, 'a>),
    ) {
        for (key, value) in values {
            let entry = self
                .by_key
                .get(key.as_ref())
                .map(|index| &self.entries[*index]);
            match (entry, value) {
                // A fetched user lists every field, null where unset.
                (None, Json::Null) => {}
                (Some(entry), Json::Null) if !entry.field.active => {}
                (Some(_), Json::Null) => {
                    if keep_nulls {
                        accept(key, Normalized::Same(value));
                    }
                }
                (None, _) => errors.add(
                    format!("{prefix}{key}"),
                    "is not a user field of this account",
                ),
                (Some(entry), _) if !entry.field.active => errors.add(
                    format!("{prefix}{key}"),
                    "is not active: only null is accepted",
                ),
                (Some(entry), _) => match entry.rule.normalize(value) {
                    Ok(normalized) => accept(key, normalized),
                    Err(message) => errors.add(format!("{prefix}{key}"), message),
                },
            }
        }
    }

    pub(super) fn index_of(&self, id_or_key: &str) -> Result<usize> {
        let found = match id_or_key.parse::<u64>() {
            Ok(id) => self.index_of_id(id),
            Err(_) => self.index_of_key(id_or_key),
        };
        found.ok_or_else(|| not_found("user field", id_or_key))
    }

    pub(super) fn index_of_key(&self, key: &str) -> Option<usize> {
        self.by_key.get(key).copied()
    }

    pub(super) fn index_of_id(&self, id: u64) -> Option<usize> {
        self.entries
            .iter()
            .position(|entry| entry.field.id == Some(id))
    }

    pub(super) fn insert(&mut self, entry: Entry) -> usize {
        let key = entry.field.key.clone();
        self.entries.push(entry);
        self.sort();
        // The entry was just pushed: its key is there.
        self.index_of_key(&key).unwrap_or(self.entries.len() - 1)
    }

    /// Puts the entries in list order (position, then id; those the
    /// document gives none keep their order after the others) and indexes
    /// them.
    fn sort(&mut self) {
        self.entries.sort_by_key(|entry| {
            (
                entry.field.position.unwrap_or(i64::MAX),
                entry.field.id.unwrap_or(u64::MAX),
            )
        });
        self.reindex();
    }

    fn reindex(&mut self) {
        self.by_key = self
            .entries
            .iter()
            .enumerate()
            .map(|(index, entry)| (entry.field.key.clone(), index))
            .collect();
    }

    pub(super) fn next_position(&self) -> i64 {
        self.entries
            .iter()
            .filter_map(|entry| entry.field.position)
            .max()
            .map_or(0, |position| position.saturating_add(1))
    }

    /// One more than the largest field id (saturating: a taken id is then
    /// reported, never wrapped around).
    pub(super) fn next_field_id(&self) -> u64 {
        self.entries
            .iter()
            .filter_map(|entry| entry.field.id)
            .max()
            .map_or(1, |id| id.saturating_add(1))
    }

    /// One more than the largest option id of the catalog (saturating; a
    /// repeated id is reported by the option checks).
    pub(super) fn next_option_id(&self) -> u64 {
        self.entries
            .iter()
            .flat_map(|entry| entry.field.custom_field_options.iter().flatten())
            .filter_map(|option| option.id)
            .max()
            .map_or(1, |id| id.saturating_add(1))
    }

    pub(super) fn field_url(&self, id: u64) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|base| format!("{base}/api/v2/user_fields/{id}.json"))
    }

    pub(super) fn option_url(&self, field_id: Option<u64>, option_id: u64) -> Option<String> {
        let field_id = field_id?;
        self.base_url
            .as_ref()
            .map(|base| format!("{base}/api/v2/user_fields/{field_id}/options/{option_id}.json"))
    }

    /// The full replacement of a field's options: `null` id = new option,
    /// a known id keeps its option, omitted options are removed, array order =
    /// positions.
    fn replace_options(
        &self,
        field_id: Option<u64>,
        existing: &[FieldOption],
        inputs: Vec<FieldOptionInput>,
        next_id: &mut u64,
        errors: &mut FieldErrors,
    ) -> Vec<FieldOption> {
        let mut options = Vec::with_capacity(inputs.len());
        for (index, input) in inputs.into_iter().enumerate() {
            let prefix = format!("custom_field_options[{index}]");
            let previous = match input.id {
                Some(id) => match existing.iter().find(|option| option.id == Some(id)) {
                    Some(option) => Some(option),
                    None => {
                        errors.add(
                            format!("{prefix}.id"),
                            format!("{id} is not an option of this field"),
                        );
                        continue;
                    }
                },
                None => None,
            };
            let mut option = previous.cloned().unwrap_or_else(|| {
                let id = *next_id;
                *next_id = next_id.saturating_add(1);
                FieldOption {
                    id: Some(id),
                    name: String::new(),
                    position: None,
                    raw_name: None,
                    url: self.option_url(field_id, id),
                    value: String::new(),
                    kept: Kept::default(),
                }
            });
            if let Some(name) = input.name {
                follow_raw(&mut option.raw_name, input.raw_name, &name);
                option.name = name;
            } else if let Some(raw) = input.raw_name {
                option.raw_name = Some(raw);
            }
            if let Some(value) = input.value {
                option.value = value;
            }
            option.position = Some(i64::try_from(index).unwrap_or(i64::MAX));
            options.push(option);
        }
        options
    }
}
