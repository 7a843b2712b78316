//! meja: a keyboard-driven terminal console for SP4N-LAPOR! complaint handling.
//!
//! Layers (architecture.md): `domain` (pure rules), `store` (the one place that speaks SQL),
//! `console` (the terminal), `cli` (thin verbs over the same store calls).

pub mod cli;
pub mod console;
pub mod domain;
pub mod seed;
pub mod store;
