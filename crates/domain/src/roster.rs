//! The candidate list (Quần chúng / Hồ sơ): an index of the ward's candidates built once per
//! change of the data, then filtered on every keystroke.
//!
//! * [`Roster::build`] folds each candidate's searchable text once (name, cell name,
//!   residential area — [`crate::text::fold`]), resolves the cell, keeps the stage, the sources
//!   and target groups as bit sets, and computes the most urgent pending deadline
//!   (docs/domain.md §2.4, through [`crate::deadlines::visit_timers`]) so that "overdue" can be
//!   filtered without recomputing timers.
//! * The order is given by the caller ([`Roster::sort_by_names`] with the browser's Vietnamese
//!   collation); the roster starts in the native fallback order (given name, then full name,
//!   compared folded), so tests and non-browser callers get a sensible order.
//! * [`Roster::filter`] returns the indices of the matching candidates in that order.
//!   Search has the word-prefix semantics of [`crate::text::SearchQuery`]: every query word
//!   must begin a word of the name, the cell name or the residential area, ignoring case and
//!   diacritics ("nguyen van a" finds "Nguyễn Văn An").

use crate::calendar::WorkingCalendar;
use crate::deadlines::{visit_timers, DeadlineState, TimerKind};
use crate::model::{code_of, parse_code, CandidateId, CellId, CellKind, SourceOrg, TargetGroup, WardData};
use crate::pipeline::Stage;
use crate::rules::{NoMembers, RuleContext, RuleSets};
use crate::statistics::{admission_date, due_for_recognition_on, is_probationary_on, AdmittedTrait};
use crate::text::{fold, SearchQuery};
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A stage, or a group of stages, to filter the list by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StageFilter {
    /// Exactly this stage.
    Stage(Stage),
    /// Still followed by the ward: every stage that is not final (probation included).
    Active,
    /// Not admitted yet: active and before the ceremony.
    BeforeAdmission,
    /// Đảng viên dự bị, including those whose recognition is being considered.
    Probationary,
    /// Nothing more to do: official members and every exit.
    Finished,
}

impl StageFilter {
    /// The groups, in the order they are offered.
    pub const GROUPS: [StageFilter; 4] =
        [StageFilter::Active, StageFilter::BeforeAdmission, StageFilter::Probationary, StageFilter::Finished];

    pub fn matches(self, stage: Stage) -> bool {
        match self {
            StageFilter::Stage(s) => s == stage,
            StageFilter::Active => stage.is_active(),
            StageFilter::BeforeAdmission => stage.is_active() && !is_probationary(stage),
            StageFilter::Probationary => is_probationary(stage),
            StageFilter::Finished => stage.is_final(),
        }
    }

    /// The Vietnamese label of the choice.
    pub fn label(self) -> &'static str {
        match self {
            StageFilter::Stage(s) => s.label(),
            StageFilter::Active => "Đang theo dõi (mọi bước chưa kết thúc)",
            StageFilter::BeforeAdmission => "Chưa kết nạp (từ nguồn đến chờ lễ kết nạp)",
            StageFilter::Probationary => "Đảng viên dự bị (cả đang xét chính thức)",
            StageFilter::Finished => "Đã kết thúc (chính thức, dừng, rút, chuyển đi)",
        }
    }

    /// A stable short code (for a `<select>` value or a URL).
    pub fn code(self) -> String {
        match self {
            StageFilter::Stage(s) => format!("{s:?}"),
            StageFilter::Active => "active".into(),
            StageFilter::BeforeAdmission => "before-admission".into(),
            StageFilter::Probationary => "probationary".into(),
            StageFilter::Finished => "finished".into(),
        }
    }

    /// The inverse of [`StageFilter::code`].
    pub fn from_code(code: &str) -> Option<StageFilter> {
        Self::GROUPS.into_iter().chain(Stage::ALL.into_iter().map(StageFilter::Stage)).find(|f| f.code() == code)
    }
}

fn is_probationary(s: Stage) -> bool {
    matches!(s, Stage::DuBi | Stage::XetChinhThuc)
}

