//! Small building blocks shared by the pages.

mod empty_state;
mod page;
mod save_status;

pub use empty_state::EmptyState;
pub use page::Page;
pub use save_status::{ExportReminder, OtherTabDialog, SaveFailureBanner, SaveIndicator};
