//! Breakdowns of the admitted (docs/domain.md §3.3 item 1; the statistical forms split by sex,
//! the 54 ethnic groups + "Dân tộc khác", religion …, §3.3 first paragraph).

use super::{age_years_on, is_high_school_student, religion_index};
use crate::model::{Candidate, CellKind, Ethnicity, Occupation, Qualification, SchoolLevel, Sex, SourceOrg, TargetGroup, RELIGIONS};
use chrono::NaiveDate;

/// School levels in order, for [`Breakdown::school`].
pub const SCHOOL_LEVELS: [SchoolLevel; 4] =
    [SchoolLevel::None, SchoolLevel::Primary, SchoolLevel::LowerSecondary, SchoolLevel::UpperSecondary];

/// Vietnamese labels of [`SCHOOL_LEVELS`].
pub fn school_level_label(level: SchoolLevel) -> &'static str {
    match level {
        SchoolLevel::None => "Chưa tốt nghiệp tiểu học",
        SchoolLevel::Primary => "Tốt nghiệp tiểu học",
        SchoolLevel::LowerSecondary => "Tốt nghiệp THCS",
        SchoolLevel::UpperSecondary => "Tốt nghiệp THPT",
    }
}

/// Age bands on the decision date, by their inclusive upper ages: the default `[30, 35, 45,
/// 60]` gives 18–30 ("trong độ tuổi Đoàn"), 31–35, 36–45, 46–60, over 60 (docs/domain.md §3.3
/// item 1, bands \[U\]). Ages under the first lower bound (data errors) fall in the first band.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AgeBands {
    upper: Vec<u32>,
}

impl Default for AgeBands {
    fn default() -> Self {
        AgeBands { upper: vec![30, 35, 45, 60] }
    }
}

/// Youngest admission age (R-AGE), the lower bound of the first band's label.
pub const MIN_AGE: u32 = 18;

impl AgeBands {
    /// Bands from strictly increasing inclusive upper ages, each at least [`MIN_AGE`];
    /// `None` otherwise.
    pub fn new(upper: Vec<u32>) -> Option<Self> {
        let increasing = upper.windows(2).all(|w| w[0] < w[1]);
        let sane = upper.first().is_none_or(|f| *f >= MIN_AGE);
        (increasing && sane).then_some(AgeBands { upper })
    }
    /// The inclusive upper ages.
    pub fn upper_bounds(&self) -> &[u32] {
        &self.upper
    }
    /// Number of bands (one more than the bounds).
    pub fn len(&self) -> usize {
        self.upper.len() + 1
    }
    pub fn is_empty(&self) -> bool {
        false
    }
    /// The band of an age in whole years.
    pub fn index(&self, age: i32) -> usize {
        let age = age.max(0) as u32;
        self.upper.iter().position(|u| age <= *u).unwrap_or(self.upper.len())
    }
    /// "18–30", "31–35", "36–45", "46–60", "Trên 60".
    pub fn labels(&self) -> Vec<String> {
        let mut out = Vec::with_capacity(self.len());
        let mut low = MIN_AGE;
        for u in &self.upper {
            out.push(format!("{low}–{u}"));
            low = u + 1;
        }
        match self.upper.last() {
            Some(last) => out.push(format!("Trên {last}")),
            None => out.push(format!("Từ {MIN_AGE}")),
        }
        out
    }
}

const NQ: usize = Qualification::ALL.len();
const NETH: usize = 57;

