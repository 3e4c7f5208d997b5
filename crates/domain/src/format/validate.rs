//! Step 7 of the loader, also run on every merge result: what must hold for a ward's data
//! beyond its JSON shape.
//!
//! In this order (the first error found is what [`validate`] reports; [`check`] lists them
//! all, up to a limit):
//!
//! 1. ids: non-empty, unique per record type;
//! 2. texts: no control characters or bidirectional overrides (tab and line breaks are allowed
//!    in free text, not in ids and names), lengths within [`MAX_ID_CHARS`], [`MAX_NAME_CHARS`],
//!    [`MAX_TEXT_CHARS`];
//! 3. values: ethnicity codes, "grade/system" education, years, terms, the benchmark rate;
//! 4. dates: none before 1900; events (everything recorded) at most one year after today;
//!    deadlines and calendar settings at most ten years after today; birth dates not after
//!    today; ends not before starts (class, member, verification); timestamps likewise;
//! 5. references: every cell, member, candidate and class id named resolves;
//! 6. vote counts ([`validate_vote`]);
//! 7. each candidate's stage agrees with its process record
//!    ([`check_invariants`](crate::pipeline::check_invariants)).
//!
//! Texts are kept exactly as written: markup such as `<script>` is data, and the UI shows it
//! as text (Leptos escapes text nodes and attributes).

use super::error::{DateProblem, LoadError, LoadWarning, Location, RecordRef};
use crate::model::*;
use crate::pipeline::check_invariants;
use crate::rules::{validate_vote, VotingBody};
use crate::text::is_bidi_control;
use chrono::{Days, Months, NaiveDate};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// A birth date making a person younger than this today gives a warning.
pub const YOUNG_AGE_YEARS: u32 = 16;
/// Earliest year of any date.
pub const MIN_YEAR: i32 = 1900;
/// Latest year of a term or a target.
pub const MAX_YEAR: i32 = 2100;

/// 1 January 1900: no date in the data is earlier.
pub fn min_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Errors (up to the limit) and warnings of a check.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckReport {
    pub errors: Vec<LoadError>,
    pub warnings: Vec<LoadWarning>,
}

/// Checks `data` as of `today`; the first error, or the warnings.
pub fn validate(data: &WardData, today: NaiveDate) -> Result<Vec<LoadWarning>, LoadError> {
    let r = check(data, today, 1);
    match r.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(r.warnings),
    }
}

/// Checks `data` as of `today`, collecting at most `max_errors` errors (for a list the user can
/// work through) and every warning.
pub fn check(data: &WardData, today: NaiveDate, max_errors: usize) -> CheckReport {
    check_with(data, today, max_errors, None)
}

