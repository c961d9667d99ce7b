//! The only parts of the site that run in the browser (Leptos islands). Everything
//! else is rendered on the server and works as plain HTML, so these stay small:
//! they take their texts already translated, as props, and never the locale tables.
pub mod char_count;
pub mod comment_votes;
pub mod copy_button;
pub mod live_count;
pub mod map_updates;
pub mod receipt_verifier;
pub mod similar;