/// Counts of admitted candidates by every dimension of §3.3 item 1. Arrays are indexed like
/// the `ALL` lists of the model (`Sex::ALL`, `Occupation::ALL`, `SourceOrg::ALL`,
/// `CellKind::ALL`, `TargetGroup::ALL`, `Qualification::ALL`, [`RELIGIONS`],
/// [`SCHOOL_LEVELS`]); the accessors pair each count with its category.
///
/// A candidate introduced by several sources counts once under each, so `source` may sum to
/// more than `total`; every other dimension sums to `total`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Breakdown {
    pub total: u32,
    pub sex: [u32; Sex::ALL.len()],
    /// Index = ethnic code (1–54 groups, 55 other, 56 foreign); 0 = an invalid code.
    pub ethnicity: Vec<u32>,
    /// Index into [`RELIGIONS`]: 0 = "Không", the last = "Khác" (incl. unrecognised text).
    pub religion: [u32; RELIGIONS.len()],
    /// Index = band of [`AgeBands`] on the decision date.
    pub age: Vec<u32>,
    pub school: [u32; SCHOOL_LEVELS.len()],
    /// Index into `Qualification::ALL`; the last slot = no professional qualification.
    pub qualification: [u32; NQ + 1],
    pub occupation: [u32; Occupation::ALL.len()],
    pub source: [u32; SourceOrg::ALL.len()],
    /// Admitted with no source organisation recorded.
    pub no_source: u32,
    pub youth_union: u32,
    /// See [`super::is_high_school_student`].
    pub high_school: u32,
    pub cell_kind: [u32; CellKind::ALL.len()],
    /// Admitted whose cell is not in the ward's list.
    pub unknown_cell: u32,
    pub target_group: [u32; TargetGroup::ALL.len()],
    /// Re-admissions (kết nạp lại) among the admitted.
    pub readmissions: u32,
}

fn position<T: PartialEq>(all: &[T], v: &T) -> Option<usize> {
    all.iter().position(|x| x == v)
}

fn bump<const N: usize>(arr: &mut [u32; N], i: Option<usize>) {
    if let Some(slot) = i.and_then(|i| arr.get_mut(i)) {
        *slot += 1;
    }
}

