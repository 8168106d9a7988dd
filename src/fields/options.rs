//! The options of dropdown and multiselect fields: list (offset and cursor
//! pagination), show, create-or-update, delete.

use super::catalog::{Entry, Upsert, not_found};
use super::edit::follow_raw;
use super::pages::{OptionCursorPage, OptionPage, cursor_page, offset_page};
use super::{FieldCatalog, FieldOption, FieldOptionInput, FieldType, Kept, Strictness, UserField};
use super::{Read, check_definition};
use crate::error::{Error, FieldErrors, Result, quoted};
use crate::timestamp;

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

/// What names a field in an API path: its id, or its key when the document
/// gave no id.
fn path_id(field: &UserField) -> String {
    field
        .id
        .map_or_else(|| field.key.clone(), |id| id.to_string())
}

fn system_locked(field: &UserField) -> Result<()> {
    if field.is_system() {
        return Err(Error::field(
            "custom_field_options",
            "can't be changed on a system field (only active and position can)",
        ));
    }
    Ok(())
}

impl FieldCatalog {
    /// The options of a dropdown or multiselect field, one page at a time
    /// (`page` from 1, `per_page` 1..=100).
    pub fn list_options(
        &self,
        id_or_key: &str,
        page: usize,
        per_page: usize,
    ) -> Result<OptionPage> {
        let field = self.get(id_or_key)?;
        let options = options_of(field)?;
        let base = self.base_url.clone().unwrap_or_default();
        let field_id = path_id(field);
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

    /// The options of a dropdown or multiselect field with cursor pagination.
    pub fn list_options_cursor(
        &self,
        id_or_key: &str,
        size: usize,
        after: Option<&str>,
        before: Option<&str>,
    ) -> Result<OptionCursorPage> {
        let field = self.get(id_or_key)?;
        let options = options_of(field)?;
        let base = self.base_url.clone().unwrap_or_default();
        let field_id = path_id(field);
        let (custom_field_options, meta, links) = cursor_page(
            options,
            |o| o.id,
            size,
            after,
            before,
            |direction, cursor| {
                format!(
                    "{base}/api/v2/user_fields/{field_id}/options.json?page%5B{direction}%5D={cursor}&page%5Bsize%5D={size}"
                )
            },
        )?;
        Ok(OptionCursorPage {
            custom_field_options,
            meta,
            links,
        })
    }

    /// One option of a dropdown or multiselect field.
    pub fn option(&self, id_or_key: &str, option_id: u64) -> Result<&FieldOption> {
        options_of(self.get(id_or_key)?)?
            .iter()
            .find(|option| option.id == Some(option_id))
            .ok_or_else(|| not_found("field option", &option_id.to_string()))
    }

    /// Creates an option, or updates the option whose `id` is given, and says
    /// which happened (the API's 201 or 200). An `id` the field lacks creates
    /// a new option, as the API does. `raw_name` follows a new name (a
    /// placeholder in it too) unless a new one is given beside it.
    pub fn upsert_option(
        &mut self,
        id_or_key: &str,
        input: FieldOptionInput,
    ) -> Result<(FieldOption, Upsert)> {
        let index = self.index_of(id_or_key)?;
        let mut field = self.entries[index].field.clone();
        let mut options = options_of(&field)?.to_vec();
        system_locked(&field)?;
        let existing = input
            .id
            .and_then(|id| options.iter().position(|option| option.id == Some(id)));
        let (slot, outcome) = match existing {
            Some(slot) => (slot, Upsert::Updated),
            None => {
                let position = options
                    .iter()
                    .filter_map(|o| o.position)
                    .max()
                    .map_or(0, |p| p.saturating_add(1));
                let id = self.next_option_id();
                options.push(FieldOption {
                    id: Some(id),
                    name: String::new(),
                    position: Some(position),
                    raw_name: None,
                    url: self.option_url(field.id, id),
                    value: String::new(),
                    kept: Kept::default(),
                });
                (options.len() - 1, Upsert::Created)
            }
        };
        let option = &mut options[slot];
        if let Some(name) = input.name {
            follow_raw(&mut option.raw_name, input.raw_name, &name);
            option.name = name;
        } else if let Some(raw_name) = input.raw_name {
            option.raw_name = Some(raw_name);
        }
        if let Some(value) = input.value {
            option.value = value;
        }
        if let Some(position) = input.position {
            option.position = Some(position);
        }
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
        options.sort_by_key(|o| (o.position.unwrap_or(i64::MAX), o.id.unwrap_or(u64::MAX)));
        let saved = options
            .iter()
            .find(|o| o.id == option_id)
            .cloned()
            .ok_or_else(|| not_found("field option", "(new)"))?;
        field.custom_field_options = Some(options);
        self.replace_entry(index, field)?;
        Ok((saved, outcome))
    }

    /// Removes an option and returns it; the last option of a field can't be removed.
    pub fn delete_option(&mut self, id_or_key: &str, option_id: u64) -> Result<FieldOption> {
        let index = self.index_of(id_or_key)?;
        let mut field = self.entries[index].field.clone();
        system_locked(&field)?;
        let mut options = options_of(&field)?.to_vec();
        let slot = options
            .iter()
            .position(|option| option.id == Some(option_id))
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
        self.replace_entry(index, field)?;
        Ok(removed)
    }

    /// Puts a changed field back with its rebuilt value rule.
    fn replace_entry(&mut self, index: usize, mut field: UserField) -> Result<()> {
        let mut errors = FieldErrors::new();
        let rule = check_definition(&field, Read::MADE, Strictness::Stored, &mut errors);
        errors.into_result()?;
        let rule = rule.ok_or_else(|| Error::field("base", "the definition is invalid"))?;
        field.updated_at = Some(timestamp::now());
        self.entries[index] = Entry::new(field, rule);
        Ok(())
    }
}
