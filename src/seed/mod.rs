pub mod data;
pub mod text;
mod phrases;
