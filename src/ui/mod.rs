//! Components, page layout and one module per route.
pub mod components;
pub mod layout;
pub mod pages;
