//! How long the texts of a record may be: every save checks them, and so does the loader, so a
//! saved record can always be exported and read back.

/// Longest id, in characters (a browser UUID is 36).
pub const MAX_ID_CHARS: usize = 128;
/// Longest name (`full_name`, `name`, `code`), in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest other text (reasons, places, document numbers …), in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
