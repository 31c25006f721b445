//! Derives for `beian-rules`: what the model's `#[serde(...)]` attributes
//! already say, generated instead of written out a second time by hand.
//!
//! - `#[derive(FromJson)]` on a struct: its strict reader over
//!   `beian_rules::json` (objects only, every value of the right shape,
//!   errors with their JSON pointer, unknown keys refused with the list of
//!   the known ones) and `KEYS`, the keys of its JSON object.
//! - `#[derive(Named)]` on an enum of unit variants: `ALL`, `NAMES`,
//!   `name()`, `FromStr` and `beian_rules::Named`, from serde's names.
//! - `#[derive(FromJson)]` on such an enum: its reader (a string, one of
//!   the names).
//!
//! Read from serde: `rename_all` (`camelCase`, `snake_case`), `rename`,
//! `alias`, `default`, `deny_unknown_fields`; `skip_serializing_if` does not
//! change what is read. Every other serde attribute is a compile error
//! here, so that the reader never silently differs from serde's derive.
//! Of its own, `#[beian(max = LIMIT)]` on every list field (the most items
//! it may hold, a `beian_rules::limits` constant) and `#[beian(with =
//! path)]` for a field serde reads with `deserialize_with`.
//!
//! The generated code names `::beian_rules`; inside that crate,
//! `extern crate self as beian_rules;` makes the path work.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::{format_ident, quote};
use syn::{
    parse_macro_input, Attribute, Data, DeriveInput, Error, Expr, Fields, LitStr, Result, Type,
};

/// The strict JSON reader of a struct or of an enum of unit variants.
#[proc_macro_derive(FromJson, attributes(beian))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    let out = match &input.data {
        Data::Struct(_) => struct_reader(&input),
        Data::Enum(_) => enum_reader(&input),
        Data::Union(_) => Err(Error::new_spanned(&input.ident, "FromJson: not for unions")),
    };
    out.unwrap_or_else(Error::into_compile_error).into()
}

/// The name table of an enum of unit variants: `ALL`, `NAMES`, `name()`,
/// `FromStr` and `beian_rules::Named`; with `#[beian(serde)]` on the enum,
/// also `serde::Serialize` and `serde::Deserialize` by these names (a
/// string, as serde's derive writes and reads a unit variant), in a
/// fraction of the WebAssembly serde's derive takes for each enum.
#[proc_macro_derive(Named, attributes(serde, beian))]
pub fn derive_named(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    named(&input)
        .unwrap_or_else(Error::into_compile_error)
        .into()
}

/// The serde attributes of a struct or enum that this derive reads, and
/// `#[beian(serde)]`.
#[derive(Default)]
struct Container {
    rename_all: Option<LitStr>,
    default: bool,
    deny_unknown_fields: bool,
    serde: bool,
}

fn container(attrs: &[Attribute]) -> Result<Container> {
    let mut c = Container::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("beian")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("serde") {
                c.serde = true;
                Ok(())
            } else {
                Err(meta.error("expected `serde`"))
            }
        })?;
    }
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                c.rename_all = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("default") {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("beian-derive reads only a plain `default`"));
                }
                c.default = true;
            } else if meta.path.is_ident("deny_unknown_fields") {
                c.deny_unknown_fields = true;
            } else {
                return Err(meta.error("beian-derive does not read this serde attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

/// The serde and beian attributes of a field or variant.
#[derive(Default)]
struct Member {
    rename: Option<String>,
    aliases: Vec<String>,
    deserialize_with: bool,
    max: Option<Expr>,
    with: Option<syn::Path>,
}

fn member(attrs: &[Attribute], field: bool) -> Result<Member> {
    let mut m = Member::default();
    for attr in attrs {
        if attr.path().is_ident("serde") {
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("rename") {
                    m.rename = Some(meta.value()?.parse::<LitStr>()?.value());
                } else if meta.path.is_ident("alias") {
                    m.aliases.push(meta.value()?.parse::<LitStr>()?.value());
                } else if field && meta.path.is_ident("skip_serializing_if") {
                    meta.value()?.parse::<LitStr>()?;
                } else if field && meta.path.is_ident("default") {
                    if meta.input.peek(syn::Token![=]) {
                        return Err(meta.error("beian-derive reads only a plain `default`"));
                    }
                } else if field && meta.path.is_ident("deserialize_with") {
                    meta.value()?.parse::<LitStr>()?;
                    m.deserialize_with = true;
                } else {
                    return Err(meta.error("beian-derive does not read this serde attribute"));
                }
                Ok(())
            })?;
        } else if attr.path().is_ident("beian") {
            if !field {
                return Err(Error::new_spanned(attr, "#[beian(...)] is for fields"));
            }
            attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("max") {
                    m.max = Some(meta.value()?.parse()?);
                } else if meta.path.is_ident("with") {
                    m.with = Some(meta.value()?.parse()?);
                } else {
                    return Err(meta.error("expected `max = LIMIT` or `with = path`"));
                }
                Ok(())
            })?;
        }
    }
    Ok(m)
}

