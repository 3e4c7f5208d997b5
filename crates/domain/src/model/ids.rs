//! Typed, stable record ids. A string inside (a UUID from the browser, or a readable
//! deterministic id in the demo ward); the type keeps a cell id from being used as a candidate id.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(s: impl Into<String>) -> Self { Self(s.into()) }
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
    };
}

id_type!(/// Id of the ward (Đảng bộ phường / xã / đặc khu).
    WardId);
id_type!(/// Id of a party cell (chi bộ).
    CellId);
id_type!(/// Id of a party member (đảng viên) kept as helper, introducer or for vote counts.
    MemberId);
id_type!(/// Id of a candidate (quần chúng / người vào Đảng), kept after admission until official.
    CandidateId);
id_type!(/// Id of a class (lớp bồi dưỡng).
    ClassId);
id_type!(/// Id of an admission target (chỉ tiêu kết nạp).
    TargetId);
