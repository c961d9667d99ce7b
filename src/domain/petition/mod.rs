//! Petitions as pure rules:
//! states, allowed transitions, and what the clock decides. Storage and
//! scheduling call these; nothing here does I/O.
mod lifecycle;
mod pause;
pub mod proposal;
mod rules;
pub mod search;

pub use lifecycle::{Command, Petition, PetitionState, RejectReason, TransitionError, accepts_signatures};
pub use pause::PauseShift;
pub use rules::Rules;
