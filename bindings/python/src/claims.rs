//! `hcjwt.ClaimSet`.

use hcjwt::{ClaimInput, ClaimSet as CoreClaimSet};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping};

use crate::convert::{document_text, request_body, serialized_to_python, text_arg};
use crate::errors::{Result, type_error};

/// The custom claims of one account/brand pair (at most five).
#[pyclass(module = "hcjwt._hcjwt")]
pub(crate) struct ClaimSet {
    pub(crate) inner: CoreClaimSet,
}

/// The API's member name for a keyword `update()` and `create()` take.
fn member_slot<'i>(input: &'i mut ClaimInput, name: &str) -> Option<&'i mut Option<String>> {
    match name {
        "claim_identifier" | "identifier" => Some(&mut input.claim_identifier),
        "claim_value" | "value" => Some(&mut input.claim_value),
        "claim_description" | "description" => Some(&mut input.claim_description),
        _ => None,
    }
}

#[pymethods]
impl ClaimSet {
    #[new]
    fn new(account_id: u64, brand_id: u64) -> Self {
        Self {
            inner: CoreClaimSet::new(account_id, brand_id),
        }
    }

    /// Reads the API's claims JSON (a dict, str or bytes) holding at most one
    /// account/brand pair; `{"custom_claims": []}` gives an empty set.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> Result<Self> {
        Ok(Self {
            inner: CoreClaimSet::from_json(&document_text(json, "json")?)?,
        })
    }

    /// Creates a claim and returns it as the API shows it. Takes
    /// (identifier, value, description=None), or the API's request body
    /// ({"custom_claim": {...}} or the bare object) as the only argument.
    #[pyo3(signature = (identifier, value=None, description=None))]
    fn create<'py>(
        &mut self,
        py: Python<'py>,
        identifier: &Bound<'py, PyAny>,
        value: Option<&Bound<'py, PyAny>>,
        description: Option<&Bound<'py, PyAny>>,
    ) -> Result<Bound<'py, PyAny>> {
        let input = if identifier.cast::<PyMapping>().is_ok() {
            if value.is_some() || description.is_some() {
                return Err(type_error(
                    "create() takes a request body alone, or identifier and value",
                ));
            }
            ClaimInput::from_value(&request_body(identifier, "custom_claim")?)?
        } else {
            let value = value.ok_or_else(|| type_error("create() missing the value"))?;
            let mut input = ClaimInput::new(
                text_arg(identifier, "identifier")?,
                text_arg(value, "value")?,
            );
            if let Some(description) = description.filter(|d| !d.is_none()) {
                input = input.description(text_arg(description, "description")?);
            }
            input
        };
        let claim = self.inner.create(input)?;
        serialized_to_python(py, claim)
    }

    /// Changes the given members: a request body ({"custom_claim": {...}} or
    /// bare), or keywords claim_identifier, claim_value, claim_description
    /// (or identifier, value, description). Absent members keep their value.
    #[pyo3(signature = (id, body=None, **changes))]
    fn update<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        body: Option<&Bound<'py, PyAny>>,
        changes: Option<&Bound<'py, PyDict>>,
    ) -> Result<Bound<'py, PyAny>> {
        let mut input = match body {
            Some(body) => ClaimInput::from_value(&request_body(body, "custom_claim")?)?,
            None => ClaimInput::default(),
        };
        if let Some(changes) = changes {
            for (name, value) in changes.iter() {
                let name: String = name.extract()?;
                let slot = member_slot(&mut input, &name).ok_or_else(|| {
                    type_error(format!(
                        "update() got an unexpected keyword argument {name:?} (use claim_identifier, claim_value, claim_description or identifier, value, description)"
                    ))
                })?;
                *slot = if value.is_none() {
                    None
                } else {
                    Some(text_arg(&value, &name)?)
                };
            }
        }
        let claim = self.inner.update(id, input)?;
        serialized_to_python(py, claim)
    }

    /// Deletes a claim and returns it.
    fn delete<'py>(&mut self, py: Python<'py>, id: &str) -> Result<Bound<'py, PyAny>> {
        let claim = self.inner.delete(id)?;
        serialized_to_python(py, &claim)
    }

    /// One claim by id.
    fn get<'py>(&self, py: Python<'py>, id: &str) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, self.inner.get(id)?)
    }

    /// Every claim, in order.
    fn list<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, &self.inner.list())
    }

    /// The set as JSON text, in the shape it was read from.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The account id, or None for a set read from a document naming no pair.
    #[getter]
    fn account_id(&self) -> Option<u64> {
        self.inner.account_id()
    }

    /// The brand id, or None for a set read from a document naming no pair.
    #[getter]
    fn brand_id(&self) -> Option<u64> {
        self.inner.brand_id()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        let id = |id: Option<u64>| id.map_or_else(|| "None".to_owned(), |id| id.to_string());
        format!(
            "ClaimSet(account_id={}, brand_id={}, claims={})",
            id(self.inner.account_id()),
            id(self.inner.brand_id()),
            self.inner.len()
        )
    }
}
