//! How long the texts of a record may be: every save checks them, and so does the loader, so a
//! saved record can always be exported and read back. Defined in [`crate::text`], beside the
//! check every form runs ([`crate::text::text_problem`]).

pub use crate::text::{MAX_ID_CHARS, MAX_LONG_TEXT_CHARS, MAX_NAME_CHARS, MAX_TEXT_CHARS};
