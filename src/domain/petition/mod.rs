//! The petition lifecycle as pure rules (groundwork for the petitions issue):
//! states, allowed transitions, and what the clock decides. Storage and
//! scheduling call these; nothing here does I/O.
mod lifecycle;
mod rules;

pub use lifecycle::{Command, Petition, PetitionState, RejectReason, TransitionError};
pub use rules::Rules;
