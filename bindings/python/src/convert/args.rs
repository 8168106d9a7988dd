//! Python arguments read into the core's values: keys, ids, text,
//! algorithms, seconds and points in time.

use hcjwt::Algorithm;
use pyo3::exceptions::{PyOverflowError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDateTime, PyDelta, PyDict, PyInt, PySequence, PyString};
use zeroize::Zeroizing;

use super::{py_text, type_name};
use crate::errors::{Failure, Result, type_error, validation};

/// Key material: `bytes`, or `str` (PEM, JWK text, or a secret's text).
pub(crate) fn key_bytes(key: &Bound<'_, PyAny>) -> Result<Zeroizing<Vec<u8>>> {
    if let Ok(bytes) = key.cast::<PyBytes>() {
        return Ok(Zeroizing::new(bytes.as_bytes().to_vec()));
    }
    if let Ok(text) = key.cast::<PyString>() {
        return Ok(Zeroizing::new(py_text(text, "key")?.into_bytes()));
    }
    Err(type_error(format!(
        "key must be bytes or str, not {}",
        type_name(key)
    )))
}

/// A Zendesk record id: a positive int (not a bool) of at most 64 bits; a
/// validation error naming `name` otherwise.
pub(crate) fn record_id(value: &Bound<'_, PyAny>, name: &str) -> Result<u64> {
    if value.cast::<PyBool>().is_ok() || value.cast::<PyInt>().is_err() {
        return Err(type_error(format!(
            "{name} must be an int, not {}",
            type_name(value)
        )));
    }
    match value.extract::<u64>() {
        Ok(id) if id > 0 => Ok(id),
        _ => Err(validation(
            name,
            "must be a Zendesk record id: a positive integer of at most 64 bits",
        )),
    }
}

/// A `str` argument.
pub(crate) fn text_arg(value: &Bound<'_, PyAny>, name: &str) -> Result<String> {
    match value.cast::<PyString>() {
        Ok(text) => py_text(text, name),
        Err(_) => Err(type_error(format!(
            "{name} must be str, not {}",
            type_name(value)
        ))),
    }
}

/// One algorithm name.
pub(crate) fn algorithm(name: &str) -> Result<Algorithm> {
    Ok(hcjwt::parse_algorithm(name)?)
}

/// An algorithm name or a sequence of them.
pub(crate) fn algorithms(value: &Bound<'_, PyAny>) -> Result<Vec<Algorithm>> {
    if let Ok(name) = value.cast::<PyString>() {
        return Ok(vec![algorithm(&py_text(name, "algorithms")?)?]);
    }
    if value.cast::<PySequence>().is_ok() {
        let mut list = Vec::new();
        for item in value.try_iter()? {
            let item = item?;
            list.push(algorithm(&text_arg(&item, "algorithms")?)?);
        }
        return Ok(list);
    }
    Err(type_error(format!(
        "algorithms must be a str or a sequence of str, not {}",
        type_name(value)
    )))
}

/// Seconds given as an `int` or a `datetime.timedelta` (fractions dropped);
/// the range is checked where the option's name is known.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Seconds(pub(crate) i128);

impl<'a, 'py> FromPyObject<'a, 'py> for Seconds {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.cast::<PyDelta>().is_ok() {
            let total: f64 = obj.call_method0("total_seconds")?.extract()?;
            return Ok(Seconds(total.floor() as i128));
        }
        if obj.cast::<PyBool>().is_err() && obj.cast::<PyInt>().is_ok() {
            return obj
                .extract::<i128>()
                .map(Seconds)
                .map_err(|_| PyOverflowError::new_err("seconds far outside any range"));
        }
        Err(PyTypeError::new_err(format!(
            "must be an int (seconds) or a timedelta, not {}",
            type_name(&obj.to_owned())
        )))
    }
}

impl Seconds {
    /// A default: the core's seconds.
    pub(crate) const fn of(seconds: u64) -> Self {
        Seconds(seconds as i128)
    }

    /// The seconds as an option value, >= 0.
    pub(crate) fn option(self, name: &str) -> Result<u64> {
        u64::try_from(self.0).map_err(|_| {
            Failure::Core(hcjwt::Error::InvalidOption {
                option: name.to_owned(),
                reason: "must be a whole number of seconds >= 0".to_owned(),
            })
        })
    }
}

/// A point in time given as Unix seconds (`int`) or a `datetime` (an aware
/// one, or a naive one taken as UTC).
#[derive(Clone, Copy, Debug)]
pub(crate) struct UnixTime(pub(crate) i64);

impl<'a, 'py> FromPyObject<'a, 'py> for UnixTime {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        // An int first: its check is a flag test, a datetime's an isinstance.
        if obj.cast::<PyBool>().is_err() && obj.cast::<PyInt>().is_ok() {
            return obj
                .extract::<i64>()
                .map(UnixTime)
                .map_err(|_| PyOverflowError::new_err("a Unix time outside the 64-bit range"));
        }
        if obj.cast::<PyDateTime>().is_ok() {
            let aware = if obj.getattr("tzinfo")?.is_none() {
                let utc = obj
                    .py()
                    .import("datetime")?
                    .getattr("timezone")?
                    .getattr("utc")?;
                let kwargs = PyDict::new(obj.py());
                kwargs.set_item("tzinfo", utc)?;
                obj.call_method("replace", (), Some(&kwargs))?
            } else {
                obj.to_owned()
            };
            let seconds: f64 = aware.call_method0("timestamp")?.extract()?;
            return Ok(UnixTime(seconds.floor() as i64));
        }
        Err(PyTypeError::new_err(format!(
            "must be an int (Unix seconds) or a datetime, not {}",
            type_name(&obj.to_owned())
        )))
    }
}
