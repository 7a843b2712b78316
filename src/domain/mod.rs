//! The domain: pure types and rules of SP4N-LAPOR! complaint handling. No terminal, no SQL, no async.

pub mod access;
pub mod calendar;
pub mod clock;
pub mod filter;
pub mod input;
pub mod instansi_match;
pub mod lang;
pub mod lifecycle;
pub mod markup;
pub mod model;
pub mod monev;
pub mod moves;
pub mod refusal;
pub mod routing;
pub mod stem;
pub mod template;
pub mod text;
pub mod types;
pub mod view;

pub use calendar::{Holiday, WorkingCalendar};
pub use clock::{Clock, ClockBase, ClockEffect, Deadlines};
pub use input::InputError;
pub use lang::Lang;
pub use lifecycle::{
    Action, Actor, ComplaintFacts, ComplaintId, InstansiId, OfficerId, Refusal, Transition,
};
pub use model::*;
pub use types::*;
