//! Email: messages are written to the outbox in the caller's transaction and
//! delivered by a worker through a transport (files by default, SMTP when configured),
//! as text/plain (format=flowed) with an HTML alternative built from the same text.
pub mod html;
pub mod templates;
pub mod transport;
pub mod worker;