/// A candidate's most urgent pending deadline (the earliest one), as of the roster's day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextDeadline {
    pub kind: TimerKind,
    /// Vietnamese label, e.g. "Hạn ra quyết định kết nạp".
    pub label: &'static str,
    pub deadline: NaiveDate,
    /// Where it stands on the roster's day (the ward's "due soon" lead time).
    pub state: DeadlineState,
}

impl NextDeadline {
    /// Past its deadline, extension or not.
    pub fn is_overdue(&self) -> bool {
        self.state.status.is_late()
    }
    /// Calendar days overdue (0 when not overdue).
    pub fn days_overdue(&self) -> i64 {
        self.state.days_overdue()
    }
}

/// One candidate as the list needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct RosterEntry {
    pub id: CandidateId,
    pub full_name: String,
    /// The last word of the full name.
    pub given_name: String,
    pub cell_id: CellId,
    /// The cell's name, or its id when the cell is missing from the record.
    pub cell_name: String,
    pub residence: String,
    pub stage: Stage,
    pub sources: Vec<SourceOrg>,
    pub groups: Vec<TargetGroup>,
    pub next: Option<NextDeadline>,
    /// The date that makes the person admitted ([`admission_date`]).
    pub admitted_on: Option<NaiveDate>,
    /// Position of the cell in the ward's `cells` (u32::MAX when missing).
    cell_ix: u32,
    cell_kind: Option<CellKind>,
    source_bits: u32,
    group_bits: u32,
    /// [`AdmittedTrait`]s on the admission date, as bits of `AdmittedTrait::ALL`.
    trait_bits: u32,
    /// Due for recognition on the roster's day ([`due_for_recognition_on`]).
    recognition_due: bool,
    /// A probationary member on the roster's day, by the statistics' dates ([`is_probationary_on`]).
    probationary: bool,
}

impl RosterEntry {
    pub fn is_overdue(&self) -> bool {
        self.next.as_ref().is_some_and(NextDeadline::is_overdue)
    }
}

/// What the user asked to see.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RosterQuery {
    /// Free text (name, cell, residential area), any case, with or without diacritics.
    pub text: String,
    pub cell: Option<CellId>,
    pub stage: Option<StageFilter>,
    pub source: Option<SourceOrg>,
    pub group: Option<TargetGroup>,
    /// Only candidates whose most urgent pending deadline has passed.
    pub overdue_only: bool,
    /// Only the admitted whose admission date is in this range (inclusive).
    pub admitted: Option<(NaiveDate, NaiveDate)>,
    /// Only the candidates of cells of this kind.
    pub cell_kind: Option<CellKind>,
    /// Only probationary members due for recognition.
    pub recognition_due: bool,
    /// Only probationary members, by the statistics' dates (ceremony held, not yet recognised,
    /// struck off or gone) rather than by the recorded stage.
    pub probationary: bool,
    /// Only the admitted with this trait (on their admission date).
    pub admitted_trait: Option<AdmittedTrait>,
}

/// Decodes a percent-encoded query value ('+' is a space); `None` if it is not UTF-8.
pub fn decode_value(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// The `key=value` pairs of a query string ("a=1&b=x%20y"), decoded; bad pairs are skipped.
pub fn query_pairs(query: &str) -> Vec<(String, String)> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            Some((decode_value(k)?, decode_value(v)?))
        })
        .collect()
}

/// Joins `key=value` pairs into a query string, values encoded.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{k}={}", crate::text::percent_encode(v))).collect::<Vec<_>>().join("&")
}

