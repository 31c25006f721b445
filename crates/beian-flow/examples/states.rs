//! Prints STATES.md: `cargo run -q -p beian-flow --example states > crates/beian-flow/STATES.md`.

fn main() {
    print!("{}", beian_flow::states_markdown());
}
