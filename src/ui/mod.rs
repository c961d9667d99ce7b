//! Components, page layout and one module per route.
pub mod components;
pub mod islands;
pub mod layout;
pub mod live;
pub mod pages;
pub mod raw_text;
