//! The field catalog of an account: the User Fields API's operations, and the
//! validation of a user's `user_fields` object against it.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::values::Normalized;
use super::{
    FieldOption, FieldOptionInput, FieldType, UserField, UserFieldInput, ValueRule,
    check_definition,
};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::json;
use crate::limits::MAX_PAGE_SIZE;
use crate::timestamp;

#[derive(Clone, Debug)]
struct Entry {
    field: UserField,
    rule: ValueRule,
}

/// The user fields of an account, in list order (position, then id), with the
/// value rules of each prepared once (compiled patterns, option sets). Every
/// operation either succeeds whole or leaves the catalog as it was.
#[derive(Clone, Debug, Default)]
pub struct FieldCatalog {
    entries: Vec<Entry>,
    base_url: Option<String>,
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

/// The `meta` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CursorMeta {
    /// True when a page follows this one.
    pub has_more: bool,
    /// The cursor to pass as `page[after]` for the next page.
    pub after_cursor: Option<String>,
    /// The cursor to pass as `page[before]` for the previous page.
    pub before_cursor: Option<String>,
}

/// The `links` member of a cursor page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CursorLinks {
    /// The URL of the next page, or null.
    pub next: Option<String>,
    /// The URL of the previous page, or null.
    pub prev: Option<String>,
}

fn not_found(resource: &'static str, id: &str) -> Error {
    Error::NotFound {
        resource,
        id: quoted(id, 64),
    }
}

fn check_page_size(name: &str, size: usize) -> Result<()> {
    if size == 0 || size > MAX_PAGE_SIZE {
        return Err(Error::field(
            name,
            format!("must be between 1 and {MAX_PAGE_SIZE} (MAX_PAGE_SIZE)"),
        ));
    }
    Ok(())
}

fn offset_page<T: Clone>(
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

fn encode_cursor(id: u64) -> String {
    URL_SAFE_NO_PAD.encode(id.to_string())
}

fn decode_cursor(name: &str, cursor: &str) -> Result<u64> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| Error::field(name, "is not a cursor this list gave out"))
}

