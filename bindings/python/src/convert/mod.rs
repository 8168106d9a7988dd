//! Conversions between Python objects and hcjwt's values. Python values are
//! converted into the core's `Json` first; every check (and every error
//! message) then comes from the core, as it does for JSON text.

use std::borrow::Cow;

use hcjwt::{Json, Number};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::Serialize;

use crate::errors::{Failure, Result, type_error, validation};

mod args;
mod user;

pub(crate) use args::{Seconds, UnixTime, algorithm, algorithms, key_bytes, record_id, text_arg};
pub(crate) use user::user_from;

/// Python values nest at most this deep (as JSON text does).
const MAX_DEPTH: usize = hcjwt::limits::MAX_JSON_DEPTH;
/// An int of more bits than this is no value any field or member takes
/// (and its digits would take Python itself a while to write).
const MAX_INT_BITS: u64 = 1024;

pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Where a value sits in what the caller passed (`user_fields.plan`,
/// `tags[2]`), written out only when an error names it.
#[derive(Clone, Copy)]
pub(super) enum Path<'p> {
    Root(&'p str),
    Key(&'p Path<'p>, &'p str),
    Index(&'p Path<'p>, usize),
}

impl Path<'_> {
    fn is_empty(&self) -> bool {
        matches!(self, Path::Root(""))
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(parent, key) if parent.is_empty() => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

/// The text of a Python `str`; a lone surrogate is a validation error at `path`.
pub(crate) fn py_text(text: &Bound<'_, PyString>, path: &str) -> Result<String> {
    borrowed_text(text, Path::Root(path)).map(str::to_owned)
}

fn borrowed_text<'t>(text: &'t Bound<'_, PyString>, path: Path<'_>) -> Result<&'t str> {
    text.to_str()
        .map_err(|_| validation(&path.to_string(), "is not valid Unicode (a lone surrogate)"))
}

/// The Python strings that converted values read in place: a strong
/// reference to each, held for as long as the values are used. A `str` is
/// immutable and never moves, so its text stays valid while other threads
/// run (with the GIL released), and nothing is copied.
pub(crate) type Strings<'py> = typed_arena::Arena<Bound<'py, PyString>>;

/// A string's text, borrowed for as long as `strings` lives.
fn kept<'v, 'py>(
    strings: &'v Strings<'py>,
    text: &Bound<'py, PyString>,
    path: Path<'_>,
) -> Result<&'v str> {
    borrowed_text(strings.alloc(text.clone()), path)
}

/// Converts a Python value (None, bool, int, float, decimal.Decimal, str,
/// list, tuple, any Mapping with str keys) into JSON; `path` names it in
/// errors.
pub(crate) fn to_json(value: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Json<'static>> {
    let strings = Strings::new();
    convert(value, Path::Root(path), depth, &strings).map(Json::into_owned)
}

pub(super) fn convert<'v, 'py>(
    value: &Bound<'py, PyAny>,
    path: Path<'_>,
    depth: usize,
    strings: &'v Strings<'py>,
) -> Result<Json<'v>> {
    if depth > MAX_DEPTH {
        return Err(validation(
            &path.to_string(),
            format!("is nested deeper than {MAX_DEPTH} levels (MAX_JSON_DEPTH)"),
        ));
    }
    if value.is_none() {
        return Ok(Json::Null);
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Json::String(Cow::Borrowed(kept(strings, text, path)?)));
    }
    if let Ok(boolean) = value.cast::<PyBool>() {
        return Ok(Json::Bool(boolean.is_true()));
    }
    if value.cast::<PyInt>().is_ok() {
        if let Ok(number) = value.extract::<i64>() {
            return Ok(Json::Number(number.into()));
        }
        // Larger than 64 bits: kept as its digits (the checks that read it
        // say what is wrong: an id too large, more than 12 digits), as long
        // as it has a sane size; its own int type writes the digits, so an
        // int subclass's __str__ has no say.
        let bits: u64 = value
            .call_method0(pyo3::intern!(value.py(), "bit_length"))?
            .extract()?;
        if bits > MAX_INT_BITS {
            return Err(validation(
                &path.to_string(),
                format!("is an integer of more than {MAX_INT_BITS} bits"),
            ));
        }
        let digits = value
            .py()
            .get_type::<PyInt>()
            .call_method1(pyo3::intern!(value.py(), "__repr__"), (value,))?;
        let digits = digits
            .cast::<PyString>()
            .map_err(PyErr::from)?
            .to_str()?
            .to_owned();
        return Number::parse(digits)
            .map(Json::Number)
            .ok_or_else(|| validation(&path.to_string(), "is not an integer"));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        return Number::from_f64(float.value())
            .map(Json::Number)
            .ok_or_else(|| validation(&path.to_string(), "is not a finite number"));
    }
    if value.is_instance(decimal_type(value.py())?)? {
        // Its exact text: `Decimal("5.10")` stays 5.10, as JSON text keeps it.
        let finite: bool = value
            .call_method0(pyo3::intern!(value.py(), "is_finite"))?
            .extract()?;
        let text = value.str()?.to_str()?.to_owned();
        return Number::parse(text)
            .filter(|_| finite)
            .map(Json::Number)
            .ok_or_else(|| validation(&path.to_string(), "is not a finite number"));
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = Vec::with_capacity(dict.len());
        // A private copy is read: code that runs while the values are
        // converted (an int subclass's __str__, another thread) may change
        // the caller's dict, never the copy.
        for (key, item) in dict.copy()?.iter() {
            let key = mapping_key(&key, path, strings)?;
            let converted = convert(&item, Path::Key(&path, key), depth + 1, strings)?;
            object.push((Cow::Borrowed(key), converted));
        }
        return Ok(Json::Object(object));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for (index, item) in value.try_iter()?.enumerate() {
            items.push(convert(
                &item?,
                Path::Index(&path, index),
                depth + 1,
                strings,
            )?);
        }
        return Ok(Json::Array(items));
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        let mut object = Vec::new();
        for pair in mapping.items()?.iter() {
            let (key, item): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
            let key = mapping_key(&key, path, strings)?;
            let converted = convert(&item, Path::Key(&path, key), depth + 1, strings)?;
            object.push((Cow::Borrowed(key), converted));
        }
        return Ok(Json::Object(object));
    }
    Err(type_error(format!(
        "{}: {} is not a JSON value (use None, bool, int, float, Decimal, str, list, tuple or a Mapping)",
        if path.is_empty() {
            "value".to_owned()
        } else {
            path.to_string()
        },
        type_name(value)
    )))
}

