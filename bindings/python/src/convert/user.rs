//! A user from a Python Mapping: the Users API's user object, bare or
//! wrapped, only the members hcjwt reads converted.

use hcjwt::{Member, User};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};

use super::{Path, Strings, convert, to_json, type_name};
use crate::errors::{Result, type_error, validation};

/// The member `name` of a Mapping (`None` when absent).
fn member<'py>(
    mapping: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    if let Ok(dict) = mapping.cast::<PyDict>() {
        return dict.get_item(name);
    }
    match mapping.cast::<PyMapping>()?.get_item(name) {
        Ok(item) => Ok(Some(item)),
        Err(error) if error.is_instance_of::<pyo3::exceptions::PyKeyError>(mapping.py()) => {
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// A user from a Mapping: the Users API's user object, bare or wrapped as
/// `{"user": {...}}` with sideloads beside it (skipped, never merged). Only
/// the members in `hcjwt::Member` are converted.
pub(crate) fn user_from<'v, 'py>(
    value: &Bound<'py, PyAny>,
    strings: &'v Strings<'py>,
) -> Result<User<'v>> {
    if value.cast::<PyMapping>().is_err() {
        return Err(type_error(format!(
            "user must be a Mapping, not {}",
            type_name(value)
        )));
    }
    let source = match member(value, pyo3::intern!(value.py(), "user"))? {
        Some(inner) if inner.cast::<PyMapping>().is_ok() => inner,
        Some(inner) => {
            return Err(validation(
                "user",
                format!(
                    "must be a JSON object, not {}",
                    to_json(&inner, "user", 1)?.type_name()
                ),
            ));
        }
        None if member(value, pyo3::intern!(value.py(), "users"))?.is_some() => {
            return Err(validation("user", User::A_LIST_OF_USERS));
        }
        None => value.clone(),
    };
    let mut user = User::new();
    if let Ok(dict) = source.cast::<PyDict>() {
        // One pass over a private copy of the dict (see `convert`): no key
        // object is made per member looked up. A key that is not a str (or
        // not valid Unicode) names no member.
        for (key, item) in dict.copy()?.iter() {
            let Some(member_kind) = key
                .cast::<PyString>()
                .ok()
                .and_then(|key| key.to_str().ok().and_then(Member::from_name))
            else {
                continue;
            };
            user.set(
                member_kind,
                convert(&item, Path::Root(member_kind.name()), 1, strings)?,
            );
        }
        return Ok(user);
    }
    for member_kind in Member::ALL {
        let name = member_kind.name();
        if let Some(item) = member(&source, &PyString::new(value.py(), name))? {
            user.set(member_kind, convert(&item, Path::Root(name), 1, strings)?);
        }
    }
    Ok(user)
}
