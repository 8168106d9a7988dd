//! `hcjwt._hcjwt`: the native half of the Python package. Arguments are
//! converted to Rust values first; signing and verifying run with the GIL
//! released (`Python::detach`). Errors become the exception classes of
//! `hcjwt._exceptions` through one conversion, [`Failure`].

use hcjwt::{
    Algorithm, ClaimInput, ClaimSet as CoreClaimSet, Error, FieldCatalog as CoreFieldCatalog,
    Minter as CoreMinter, MinterOptions, Profile, SigningKey, User, Verifier as CoreVerifier,
    VerifierOptions, VerifyingKey,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PySequence, PyString, PyTuple,
};
use serde_json::{Map, Number, Value};

/// Nesting deeper than this is refused while converting Python values.
const MAX_DEPTH: usize = 128;

/// Every error a method can raise: hcjwt's own, or one Python raised while
/// its arguments were read.
enum Failure {
    Core(Error),
    Python(PyErr),
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Core(error)
    }
}

impl From<PyErr> for Failure {
    fn from(error: PyErr) -> Self {
        Failure::Python(error)
    }
}

type Result<T, E = Failure> = std::result::Result<T, E>;

/// The exception class of `hcjwt._exceptions` for each kind of error.
fn exception_name(error: &Error) -> &'static str {
    use hcjwt::ErrorKind::*;
    match error.kind() {
        Validation => "ValidationError",
        Json => "InvalidJSONError",
        NotFound => "NotFoundError",
        InvalidKey | UnsupportedAlgorithm => "InvalidKeyError",
        InvalidOption => "InvalidOptionError",
        PayloadTooLarge => "PayloadTooLargeError",
        TokenTooLarge | MalformedToken => "MalformedTokenError",
        AlgorithmNotAllowed => "AlgorithmNotAllowedError",
        UnknownKid => "UnknownKidError",
        InvalidSignature => "InvalidSignatureError",
        Expired => "ExpiredTokenError",
        NotYetValid => "NotYetValidError",
        InvalidClaim => "InvalidClaimError",
        _ => "HcjwtError",
    }
}

fn raise(py: Python<'_>, error: Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py
            .import("hcjwt._exceptions")?
            .getattr(exception_name(&error))?;
        let instance = class.call1((error.to_string(),))?;
        if let Some(errors) = error.field_errors() {
            let dict = PyDict::new(py);
            for (field, messages) in errors.iter() {
                dict.set_item(field, PyList::new(py, messages)?)?;
            }
            instance.setattr("errors", dict)?;
        }
        instance.setattr("kind", format!("{:?}", error.kind()))?;
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|import_error| import_error)
}

impl From<Failure> for PyErr {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Python(error) => error,
            Failure::Core(error) => Python::attach(|py| raise(py, error)),
        }
    }
}

fn py_str(text: &Bound<'_, PyString>) -> PyResult<String> {
    text.to_cow().map(std::borrow::Cow::into_owned)
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "object".to_owned())
}

