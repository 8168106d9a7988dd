//! One pass from a verified payload's bytes into the caller's type: serde
//! JSON's reader, wrapped so that every object at every depth refuses a
//! repeated member (what the strict reader refuses) and the top object's
//! registered claims (`exp`, `nbf`, `iat`, `iss`, `aud`) are kept on the
//! way past, whether the type reads them or not, for the checks after.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::claims::ClaimValue;

/// The message of a repeated member (told apart from a type's own errors).
pub(super) const REPEATED: &str = "\u{0}repeated member ";
/// The message of a payload that is not an object.
pub(super) const NOT_AN_OBJECT: &str = "\u{0}not an object";

const REGISTERED: [&str; 5] = ["exp", "nbf", "iat", "iss", "aud"];

/// The registered claims as written: their raw JSON text.
#[derive(Default)]
pub(super) struct Kept<'de> {
    raw: [Option<&'de RawValue>; 5],
}

impl<'de> Kept<'de> {
    /// True when a kept claim holds an escape (`"https:\/\/..."`): its
    /// text must be unescaped to be compared, which the tree reader does.
    pub(super) fn escaped(&self) -> bool {
        self.raw
            .iter()
            .flatten()
            .any(|raw| raw.get().contains('\\'))
    }

    /// The claim `name` as the checks see it, read from its text (escapes
    /// excluded: see [`Kept::escaped`]).
    pub(super) fn claim(&self, name: &str) -> Option<ClaimValue<'de>> {
        let slot = REGISTERED.iter().position(|known| *known == name)?;
        let text: &'de str = self.raw[slot]?.get();
        let unquote = |item: &'de str| -> Option<&'de str> {
            item.trim().strip_prefix('"')?.strip_suffix('"')
        };
        Some(match text.as_bytes().first() {
            Some(b'-' | b'0'..=b'9') => ClaimValue::Number(text.parse::<i64>().ok()),
            Some(b'"') => unquote(text).map_or(ClaimValue::Other, ClaimValue::String),
            Some(b'[') => match serde_json::from_str::<Vec<&'de RawValue>>(text) {
                Ok(items) => {
                    ClaimValue::Strings(items.into_iter().map(|item| unquote(item.get())).collect())
                }
                Err(_) => ClaimValue::Other,
            },
            _ => ClaimValue::Other,
        })
    }
}

/// `deserializer` refusing repeated members at every depth; `kept`, for
/// the top object only, receives the registered claims.
pub(super) struct Strict<'k, 'de, D> {
    pub(super) inner: D,
    pub(super) kept: Option<&'k mut Kept<'de>>,
}

struct StrictVisitor<'k, 'de, V> {
    inner: V,
    kept: Option<&'k mut Kept<'de>>,
}

struct StrictSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for StrictSeed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict {
            inner: deserializer,
            kept: None,
        })
    }
}

/// The members of one object: the keys seen (few in a token: a list).
struct StrictMap<'k, 'de, A> {
    inner: A,
    seen: Vec<Cow<'de, str>>,
    kept: Option<&'k mut Kept<'de>>,
    registered: Option<usize>,
}

struct StrictSeq<A>(A);

/// A key, lent where it holds no escape.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Cow<'de, str>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
                Ok(Cow::Borrowed(text))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(Cow::Owned(text.to_owned()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StrictMap<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.inner.next_key_seed(Key)? else {
            return Ok(None);
        };
        if self.seen.contains(&key) {
            return Err(de::Error::custom(format_args!("{REPEATED}{key}")));
        }
        self.registered = match self.kept {
            Some(_) => REGISTERED.iter().position(|name| *name == key),
            None => None,
        };
        let value = match &key {
            Cow::Borrowed(text) => {
                seed.deserialize(de::value::BorrowedStrDeserializer::<A::Error>::new(text))?
            }
            Cow::Owned(text) => {
                seed.deserialize(de::value::StrDeserializer::<A::Error>::new(text))?
            }
        };
        self.seen.push(key);
        Ok(Some(value))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match (self.registered.take(), self.kept.as_deref_mut()) {
            (Some(slot), Some(kept)) => {
                let raw: &'de RawValue = self.inner.next_value()?;
                kept.raw[slot] = Some(raw);
                let mut reader = serde_json::Deserializer::from_str(raw.get());
                StrictSeed(seed)
                    .deserialize(&mut reader)
                    .map_err(de::Error::custom)
            }
            _ => self.inner.next_value_seed(StrictSeed(seed)),
        }
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for StrictSeq<A> {
    type Error = A::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(StrictSeed(seed))
    }
}

macro_rules! forward_scalars {
    ($($visit:ident: $type:ty),*) => {
        $(
            fn $visit<E: de::Error>(self, value: $type) -> Result<V::Value, E> {
                if self.kept.is_some() {
                    return Err(E::custom(NOT_AN_OBJECT));
                }
                self.inner.$visit(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StrictVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    forward_scalars!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);

    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        if self.kept.is_some() {
            return Err(E::custom(NOT_AN_OBJECT));
        }
        self.inner.visit_borrowed_str(value)
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        if self.kept.is_some() {
            return Err(E::custom(NOT_AN_OBJECT));
        }
        self.inner.visit_string(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        if self.kept.is_some() {
            return Err(E::custom(NOT_AN_OBJECT));
        }
        self.inner.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        if self.kept.is_some() {
            return Err(E::custom(NOT_AN_OBJECT));
        }
        self.inner.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Strict {
            inner: deserializer,
            kept: self.kept,
        })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Strict {
            inner: deserializer,
            kept: self.kept,
        })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.kept.is_some() {
            return Err(de::Error::custom(NOT_AN_OBJECT));
        }
        self.inner.visit_seq(StrictSeq(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        // Sized once for a token's objects, which hold a few members.
        let seen = Vec::with_capacity(map.size_hint().unwrap_or(16).min(64));
        self.inner.visit_map(StrictMap {
            inner: map,
            seen,
            kept: self.kept,
            registered: None,
        })
    }
}

macro_rules! forward {
    ($($method:ident),*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.inner.$method(StrictVisitor { inner: visitor, kept: self.kept })
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<'_, 'de, D> {
    type Error = D::Error;

    forward!(
        deserialize_any,
        deserialize_bool,
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_option,
        deserialize_unit,
        deserialize_seq,
        deserialize_map,
        deserialize_identifier
    );

    /// Ignored values are still walked: a repeated member deep inside one
    /// is refused as anywhere else.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(StrictVisitor {
            inner: visitor,
            kept: self.kept,
        })
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_unit_struct(
            name,
            StrictVisitor {
                inner: visitor,
                kept: self.kept,
            },
        )
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_newtype_struct(
            name,
            StrictVisitor {
                inner: visitor,
                kept: self.kept,
            },
        )
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple(
            len,
            StrictVisitor {
                inner: visitor,
                kept: self.kept,
            },
        )
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_tuple_struct(
            name,
            len,
            StrictVisitor {
                inner: visitor,
                kept: self.kept,
            },
        )
    }

    /// A struct is read as a map, so its members pass the checks.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(StrictVisitor {
            inner: visitor,
            kept: self.kept,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // An enum's own reader walks its value; members of a struct variant
        // are checked by serde's derive (each field once).
        self.inner.deserialize_enum(name, variants, visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}
