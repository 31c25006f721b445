//! Tests across the crates of the workspace live in `tests/*.rs` beside this file.
