//! The User Fields API's field operations on a catalog: create, update
//! (options replaced whole), delete, reorder.

use foldhash::HashMap;

use super::catalog::Entry;
use super::{
    FieldCatalog, FieldOption, FieldOptionInput, FieldType, Kept, Read, Strictness, UserField,
    UserFieldInput, check_definition, check_new_key,
};
use crate::error::{Error, FieldErrors, Result};
use crate::timestamp;

/// The new value of a `raw_*` member when its plain counterpart changes to
/// `plain`: the `raw_*` given beside it, else `plain` itself. A
/// `{{dc.*}}` placeholder left in place would go on overriding the new text
/// wherever Zendesk renders the field.
pub(super) fn follow_raw(raw: &mut Option<String>, given_raw: Option<String>, plain: &str) {
    *raw = Some(given_raw.unwrap_or_else(|| plain.to_owned()));
}

impl FieldCatalog {
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
                errors.add("type", FieldType::unknown(name));
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
