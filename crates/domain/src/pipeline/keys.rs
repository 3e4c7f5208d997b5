//! The keys of the next-step forms' fields, shared by the forms (`crate::step_forms`) and by
//! [`apply`](super::apply), whose [`TransitionError::Invalid`](super::TransitionError) names
//! the field at fault with one of them. The UI and its end-to-end tests rely on these strings.
//!
//! * one document: [`NUMBER`], [`DATE`], [`SIGNER`]; [`DATE`] is also the legal date of the
//!   steps that record only a date (opened on, sent on, returned on, self-review …);
//! * a vote: the document plus [`CONVENED`], [`PRESENT`], [`YES`], [`NO`] — the names of the
//!   fields of [`Vote`](crate::model::Vote), which [`validate_vote`](crate::rules::validate_vote)
//!   reports; a decision: [`APPROVED`] and the Standing Committee's optional ballot with the
//!   same four keys;
//! * people: [`PROPOSED_BY`], [`HELPERS`], the two introducers ([`INTRODUCERS`]), the union
//!   introduction [`UNION_BODY`], [`UNION_NUMBER`], [`UNION_DATE`];
//! * the others name their own data.

/// No field: the error is about the form as a whole (shown above it).
pub const NONE: &str = "";

pub const DATE: &str = "date";
pub const NUMBER: &str = "number";
pub const SIGNER: &str = "signer";

pub const CONVENED: &str = "convened";
pub const PRESENT: &str = "present";
pub const YES: &str = "yes";
pub const NO: &str = "no";
/// The four counts of a vote, in the order of the form.
pub const VOTE_COUNTS: [&str; 4] = [CONVENED, PRESENT, YES, NO];
pub const APPROVED: &str = "approved";

pub const PROPOSED_BY: &str = "proposed_by";
pub const HELPERS: &str = "helpers";
pub const CLASS_ID: &str = "class_id";
pub const ISSUER: &str = "issuer";

pub const UNION_BODY: &str = "union_body";
pub const UNION_NUMBER: &str = "union_number";
pub const UNION_DATE: &str = "union_date";

/// The keys of one member introducer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntroducerKeys {
    pub id: &'static str,
    pub since: &'static str,
    pub replacement: &'static str,
}

/// The first and the second introducer.
pub const INTRODUCERS: [IntroducerKeys; 2] = [
    IntroducerKeys { id: "introducer1", since: "introducer1_since", replacement: "introducer1_replacement" },
    IntroducerKeys { id: "introducer2", since: "introducer2_since", replacement: "introducer2_replacement" },
];

pub const SUBJECT: &str = "subject";
pub const PLACE: &str = "place";
pub const ABROAD: &str = "abroad";
/// The verification request replied to (its position in `Process::verifications`).
pub const VERIFICATION: &str = "verification";
pub const ELIGIBLE: &str = "eligible";
pub const ORGANISATIONS: &str = "organisations";

pub const LATE_CONSENT_NUMBER: &str = "late_consent_number";
pub const LATE_CONSENT_DATE: &str = "late_consent_date";

pub const MEMBER_RECORDS_ON: &str = "member_records_on";
pub const RECORD_NUMBER: &str = "record_number";
pub const DATABASE_ENTRY_ON: &str = "database_entry_on";
pub const CERTIFICATE_NUMBER: &str = "certificate_number";
pub const CERTIFICATE_DATE: &str = "certificate_date";
pub const CERTIFICATE_ISSUER: &str = "certificate_issuer";

pub const HELPER_REPORT_ON: &str = "helper_report_on";
pub const OPINIONS_ON: &str = "opinions_on";

pub const REASON: &str = "reason";
pub const DESTINATION: &str = "destination";
pub const CANCEL_REASON: &str = "cancel_reason";
pub const NOTE: &str = "note";
