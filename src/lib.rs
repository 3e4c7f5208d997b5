//! ptdv — the browser app: UI, routing, storage adapters and browser glue only.
//! Everything that can be tested without a browser lives in the `ptdv-domain` crate.

pub mod components;
pub mod pages;
pub mod route;
pub mod storage;
mod shell;

pub use shell::App;