fn validation(path: &str, message: impl Into<String>) -> Failure {
    let field = if path.is_empty() { "base" } else { path };
    Failure::Core(Error::Validation(hcjwt::FieldErrors::single(
        field, message,
    )))
}

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Converts a Python value (None, bool, int, float, str, list, tuple, any
/// Mapping with str keys) into JSON. `path` names the value in errors.
fn to_json(value: &Bound<'_, PyAny>, path: &str, depth: usize) -> Result<Value> {
    if depth > MAX_DEPTH {
        return Err(validation(
            path,
            format!("is nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(boolean) = value.cast::<PyBool>() {
        return Ok(Value::Bool(boolean.is_true()));
    }
    if value.cast::<PyInt>().is_ok() {
        if let Ok(number) = value.extract::<i64>() {
            return Ok(Value::Number(number.into()));
        }
        if let Ok(number) = value.extract::<u64>() {
            return Ok(Value::Number(number.into()));
        }
        return Err(validation(path, "is an integer outside the 64-bit range"));
    }
    if let Ok(float) = value.cast::<PyFloat>() {
        return Number::from_f64(float.value())
            .map(Value::Number)
            .ok_or_else(|| validation(path, "is not a finite number"));
    }
    if let Ok(text) = value.cast::<PyString>() {
        return match py_str(text) {
            Ok(text) => Ok(Value::String(text)),
            Err(_) => Err(validation(path, "is not valid Unicode (a lone surrogate)")),
        };
    }
    if let Ok(dict) = value.cast::<PyDict>() {
        let mut object = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let key = mapping_key(&key, path)?;
            let converted = to_json(&item, &child(path, &key), depth + 1)?;
            object.insert(key, converted);
        }
        return Ok(Value::Object(object));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for (index, item) in value.try_iter()?.enumerate() {
            items.push(to_json(&item?, &format!("{path}[{index}]"), depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        let mut object = Map::new();
        for pair in mapping.items()?.iter() {
            let (key, item): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair.extract()?;
            let key = mapping_key(&key, path)?;
            let converted = to_json(&item, &child(path, &key), depth + 1)?;
            object.insert(key, converted);
        }
        return Ok(Value::Object(object));
    }
    Err(Failure::Python(PyTypeError::new_err(format!(
        "{}: {} is not a JSON value (use None, bool, int, float, str, list, tuple or a Mapping)",
        if path.is_empty() { "value" } else { path },
        type_name(value)
    ))))
}

fn mapping_key(key: &Bound<'_, PyAny>, path: &str) -> Result<String> {
    match key.cast::<PyString>() {
        Ok(text) => {
            py_str(text).map_err(|_| validation(path, "has a key that is not valid Unicode"))
        }
        Err(_) => Err(Failure::Python(PyTypeError::new_err(format!(
            "{}: keys must be str, not {}",
            if path.is_empty() { "mapping" } else { path },
            type_name(key)
        )))),
    }
}

fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(boolean) => PyBool::new(py, *boolean).to_owned().into_any(),
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                integer.into_pyobject(py)?.into_any()
            } else if let Some(integer) = number.as_u64() {
                integer.into_pyobject(py)?.into_any()
            } else {
                number
                    .as_f64()
                    .unwrap_or(f64::NAN)
                    .into_pyobject(py)?
                    .into_any()
            }
        }
        Value::String(text) => PyString::new(py, text).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(object) => {
            let dict = PyDict::new(py);
            for (key, item) in object {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn map_to_python<'py>(py: Python<'py>, object: Map<String, Value>) -> PyResult<Bound<'py, PyAny>> {
    to_python(py, &Value::Object(object))
}

fn serialized_to_python<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> Result<Bound<'py, PyAny>> {
    let value =
        serde_json::to_value(value).map_err(|error| PyValueError::new_err(error.to_string()))?;
    Ok(to_python(py, &value)?)
}

/// Key material: `bytes`, or `str` (PEM, JWK text, or a secret's text).
fn key_bytes(key: &Bound<'_, PyAny>) -> Result<Vec<u8>> {
    if let Ok(bytes) = key.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = key.cast::<PyString>() {
        return Ok(py_str(text)?.as_bytes().to_vec());
    }
    Err(Failure::Python(PyTypeError::new_err(format!(
        "key must be bytes or str, not {}",
        type_name(key)
    ))))
}

/// JSON text from `str` or `bytes`.
fn json_text(json: &Bound<'_, PyAny>, name: &str) -> Result<Vec<u8>> {
    if let Ok(bytes) = json.cast::<PyBytes>() {
        return Ok(bytes.as_bytes().to_vec());
    }
    if let Ok(text) = json.cast::<PyString>() {
        return py_str(text)
            .map(|text| text.as_bytes().to_vec())
            .map_err(|_| validation(name, "is not valid Unicode (a lone surrogate)"));
    }
    Err(Failure::Python(PyTypeError::new_err(format!(
        "{name} must be str or bytes, not {}",
        type_name(json)
    ))))
}

fn algorithm(name: &str) -> Result<Algorithm> {
    Ok(hcjwt::parse_algorithm(name)?)
}

/// The members of a Users API user object that hcjwt reads (see `hcjwt::User`).
const USER_MEMBERS: [&str; 15] = [
    "id",
    "email",
    "name",
    "external_id",
    "user_fields",
    "tags",
    "role",
    "locale_id",
    "organization_id",
    "phone",
    "remote_photo_url",
    "custom_role_id",
    "organization",
    "organizations",
    "organization_ids",
];

fn member<'py>(mapping: &Bound<'py, PyAny>, name: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
    if let Ok(dict) = mapping.cast::<PyDict>() {
        return dict.get_item(name);
    }
    let item = mapping.call_method1("get", (name,))?;
    Ok(if item.is_none() { None } else { Some(item) })
}

/// Reads a user Mapping (bare or {"user": {...}}), converting only the
/// members hcjwt uses: a real user object has dozens of others.
fn user_from(value: &Bound<'_, PyAny>) -> Result<User> {
    let Ok(mapping) = value.cast::<PyMapping>() else {
        return Err(Failure::Python(PyTypeError::new_err(format!(
            "user must be a Mapping, not {}",
            type_name(value)
        ))));
    };
    let mut source = value.clone();
    if mapping.len()? == 1
        && let Some(inner) = member(value, "user")?
        && inner.cast::<PyMapping>().is_ok()
    {
        source = inner;
    }
    let mut object = Map::new();
    if let Ok(dict) = source.cast::<PyDict>() {
        // One pass over the items: every key must be str; only the members
        // hcjwt reads are converted.
        for (key, item) in dict.iter() {
            let key = mapping_key(&key, "user")?;
            if let Some(name) = USER_MEMBERS.iter().find(|name| **name == key) {
                object.insert((*name).to_owned(), to_json(&item, name, 1)?);
            }
        }
    } else {
        for name in USER_MEMBERS {
            if let Some(item) = member(&source, name)? {
                object.insert(name.to_owned(), to_json(&item, name, 1)?);
            }
        }
    }
    Ok(User::from_members(object)?)
}

/// Mints signed help center (or SSO) tokens. Build once, mint many; safe to
/// share between threads.
#[pyclass(frozen, module = "hcjwt._hcjwt")]
struct Minter {
    inner: CoreMinter,
}

#[pymethods]
impl Minter {
    #[new]
    #[pyo3(signature = (key, algorithm="RS256", *, kid=None, profile="help_center", ttl=300, issuer=None, audience=None, claims=None, fields=None, max_token_bytes=8192))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        key: &Bound<'_, PyAny>,
        algorithm: &str,
        kid: Option<String>,
        profile: &str,
        ttl: u64,
        issuer: Option<String>,
        audience: Option<String>,
        claims: Option<PyRef<'_, ClaimSet>>,
        fields: Option<PyRef<'_, FieldCatalog>>,
        max_token_bytes: usize,
    ) -> Result<Self> {
        let key = SigningKey::from_bytes(&key_bytes(key)?, Some(self::algorithm(algorithm)?))?;
        let options = MinterOptions {
            kid,
            profile: Profile::parse(profile)?,
            ttl,
            issuer,
            audience,
            max_token_bytes,
            claims: claims.map(|set| set.inner.clone()),
            fields: fields.map(|catalog| catalog.inner.clone()),
        };
        Ok(Self {
            inner: CoreMinter::new(key, options)?,
        })
    }

    /// Mints a token for a Users API user object (bare or {"user": ...}).
    #[pyo3(signature = (user, *, now=None))]
    fn mint(&self, py: Python<'_>, user: &Bound<'_, PyAny>, now: Option<i64>) -> Result<String> {
        let user = user_from(user)?;
        let token = py.detach(|| match now {
            Some(now) => self.inner.mint_at(&user, now),
            None => self.inner.mint(&user),
        })?;
        Ok(token)
    }

    /// Mints one token per user; every user is converted first, then the
    /// batch is signed without the GIL.
    #[pyo3(signature = (users, *, now=None))]
    fn mint_many(
        &self,
        py: Python<'_>,
        users: &Bound<'_, PyAny>,
        now: Option<i64>,
    ) -> Result<Vec<String>> {
        if users.cast::<PyString>().is_ok() || users.cast::<PySequence>().is_err() {
            return Err(Failure::Python(PyTypeError::new_err(format!(
                "users must be a sequence of mappings, not {}",
                type_name(users)
            ))));
        }
        let users: Vec<User> = users
            .try_iter()?
            .map(|user| user_from(&user?))
            .collect::<Result<_>>()?;
        let tokens = py.detach(|| {
            let now = now.unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(-1, |elapsed| {
                        i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
                    })
            });
            users
                .iter()
                .map(|user| self.inner.mint_at(user, now))
                .collect::<std::result::Result<Vec<_>, _>>()
        })?;
        Ok(tokens)
    }

    /// The JWKS publishing the public key ({"keys": []} for HMAC secrets).
    fn jwks<'py>(&self, py: Python<'py>) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, &self.inner.jwks())
    }

    /// The kid in every header, or None.
    #[getter]
    fn kid(&self) -> Option<String> {
        self.inner.kid().map(str::to_owned)
    }

    /// The signing algorithm's name.
    #[getter]
    fn algorithm(&self) -> String {
        self.inner.algorithm().to_string()
    }

    fn __repr__(&self) -> String {
        format!(
            "Minter(algorithm={:?}, kid={:?})",
            self.inner.algorithm().to_string(),
            self.inner.kid()
        )
    }
}