impl FieldCatalog {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the account's base URL (`https://{subdomain}.zendesk.com`), used for
    /// the `url` members and pagination links; without it links are relative.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = Some(base_url.into().trim_end_matches('/').to_owned());
        self
    }

    /// Reads the API's list response (`{"user_fields": [...], ...}`), a single
    /// `{"user_field": {...}}`, or a bare array, validating every definition.
    /// Errors are keyed `user_fields[i].member`.
    pub fn from_json(json: &[u8]) -> Result<Self> {
        let document = json::parse_strict(json, "user fields")?;
        let records = crate::wire::field_records(document)?;
        let mut catalog = FieldCatalog::new();
        let mut errors = FieldErrors::new();
        let now = timestamp::now();
        for (index, record) in records.into_iter().enumerate() {
            let prefix = format!("user_fields[{index}]");
            let input: UserFieldInput = match json::from_value(record, &prefix) {
                Ok(input) => input,
                Err(Error::Validation(record_errors)) => {
                    errors.extend_prefixed("", record_errors);
                    continue;
                }
                Err(other) => return Err(other),
            };
            let mut record_errors = FieldErrors::new();
            if let Some(entry) = catalog.read_stored(input, now, &mut record_errors) {
                catalog.insert(entry);
            }
            errors.extend_prefixed(&prefix, record_errors);
        }
        errors.into_result()?;
        Ok(catalog)
    }

    /// The API's list response with every field: `{"user_fields": [...], "count": n,
    /// "next_page": null, "previous_page": null}`.
    pub fn to_json(&self) -> String {
        crate::wire::to_json(&FieldPage {
            user_fields: self.fields().cloned().collect(),
            count: self.entries.len(),
            next_page: None,
            previous_page: None,
        })
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

    /// One page with cursor pagination: `size` (page[size], 1..=100) fields
    /// after the cursor `after` (page[after]) or before `before` (page[before]).
    pub fn list_cursor(
        &self,
        size: usize,
        after: Option<&str>,
        before: Option<&str>,
    ) -> Result<FieldCursorPage> {
        check_page_size("page[size]", size)?;
        let position_of = |name: &str, cursor: &str| -> Result<usize> {
            let id = decode_cursor(name, cursor)?;
            self.entries
                .iter()
                .position(|entry| entry.field.id == id)
                .ok_or_else(|| Error::field(name, "points at a field that no longer exists"))
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
                (start, (start + size).min(self.entries.len()))
            }
            (None, Some(cursor)) => {
                let end = position_of("page[before]", cursor)?;
                (end.saturating_sub(size), end)
            }
            (None, None) => (0, size.min(self.entries.len())),
        };
        let user_fields: Vec<UserField> = self.entries[start..end]
            .iter()
            .map(|entry| entry.field.clone())
            .collect();
        let after_cursor = user_fields.last().map(|field| encode_cursor(field.id));
        let before_cursor = user_fields.first().map(|field| encode_cursor(field.id));
        let has_more = end < self.entries.len();
        let base = self.base_url.clone().unwrap_or_default();
        let link = |direction: &str, cursor: &str| {
            format!(
                "{base}/api/v2/user_fields.json?page%5B{direction}%5D={cursor}&page%5Bsize%5D={size}"
            )
        };
        Ok(FieldCursorPage {
            links: CursorLinks {
                next: after_cursor
                    .as_deref()
                    .filter(|_| has_more)
                    .map(|c| link("after", c)),
                prev: before_cursor
                    .as_deref()
                    .filter(|_| start > 0)
                    .map(|c| link("before", c)),
            },
            meta: CursorMeta {
                has_more,
                after_cursor,
                before_cursor,
            },
            user_fields,
        })
    }

    /// Creates a field (the API's create): `type` defaults to text, `key` and
    /// `title` are required, read-only members are ignored.
    pub fn create(&mut self, input: UserFieldInput) -> Result<&UserField> {
        self.create_at(input, timestamp::now())
    }

    /// Like [`FieldCatalog::create`], stamped with `now`.
    pub fn create_at(&mut self, input: UserFieldInput, now: DateTime<Utc>) -> Result<&UserField> {
        let mut errors = FieldErrors::new();
        let key = input.key.clone().unwrap_or_default();
        if self.entries.iter().any(|entry| entry.field.key == key) {
            errors.add("key", "has already been taken");
        }
        let id = self.next_field_id();
        if self.entries.iter().any(|entry| entry.field.id == id) {
            errors.add("id", "no field ids are left (the largest id is taken)");
        }
        let position = input.position.unwrap_or_else(|| self.next_position());
        let mut next_option_id = self.next_option_id();
        let field_type = read_type(input.field_type.as_deref(), &mut errors);
        let options = input.custom_field_options.map(|options| {
            self.replace_options(id, &[], options, &mut next_option_id, &mut errors)
        });
        let field = UserField {
            active: input.active.unwrap_or(true),
            created_at: Some(now),
            custom_field_options: options,
            raw_description: input.raw_description.or_else(|| input.description.clone()),
            description: input.description,
            id,
            key,
            position,
            raw_title: input.raw_title.or_else(|| input.title.clone()),
            regexp_for_validation: input.regexp_for_validation,
            relationship_filter: input.relationship_filter,
            relationship_target_type: input.relationship_target_type,
            system: None,
            tag: input.tag,
            title: input.title.unwrap_or_default(),
            field_type,
            updated_at: Some(now),
            url: self.field_url(id),
        };
        let rule = check_definition(&field, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        let index = self.insert(Entry { field, rule });
        Ok(&self.entries[index].field)
    }

    /// Changes the members given in `changes` (absent members keep their value).
    /// The key and type never change; a system field changes only `active` and
    /// `position`; `custom_field_options` replaces the whole list (`null` id =
    /// new option, omitted = removed, array order = positions).
    pub fn update(&mut self, id_or_key: &str, changes: UserFieldInput) -> Result<&UserField> {
        self.update_at(id_or_key, changes, timestamp::now())
    }

    /// Like [`FieldCatalog::update`], with `updated_at` set to `now`.
    pub fn update_at(
        &mut self,
        id_or_key: &str,
        changes: UserFieldInput,
        now: DateTime<Utc>,
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
        }
        let set = |target: &mut Option<String>, value: Option<String>| {
            if value.is_some() {
                *target = value;
            }
        };
        if let Some(title) = changes.title {
            field.title = title;
        }
        set(&mut field.raw_title, changes.raw_title);
        set(&mut field.description, changes.description);
        set(&mut field.raw_description, changes.raw_description);
        set(
            &mut field.regexp_for_validation,
            changes.regexp_for_validation,
        );
        set(&mut field.tag, changes.tag);
        set(
            &mut field.relationship_target_type,
            changes.relationship_target_type,
        );
        if changes.relationship_filter.is_some() {
            field.relationship_filter = changes.relationship_filter;
        }
        if let Some(active) = changes.active {
            field.active = active;
        }
        if let Some(position) = changes.position {
            field.position = position;
        }
        let rule = check_definition(&field, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        field.updated_at = Some(now);
        self.entries.remove(index);
        let index = self.insert(Entry { field, rule });
        Ok(&self.entries[index].field)
    }

    /// Removes a field and returns it; system fields can't be deleted.
    pub fn delete(&mut self, id_or_key: &str) -> Result<UserField> {
        let index = self.index_of(id_or_key)?;
        if self.entries[index].field.is_system() {
            return Err(Error::field("base", "system fields can't be deleted"));
        }
        Ok(self.entries.remove(index).field)
    }

    /// Sets the list order: `field_ids` must name every field exactly once;
    /// each field's position becomes its index.
    pub fn reorder(&mut self, field_ids: &[u64]) -> Result<()> {
        let mut errors = FieldErrors::new();
        for (index, id) in field_ids.iter().enumerate() {
            if !self.entries.iter().any(|entry| entry.field.id == *id) {
                errors.add("user_field_ids", format!("{id} is not a user field"));
            }
            if field_ids[..index].contains(id) {
                errors.add("user_field_ids", format!("{id} is listed more than once"));
            }
        }
        for entry in &self.entries {
            if !field_ids.contains(&entry.field.id) {
                errors.add(
                    "user_field_ids",
                    format!("must list every field; {} is missing", entry.field.id),
                );
            }
        }
        errors.into_result()?;
        for entry in &mut self.entries {
            let position = field_ids
                .iter()
                .position(|id| *id == entry.field.id)
                .unwrap_or(0);
            entry.field.position = i64::try_from(position).unwrap_or(i64::MAX);
        }
        self.sort();
        Ok(())
    }

    /// The options of a dropdown or multiselect field, one page at a time.
    pub fn list_options(
        &self,
        id_or_key: &str,
        page: usize,
        per_page: usize,
    ) -> Result<OptionPage> {
        let field = self.get(id_or_key)?;
        let options = options_of(field)?;
        let base = self.base_url.clone().unwrap_or_default();
        let field_id = field.id;
        let (custom_field_options, next_page, previous_page) =
            offset_page(options, page, per_page, |n| {
                format!(
                    "{base}/api/v2/user_fields/{field_id}/options.json?page={n}&per_page={per_page}"
                )
            })?;
        Ok(OptionPage {
            custom_field_options,
            count: options.len(),
            next_page,
            previous_page,
        })
    }

    /// One option of a dropdown or multiselect field.
    pub fn option(&self, id_or_key: &str, option_id: u64) -> Result<&FieldOption> {
        let options = options_of(self.get(id_or_key)?)?;
        options
            .iter()
            .find(|option| option.id == option_id)
            .ok_or_else(|| not_found("field option", &option_id.to_string()))
    }

    /// Creates an option (no `id`) or updates the option with that id, and
    /// says which happened.
    pub fn upsert_option(
        &mut self,
        id_or_key: &str,
        input: FieldOptionInput,
    ) -> Result<(FieldOption, Upsert)> {
        let index = self.index_of(id_or_key)?;
        let mut field = self.entries[index].field.clone();
        let mut options = options_of(&field)?.to_vec();
        if field.is_system() {
            return Err(Error::field(
                "custom_field_options",
                "can't be changed on a system field (only active and position can)",
            ));
        }
        let (slot, outcome) = match input.id {
            Some(id) => match options.iter().position(|option| option.id == id) {
                Some(slot) => (slot, Upsert::Updated),
                None => return Err(not_found("field option", &id.to_string())),
            },
            None => {
                let position = options
                    .iter()
                    .map(|o| o.position)
                    .max()
                    .map_or(0, |p| p + 1);
                options.push(FieldOption {
                    id: self.next_option_id(),
                    name: String::new(),
                    position,
                    raw_name: None,
                    url: None,
                    value: String::new(),
                });
                (options.len() - 1, Upsert::Created)
            }
        };
        let option = &mut options[slot];
        if let Some(name) = input.name {
            if input.raw_name.is_none() {
                option.raw_name = Some(name.clone());
            }
            option.name = name;
        }
        if let Some(raw_name) = input.raw_name {
            option.raw_name = Some(raw_name);
        }
        if let Some(value) = input.value {
            option.value = value;
        }
        if let Some(position) = input.position {
            option.position = position;
        }
        option.url = self.option_url(field.id, option.id);
        let option_id = option.id;
        let mut errors = FieldErrors::new();
        let option = &options[slot];
        if option.name.trim().is_empty() {
            errors.add("name", "can't be blank");
        }
        if option.value.trim().is_empty() {
            errors.add("value", "can't be blank");
        } else if options
            .iter()
            .any(|other| other.id != option_id && other.value == option.value)
        {
            errors.add("value", "has already been taken");
        }
        errors.into_result()?;
        options.sort_by_key(|o| (o.position, o.id));
        field.custom_field_options = Some(options);
        let mut errors = FieldErrors::new();
        let rule = check_definition(&field, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        field.updated_at = Some(timestamp::now());
        let saved = field
            .custom_field_options
            .iter()
            .flatten()
            .find(|o| o.id == option_id)
            .cloned()
            .ok_or_else(|| not_found("field option", &option_id.to_string()))?;
        self.entries[index] = Entry { field, rule };
        Ok((saved, outcome))
    }

    /// Removes an option and returns it; the last option of a field can't be removed.
    pub fn delete_option(&mut self, id_or_key: &str, option_id: u64) -> Result<FieldOption> {
        let index = self.index_of(id_or_key)?;
        let mut field = self.entries[index].field.clone();
        if field.is_system() {
            return Err(Error::field(
                "custom_field_options",
                "can't be changed on a system field (only active and position can)",
            ));
        }
        let mut options = options_of(&field)?.to_vec();
        let slot = options
            .iter()
            .position(|option| option.id == option_id)
            .ok_or_else(|| not_found("field option", &option_id.to_string()))?;
        if options.len() == 1 {
            return Err(Error::field(
                "custom_field_options",
                format!(
                    "can't be empty: a {} field needs at least one option",
                    field.field_type
                ),
            ));
        }
        let removed = options.remove(slot);
        field.custom_field_options = Some(options);
        let mut errors = FieldErrors::new();
        let rule = check_definition(&field, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        self.entries[index] = Entry { field, rule };
        Ok(removed)
    }

    /// Checks a user's `user_fields` object and returns the normalized values
    /// (dates as `YYYY-MM-DD`, lookup digit strings as integers). Unknown keys,
    /// inactive fields and bad values are all reported at once, keyed by field key.
    pub fn validate(&self, values: &Map<String, Value>) -> Result<Map<String, Value>> {
        let mut errors = FieldErrors::new();
        let mut normalized = Map::new();
        for (key, value) in values {
            let Some(entry) = self.entries.iter().find(|entry| entry.field.key == *key) else {
                errors.add(key.clone(), "is not a user field of this account");
                continue;
            };
            if !entry.field.active {
                errors.add(key.clone(), "is not active");
                continue;
            }
            if value.is_null() {
                normalized.insert(key.clone(), Value::Null);
                continue;
            }
            match entry.rule.normalize(value) {
                Ok(value) => {
                    normalized.insert(key.clone(), value.to_value());
                }
                Err(message) => errors.add(key.clone(), message),
            }
        }
        errors.into_result()?;
        Ok(normalized)
    }

    /// Writes the normalized `user_fields` object as JSON into `out` without
    /// building it first: the minter's hot path. On any bad value `out` is
    /// left unspecified and the error is what [`FieldCatalog::validate`] gives.
    pub(crate) fn write_validated(
        &self,
        values: &Map<String, Value>,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        out.push(b'{');
        for (index, (key, value)) in values.iter().enumerate() {
            let entry = self.entries.iter().find(|entry| entry.field.key == *key);
            let normalized = match (entry, value) {
                (Some(entry), _) if !entry.field.active => None,
                (Some(_), Value::Null) => Some(Normalized::Same(value)),
                (Some(entry), _) => entry.rule.normalize(value).ok(),
                (None, _) => None,
            };
            let Some(normalized) = normalized else {
                // Slow path: collect every error of the object at once.
                return self.validate(values).map(drop);
            };
            if index > 0 {
                out.push(b',');
            }
            // A key is a JSON string; serializing a &str into a Vec can't fail.
            let _ = serde_json::to_writer(&mut *out, key);
            out.push(b':');
            normalized.write_json(out);
        }
        out.push(b'}');
        Ok(())
    }

    fn index_of(&self, id_or_key: &str) -> Result<usize> {
        let by_id = id_or_key.parse::<u64>().ok();
        self.entries
            .iter()
            .position(|entry| match by_id {
                Some(id) => entry.field.id == id,
                None => entry.field.key == id_or_key,
            })
            .ok_or_else(|| not_found("user field", id_or_key))
    }

    fn insert(&mut self, entry: Entry) -> usize {
        let id = entry.field.id;
        self.entries.push(entry);
        self.sort();
        self.entries
            .iter()
            .position(|entry| entry.field.id == id)
            .unwrap_or(self.entries.len() - 1)
    }

    fn sort(&mut self) {
        self.entries
            .sort_by_key(|entry| (entry.field.position, entry.field.id));
    }

    fn next_position(&self) -> i64 {
        self.entries
            .iter()
            .map(|entry| entry.field.position)
            .max()
            .map_or(0, |position| position.saturating_add(1))
    }

    /// One more than the largest field id (saturating: a taken id is then
    /// reported, never wrapped around).
    fn next_field_id(&self) -> u64 {
        self.entries
            .iter()
            .map(|entry| entry.field.id)
            .max()
            .map_or(1, |id| id.saturating_add(1))
    }

    /// One more than the largest option id of the catalog (saturating; a
    /// repeated id is reported by the option checks).
    fn next_option_id(&self) -> u64 {
        self.entries
            .iter()
            .flat_map(|entry| entry.field.custom_field_options.iter().flatten())
            .map(|option| option.id)
            .max()
            .map_or(1, |id| id.saturating_add(1))
    }

    fn field_url(&self, id: u64) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|base| format!("{base}/api/v2/user_fields/{id}.json"))
    }

    fn option_url(&self, field_id: u64, option_id: u64) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|base| format!("{base}/api/v2/user_fields/{field_id}/options/{option_id}.json"))
    }

    /// The full replacement of a field's options: `null` id = new option,
    /// a known id keeps its option, omitted options are removed, array order =
    /// positions.
    fn replace_options(
        &self,
        field_id: u64,
        existing: &[FieldOption],
        inputs: Vec<FieldOptionInput>,
        next_id: &mut u64,
        errors: &mut FieldErrors,
    ) -> Vec<FieldOption> {
        let mut options = Vec::with_capacity(inputs.len());
        for (index, input) in inputs.into_iter().enumerate() {
            let prefix = format!("custom_field_options[{index}]");
            let previous = match input.id {
                Some(id) => match existing.iter().find(|option| option.id == id) {
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
            let id = previous.map_or_else(
                || {
                    let id = *next_id;
                    *next_id = next_id.saturating_add(1);
                    id
                },
                |option| option.id,
            );
            let name = input
                .name
                .or_else(|| previous.map(|option| option.name.clone()))
                .unwrap_or_default();
            let value = input
                .value
                .or_else(|| previous.map(|option| option.value.clone()))
                .unwrap_or_default();
            options.push(FieldOption {
                id,
                raw_name: input.raw_name.or_else(|| Some(name.clone())),
                name,
                position: i64::try_from(index).unwrap_or(i64::MAX),
                url: self.option_url(field_id, id),
                value,
            });
        }
        options
    }

    /// Reads one stored field, keeping its read-only members.
    fn read_stored(
        &self,
        input: UserFieldInput,
        now: DateTime<Utc>,
        errors: &mut FieldErrors,
    ) -> Option<Entry> {
        let field_type = read_type(input.field_type.as_deref(), errors);
        let key = input.key.unwrap_or_default();
        if self.entries.iter().any(|entry| entry.field.key == key) {
            errors.add("key", "has already been taken");
        }
        let id = input.id.unwrap_or_else(|| self.next_field_id());
        if self.entries.iter().any(|entry| entry.field.id == id) {
            errors.add("id", "has already been taken");
        }
        let mut read_time = |member: &str, text: Option<String>| -> Option<DateTime<Utc>> {
            match text {
                None => Some(now),
                Some(text) => timestamp::parse(&text).or_else(|| {
                    errors.add(member, "is not an RFC 3339 timestamp");
                    None
                }),
            }
        };
        let created_at = read_time("created_at", input.created_at);
        let updated_at = read_time("updated_at", input.updated_at);
        let mut next_option_id = self.next_option_id();
        let options = input.custom_field_options.map(|inputs| {
            inputs
                .into_iter()
                .enumerate()
                .map(|(index, option)| {
                    let id = option.id.unwrap_or_else(|| {
                        let id = next_option_id;
                        next_option_id = next_option_id.saturating_add(1);
                        id
                    });
                    let name = option.name.unwrap_or_default();
                    FieldOption {
                        id,
                        raw_name: option.raw_name,
                        name,
                        position: option
                            .position
                            .unwrap_or_else(|| i64::try_from(index).unwrap_or(i64::MAX)),
                        url: option.url,
                        value: option.value.unwrap_or_default(),
                    }
                })
                .collect()
        });
        let field = UserField {
            active: input.active.unwrap_or(true),
            created_at,
            custom_field_options: options,
            description: input.description,
            id,
            key,
            position: input.position.unwrap_or_else(|| self.next_position()),
            raw_description: input.raw_description,
            raw_title: input.raw_title,
            regexp_for_validation: input.regexp_for_validation,
            relationship_filter: input.relationship_filter,
            relationship_target_type: input.relationship_target_type,
            system: input.system,
            tag: input.tag,
            title: input.title.unwrap_or_default(),
            field_type,
            updated_at,
            url: input.url,
        };
        let rule = check_definition(&field, errors)?;
        Some(Entry { field, rule })
    }
}

fn read_type(name: Option<&str>, errors: &mut FieldErrors) -> FieldType {
    match name {
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
    }
}

fn options_of(field: &UserField) -> Result<&[FieldOption]> {
    match (&field.custom_field_options, field.field_type) {
        (Some(options), FieldType::Dropdown | FieldType::Multiselect) => Ok(options),
        _ => Err(Error::field(
            "custom_field_options",
            format!(
                "only dropdown and multiselect fields have options; {} is a {} field",
                quoted(&field.key, 64),
                field.field_type
            ),
        )),
    }
}
