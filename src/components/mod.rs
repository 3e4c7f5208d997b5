//! Small building blocks shared by the pages.

mod empty_state;
mod form;
mod page;
mod save_status;

pub use empty_state::EmptyState;
pub use form::{keep_draft, values_with_draft, ConfirmBox, Draft, FormFields, RecordForm};
pub use page::Page;
pub use save_status::{ExportReminder, OtherTabDialog, SaveFailureBanner, SaveIndicator};