/// `decimal.Decimal`, imported once.
fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, pyo3::types::PyType>> {
    static DECIMAL: pyo3::sync::PyOnceLock<Py<pyo3::types::PyType>> = pyo3::sync::PyOnceLock::new();
    DECIMAL.import(py, "decimal", "Decimal")
}

fn mapping_key<'v, 'py>(
    key: &Bound<'py, PyAny>,
    path: Path<'_>,
    strings: &'v Strings<'py>,
) -> Result<&'v str> {
    match key.cast::<PyString>() {
        Ok(text) => kept(strings, text, path),
        Err(_) => Err(type_error(format!(
            "{}: keys must be str, not {}",
            if path.is_empty() {
                "mapping".to_owned()
            } else {
                path.to_string()
            },
            type_name(key)
        ))),
    }
}

/// A core JSON value as Python objects (numbers as int or float).
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Json<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Json::Null => py.None().into_bound(py),
        Json::Bool(boolean) => PyBool::new(py, *boolean).to_owned().into_any(),
        Json::Number(number) => match number.as_i64() {
            Some(integer) => integer.into_pyobject(py)?.into_any(),
            None if number.is_integer() => {
                py.get_type::<PyInt>().call1((number.as_str(),))?.into_any()
            }
            None => number.as_f64().into_pyobject(py)?.into_any(),
        },
        Json::String(text) => PyString::new(py, text).into_any(),
        Json::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Json::Object(members) => {
            let dict = PyDict::new(py);
            for (key, item) in members {
                dict.set_item(key.as_ref(), to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A serde_json value (a verified payload, a fetched document) as Python
/// objects, directly: integers as int, other numbers as float.
pub(crate) fn value_to_python<'py>(
    py: Python<'py>,
    value: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(boolean) => PyBool::new(py, *boolean).to_owned().into_any(),
        Value::Number(number) => match (number.as_i64(), number.as_u64()) {
            (Some(integer), _) => integer.into_pyobject(py)?.into_any(),
            (None, Some(integer)) => integer.into_pyobject(py)?.into_any(),
            _ => number
                .as_f64()
                .unwrap_or(f64::NAN)
                .into_pyobject(py)?
                .into_any(),
        },
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(members) => map_to_python(py, members)?.into_any(),
    })
}

/// A JSON object as a dict.
pub(crate) fn map_to_python<'py>(
    py: Python<'py>,
    members: &serde_json::Map<String, serde_json::Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, item) in members {
        dict.set_item(PyString::new(py, key), value_to_python(py, item)?)?;
    }
    Ok(dict)
}

/// A serializable core record (a claim, a field) as Python objects.
pub(crate) fn serialized_to_python<'py, T: Serialize>(
    py: Python<'py>,
    value: &T,
) -> Result<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|error| {
        Failure::Python(pyo3::exceptions::PyValueError::new_err(error.to_string()))
    })?;
    Ok(value_to_python(py, &value)?)
}

/// A JSON document given as a dict (or any Mapping), `str` or `bytes`, as JSON text.
pub(crate) fn document_text(value: &Bound<'_, PyAny>, name: &str) -> Result<Vec<u8>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(py_text(text, name)?.into_bytes());
    }
    if value.cast::<PyMapping>().is_ok() || value.cast::<PyList>().is_ok() {
        return Ok(to_json(value, "", 0)?.to_string().into_bytes());
    }
    Err(type_error(format!(
        "{name} must be a dict, str or bytes, not {}",
        type_name(value)
    )))
}

/// A request body given as a Mapping (with or without its envelope), parsed.
pub(crate) fn request_body(value: &Bound<'_, PyAny>, name: &str) -> Result<serde_json::Value> {
    if value.cast::<PyMapping>().is_err() {
        return Err(type_error(format!(
            "{name} must be a Mapping, not {}",
            type_name(value)
        )));
    }
    let text = to_json(value, "", 0)?.to_string();
    Ok(hcjwt::parse_strict(text.as_bytes(), name)?)
}
