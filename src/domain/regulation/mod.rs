//! Draft regulations out for comment (法規預告): the draft split into articles, its comparison
//! table, and the article-level difference between versions.
pub mod articles;
pub mod diff;
pub mod notice;