fn add_arrays<const N: usize>(a: &mut [u32; N], b: &[u32; N]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

fn pairs<T: Copy, const N: usize>(all: &[T], counts: &[u32; N]) -> Vec<(T, u32)> {
    all.iter().copied().zip(counts.iter().copied()).collect()
}

impl Breakdown {
    /// All zero, with one age slot per band.
    pub fn new(bands: &AgeBands) -> Self {
        Breakdown {
            total: 0,
            sex: [0; Sex::ALL.len()],
            ethnicity: vec![0; NETH],
            religion: [0; RELIGIONS.len()],
            age: vec![0; bands.len()],
            school: [0; SCHOOL_LEVELS.len()],
            qualification: [0; NQ + 1],
            occupation: [0; Occupation::ALL.len()],
            source: [0; SourceOrg::ALL.len()],
            no_source: 0,
            youth_union: 0,
            high_school: 0,
            cell_kind: [0; CellKind::ALL.len()],
            unknown_cell: 0,
            target_group: [0; TargetGroup::ALL.len()],
            readmissions: 0,
        }
    }

    /// Counts one admitted candidate, decided on `decided_on`, whose cell has kind
    /// `cell_kind` (`None` if the cell is unknown). No allocation.
    pub fn add(&mut self, c: &Candidate, decided_on: NaiveDate, cell_kind: Option<CellKind>, bands: &AgeBands) {
        self.total += 1;
        bump(&mut self.sex, position(&Sex::ALL, &c.sex));
        let eth = if c.ethnicity.is_valid() { usize::from(c.ethnicity.0) } else { 0 };
        if let Some(slot) = self.ethnicity.get_mut(eth) {
            *slot += 1;
        }
        bump(&mut self.religion, Some(religion_index(&c.religion)));
        let band = bands.index(age_years_on(c, decided_on));
        if let Some(slot) = self.age.get_mut(band) {
            *slot += 1;
        }
        bump(&mut self.school, position(&SCHOOL_LEVELS, &c.education.level()));
        let q = c.qualification.and_then(|q| position(&Qualification::ALL, &q)).unwrap_or(NQ);
        bump(&mut self.qualification, Some(q));
        bump(&mut self.occupation, position(&Occupation::ALL, &c.occupation));
        let mut any_source = false;
        for (k, s) in c.sources.iter().enumerate() {
            if c.sources[..k].contains(s) {
                continue; // a source listed twice counts once
            }
            any_source = true;
            bump(&mut self.source, position(&SourceOrg::ALL, s));
        }
        if !any_source {
            self.no_source += 1;
        }
        if c.youth_union_member {
            self.youth_union += 1;
        }
        if is_high_school_student(c) {
            self.high_school += 1;
        }
        match cell_kind {
            Some(k) => bump(&mut self.cell_kind, position(&CellKind::ALL, &k)),
            None => self.unknown_cell += 1,
        }
        for (k, g) in c.groups.iter().enumerate() {
            if !c.groups[..k].contains(g) {
                bump(&mut self.target_group, position(&TargetGroup::ALL, g));
            }
        }
        if c.readmission.is_some() {
            self.readmissions += 1;
        }
    }

    /// Adds another breakdown (of a disjoint set of candidates, with the same bands).
    pub fn merge(&mut self, other: &Breakdown) {
        self.total += other.total;
        add_arrays(&mut self.sex, &other.sex);
        for (x, y) in self.ethnicity.iter_mut().zip(&other.ethnicity) {
            *x += y;
        }
        add_arrays(&mut self.religion, &other.religion);
        for (x, y) in self.age.iter_mut().zip(&other.age) {
            *x += y;
        }
        add_arrays(&mut self.school, &other.school);
        add_arrays(&mut self.qualification, &other.qualification);
        add_arrays(&mut self.occupation, &other.occupation);
        add_arrays(&mut self.source, &other.source);
        self.no_source += other.no_source;
        self.youth_union += other.youth_union;
        self.high_school += other.high_school;
        add_arrays(&mut self.cell_kind, &other.cell_kind);
        self.unknown_cell += other.unknown_cell;
        add_arrays(&mut self.target_group, &other.target_group);
        self.readmissions += other.readmissions;
    }

    pub fn by_sex(&self) -> Vec<(Sex, u32)> {
        pairs(&Sex::ALL, &self.sex)
    }
    pub fn women(&self) -> u32 {
        position(&Sex::ALL, &Sex::Nu).and_then(|i| self.sex.get(i).copied()).unwrap_or(0)
    }
    /// Each ethnic group with at least one admitted, in statistical code order.
    pub fn by_ethnicity(&self) -> Vec<(Ethnicity, u32)> {
        Ethnicity::all().filter_map(|e| self.ethnicity.get(usize::from(e.0)).map(|n| (e, *n))).filter(|(_, n)| *n > 0).collect()
    }
    pub fn kinh(&self) -> u32 {
        self.ethnicity.get(usize::from(Ethnicity::KINH.0)).copied().unwrap_or(0)
    }
    /// Ethnic minorities: every group but Kinh, incl. "Dân tộc khác"; not foreigners.
    pub fn minorities(&self) -> u32 {
        Ethnicity::all().filter(|e| e.is_minority()).filter_map(|e| self.ethnicity.get(usize::from(e.0))).sum()
    }
    /// "Người nước ngoài" and invalid codes.
    pub fn other_ethnicity(&self) -> u32 {
        self.total.saturating_sub(self.kinh() + self.minorities())
    }
    pub fn by_religion(&self) -> Vec<(&'static str, u32)> {
        RELIGIONS.iter().copied().zip(self.religion.iter().copied()).collect()
    }
    pub fn no_religion(&self) -> u32 {
        self.religion.first().copied().unwrap_or(0)
    }
    /// Admitted with any religion (người có đạo).
    pub fn with_religion(&self) -> u32 {
        self.total.saturating_sub(self.no_religion())
    }
    /// Band labels of `bands` with their counts.
    pub fn by_age(&self, bands: &AgeBands) -> Vec<(String, u32)> {
        bands.labels().into_iter().zip(self.age.iter().copied()).collect()
    }
    pub fn by_school_level(&self) -> Vec<(SchoolLevel, u32)> {
        pairs(&SCHOOL_LEVELS, &self.school)
    }
    /// Each qualification, then `None` = no professional qualification.
    pub fn by_qualification(&self) -> Vec<(Option<Qualification>, u32)> {
        Qualification::ALL.iter().map(|q| Some(*q)).chain(std::iter::once(None)).zip(self.qualification.iter().copied()).collect()
    }
    pub fn by_occupation(&self) -> Vec<(Occupation, u32)> {
        pairs(&Occupation::ALL, &self.occupation)
    }
    pub fn by_source(&self) -> Vec<(SourceOrg, u32)> {
        pairs(&SourceOrg::ALL, &self.source)
    }
    pub fn source_count(&self, s: SourceOrg) -> u32 {
        position(&SourceOrg::ALL, &s).and_then(|i| self.source.get(i).copied()).unwrap_or(0)
    }
    pub fn by_cell_kind(&self) -> Vec<(CellKind, u32)> {
        pairs(&CellKind::ALL, &self.cell_kind)
    }
    pub fn by_target_group(&self) -> Vec<(TargetGroup, u32)> {
        pairs(&TargetGroup::ALL, &self.target_group)
    }
}