impl RosterQuery {
    /// The query as the part of `#/ho-so?…` after the `?` ("" for no filter), so that a list
    /// view can be bookmarked and a figure can link to its list.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.text.trim().is_empty() {
            pairs.push(("tim", self.text.clone()));
        }
        if let Some(c) = &self.cell {
            pairs.push(("chi-bo", c.to_string()));
        }
        if let Some(k) = self.cell_kind {
            pairs.push(("loai", code_of(k)));
        }
        if let Some(s) = self.stage {
            pairs.push(("giai-doan", s.code()));
        }
        if let Some(s) = self.source {
            pairs.push(("nguon", code_of(s)));
        }
        if let Some(g) = self.group {
            pairs.push(("doi-tuong", code_of(g)));
        }
        if self.overdue_only {
            pairs.push(("qua-han", "1".into()));
        }
        if let Some((from, to)) = self.admitted {
            pairs.push(("ket-nap", format!("{from}..{to}")));
        }
        if self.recognition_due {
            pairs.push(("den-han-chinh-thuc", "1".into()));
        }
        if self.probationary {
            pairs.push(("du-bi", "1".into()));
        }
        if let Some(t) = self.admitted_trait {
            pairs.push(("dac-diem", t.code().into()));
        }
        query_string(&pairs)
    }

    /// Reads [`RosterQuery::to_query`]'s form back; unknown keys and bad values are ignored.
    pub fn from_query(query: &str) -> RosterQuery {
        let mut q = RosterQuery::default();
        for (k, v) in query_pairs(query) {
            match k.as_str() {
                "tim" => q.text = v,
                "chi-bo" if !v.is_empty() => q.cell = Some(CellId::new(v)),
                "loai" => q.cell_kind = parse_code(&v),
                "giai-doan" => q.stage = StageFilter::from_code(&v),
                "nguon" => q.source = parse_code(&v),
                "doi-tuong" => q.group = parse_code(&v),
                "qua-han" => q.overdue_only = v == "1",
                "ket-nap" => {
                    q.admitted = v.split_once("..").and_then(|(a, b)| Some((a.parse().ok()?, b.parse().ok()?)));
                }
                "den-han-chinh-thuc" => q.recognition_due = v == "1",
                "du-bi" => q.probationary = v == "1",
                "dac-diem" => q.admitted_trait = AdmittedTrait::from_code(&v),
                _ => {}
            }
        }
        q
    }
}

/// The index of a ward's candidates (see the module documentation).
#[derive(Clone, Debug, PartialEq)]
pub struct Roster {
    /// One entry per candidate, at the candidate's position in `WardData::candidates`.
    entries: Vec<RosterEntry>,
    /// The distinct folded words of every name, cell name and residential area, sorted: the
    /// words beginning with a query word are one contiguous range of it.
    vocabulary: Vec<String>,
    /// Entry `i`'s words are `word_ids[word_start[i]..word_start[i + 1]]` (into `vocabulary`).
    word_ids: Vec<u32>,
    word_start: Vec<u32>,
    /// Indices into `entries`, in display order.
    order: Vec<usize>,
    cells: Vec<CellId>,
    today: NaiveDate,
}

fn trait_bit(t: AdmittedTrait) -> u32 {
    bit(&AdmittedTrait::ALL, &t)
}

fn bit<T: PartialEq>(all: &[T], v: &T) -> u32 {
    all.iter().position(|x| x == v).map_or(0, |i| 1 << i)
}