fn algorithms(value: &Bound<'_, PyAny>) -> Result<Vec<Algorithm>> {
    if let Ok(name) = value.cast::<PyString>() {
        return Ok(vec![algorithm(&py_str(name)?)?]);
    }
    if value.cast::<PySequence>().is_ok() {
        let mut list = Vec::new();
        for item in value.try_iter()? {
            let item = item?;
            let name = item.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "algorithms must hold str, not {}",
                    type_name(&item)
                ))
            })?;
            list.push(algorithm(&py_str(name)?)?);
        }
        return Ok(list);
    }
    Err(Failure::Python(PyTypeError::new_err(format!(
        "algorithms must be a str or a sequence of str, not {}",
        type_name(value)
    ))))
}

/// Verifies tokens against pinned algorithms and configured keys.
#[pyclass(frozen, module = "hcjwt._hcjwt")]
struct Verifier {
    inner: CoreVerifier,
}

fn verifier_options(
    leeway: u64,
    issuer: Option<String>,
    audience: Option<String>,
    max_token_bytes: usize,
) -> VerifierOptions {
    VerifierOptions {
        leeway,
        issuer,
        audience,
        max_token_bytes,
    }
}

#[pymethods]
impl Verifier {
    #[new]
    #[pyo3(signature = (key, algorithms, *, leeway=60, issuer=None, audience=None, max_token_bytes=8192))]
    fn new(
        key: &Bound<'_, PyAny>,
        algorithms: &Bound<'_, PyAny>,
        leeway: u64,
        issuer: Option<String>,
        audience: Option<String>,
        max_token_bytes: usize,
    ) -> Result<Self> {
        let algorithms = self::algorithms(algorithms)?;
        let bound = if algorithms.len() == 1 {
            Some(algorithms[0])
        } else {
            None
        };
        let key = VerifyingKey::from_bytes(&key_bytes(key)?, bound)?;
        let options = verifier_options(leeway, issuer, audience, max_token_bytes);
        Ok(Self {
            inner: CoreVerifier::with_key(key, &algorithms, options)?,
        })
    }

