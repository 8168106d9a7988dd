//! `hcjwt.zendesk.Client`: the core's Zendesk API client, each call run with
//! the GIL released.

use hcjwt::remote::{Client as CoreClient, ClientOptions, Credentials};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::claims::ClaimSet;
use crate::convert::{document_text, record_id, to_python, value_to_python};
use crate::errors::{Failure, Result};
use crate::fields::FieldCatalog;

/// A client of one Zendesk account (or brand, by its host). Credentials:
/// `email` with `api_token`, or `oauth_token`; when none is given, the
/// environment's ZENDESK_EMAIL + ZENDESK_API_TOKEN or ZENDESK_OAUTH_TOKEN.
/// Every call has a timeout, a size cap and bounded retries (429 after
/// Retry-After, 5xx and timeouts with backoff); failures raise
/// ZendeskApiError with `.status`. Credentials never appear in errors or
/// in repr().
#[pyclass(frozen, module = "hcjwt._hcjwt")]
pub(crate) struct ZendeskClient {
    inner: CoreClient,
}

#[pymethods]
impl ZendeskClient {
    #[new]
    #[pyo3(signature = (host, *, email=None, api_token=None, oauth_token=None, timeout=ClientOptions::DEFAULT_TIMEOUT.as_secs_f64()))]
    #[pyo3(
        text_signature = "(host, *, email=None, api_token=None, oauth_token=None, timeout=10.0)"
    )]
    fn new(
        host: &str,
        email: Option<String>,
        api_token: Option<String>,
        oauth_token: Option<String>,
        timeout: f64,
    ) -> Result<Self> {
        let credentials = match (email, api_token, oauth_token) {
            (None, None, None) => Credentials::from_env()?,
            (Some(email), Some(token), None) => Credentials::api_token(email, token)?,
            (None, None, Some(token)) => Credentials::oauth(token)?,
            _ => {
                return Err(Failure::Core(hcjwt::Error::InvalidOption {
                    option: "credentials".into(),
                    reason: "give email with api_token, or oauth_token (or neither, to read the environment)".into(),
                }));
            }
        };
        let options = ClientOptions::with_timeout_secs(timeout)?;
        Ok(Self {
            inner: CoreClient::new(host, credentials, options)?,
        })
    }

    /// The account's user field catalog: every page, each dropdown's and
    /// multiselect's options included.
    fn user_fields(&self, py: Python<'_>) -> Result<FieldCatalog> {
        let inner = py.detach(|| self.inner.user_fields())?;
        Ok(FieldCatalog { inner })
    }

    /// The brand's account custom claims.
    fn custom_claims(&self, py: Python<'_>) -> Result<ClaimSet> {
        let inner = py.detach(|| self.inner.custom_claims())?;
        Ok(ClaimSet { inner })
    }

    /// A user as GET /api/v2/users/{id} answers: {"user": {...}}, ready for
    /// Minter.mint.
    fn user<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>> {
        let id = record_id(id, "id")?;
        let document = py.detach(|| self.inner.user_json(id))?;
        Ok(to_python(py, &document)?)
    }

    /// The user with this external id as {"user": {...}}, or None.
    fn user_by_external_id<'py>(
        &self,
        py: Python<'py>,
        external_id: &str,
    ) -> Result<Option<Bound<'py, PyAny>>> {
        let document = py.detach(|| self.inner.user_by_external_id_json(external_id))?;
        Ok(document
            .map(|document| to_python(py, &document))
            .transpose()?)
    }

    /// The changes that would make the brand's custom claims and the user
    /// fields match `claims` and `fields` (each a document as fetch prints
    /// it: str, bytes or the parsed object; None leaves its records alone),
    /// as {"changes": N, "claims": [...], "user_fields": [...],
    /// "unmanaged": {...}}. Changes nothing. Nothing the documents leave out
    /// is deleted unless `prune`. An invalid document raises ValidationError
    /// before any request.
    #[pyo3(signature = (*, claims=None, fields=None, prune=false))]
    fn plan<'py>(
        &self,
        py: Python<'py>,
        claims: Option<&Bound<'py, PyAny>>,
        fields: Option<&Bound<'py, PyAny>>,
        prune: bool,
    ) -> Result<Bound<'py, PyAny>> {
        let (claims, fields) = desired(claims, fields)?;
        let plan = py.detach(|| self.inner.plan(claims.as_deref(), fields.as_deref(), prune))?;
        Ok(value_to_python(py, &plan.to_json())?)
    }

    /// Makes the changes plan() lists and returns what it did, in the same
    /// document. When the API refuses a change, raises ZendeskApiError
    /// saying what was made before it, with `.applied` holding that document.
    #[pyo3(signature = (*, claims=None, fields=None, prune=false))]
    fn apply<'py>(
        &self,
        py: Python<'py>,
        claims: Option<&Bound<'py, PyAny>>,
        fields: Option<&Bound<'py, PyAny>>,
        prune: bool,
    ) -> Result<Bound<'py, PyAny>> {
        let (claims, fields) = desired(claims, fields)?;
        let result = py.detach(|| {
            let plan = self
                .inner
                .plan(claims.as_deref(), fields.as_deref(), prune)?;
            Ok::<_, hcjwt::Error>(self.inner.apply(&plan))
        })?;
        match result {
            Ok(done) => Ok(value_to_python(py, &done.to_json())?),
            Err(stopped) => {
                let applied = value_to_python(py, &stopped.applied.to_json())?;
                let error = PyErr::from(Failure::Core(hcjwt::Error::from(stopped)));
                error.value(py).setattr("applied", applied)?;
                Err(Failure::Python(error))
            }
        }
    }

    /// `await client.user_fields_async()`: user_fields() in a worker thread,
    /// the event loop going on meanwhile.
    fn user_fields_async<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "user_fields", &[], None)
    }

    /// `await client.custom_claims_async()`: custom_claims() off the loop.
    fn custom_claims_async<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "custom_claims", &[], None)
    }

    /// `await client.user_async(id)`: user() off the loop.
    fn user_async<'py>(
        slf: &Bound<'py, Self>,
        id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "user", &[id], None)
    }

    /// `await client.user_by_external_id_async(external_id)`: off the loop.
    fn user_by_external_id_async<'py>(
        slf: &Bound<'py, Self>,
        external_id: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "user_by_external_id", &[external_id], None)
    }

    /// `await client.plan_async(...)`: plan() off the loop.
    #[pyo3(signature = (**options))]
    #[pyo3(text_signature = "($self, *, claims=None, fields=None, prune=False)")]
    fn plan_async<'py>(
        slf: &Bound<'py, Self>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "plan", &[], options)
    }

    /// `await client.apply_async(...)`: apply() off the loop.
    #[pyo3(signature = (**options))]
    #[pyo3(text_signature = "($self, *, claims=None, fields=None, prune=False)")]
    fn apply_async<'py>(
        slf: &Bound<'py, Self>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        threaded(slf, "apply", &[], options)
    }

    /// The account's base URL.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.base_url().to_owned()
    }

    fn __repr__(&self) -> String {
        format!("hcjwt.zendesk.Client('{}')", self.inner.base_url())
    }
}

/// The claims and fields documents plan and apply take, as JSON text.
type Desired = (Option<Vec<u8>>, Option<Vec<u8>>);

/// The desired documents as JSON text.
fn desired(
    claims: Option<&Bound<'_, PyAny>>,
    fields: Option<&Bound<'_, PyAny>>,
) -> Result<Desired> {
    let read = |value: Option<&Bound<'_, PyAny>>, name| {
        value
            .filter(|value| !value.is_none())
            .map(|value| document_text(value, name))
            .transpose()
    };
    Ok((read(claims, "claims")?, read(fields, "fields")?))
}

/// `method` of `client` called in a worker thread, as an awaitable.
fn threaded<'py>(
    client: &Bound<'py, ZendeskClient>,
    method: &str,
    args: &[&Bound<'py, PyAny>],
    kwargs: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyAny>> {
    let py = client.py();
    let mut call = vec![client.getattr(method)?];
    call.extend(args.iter().map(|arg| (*arg).clone()));
    let call = pyo3::types::PyTuple::new(py, call)?;
    py.import("hcjwt._aio")?
        .getattr("threaded")?
        .call(call, kwargs)
}
