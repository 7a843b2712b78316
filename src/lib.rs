//! meja: a keyboard-driven terminal console for SP4N-LAPOR! complaint handling.
//!
//! Layers (architecture.md): `domain` (pure rules), `store` (the one place that speaks SQL),
//! `console` (the terminal), `cli` (thin verbs over the same store calls).

pub mod domain;
pub mod store;
pub mod seed;
pub mod cli;
pub mod console;
