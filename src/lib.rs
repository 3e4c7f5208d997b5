//! ptdv — the browser app: UI, routing, storage adapters and browser glue only.
//! Everything that can be tested without a browser lives in the `ptdv-domain` crate.

pub mod charts;
pub mod clock;
pub mod components;
pub mod crypto;
pub mod download;
pub mod offline;
pub mod pages;
pub mod reader;
pub mod route;
mod shell;
mod split;
pub mod storage;
pub mod store;
pub mod worker;

pub use shell::App;