/// Checks an edit before it is kept: `after` is `before` with some records changed (a form's
/// save). The same checks as the loader's, on what the edit can have broken — ids and
/// references across the whole data, everything else on the ward record and on the records
/// that differ from `before` — so the store never writes a document its own loader would
/// refuse. The first error found, or `Ok`.
pub fn validate_edit(before: &WardData, after: &WardData, today: NaiveDate) -> Result<(), LoadError> {
    let changed = WardData {
        ward: after.ward.clone(),
        cells: changed_records(&before.cells, &after.cells, |x| x.id.as_str()),
        members: changed_records(&before.members, &after.members, |x| x.id.as_str()),
        candidates: changed_records(&before.candidates, &after.candidates, |x| x.id.as_str()),
        classes: changed_records(&before.classes, &after.classes, |x| x.id.as_str()),
        targets: changed_records(&before.targets, &after.targets, |x| x.id.as_str()),
        changes: Default::default(),
    };
    let whole = run(after, today, 1, None, &[Checker::ids, Checker::references]);
    let first = whole.errors.into_iter().next().or_else(|| {
        let each = [Checker::texts, Checker::values, Checker::dates, Checker::votes, Checker::stages];
        run(&changed, today, 1, None, &each).errors.into_iter().next()
    });
    match first {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// The records of `after` that are new or differ from the record with the same id in `before`.
fn changed_records<T: Clone + PartialEq>(before: &[T], after: &[T], id: impl Fn(&T) -> &str) -> Vec<T> {
    // An edit keeps the records in place: compare each with the one at its position, and look
    // the id up only where the lists differ (a record added or removed before it).
    let mut by_id: Option<HashMap<&str, &T>> = None;
    let mut out = Vec::new();
    for (i, x) in after.iter().enumerate() {
        let old = match before.get(i) {
            Some(o) if id(o) == id(x) => Some(o),
            _ => by_id.get_or_insert_with(|| before.iter().map(|o| (id(o), o)).collect()).get(id(x)).copied(),
        };
        if old != Some(x) {
            out.push(x.clone());
        }
    }
    out
}

/// [`check`] with `data` already serialized (the loader has it: one serialization saved).
pub(crate) fn check_with<'a>(data: &'a WardData, today: NaiveDate, max_errors: usize, serialized: Option<&'a Value>) -> CheckReport {
    let steps: [fn(&mut Checker<'a>); 7] =
        [Checker::ids, Checker::texts, Checker::values, Checker::dates, Checker::references, Checker::votes, Checker::stages];
    run(data, today, max_errors, serialized, &steps)
}

/// [`check`] without its text step, stopping at the first error: for the loader's fast path,
/// which checked every text as it compared each record with its serialization.
pub(crate) fn check_typed(data: &WardData, today: NaiveDate) -> CheckReport {
    run(data, today, 1, None, &[Checker::ids, Checker::values, Checker::dates, Checker::references, Checker::votes, Checker::stages])
}

/// Runs `steps` of the check in order, stopping once `max_errors` are found.
fn run<'a>(
    data: &'a WardData,
    today: NaiveDate,
    max_errors: usize,
    serialized: Option<&'a Value>,
    steps: &[fn(&mut Checker<'a>)],
) -> CheckReport {
    let mut c = Checker {
        data,
        today,
        max_event: today.checked_add_months(Months::new(12)).unwrap_or(NaiveDate::MAX),
        max_plan: today.checked_add_months(Months::new(120)).unwrap_or(NaiveDate::MAX),
        report: CheckReport::default(),
        limit: max_errors.max(1),
        serialized,
    };
    for step in steps {
        if c.full() {
            break;
        }
        step(&mut c);
    }
    c.report.errors.truncate(c.limit);
    c.report
}

pub(crate) fn ward_ref(w: &Ward) -> RecordRef {
    RecordRef::new(RecordKind::Ward, w.id.as_str(), w.name.as_str())
}
pub(crate) fn cell_ref(x: &Cell) -> RecordRef {
    RecordRef::new(RecordKind::Cell, x.id.as_str(), x.name.as_str())
}
pub(crate) fn member_ref(x: &PartyMember) -> RecordRef {
    RecordRef::new(RecordKind::Member, x.id.as_str(), x.full_name.as_str())
}
pub(crate) fn candidate_ref(x: &Candidate) -> RecordRef {
    RecordRef::new(RecordKind::Candidate, x.id.as_str(), x.full_name.as_str())
}
pub(crate) fn class_ref(x: &Class) -> RecordRef {
    RecordRef::new(RecordKind::Class, x.id.as_str(), x.name.as_str())
}
pub(crate) fn target_ref(x: &Target) -> RecordRef {
    RecordRef::new(RecordKind::Target, x.id.as_str(), target_title(x))
}

/// "năm 2026" / "nhiệm kỳ 2025–2030", for messages.
pub(crate) fn target_title(t: &Target) -> String {
    match t.period {
        TargetPeriod::Year { year } => format!("năm {year}"),
        TargetPeriod::Term { start_year, end_year } => format!("nhiệm kỳ {start_year}–{end_year}"),
    }
}

struct Checker<'a> {
    data: &'a WardData,
    today: NaiveDate,
    max_event: NaiveDate,
    max_plan: NaiveDate,
    report: CheckReport,
    limit: usize,
    serialized: Option<&'a Value>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TextKind {
    Id,
    Name,
    Free,
    /// What people write for a report ([`MAX_LONG_TEXT_CHARS`]).
    Long,
}

impl TextKind {
    /// A control character (line breaks and tabs are allowed in free and long texts) or a
    /// bidirectional control, which could make a text read differently from what it holds.
    pub(super) fn refuses(self, c: char) -> bool {
        let allowed_space = matches!(self, TextKind::Free | TextKind::Long) && matches!(c, '\n' | '\r' | '\t');
        (c.is_control() && !allowed_space) || is_bidi_control(c)
    }

    pub(super) fn max_chars(self) -> usize {
        match self {
            TextKind::Id => MAX_ID_CHARS,
            TextKind::Name => MAX_NAME_CHARS,
            TextKind::Free => MAX_TEXT_CHARS,
            TextKind::Long => MAX_LONG_TEXT_CHARS,
        }
    }
}

/// A date rule: `Event` for everything recorded as having happened (or planned within a year),
/// `Plan` for deadlines and calendar settings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DateKind {
    Event,
    Plan,
}

impl<'a> Checker<'a> {
    fn full(&self) -> bool {
        self.report.errors.len() >= self.limit
    }
    fn err(&mut self, e: LoadError) {
        if !self.full() {
            self.report.errors.push(e);
        }
    }
    fn warn(&mut self, w: LoadWarning) {
        self.report.warnings.push(w);
    }

    fn record_at(&self, kind: RecordKind, idx: usize) -> Option<RecordRef> {
        let d = self.data;
        match kind {
            RecordKind::Ward => Some(ward_ref(&d.ward)),
            RecordKind::Cell => d.cells.get(idx).map(cell_ref),
            RecordKind::Member => d.members.get(idx).map(member_ref),
            RecordKind::Candidate => d.candidates.get(idx).map(candidate_ref),
            RecordKind::Class => d.classes.get(idx).map(class_ref),
            RecordKind::Target => d.targets.get(idx).map(target_ref),
        }
    }

    // 1. ids ---------------------------------------------------------------------------------

    fn ids(&mut self) {
        let d = self.data;
        self.ids_of(std::iter::once(ward_ref(&d.ward)));
        self.ids_of(d.cells.iter().map(cell_ref));
        self.ids_of(d.members.iter().map(member_ref));
        self.ids_of(d.candidates.iter().map(candidate_ref));
        self.ids_of(d.classes.iter().map(class_ref));
        self.ids_of(d.targets.iter().map(target_ref));
    }

    fn ids_of(&mut self, records: impl Iterator<Item = RecordRef>) {
        let mut seen: HashMap<String, String> = HashMap::new();
        for r in records {
            if r.id.trim().is_empty() {
                self.err(LoadError::BadValue { at: Location::new(r, "id"), detail: "mã bị để trống".into() });
                continue;
            }
            if let Some(first) = seen.get(&r.id) {
                let e = LoadError::DuplicateId { kind: r.kind, id: r.id.clone(), first: first.clone(), second: r.name.clone() };
                self.err(e);
            } else {
                seen.insert(r.id.clone(), r.name.clone());
            }
        }
    }

    // 2. texts -------------------------------------------------------------------------------

    fn texts(&mut self) {
        // Walk the serialized form: every text field, including ones added to the model later.
        let owned;
        let root = match self.serialized {
            Some(v) => v,
            None => match crate::model::write::write_value(self.data) {
                Ok(v) => {
                    owned = v;
                    &owned
                }
                Err(_) => return,
            },
        };
        let Value::Object(root) = root else { return };
        for (key, value) in root {
            let Some(kind) = RecordKind::from_key(key) else { continue };
            match (kind, value) {
                (RecordKind::Ward, v) => {
                    let r = ward_ref(&self.data.ward);
                    self.walk(&r, v);
                }
                (_, Value::Array(items)) => {
                    for (i, v) in items.iter().enumerate() {
                        if self.full() {
                            return;
                        }
                        if let Some(r) = self.record_at(kind, i) {
                            self.walk(&r, v);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Checks every text of a record, its kind (id, name, free text) named by its key.
    fn walk(&mut self, r: &RecordRef, v: &Value) {
        super::load::scan(v, &mut String::new(), "", &mut |path, key, leaf| {
            if let Value::String(s) = leaf {
                self.text(r, path, s, text_kind(key));
            }
        });
    }

    fn text(&mut self, r: &RecordRef, path: &str, s: &str, kind: TextKind) {
        if let Some(c) = s.chars().find(|&c| kind.refuses(c)) {
            self.err(LoadError::ControlCharacter { at: Location::new(r.clone(), path), code_point: u32::from(c) });
            return;
        }
        let max = kind.max_chars();
        // Byte length bounds the character count from above: only count when it may matter.
        if s.len() > max {
            let chars = s.chars().count();
            if chars > max {
                self.err(LoadError::TextTooLong { at: Location::new(r.clone(), path), chars, max });
            }
        }
    }

    // 3. values ------------------------------------------------------------------------------

    fn values(&mut self) {
        let d = self.data;
        let w = ward_ref(&d.ward);
        let term = d.ward.term;
        if !year_ok(term.start_year) || !year_ok(term.end_year) || term.end_year < term.start_year {
            self.err(LoadError::BadValue {
                at: Location::new(w.clone(), "term"),
                detail: format!("nhiệm kỳ {}–{} không hợp lệ", term.start_year, term.end_year),
            });
        }
        let doc = &d.ward.settings.document;
        if doc.margins_mm.is_some_and(|m| m.iter().any(|x| !DocumentSettings::MARGIN_RANGE.contains(x))) {
            self.err(LoadError::BadValue {
                at: Location::new(w.clone(), "settings.document.margins_mm"),
                detail: "lề trang phải từ 5 đến 50 mm".into(),
            });
        }
        if doc.font_pt.is_some_and(|x| !DocumentSettings::FONT_RANGE.contains(&x)) || !matches!(doc.font.as_str(), "" | "serif" | "sans") {
            let at = if doc.font_pt.is_some_and(|x| !DocumentSettings::FONT_RANGE.contains(&x)) { "font_pt" } else { "font" };
            self.err(LoadError::BadValue {
                at: Location::new(w.clone(), format!("settings.document.{at}")),
                detail: "cỡ chữ phải từ 11 đến 16, kiểu chữ có chân (serif) hoặc không chân (sans)".into(),
            });
        }
        let mut reports = HashSet::new();
        if let Some(n) = d.ward.report_notes.iter().find(|n| n.report.is_empty() || !reports.insert(n.report.as_str())) {
            self.err(LoadError::BadValue {
                at: Location::new(w.clone(), "report_notes"),
                detail: format!("phần viết cho báo cáo “{}” thiếu kỳ báo cáo hoặc bị trùng", n.report.chars().take(40).collect::<String>()),
            });
        }
        let (a, b) = d.ward.settings.development_benchmark;
        if !(a.is_finite() && b.is_finite() && (0.0..=100.0).contains(&a) && (0.0..=100.0).contains(&b)) {
            self.err(LoadError::BadValue {
                at: Location::new(w, "settings.development_benchmark"),
                detail: "tỷ lệ phải là số từ 0 đến 100".into(),
            });
        }
        for cell in &d.cells {
            if let Some(y) = cell.members_by_year.keys().find(|y| !year_ok(**y)) {
                self.err(LoadError::BadValue {
                    at: Location::new(cell_ref(cell), format!("members_by_year.{y}")),
                    detail: format!("năm {y} không hợp lệ"),
                });
            }
        }
        for c in &d.candidates {
            if !c.ethnicity.is_valid() {
                self.err(LoadError::BadValue {
                    at: Location::new(candidate_ref(c), "ethnicity"),
                    detail: format!("mã dân tộc {} không có trong danh mục (1–56)", c.ethnicity.0),
                });
            }
            let e = c.education;
            if !matches!(e.system, 10 | 12) || e.grade > e.system {
                self.err(LoadError::BadValue {
                    at: Location::new(candidate_ref(c), "education"),
                    detail: format!("trình độ “{}/{}” không hợp lệ (hệ 10 hoặc 12 năm)", e.grade, e.system),
                });
            }
        }
        for t in &d.targets {
            let ok = match t.period {
                TargetPeriod::Year { year } => year_ok(year),
                TargetPeriod::Term { start_year, end_year } => year_ok(start_year) && year_ok(end_year) && start_year <= end_year,
            };
            if !ok {
                self.err(LoadError::BadValue {
                    at: Location::new(target_ref(t), "period"),
                    detail: format!("thời hạn “{}” không hợp lệ", target_title(t)),
                });
            }
        }
    }

    // 4. dates -------------------------------------------------------------------------------

    fn date(&mut self, r: &RecordRef, field: &str, d: NaiveDate, kind: DateKind) {
        let max = match kind {
            DateKind::Event => self.max_event,
            DateKind::Plan => self.max_plan,
        };
        let problem = if d < min_date() {
            DateProblem::BeforeMin { min: min_date() }
        } else if d > max {
            DateProblem::AfterMax { max }
        } else {
            return;
        };
        self.err(LoadError::DateOutOfRange { at: Location::new(r.clone(), field), date: d, problem });
    }

    fn opt_date(&mut self, r: &RecordRef, field: &str, d: Option<NaiveDate>) {
        if let Some(d) = d {
            self.date(r, field, d, DateKind::Event);
        }
    }

    fn order(&mut self, r: &RecordRef, start_field: &str, start: NaiveDate, end_field: &str, end: NaiveDate) {
        if end < start {
            self.err(LoadError::DatesOutOfOrder {
                at: r.clone(),
                start_field: start_field.into(),
                start,
                end_field: end_field.into(),
                end,
            });
        }
    }

    fn stamp(&mut self, r: &RecordRef, field: &str, t: &Timestamp) {
        let d = t.date_naive();
        self.date(r, field, d, DateKind::Event);
        if d > self.today.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX) && d <= self.max_event {
            self.warn(LoadWarning::TimestampInFuture { at: Location::new(r.clone(), field), value: *t });
        }
    }

    fn stamps(&mut self, r: &RecordRef, created: &Timestamp, updated: &Timestamp) {
        self.stamp(r, "created_at", created);
        self.stamp(r, "updated_at", updated);
    }

    fn doc(&mut self, r: &RecordRef, field: &str, doc: &DocRef) {
        self.date(r, &format!("{field}.date"), doc.date, DateKind::Event);
    }

    fn votes_dates(&mut self, r: &RecordRef, field: &str, votes: &[Vote]) {
        for (i, v) in votes.iter().enumerate() {
            self.doc(r, &format!("{field}[{i}].resolution"), &v.resolution);
        }
    }

    fn decision_dates(&mut self, r: &RecordRef, field: &str, d: &Option<Decision>) {
        if let Some(d) = d {
            self.doc(r, &format!("{field}.document"), &d.document);
            if let Some(v) = &d.vote {
                self.doc(r, &format!("{field}.vote.resolution"), &v.resolution);
            }
        }
    }

    fn certificate_dates(&mut self, r: &RecordRef, field: &str, c: &Option<Certificate>) {
        if let Some(c) = c {
            self.date(r, &format!("{field}.issued_on"), c.issued_on, DateKind::Event);
        }
    }

    fn dates(&mut self) {
        let d = self.data;
        let w = ward_ref(&d.ward);
        self.stamps(&w, &d.ward.created_at, &d.ward.updated_at);
        let cal = &d.ward.settings.calendar;
        for (i, day) in cal.extra_days_off.iter().enumerate() {
            self.date(&w, &format!("settings.calendar.extra_days_off[{i}]"), *day, DateKind::Plan);
        }
        for (i, day) in cal.extra_working_days.iter().enumerate() {
            self.date(&w, &format!("settings.calendar.extra_working_days[{i}]"), *day, DateKind::Plan);
        }
        for x in &d.cells {
            self.stamps(&cell_ref(x), &x.created_at, &x.updated_at);
        }
        for m in &d.members {
            let r = member_ref(m);
            self.opt_date(&r, "admitted_on", m.admitted_on);
            self.opt_date(&r, "official_on", m.official_on);
            if let (Some(a), Some(o)) = (m.admitted_on, m.official_on) {
                self.order(&r, "admitted_on", a, "official_on", o);
            }
            self.stamps(&r, &m.created_at, &m.updated_at);
        }
        for c in &d.candidates {
            if self.full() {
                return;
            }
            self.candidate_dates(c);
        }
        for k in &d.classes {
            let r = class_ref(k);
            self.date(&r, "start", k.start, DateKind::Event);
            self.date(&r, "end", k.end, DateKind::Event);
            self.order(&r, "start", k.start, "end", k.end);
            self.opt_date(&r, "certificate_date", k.certificate_date);
            self.stamps(&r, &k.created_at, &k.updated_at);
        }
        for t in &d.targets {
            self.stamps(&target_ref(t), &t.created_at, &t.updated_at);
        }
    }

    fn candidate_dates(&mut self, c: &Candidate) {
        let r = candidate_ref(c);
        if c.birth_date < min_date() {
            self.date(&r, "birth_date", c.birth_date, DateKind::Event);
        } else if c.birth_date > self.today {
            self.err(LoadError::DateOutOfRange {
                at: Location::new(r.clone(), "birth_date"),
                date: c.birth_date,
                problem: DateProblem::BirthInFuture,
            });
        } else if crate::dates::months_between(c.birth_date, self.today) < (YOUNG_AGE_YEARS * 12) as i32 {
            self.warn(LoadWarning::VeryYoung { at: r.clone(), birth_date: c.birth_date });
        }
        if let Some(x) = &c.readmission {
            self.date(&r, "readmission.left_on", x.left_on, DateKind::Event);
            self.opt_date(&r, "readmission.record_cleared_on", x.record_cleared_on);
        }
        for (i, x) in c.consents.iter().enumerate() {
            self.doc(&r, &format!("consents[{i}].document"), &x.document);
        }
        let p = &c.process;
        if let Some(x) = &p.source_pool {
            self.date(&r, "process.source_pool.date", x.date, DateKind::Event);
        }
        if let Some(x) = &p.sympathiser {
            self.doc(&r, "process.sympathiser.resolution", &x.resolution);
        }
        if let Some(x) = &p.class_proposal {
            self.date(&r, "process.class_proposal.date", x.date, DateKind::Event);
        }
        self.certificate_dates(&r, "process.certificate", &p.certificate);
        if let Some(x) = &p.permission {
            self.doc(&r, "process.permission", x);
        }
        if let Some(x) = &p.dossier {
            self.date(&r, "process.dossier.opened_on", x.opened_on, DateKind::Event);
            if let Some(u) = &x.union_introduction {
                self.doc(&r, "process.dossier.union_introduction.resolution", &u.resolution);
            }
            for (i, intro) in x.introducers.iter().enumerate() {
                self.date(&r, &format!("process.dossier.introducers[{i}].together_since"), intro.together_since, DateKind::Event);
            }
        }
        for (i, v) in p.verifications.iter().enumerate() {
            let f = format!("process.verifications[{i}]");
            self.date(&r, &format!("{f}.sent_on"), v.sent_on, DateKind::Event);
            if let Some(back) = v.returned_on {
                self.date(&r, &format!("{f}.returned_on"), back, DateKind::Event);
                self.order(&r, &format!("{f}.sent_on"), v.sent_on, &format!("{f}.returned_on"), back);
            }
        }
        if let Some(x) = &p.cv_certification {
            self.date(&r, "process.cv_certification.date", x.date, DateKind::Event);
        }
        if let Some(x) = &p.opinions {
            self.date(&r, "process.opinions.date", x.date, DateKind::Event);
        }
        self.votes_dates(&r, "process.cell_votes", &p.cell_votes);
        self.opt_date(&r, "process.sent_up_on", p.sent_up_on);
        self.votes_dates(&r, "process.grassroots_votes", &p.grassroots_votes);
        self.decision_dates(&r, "process.decision", &p.decision);
        self.opt_date(&r, "process.decision_received_on", p.decision_received_on);
        if let Some(x) = &p.ceremony {
            self.date(&r, "process.ceremony.date", x.date, DateKind::Event);
            if let Some(doc) = &x.late_consent {
                self.doc(&r, "process.ceremony.late_consent", doc);
            }
        }
        let a = &p.after_admission;
        self.opt_date(&r, "process.after_admission.member_records_on", a.member_records_on);
        self.opt_date(&r, "process.after_admission.database_entry_on", a.database_entry_on);
        self.certificate_dates(&r, "process.after_admission.new_member_certificate", &a.new_member_certificate);
        let g = &p.recognition;
        self.opt_date(&r, "process.recognition.self_review_on", g.self_review_on);
        self.opt_date(&r, "process.recognition.helper_report_on", g.helper_report_on);
        self.opt_date(&r, "process.recognition.opinions_on", g.opinions_on);
        self.votes_dates(&r, "process.recognition.cell_votes", &g.cell_votes);
        self.votes_dates(&r, "process.recognition.grassroots_votes", &g.grassroots_votes);
        self.decision_dates(&r, "process.recognition.decision", &g.decision);
        if let Some(x) = &p.exit {
            self.date(&r, "process.exit.date", x.date, DateKind::Event);
            if let Some(doc) = &x.document {
                self.doc(&r, "process.exit.document", doc);
            }
        }
        for (i, h) in c.history.iter().enumerate() {
            self.date(&r, &format!("history[{i}].date"), h.date, DateKind::Event);
            self.stamp(&r, &format!("history[{i}].recorded_at"), &h.recorded_at);
            if let Some(late) = &h.late {
                self.date(&r, &format!("history[{i}].late.deadline"), late.deadline, DateKind::Plan);
            }
        }
        self.stamps(&r, &c.created_at, &c.updated_at);
    }

    // 5. references --------------------------------------------------------------------------

    fn references(&mut self) {
        let d = self.data;
        let cells: HashSet<&str> = d.cells.iter().map(|x| x.id.as_str()).collect();
        let members: HashSet<&str> = d.members.iter().map(|x| x.id.as_str()).collect();
        let candidates: HashSet<&str> = d.candidates.iter().map(|x| x.id.as_str()).collect();
        let classes: HashSet<&str> = d.classes.iter().map(|x| x.id.as_str()).collect();
        let mut missing: Vec<(RecordRef, String, RecordKind, String)> = Vec::new();
        let mut need = |set: &HashSet<&str>, from: &dyn Fn() -> RecordRef, field: String, target: RecordKind, id: &str| {
            if !set.contains(id) {
                missing.push((from(), field, target, id.to_string()));
            }
        };
        for m in &d.members {
            need(&cells, &|| member_ref(m), "cell_id".into(), RecordKind::Cell, m.cell_id.as_str());
        }
        for c in &d.candidates {
            let from = || candidate_ref(c);
            need(&cells, &from, "cell_id".into(), RecordKind::Cell, c.cell_id.as_str());
            let p = &c.process;
            if let Some(s) = &p.sympathiser {
                for (i, h) in s.helpers.iter().enumerate() {
                    need(&members, &from, format!("process.sympathiser.helpers[{i}]"), RecordKind::Member, h.as_str());
                }
            }
            if let Some(x) = &p.dossier {
                for (i, intro) in x.introducers.iter().enumerate() {
                    let f = format!("process.dossier.introducers[{i}].member_id");
                    need(&members, &from, f, RecordKind::Member, intro.member_id.as_str());
                }
            }
            if let Some(x) = &p.ceremony {
                for (i, h) in x.helpers.iter().enumerate() {
                    need(&members, &from, format!("process.ceremony.helpers[{i}]"), RecordKind::Member, h.as_str());
                }
            }
            let class_refs = [
                ("process.class_proposal.class_id", p.class_proposal.as_ref().and_then(|x| x.class_id.as_ref())),
                ("process.certificate.class_id", p.certificate.as_ref().and_then(|x| x.class_id.as_ref())),
                (
                    "process.after_admission.new_member_certificate.class_id",
                    p.after_admission.new_member_certificate.as_ref().and_then(|x| x.class_id.as_ref()),
                ),
            ];
            for (f, id) in class_refs {
                if let Some(id) = id {
                    need(&classes, &from, f.into(), RecordKind::Class, id.as_str());
                }
            }
        }
        for k in &d.classes {
            for (i, l) in k.learners.iter().enumerate() {
                let f = format!("learners[{i}].candidate_id");
                need(&candidates, &|| class_ref(k), f, RecordKind::Candidate, l.candidate_id.as_str());
            }
        }
        for t in &d.targets {
            if let TargetScope::Cell { cell_id } = &t.scope {
                need(&cells, &|| target_ref(t), "scope.cell_id".into(), RecordKind::Cell, cell_id.as_str());
            }
        }
        for (from, field, target, id) in missing {
            self.err(LoadError::DanglingReference { from, field, target, id });
        }
        // A setting naming a removed cell harms nothing: a warning.
        for id in &d.ward.settings.local.cells_without_youth_union {
            if !cells.contains(id.as_str()) {
                self.warn(LoadWarning::SettingsUnknownCell { cell_id: id.clone() });
            }
        }
    }

    // 6. votes -------------------------------------------------------------------------------

    fn votes(&mut self) {
        for c in &self.data.candidates {
            let p = &c.process;
            let mut all: Vec<(String, &Vote, VotingBody)> = Vec::new();
            let lists = [
                ("process.cell_votes", &p.cell_votes, VotingBody::Cell),
                ("process.grassroots_votes", &p.grassroots_votes, VotingBody::GrassrootsCommittee),
                ("process.recognition.cell_votes", &p.recognition.cell_votes, VotingBody::Cell),
                ("process.recognition.grassroots_votes", &p.recognition.grassroots_votes, VotingBody::GrassrootsCommittee),
            ];
            for (f, votes, body) in lists {
                all.extend(votes.iter().enumerate().map(|(i, v)| (format!("{f}[{i}]"), v, body)));
            }
            for (f, d) in [("process.decision.vote", &p.decision), ("process.recognition.decision.vote", &p.recognition.decision)] {
                if let Some(v) = d.as_ref().and_then(|d| d.vote.as_ref()) {
                    all.push((f.to_string(), v, VotingBody::StandingCommittee));
                }
            }
            for (f, v, body) in all {
                if let Err(e) = validate_vote(v, body) {
                    self.err(LoadError::InvalidVote { at: Location::new(candidate_ref(c), format!("{f}.{}", e.field)), detail: e.message });
                }
            }
        }
    }

    // 7. stages ------------------------------------------------------------------------------

    fn stages(&mut self) {
        for c in &self.data.candidates {
            if self.full() {
                return;
            }
            if let Err(detail) = check_invariants(c) {
                self.err(LoadError::StageInconsistent { at: candidate_ref(c), stage: c.stage, detail });
            }
        }
    }
}

fn year_ok(y: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

pub(super) fn text_kind(key: &str) -> TextKind {
    match key {
        "id" | "helpers" | "cells_without_youth_union" => TextKind::Id,
        k if k.ends_with("_id") => TextKind::Id,
        "full_name" | "name" | "code" => TextKind::Name,
        "shortcomings" | "causes" | "directions" => TextKind::Long,
        _ => TextKind::Free,
    }
}
