//! Small building blocks shared by the pages.

mod empty_state;
mod page;

pub use empty_state::EmptyState;
pub use page::Page;
