pub mod data;
pub mod life;
mod phrases;
pub mod text;
pub mod world;
