//! Enum tables from one source: each enum lists its variants once, in its
//! declaration, and strum derives the names and the lists from it.

/// `[T; T::COUNT]` with every variant of a `Copy` enum deriving
/// `strum::VariantArray` and `strum::EnumCount`, in declaration order: the
/// fixed-size array the public `ALL` constants have always been.
macro_rules! every_variant {
    ($enum:ty) => {{
        const COUNT: usize = <$enum as ::strum::EnumCount>::COUNT;
        let variants = <$enum as ::strum::VariantArray>::VARIANTS;
        let mut all = [variants[0]; COUNT];
        let mut index = 0;
        while index < COUNT {
            all[index] = variants[index];
            index += 1;
        }
        all
    }};
}

pub(crate) use every_variant;

/// The names of `variants`, comma-separated (`"a, b, c"`), for the messages
/// that list what a value may be.
pub(crate) fn list<T: Copy + Into<&'static str>>(variants: &[T]) -> String {
    variants
        .iter()
        .map(|variant| (*variant).into())
        .collect::<Vec<&str>>()
        .join(", ")
}
