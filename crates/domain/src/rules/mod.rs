//! Rule sets and rule checks (DOMAIN.md §2.3–2.4).

mod params;

pub use params::*;
