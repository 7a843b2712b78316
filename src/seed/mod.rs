pub mod data;
pub mod life;
pub mod text;
pub mod world;
mod phrases;
