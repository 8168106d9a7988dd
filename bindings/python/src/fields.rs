//! `hcjwt.FieldCatalog`.

use hcjwt::{FieldCatalog as CoreFieldCatalog, FieldOptionInput, UserFieldInput};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::convert::{document_text, request_body, serialized_to_python, to_json, to_python};
use crate::errors::{Result, type_error};

/// The user fields of an account: the User Fields API's operations, and the
/// checks of a user's user_fields values.
#[pyclass(module = "hcjwt._hcjwt")]
pub(crate) struct FieldCatalog {
    pub(crate) inner: CoreFieldCatalog,
}

fn field_input(body: &Bound<'_, PyAny>) -> Result<UserFieldInput> {
    let body = request_body(body, "user_field")?;
    Ok(UserFieldInput::from_json(body.to_string().as_bytes())?)
}

fn option_input(body: &Bound<'_, PyAny>) -> Result<FieldOptionInput> {
    let body = request_body(body, "custom_field_option")?;
    Ok(FieldOptionInput::from_json(body.to_string().as_bytes())?)
}

#[pymethods]
impl FieldCatalog {
    /// An empty catalog.
    #[new]
    fn new() -> Self {
        Self {
            inner: CoreFieldCatalog::new(),
        }
    }

    /// Reads the API's user fields JSON (a dict, str or bytes).
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> Result<Self> {
        Ok(Self {
            inner: CoreFieldCatalog::from_json(&document_text(json, "json")?)?,
        })
    }

    /// Checks a user's user_fields mapping; returns the values as a token
    /// carries them (dates normalized; null of inactive or unknown fields left out).
    fn validate<'py>(
        &self,
        py: Python<'py>,
        user_fields: &Bound<'py, PyAny>,
    ) -> Result<Bound<'py, PyAny>> {
        if user_fields.cast::<pyo3::types::PyMapping>().is_err() {
            return Err(type_error(format!(
                "user_fields must be a Mapping, not {}",
                crate::convert::type_name(user_fields)
            )));
        }
        let values = to_json(user_fields, "user_fields", 0)?;
        let normalized = self.inner.validate(&values)?;
        Ok(to_python(py, &normalized)?)
    }

    /// One field by id or key.
    fn get<'py>(&self, py: Python<'py>, id_or_key: &str) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, self.inner.get(id_or_key)?)
    }

    /// Every field, in list order.
    fn list<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, &self.inner.fields().collect::<Vec<_>>())
    }

    /// Creates a field from the API's request body ({"user_field": {...}} or bare).
    fn create<'py>(
        &mut self,
        py: Python<'py>,
        body: &Bound<'py, PyAny>,
    ) -> Result<Bound<'py, PyAny>> {
        let field = self.inner.create(field_input(body)?)?;
        serialized_to_python(py, field)
    }

    /// Changes a field from the API's request body; absent members keep their value.
    fn update<'py>(
        &mut self,
        py: Python<'py>,
        id_or_key: &str,
        body: &Bound<'py, PyAny>,
    ) -> Result<Bound<'py, PyAny>> {
        let field = self.inner.update(id_or_key, field_input(body)?)?;
        serialized_to_python(py, field)
    }

    /// Deletes a field and returns it.
    fn delete<'py>(&mut self, py: Python<'py>, id_or_key: &str) -> Result<Bound<'py, PyAny>> {
        let field = self.inner.delete(id_or_key)?;
        serialized_to_python(py, &field)
    }

    /// Reorders: the listed field ids first, the others after them.
    fn reorder(&mut self, field_ids: Vec<u64>) -> Result<()> {
        Ok(self.inner.reorder(&field_ids)?)
    }

    /// The options of a dropdown or multiselect field.
    fn list_options<'py>(&self, py: Python<'py>, id_or_key: &str) -> Result<Bound<'py, PyAny>> {
        let field = self.inner.get(id_or_key)?;
        let page = self
            .inner
            .list_options(id_or_key, 1, hcjwt::limits::MAX_PAGE_SIZE)?;
        let options = match page.next_page {
            None => page.custom_field_options,
            Some(_) => field.custom_field_options.clone().unwrap_or_default(),
        };
        serialized_to_python(py, &options)
    }

    /// One option of a dropdown or multiselect field.
    fn option<'py>(
        &self,
        py: Python<'py>,
        id_or_key: &str,
        option_id: u64,
    ) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, self.inner.option(id_or_key, option_id)?)
    }

    /// Creates an option, or updates the one whose id is given; returns the
    /// option and True when it was created (the API's 201).
    fn upsert_option<'py>(
        &mut self,
        py: Python<'py>,
        id_or_key: &str,
        body: &Bound<'py, PyAny>,
    ) -> Result<(Bound<'py, PyAny>, bool)> {
        let (option, outcome) = self.inner.upsert_option(id_or_key, option_input(body)?)?;
        Ok((
            serialized_to_python(py, &option)?,
            outcome == hcjwt::Upsert::Created,
        ))
    }

    /// Deletes an option and returns it.
    fn delete_option<'py>(
        &mut self,
        py: Python<'py>,
        id_or_key: &str,
        option_id: u64,
    ) -> Result<Bound<'py, PyAny>> {
        let option = self.inner.delete_option(id_or_key, option_id)?;
        serialized_to_python(py, &option)
    }

    /// The regexp fields whose values pass unchecked because hcjwt can't run
    /// their pattern: {key: why}.
    fn unchecked<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (key, reason) in self.inner.unchecked() {
            dict.set_item(key, reason)?;
        }
        Ok(dict)
    }

    /// The catalog as JSON text, in the shape it was read from.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    fn __repr__(&self) -> String {
        format!("FieldCatalog(fields={})", self.inner.len())
    }
}