    /// A verifier holding every key of a JWKS (a dict, or JSON text).
    #[staticmethod]
    #[pyo3(signature = (jwks, algorithms, *, leeway=60, issuer=None, audience=None, max_token_bytes=8192))]
    fn from_jwks(
        jwks: &Bound<'_, PyAny>,
        algorithms: &Bound<'_, PyAny>,
        leeway: u64,
        issuer: Option<String>,
        audience: Option<String>,
        max_token_bytes: usize,
    ) -> Result<Self> {
        let text = if jwks.cast::<PyString>().is_ok() || jwks.cast::<PyBytes>().is_ok() {
            json_text(jwks, "jwks")?
        } else if jwks.cast::<PyMapping>().is_ok() {
            to_json(jwks, "jwks", 0)?.to_string().into_bytes()
        } else {
            return Err(Failure::Python(PyTypeError::new_err(format!(
                "jwks must be a dict or JSON text, not {}",
                type_name(jwks)
            ))));
        };
        let keys = VerifyingKey::from_jwks(&text)?;
        let options = verifier_options(leeway, issuer, audience, max_token_bytes);
        Ok(Self {
            inner: CoreVerifier::new(keys, &self::algorithms(algorithms)?, options)?,
        })
    }

    /// Verifies a token and returns its payload.
    #[pyo3(signature = (token, *, now=None))]
    fn verify<'py>(
        &self,
        py: Python<'py>,
        token: &Bound<'py, PyAny>,
        now: Option<i64>,
    ) -> Result<Bound<'py, PyAny>> {
        let token: String = if let Ok(text) = token.cast::<PyString>() {
            py_str(text)
                .map_err(|_| {
                    Failure::Core(Error::MalformedToken(
                        "the token is not valid Unicode".into(),
                    ))
                })?
                .to_owned()
        } else if let Ok(bytes) = token.cast::<PyBytes>() {
            String::from_utf8(bytes.as_bytes().to_vec()).map_err(|_| {
                Failure::Core(Error::MalformedToken("the token is not UTF-8".into()))
            })?
        } else {
            return Err(Failure::Python(PyTypeError::new_err(format!(
                "token must be str or bytes, not {}",
                type_name(token)
            ))));
        };
        let payload = py.detach(|| match now {
            Some(now) => self.inner.verify_at(&token, now),
            None => self.inner.verify(&token),
        })?;
        Ok(map_to_python(py, payload)?)
    }
}

/// The custom claims of one account/brand pair.
#[pyclass(module = "hcjwt._hcjwt")]
struct ClaimSet {
    inner: CoreClaimSet,
}

