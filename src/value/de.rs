//! A borrowed [`Json`] as a serde `Deserializer`: how a verified payload,
//! read once by the strict reader (no repeated member at any depth, numbers
//! kept as written), becomes the caller's own type without a map or a
//! second parse; strings without escapes are lent straight from the token.

use std::borrow::Cow;

use serde::de::value::{Error, MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{self, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::{Json, Number};

/// `&Json` as a `Deserializer` (see the module documentation).
pub(crate) struct JsonDeserializer<'a, 'de>(pub(crate) &'a Json<'de>);

/// A string, lent for `'de` where the input held it unescaped.
struct Text<'a, 'de>(&'a Cow<'de, str>);

impl<'de> de::Deserializer<'de> for Text<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_str(text),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.0.as_ref().into_deserializer())
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

impl<'de, 'a> IntoDeserializer<'de, Error> for Text<'a, 'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, 'a> IntoDeserializer<'de, Error> for JsonDeserializer<'a, 'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

fn number<'de, V: Visitor<'de>>(number: &Number<'_>, visitor: V) -> Result<V::Value, Error> {
    if let Some(unsigned) = number.as_u64() {
        visitor.visit_u64(unsigned)
    } else if let Some(signed) = number.as_i64() {
        visitor.visit_i64(signed)
    } else {
        visitor.visit_f64(number.as_f64())
    }
}

impl<'a, 'de> JsonDeserializer<'a, 'de> {
    fn map(members: &'a [(Cow<'de, str>, Json<'de>)]) -> impl de::MapAccess<'de, Error = Error> {
        MapDeserializer::new(
            members
                .iter()
                .map(|(key, value)| (Text(key), JsonDeserializer(value))),
        )
    }
}

impl<'de> de::Deserializer<'de> for JsonDeserializer<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Json::Null => visitor.visit_unit(),
            Json::Bool(value) => visitor.visit_bool(*value),
            Json::Number(value) => number(value, visitor),
            Json::String(text) => Text(text).deserialize_any(visitor),
            Json::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter().map(JsonDeserializer));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Json::Object(members) => visitor.visit_map(Self::map(members)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Json::String(text) => Text(text).deserialize_enum(name, variants, visitor),
            Json::Object(members) if members.len() == 1 => {
                visitor.visit_enum(MapAccessDeserializer::new(Self::map(members)))
            }
            other => Err(de::Error::invalid_type(
                de::Unexpected::Other(other.type_name()),
                &"a string or an object with one member",
            )),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}
