//! # beian-web
//!
//! The ICP filing wizard page: a Leptos client-side app, built by Trunk
//! from the top-level `index.html`. It only renders the findings of
//! `beian-rules`; it implements no rule of its own.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod app;
mod batch;
pub mod draft;
mod existing;
mod fields;
pub mod i18n;
mod import;
mod initials;
mod model;
mod review;
mod root;
mod status;
mod steps;
mod submit;
mod targets;
mod uploads;

pub use app::{App, Config};
pub use root::{custom_element_defined, mount_element, mount_page, mount_wizard};