fn text_arg(value: &Bound<'_, PyAny>, name: &str) -> Result<String> {
    match value.cast::<PyString>() {
        Ok(text) => Ok(py_str(text)
            .map_err(|_| validation(name, "is not valid Unicode (a lone surrogate)"))?
            .to_owned()),
        Err(_) => Err(Failure::Python(PyTypeError::new_err(format!(
            "{name} must be str, not {}",
            type_name(value)
        )))),
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

    /// Reads the API's claims JSON (one account/brand pair).
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> Result<Self> {
        Ok(Self {
            inner: CoreClaimSet::from_json(&json_text(json, "json")?)?,
        })
    }

    /// Creates a claim and returns it as the API shows it.
    #[pyo3(signature = (identifier, value, description=None))]
    fn create<'py>(
        &mut self,
        py: Python<'py>,
        identifier: &Bound<'py, PyAny>,
        value: &Bound<'py, PyAny>,
        description: Option<&Bound<'py, PyAny>>,
    ) -> Result<Bound<'py, PyAny>> {
        let mut input = ClaimInput::new(
            text_arg(identifier, "identifier")?,
            text_arg(value, "value")?,
        );
        if let Some(description) = description {
            input = input.description(text_arg(description, "description")?);
        }
        let claim = self.inner.create(input)?;
        serialized_to_python(py, claim)
    }

    /// Changes claim_identifier, claim_value and/or claim_description (or
    /// identifier, value, description).
    #[pyo3(signature = (id, **changes))]
    fn update<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        changes: Option<&Bound<'py, PyDict>>,
    ) -> Result<Bound<'py, PyAny>> {
        let mut input = ClaimInput::default();
        if let Some(changes) = changes {
            for (name, value) in changes.iter() {
                let name: String = name.extract()?;
                // The API's member names, or the short names create() takes.
                let slot = match name.as_str() {
                    "claim_identifier" | "identifier" => &mut input.claim_identifier,
                    "claim_value" | "value" => &mut input.claim_value,
                    "claim_description" | "description" => &mut input.claim_description,
                    other => {
                        return Err(Failure::Python(PyTypeError::new_err(format!(
                            "update() got an unexpected keyword argument {other:?} (use claim_identifier, claim_value, claim_description or identifier, value, description)"
                        ))));
                    }
                };
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

    /// The API's list response as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    #[getter]
    fn account_id(&self) -> u64 {
        self.inner.account_id()
    }

    #[getter]
    fn brand_id(&self) -> u64 {
        self.inner.brand_id()
    }

    fn __len__(&self) -> usize {
        self.inner.list().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "ClaimSet(account_id={}, brand_id={}, claims={})",
            self.inner.account_id(),
            self.inner.brand_id(),
            self.inner.list().len()
        )
    }
}

/// The user fields of an account.
#[pyclass(frozen, module = "hcjwt._hcjwt")]
struct FieldCatalog {
    inner: CoreFieldCatalog,
}

#[pymethods]
impl FieldCatalog {
    /// Reads the API's user fields JSON.
    #[staticmethod]
    fn from_json(json: &Bound<'_, PyAny>) -> Result<Self> {
        Ok(Self {
            inner: CoreFieldCatalog::from_json(&json_text(json, "json")?)?,
        })
    }

    /// Validates a user's user_fields mapping; returns the normalized values.
    fn validate<'py>(
        &self,
        py: Python<'py>,
        user_fields: &Bound<'py, PyAny>,
    ) -> Result<Bound<'py, PyAny>> {
        if user_fields.cast::<PyMapping>().is_err() {
            return Err(Failure::Python(PyTypeError::new_err(format!(
                "user_fields must be a Mapping, not {}",
                type_name(user_fields)
            ))));
        }
        let Value::Object(values) = to_json(user_fields, "", 0)? else {
            return Err(validation("user_fields", "must be an object"));
        };
        let normalized = self.inner.validate(&values)?;
        Ok(map_to_python(py, normalized)?)
    }

    /// One field by id or key.
    fn get<'py>(&self, py: Python<'py>, id_or_key: &str) -> Result<Bound<'py, PyAny>> {
        serialized_to_python(py, self.inner.get(id_or_key)?)
    }

    /// The API's list response as JSON text.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }
}

#[pymodule]
fn _hcjwt(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<Minter>()?;
    module.add_class::<Verifier>()?;
    module.add_class::<ClaimSet>()?;
    module.add_class::<FieldCatalog>()?;
    Ok(())
}