impl Roster {
    /// Builds the index as of `today`. Deadlines need the rule sets and the ward's working
    /// calendar (build it once: `WorkingCalendar::new(&data.ward.settings.calendar)`).
    pub fn build(data: &WardData, rule_sets: &RuleSets, calendar: &WorkingCalendar, today: NaiveDate) -> Roster {
        let cell_ix: HashMap<&str, usize> = data.cells.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
        let folded_cells: Vec<String> = data.cells.iter().map(|c| fold(&c.name)).collect();
        let local = &data.ward.settings.local;
        let due_soon_days = data.ward.settings.due_soon_days;
        let base = RuleContext::new(rule_sets, local, calendar, &NoMembers, today);
        let mut entries = Vec::with_capacity(data.candidates.len());
        let mut entry_words: Vec<Vec<String>> = Vec::with_capacity(data.candidates.len());
        for c in &data.candidates {
            let ix = cell_ix.get(c.cell_id.as_str()).copied();
            let cell = ix.map(|i| &data.cells[i]);
            let ctx = RuleContext { cell, ..base };
            let mut next: Option<NextDeadline> = None;
            visit_timers(c, &ctx, false, &mut |t| {
                if next.as_ref().is_some_and(|n| n.deadline <= t.deadline) {
                    return;
                }
                let state = t.state(today, due_soon_days);
                next = Some(NextDeadline { kind: t.kind, label: t.label, deadline: t.deadline, state });
            });
            let mut words: Vec<String> = Vec::with_capacity(16);
            let mut push = |folded: &str| {
                words.extend(folded.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string));
            };
            push(&fold(&c.full_name));
            match ix {
                Some(i) => push(&folded_cells[i]),
                None => push(&fold(c.cell_id.as_str())),
            }
            push(&fold(&c.residence));
            crate::order::sort(&mut words);
            words.dedup();
            entry_words.push(words);
            let admitted_on = admission_date(c);
            let trait_bits = admitted_on
                .map_or(0, |d| AdmittedTrait::ALL.iter().enumerate().filter(|(_, t)| t.matches(c, d)).fold(0, |b, (i, _)| b | (1 << i)));
            entries.push(RosterEntry {
                id: c.id.clone(),
                full_name: c.full_name.clone(),
                given_name: c.given_name().to_string(),
                cell_id: c.cell_id.clone(),
                cell_name: cell.map_or_else(|| c.cell_id.to_string(), |cell| cell.name.clone()),
                residence: c.residence.clone(),
                stage: c.stage,
                sources: c.sources.clone(),
                groups: c.groups.clone(),
                next,
                admitted_on,
                cell_ix: ix.map_or(u32::MAX, |i| i as u32),
                cell_kind: cell.map(|c| c.kind),
                trait_bits,
                recognition_due: due_for_recognition_on(c, today),
                probationary: is_probationary_on(c, today),
                source_bits: c.sources.iter().fold(0, |b, s| b | bit(&SourceOrg::ALL, s)),
                group_bits: c.groups.iter().fold(0, |b, g| b | bit(&TargetGroup::ALL, g)),
            });
        }
        // Word ids in sorted order, so that a prefix is a range of ids.
        let mut vocabulary: Vec<String> = entry_words.iter().flatten().cloned().collect();
        crate::order::sort(&mut vocabulary);
        vocabulary.dedup();
        let id_of: HashMap<&str, u32> = vocabulary.iter().enumerate().map(|(i, w)| (w.as_str(), i as u32)).collect();
        let mut word_ids = Vec::with_capacity(entry_words.iter().map(Vec::len).sum());
        let mut word_start = Vec::with_capacity(entries.len() + 1);
        for words in &entry_words {
            word_start.push(word_ids.len() as u32);
            word_ids.extend(words.iter().map(|w| id_of[w.as_str()]));
        }
        word_start.push(word_ids.len() as u32);
        drop(id_of);
        let mut roster = Roster {
            order: (0..entries.len()).collect(),
            entries,
            vocabulary,
            word_ids,
            word_start,
            cells: data.cells.iter().map(|c| c.id.clone()).collect(),
            today,
        };
        roster.sort_by_names(|a, b| fold(a).cmp(&fold(b)).then_with(|| a.cmp(b)));
        roster
    }

    /// Puts the entries in name order: by given name, then by full name, with `cmp` comparing
    /// two names (the app passes the browser's Vietnamese collation). Each distinct given name
    /// is compared once into a rank, so `cmp` is called far fewer times than in a plain sort;
    /// ties keep the ward's order.
    pub fn sort_by_names(&mut self, mut cmp: impl FnMut(&str, &str) -> Ordering) {
        let mut given: Vec<&str> = self.entries.iter().map(|e| e.given_name.as_str()).collect();
        crate::order::sort(&mut given);
        given.dedup();
        crate::order::sort_by(&mut given, |a, b| cmp(a, b));
        let rank: HashMap<&str, usize> = given.iter().enumerate().map(|(i, g)| (*g, i)).collect();
        let keys: Vec<usize> = self.entries.iter().map(|e| rank[e.given_name.as_str()]).collect();
        let entries = &self.entries;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        crate::order::sort_by(&mut order, |&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| {
                    let (x, y) = (&entries[a].full_name, &entries[b].full_name);
                    if x == y {
                        Ordering::Equal
                    } else {
                        cmp(x, y)
                    }
                })
                .then(a.cmp(&b))
        });
        self.order = order;
    }

    /// Puts the entries in any order the caller likes (stable: ties keep the ward's order).
    pub fn sort_by(&mut self, mut cmp: impl FnMut(&RosterEntry, &RosterEntry) -> Ordering) {
        let entries = &self.entries;
        crate::order::sort_by(&mut self.order, |&a, &b| cmp(&entries[a], &entries[b]).then(a.cmp(&b)));
    }

    /// The day the deadlines were computed for.
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of the candidate at `index` in `WardData::candidates` (the indices that
    /// [`Roster::filter`] returns).
    pub fn entry(&self, index: usize) -> &RosterEntry {
        &self.entries[index]
    }

    /// Every index, in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// The candidates matching `query`: indices into `WardData::candidates` (and
    /// [`Roster::entry`]), in display order.
    pub fn filter(&self, query: &RosterQuery) -> Vec<usize> {
        let search = SearchQuery::new(&query.text);
        // Each query word becomes the range of vocabulary ids it is a prefix of.
        let ranges: Vec<(u32, u32)> = search
            .words()
            .iter()
            .map(|q| {
                let lo = self.vocabulary.partition_point(|w| w.as_str() < q.as_str());
                let len = self.vocabulary[lo..].partition_point(|w| w.starts_with(q.as_str()));
                (lo as u32, (lo + len) as u32)
            })
            .collect();
        if ranges.iter().any(|(lo, hi)| lo == hi) {
            return Vec::new();
        }
        // A cell the ward does not have matches no one.
        let cell = query.cell.as_ref().map(|id| self.cells.iter().position(|c| c == id).map_or(u32::MAX - 1, |i| i as u32));
        let source = query.source.map(|s| bit(&SourceOrg::ALL, &s));
        let group = query.group.map(|g| bit(&TargetGroup::ALL, &g));
        self.order
            .iter()
            .copied()
            .filter(|&i| {
                let e = &self.entries[i];
                cell.is_none_or(|c| e.cell_ix == c)
                    && query.stage.is_none_or(|s| s.matches(e.stage))
                    && source.is_none_or(|b| e.source_bits & b != 0)
                    && group.is_none_or(|b| e.group_bits & b != 0)
                    && (!query.overdue_only || e.is_overdue())
                    && query.cell_kind.is_none_or(|k| e.cell_kind == Some(k))
                    && query.admitted.is_none_or(|(from, to)| e.admitted_on.is_some_and(|d| from <= d && d <= to))
                    && (!query.recognition_due || e.recognition_due)
                    && (!query.probationary || e.probationary)
                    && query.admitted_trait.is_none_or(|t| e.trait_bits & trait_bit(t) != 0)
                    && self.matches_words(i, &ranges)
            })
            .collect()
    }

    /// Whether every query word (as a range of vocabulary ids) begins a word of entry `i`.
    fn matches_words(&self, i: usize, ranges: &[(u32, u32)]) -> bool {
        let ids = &self.word_ids[self.word_start[i] as usize..self.word_start[i + 1] as usize];
        ranges.iter().all(|&(lo, hi)| ids.iter().any(|&w| lo <= w && w < hi))
    }

    /// How many of `indices` are at each stage of the main path, then the rest (failures and
    /// exits) — the columns of the board. The counts add up to `indices.len()`.
    pub fn by_main_stage(&self, indices: &[usize]) -> (Vec<(Stage, Vec<usize>)>, Vec<usize>) {
        let mut columns: Vec<(Stage, Vec<usize>)> = Stage::MAIN_PATH.iter().map(|s| (*s, Vec::new())).collect();
        let mut rest = Vec::new();
        for &i in indices {
            match self.entries[i].stage.position() {
                Some(p) => columns[p].1.push(i),
                None => rest.push(i),
            }
        }
        (columns, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{demo_ward, scale};
    use crate::model::Candidate;
    use chrono::{TimeZone, Utc};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn demo() -> WardData {
        let now = Utc.from_utc_datetime(&today().and_hms_opt(2, 0, 0).unwrap());
        demo_ward(today(), now)
    }

    fn roster(data: &WardData) -> Roster {
        let rules = RuleSets::builtin().unwrap();
        let cal = WorkingCalendar::new(&data.ward.settings.calendar);
        Roster::build(data, rules, &cal, today())
    }

    fn q(text: &str) -> RosterQuery {
        RosterQuery { text: text.into(), ..Default::default() }
    }

    fn names(r: &Roster, ix: &[usize]) -> Vec<String> {
        ix.iter().map(|&i| r.entry(i).full_name.clone()).collect()
    }

    /// A demo ward whose first three candidates carry names chosen for the search tests.
    fn renamed() -> (WardData, Roster) {
        let mut data = demo();
        data.candidates[0].full_name = "Nguyễn Văn An".into();
        data.candidates[1].full_name = "Đặng Thị Hương".into();
        data.candidates[2].full_name = "Nguyễn Văn Ánh".into();
        let r = roster(&data);
        (data, r)
    }

    #[test]
    fn roster_has_one_entry_per_candidate_in_name_order() {
        let data = demo();
        let r = roster(&data);
        assert_eq!(r.len(), data.candidates.len());
        assert!(r.len() > 100, "the demo ward has a few hundred candidates");
        let all = r.filter(&RosterQuery::default());
        assert_eq!(all.len(), r.len());
        assert_eq!(all, r.order());
        let keys: Vec<(String, String)> = all.iter().map(|&i| (fold(&r.entry(i).given_name), fold(&r.entry(i).full_name))).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "given name, then full name");
        for (i, c) in data.candidates.iter().enumerate() {
            assert_eq!(r.entry(i).id, c.id);
            assert_eq!(r.entry(i).given_name, c.given_name());
        }
    }

    #[test]
    fn roster_search_ignores_diacritics_and_case() {
        let (_, r) = renamed();
        let found = names(&r, &r.filter(&q("nguyen van a")));
        assert!(found.contains(&"Nguyễn Văn An".to_string()), "{found:?}");
        assert!(found.contains(&"Nguyễn Văn Ánh".to_string()), "{found:?}");
        assert!(names(&r, &r.filter(&q("NGUYỄN VĂN AN"))).contains(&"Nguyễn Văn An".to_string()));
        assert!(names(&r, &r.filter(&q("dang huong"))).contains(&"Đặng Thị Hương".to_string()));
        assert!(names(&r, &r.filter(&q("anh"))).contains(&"Nguyễn Văn Ánh".to_string()));
        assert!(!names(&r, &r.filter(&q("anh"))).contains(&"Nguyễn Văn An".to_string()));
        // Inside a word does not match.
        assert!(!names(&r, &r.filter(&q("uyen van an"))).contains(&"Nguyễn Văn An".to_string()));
        assert!(r.filter(&q("zzzz khong co ai")).is_empty());
    }

    #[test]
    fn roster_search_agrees_with_search_query_on_every_field() {
        let (data, r) = renamed();
        for text in ["nguyen", "van a", "thi", "to dan pho", "chi bo truong", "tdp 3", "hoa", "le", "x"] {
            let expected: Vec<usize> = r
                .order()
                .iter()
                .copied()
                .filter(|&i| {
                    let c: &Candidate = &data.candidates[i];
                    let cell = data.cell(&c.cell_id).map(|c| c.name.as_str()).unwrap_or("");
                    SearchQuery::new(text).matches_any_field(&[&c.full_name, cell, &c.residence])
                })
                .collect();
            assert_eq!(r.filter(&q(text)), expected, "query {text:?}");
        }
    }

    #[test]
    fn roster_search_finds_the_cell_and_the_residence() {
        let data = demo();
        let r = roster(&data);
        let cell = &data.cells[0];
        let by_cell = r.filter(&q(&fold(&cell.name)));
        // Every candidate of the cell is found by the cell's name (others may match too: "số 1"
        // is a word prefix of "số 10", and residential areas carry similar names).
        let of_cell: Vec<usize> = (0..r.len()).filter(|&i| data.candidates[i].cell_id == cell.id).collect();
        assert!(!of_cell.is_empty());
        assert!(of_cell.iter().all(|i| by_cell.contains(i)));
        if let Some(c) = data.candidates.iter().find(|c| !c.residence.is_empty()) {
            let hits = r.filter(&q(&c.residence));
            assert!(hits.iter().any(|&i| r.entry(i).id == c.id));
        }
    }

    #[test]
    fn roster_filters_by_cell_stage_source_group_and_overdue() {
        let data = demo();
        let r = roster(&data);
        let all = r.filter(&RosterQuery::default()).len();

        let cell = data.cells[0].id.clone();
        let in_cell = r.filter(&RosterQuery { cell: Some(cell.clone()), ..Default::default() });
        assert!(!in_cell.is_empty() && in_cell.len() < all);
        assert_eq!(in_cell.len(), data.candidates.iter().filter(|c| c.cell_id == cell).count());
        assert!(r.filter(&RosterQuery { cell: Some(CellId::new("khong-co")), ..Default::default() }).is_empty());

        for stage in Stage::ALL {
            let n = r.filter(&RosterQuery { stage: Some(StageFilter::Stage(stage)), ..Default::default() }).len();
            assert_eq!(n, data.candidates.iter().filter(|c| c.stage == stage).count(), "{stage:?}");
        }
        let count = |f: StageFilter| r.filter(&RosterQuery { stage: Some(f), ..Default::default() }).len();
        assert_eq!(count(StageFilter::Active) + count(StageFilter::Finished), all);
        assert_eq!(count(StageFilter::BeforeAdmission) + count(StageFilter::Probationary), count(StageFilter::Active));
        assert!(count(StageFilter::Probationary) > 0);
        for f in StageFilter::GROUPS.into_iter().chain(Stage::ALL.map(StageFilter::Stage)) {
            assert_eq!(StageFilter::from_code(&f.code()), Some(f));
        }

        for s in SourceOrg::ALL {
            let n = r.filter(&RosterQuery { source: Some(s), ..Default::default() }).len();
            assert_eq!(n, data.candidates.iter().filter(|c| c.sources.contains(&s)).count(), "{s:?}");
        }
        for g in TargetGroup::ALL {
            let n = r.filter(&RosterQuery { group: Some(g), ..Default::default() }).len();
            assert_eq!(n, data.candidates.iter().filter(|c| c.groups.contains(&g)).count(), "{g:?}");
        }

        let overdue = r.filter(&RosterQuery { overdue_only: true, ..Default::default() });
        assert!(!overdue.is_empty(), "the demo ward has overdue work");
        assert!(overdue.len() < all);
        for &i in &overdue {
            let n = r.entry(i).next.as_ref().unwrap();
            assert!(n.deadline < today() && n.days_overdue() > 0 && n.is_overdue());
        }
        // Every candidate with an overdue item in the ward scan is in the list, and only they.
        let rules = RuleSets::builtin().unwrap();
        let cal = WorkingCalendar::new(&data.ward.settings.calendar);
        let items = crate::deadlines::due_items(&data, rules, &cal, today(), 14);
        let mut late: Vec<&CandidateId> =
            items.iter().filter(|i| i.state.days_left < 0 && i.timer.kind != TimerKind::ProbationEnd).map(|i| &i.candidate.id).collect();
        late.sort();
        late.dedup();
        let mut listed: Vec<&CandidateId> = overdue.iter().map(|&i| &r.entry(i).id).collect();
        listed.sort();
        assert_eq!(listed, late);

        // Filters combine.
        let both = r.filter(&RosterQuery { cell: Some(cell), overdue_only: true, ..Default::default() });
        assert!(both.iter().all(|i| in_cell.contains(i) && overdue.contains(i)));
    }

    #[test]
    fn roster_next_deadline_is_the_earliest_pending_timer() {
        let data = demo();
        let r = roster(&data);
        let rules = RuleSets::builtin().unwrap();
        let cal = WorkingCalendar::new(&data.ward.settings.calendar);
        for (i, c) in data.candidates.iter().enumerate() {
            let ctx = RuleContext {
                cell: data.cell(&c.cell_id),
                ..RuleContext::new(rules, &data.ward.settings.local, &cal, &NoMembers, today())
            };
            let earliest = crate::deadlines::timers(c, &ctx).into_iter().filter(|t| !t.is_done()).map(|t| t.deadline).min();
            assert_eq!(r.entry(i).next.as_ref().map(|n| n.deadline), earliest, "{}", c.full_name);
            if c.stage.is_final() {
                assert!(r.entry(i).next.is_none());
            }
        }
    }

    #[test]
    fn roster_order_comes_from_the_caller() {
        let (_, mut r) = renamed();
        // Reverse order of given names: the caller's comparator decides.
        r.sort_by_names(|a, b| fold(b).cmp(&fold(a)));
        let keys: Vec<String> = r.order().iter().map(|&i| fold(&r.entry(i).given_name)).collect();
        assert!(keys.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(r.filter(&RosterQuery::default()), r.order());
        r.sort_by(|a, b| a.id.cmp(&b.id));
        let ids: Vec<&CandidateId> = r.order().iter().map(|&i| &r.entry(i).id).collect();
        assert!(ids.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn roster_board_counts_add_up() {
        let data = demo();
        let r = roster(&data);
        let all = r.filter(&RosterQuery::default());
        let (columns, rest) = r.by_main_stage(&all);
        assert_eq!(columns.len(), Stage::MAIN_PATH.len());
        assert_eq!(columns.iter().map(|c| c.1.len()).sum::<usize>() + rest.len(), all.len());
        assert!(rest.iter().all(|&i| r.entry(i).stage.position().is_none()));
        // Within a column, display order is kept.
        for (_, col) in &columns {
            let pos: Vec<usize> = col.iter().map(|i| all.iter().position(|j| j == i).unwrap()).collect();
            assert!(pos.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn roster_of_an_empty_ward() {
        let mut data = demo();
        data.candidates.clear();
        let r = roster(&data);
        assert!(r.is_empty());
        assert!(r.filter(&q("an")).is_empty());
    }

    /// Filtering 10,000 candidates: well under 10 ms in release (`cargo test --release -p
    /// ptdv-domain roster_filter_timing -- --nocapture`); only reported in debug builds.
    #[test]
    fn roster_filter_timing_at_10000() {
        let data = scale(&demo(), 34);
        assert!(data.candidates.len() >= 10_000, "{}", data.candidates.len());
        let t0 = std::time::Instant::now();
        let r = roster(&data);
        let build = t0.elapsed();
        let queries = [
            q("n"),
            q("nguyen van"),
            q("nguyen thi h"),
            q("to dan pho 3"),
            RosterQuery { overdue_only: true, ..Default::default() },
            RosterQuery { text: "a".into(), stage: Some(StageFilter::Active), cell: Some(data.cells[1].id.clone()), ..Default::default() },
            RosterQuery::default(),
        ];
        let mut worst = std::time::Duration::ZERO;
        for query in &queries {
            let mut best = std::time::Duration::MAX;
            for _ in 0..5 {
                let t = std::time::Instant::now();
                let hits = r.filter(query);
                best = best.min(t.elapsed());
                std::hint::black_box(hits);
            }
            eprintln!("  filter {query:?}: {best:?}");
            worst = worst.max(best);
        }
        eprintln!("roster of {} candidates: build {build:?}; slowest filter {worst:?}", r.len());
        if !cfg!(debug_assertions) {
            assert!(worst < std::time::Duration::from_millis(10), "filter took {worst:?}");
        }
    }
}