/// `document_type` → `documentType` (serde's `camelCase` of a field).
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `HkMacauTravelPermit` → `hk_macau_travel_permit` (serde's `snake_case`
/// of a variant).
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The name serde gives a field (`is_field`) or variant called `ident`.
fn wire_name(ident: &str, m: &Member, c: &Container, is_field: bool) -> Result<String> {
    if let Some(name) = &m.rename {
        return Ok(name.clone());
    }
    let ident = ident.trim_start_matches("r#");
    match c.rename_all.as_ref().map(|r| (r.value(), r)) {
        None => Ok(ident.to_string()),
        Some((rule, _)) if rule == "camelCase" && is_field => Ok(camel(ident)),
        Some((rule, _)) if rule == "snake_case" && !is_field => Ok(snake(ident)),
        Some((rule, _)) if rule == "snake_case" && is_field => Ok(ident.to_string()),
        Some((_, lit)) => Err(Error::new_spanned(
            lit,
            "beian-derive knows rename_all = \"camelCase\" for fields and \"snake_case\"",
        )),
    }
}

/// True for `Vec<…>`.
fn is_vec(ty: &Type) -> bool {
    match ty {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == "Vec"),
        _ => false,
    }
}

fn struct_reader(input: &DeriveInput) -> Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        unreachable!()
    };
    let Fields::Named(fields) = &data.fields else {
        return Err(Error::new_spanned(
            &input.ident,
            "FromJson: a struct with named fields",
        ));
    };
    let c = container(&input.attrs)?;
    if !c.default || !c.deny_unknown_fields {
        return Err(Error::new_spanned(
            &input.ident,
            "FromJson reads as serde's #[serde(default, deny_unknown_fields)]: add both",
        ));
    }
    let name = &input.ident;
    let json = quote!(::beian_rules::json);
    let mut keys = Vec::new();
    let mut arms = Vec::new();
    let mut seen = Vec::new();
    let mut limits = Vec::new();
    for (i, f) in fields.named.iter().enumerate() {
        let ident = f.ident.as_ref().expect("named field");
        let m = member(&f.attrs, true)?;
        let key = wire_name(&ident.to_string(), &m, &c, true)?;
        let vec = is_vec(&f.ty);
        let read = match (&m.with, &m.max) {
            (Some(with), None) => quote!(#with(v, at)?),
            (None, Some(max)) if vec => {
                limits.push(quote!((#key, #max.max)));
                quote!(#json::bounded(v, at, #max)?)
            }
            (None, Some(max)) => {
                return Err(Error::new_spanned(max, "`max` is for list (Vec) fields"));
            }
            (None, None) if vec => {
                return Err(Error::new_spanned(
                    f,
                    "a list field needs #[beian(max = LIMIT)]: the most items it may hold",
                ));
            }
            (None, None) if m.deserialize_with => {
                return Err(Error::new_spanned(
                    f,
                    "serde reads this field with `deserialize_with`: name the JSON reader \
                     that does the same with #[beian(with = path)]",
                ));
            }
            (None, None) => quote!(#json::FromJson::from_json(v, at)?),
            (Some(with), Some(_)) => {
                return Err(Error::new_spanned(with, "`with` or `max`, not both"));
            }
        };
        let mut patterns = vec![key.clone()];
        patterns.extend(m.aliases.iter().cloned());
        // serde refuses a field given twice under two of its names.
        let arm = if m.aliases.is_empty() {
            quote!(#(#patterns)|* => out.#ident = #read,)
        } else {
            let flag = format_ident!("seen_{}", i);
            seen.push(flag.clone());
            quote!(#(#patterns)|* => {
                if #flag {
                    return ::core::result::Result::Err(#json::ReadError::duplicate(at));
                }
                #flag = true;
                out.#ident = #read;
            })
        };
        arms.push(arm);
        keys.push(key);
    }
    let n = keys.len();
    let l = limits.len();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics #name #ty_generics #where_clause {
            /// The keys of this type's JSON object, as serde writes them
            /// (generated by `beian_derive::FromJson`).
            pub const KEYS: [&'static str; #n] = [#(#keys),*];
            /// The list keys and the most items each holds
            /// (`#[beian(max = …)]`; generated by `beian_derive::FromJson`).
            pub const MAX_ITEMS: [(&'static str, usize); #l] = [#(#limits),*];
        }

        impl #impl_generics #json::FromJson for #name #ty_generics #where_clause {
            fn from_json(
                value: &#json::Json,
                path: &#json::Path<'_>,
            ) -> ::core::result::Result<Self, #json::ReadError> {
                let mut out = <Self as ::core::default::Default>::default();
                #(let mut #seen = false;)*
                for (key, v) in #json::object(value, path)? {
                    let at = &#json::Path::Key(path, key);
                    match key.as_str() {
                        #(#arms)*
                        _ => {
                            return ::core::result::Result::Err(#json::unknown_key(key, &Self::KEYS, at));
                        }
                    }
                }
                ::core::result::Result::Ok(out)
            }
        }
    })
}

/// The variants of an enum of unit variants, each with its serde name and
/// aliases.
type Variants = Vec<(syn::Ident, String, Vec<String>)>;

fn variants(input: &DeriveInput) -> Result<(Variants, bool)> {
    let Data::Enum(data) = &input.data else {
        return Err(Error::new_spanned(&input.ident, "Named: for enums"));
    };
    let c = container(&input.attrs)?;
    if c.default || c.deny_unknown_fields {
        return Err(Error::new_spanned(
            &input.ident,
            "beian-derive: not an enum attribute",
        ));
    }
    let list = data
        .variants
        .iter()
        .map(|v| {
            if !matches!(v.fields, Fields::Unit) {
                return Err(Error::new_spanned(v, "Named: unit variants only"));
            }
            let m = member(&v.attrs, false)?;
            let name = wire_name(&v.ident.to_string(), &m, &c, false)?;
            Ok((v.ident.clone(), name, m.aliases))
        })
        .collect::<Result<Variants>>()?;
    Ok((list, c.serde))
}

fn named(input: &DeriveInput) -> Result<Tokens> {
    let (list, serde) = variants(input)?;
    let name = &input.ident;
    let n = list.len();
    let idents: Vec<_> = list.iter().map(|(i, _, _)| i).collect();
    let names: Vec<_> = list.iter().map(|(_, n, _)| n).collect();
    // Each alias with the index of its variant in `ALL`.
    let aliases: Vec<Tokens> = list
        .iter()
        .enumerate()
        .flat_map(|(i, (_, _, aliases))| aliases.iter().map(move |a| quote!((#a, #i))))
        .collect();
    let first = names.first().map(|n| n.as_str()).unwrap_or("");
    let doc_name = format!(" The variant's name in JSON, e.g. `{first}`.");
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let serde_impls = if serde {
        quote! {
            impl ::serde::Serialize for #name {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.name())
                }
            }

            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    ::beian_rules::json::deserialize_name(deserializer)
                }
            }
        }
    } else {
        Tokens::new()
    };
    Ok(quote! {
        #serde_impls

        impl #impl_generics #name #ty_generics #where_clause {
            /// Every variant, in the order of the declaration (generated by
            /// `beian_derive::Named`).
            pub const ALL: [#name; #n] = [#(#name::#idents),*];
            /// Each variant's name in JSON (serde's), in the order of `ALL`.
            pub const NAMES: [&'static str; #n] = [#(#names),*];

            #[doc = #doc_name]
            pub fn name(self) -> &'static str {
                match self {
                    #(#name::#idents => #names,)*
                }
            }
        }

        /// Reads a name in JSON, or an alias serde accepts too.
        impl #impl_generics ::core::str::FromStr for #name #ty_generics #where_clause {
            type Err = ::beian_rules::UnknownName;

            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                match ::beian_rules::json::lookup(&Self::NAMES, <Self as ::beian_rules::Named>::ALIASES, s) {
                    ::core::option::Option::Some(i) => ::core::result::Result::Ok(Self::ALL[i]),
                    ::core::option::Option::None => {
                        ::core::result::Result::Err(::beian_rules::UnknownName::new(s, &Self::NAMES))
                    }
                }
            }
        }

        impl #impl_generics ::beian_rules::Named for #name #ty_generics #where_clause {
            const ALL: &'static [Self] = &#name::ALL;
            const NAMES: &'static [&'static str] = &#name::NAMES;
            const ALIASES: &'static [(&'static str, usize)] = &[#(#aliases),*];

            fn name(self) -> &'static str {
                #name::name(self)
            }
        }
    })
}

fn enum_reader(input: &DeriveInput) -> Result<Tokens> {
    variants(input)?;
    let name = &input.ident;
    let json = quote!(::beian_rules::json);
    Ok(quote! {
        impl #json::FromJson for #name {
            fn from_json(
                value: &#json::Json,
                path: &#json::Path<'_>,
            ) -> ::core::result::Result<Self, #json::ReadError> {
                let names = <Self as ::beian_rules::Named>::NAMES;
                let aliases = <Self as ::beian_rules::Named>::ALIASES;
                let i = #json::read_name(value, path, names, aliases)?;
                ::core::result::Result::Ok(Self::ALL[i])
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names() {
        assert_eq!(camel("document_type"), "documentType");
        assert_eq!(camel("ips"), "ips");
        assert_eq!(camel("filing_created_on"), "filingCreatedOn");
        assert_eq!(snake("HkMacauTravelPermit"), "hk_macau_travel_permit");
        assert_eq!(snake("ECommerce"), "e_commerce");
        assert_eq!(snake("Other"), "other");
    }
}
