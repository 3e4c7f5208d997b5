//! Breakdowns of the admitted (docs/domain.md §3.3 item 1; the statistical forms split by sex,
//! the 54 ethnic groups + "Dân tộc khác", religion …, §3.3 first paragraph).

use super::{age_years_on, is_high_school_student, religion_index};
use crate::model::{
    AcademicTitle, Candidate, CellKind, Ethnicity, Occupation, Qualification, SchoolLevel, Sex, SourceOrg, TargetGroup, RELIGIONS,
};
use chrono::NaiveDate;

/// School levels in order, for [`Breakdown::school`].
pub const SCHOOL_LEVELS: [SchoolLevel; 4] =
    [SchoolLevel::None, SchoolLevel::Primary, SchoolLevel::LowerSecondary, SchoolLevel::UpperSecondary];

/// Vietnamese labels of [`SCHOOL_LEVELS`], as the rows of Biểu 2-BTCTW II.3 name them: the
/// level completed, "Biết đọc, biết viết chữ quốc ngữ" below primary school \[U: the form does
/// not say whether a row means completed or attended; ptdv reads completed\].
pub fn school_level_label(level: SchoolLevel) -> &'static str {
    match level {
        SchoolLevel::None => "Biết đọc, biết viết chữ quốc ngữ",
        SchoolLevel::Primary => "Tiểu học",
        SchoolLevel::LowerSecondary => "Trung học cơ sở",
        SchoolLevel::UpperSecondary => "Trung học phổ thông",
    }
}

/// The age bands of Biểu 2-BTCTW II.2: 18–30, 31–35, 36–40, 41–45, 46–50, 51–55, 56–60,
/// over 60 (REPORTS.md §2), counted in [`Breakdown::form_age`] whatever the report's own bands.
pub const FORM_AGE_UPPER: [u32; 7] = [30, 35, 40, 45, 50, 55, 60];
const NFORM_AGE: usize = FORM_AGE_UPPER.len() + 1;

/// The band of [`FORM_AGE_UPPER`] of an age in whole years.
pub fn form_age_index(age: i32) -> usize {
    let age = age.max(0) as u32;
    FORM_AGE_UPPER.iter().position(|u| age <= *u).unwrap_or(FORM_AGE_UPPER.len())
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
    /// Index = band of [`FORM_AGE_UPPER`] (the form's fixed bands).
    pub form_age: [u32; NFORM_AGE],
    /// Sum of the ages in whole years on the decision date, for the mean age.
    pub age_years_sum: u64,
    /// Index into `AcademicTitle::ALL`.
    pub academic_title: [u32; AcademicTitle::ALL.len()],
    /// "Quần chúng vi phạm chính sách dân số, kế hoạch hóa gia đình".
    pub population_policy: u32,
    /// "Có quan hệ hôn nhân với người nước ngoài".
    pub foreign_marriage: u32,
    /// Women by ethnic code, like `ethnicity` (Biểu 2B).
    pub ethnicity_women: Vec<u32>,
    /// Women by religion, like `religion` (Biểu 2B).
    pub religion_women: [u32; RELIGIONS.len()],
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
            form_age: [0; NFORM_AGE],
            age_years_sum: 0,
            academic_title: [0; AcademicTitle::ALL.len()],
            population_policy: 0,
            foreign_marriage: 0,
            ethnicity_women: vec![0; NETH],
            religion_women: [0; RELIGIONS.len()],
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
        let religion = religion_index(&c.religion);
        bump(&mut self.religion, Some(religion));
        if c.sex == Sex::Nu {
            if let Some(slot) = self.ethnicity_women.get_mut(eth) {
                *slot += 1;
            }
            bump(&mut self.religion_women, Some(religion));
        }
        let age = age_years_on(c, decided_on);
        if let Some(slot) = self.age.get_mut(bands.index(age)) {
            *slot += 1;
        }
        bump(&mut self.form_age, Some(form_age_index(age)));
        self.age_years_sum += u64::try_from(age).unwrap_or(0);
        bump(&mut self.academic_title, c.academic_title.and_then(|t| position(&AcademicTitle::ALL, &t)));
        if c.population_policy_violation {
            self.population_policy += 1;
        }
        if c.foreign_marriage {
            self.foreign_marriage += 1;
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
        add_arrays(&mut self.form_age, &other.form_age);
        self.age_years_sum += other.age_years_sum;
        add_arrays(&mut self.academic_title, &other.academic_title);
        self.population_policy += other.population_policy;
        self.foreign_marriage += other.foreign_marriage;
        for (x, y) in self.ethnicity_women.iter_mut().zip(&other.ethnicity_women) {
            *x += y;
        }
        add_arrays(&mut self.religion_women, &other.religion_women);
    }

    /// Mean age on the decision date in tenths of a year, rounded half up (27,35 → 274), as
    /// Biểu 2-BTCTW prints it with one decimal; `None` when nobody was admitted.
    pub fn mean_age_tenths(&self) -> Option<u64> {
        let n = u64::from(self.total);
        (n > 0).then(|| (self.age_years_sum * 20 + n) / (2 * n))
    }
    /// The form's age bands with their counts: "18–30" … "Trên 60".
    pub fn by_form_age(&self) -> Vec<(String, u32)> {
        let bands = AgeBands { upper: FORM_AGE_UPPER.to_vec() };
        bands.labels().into_iter().zip(self.form_age.iter().copied()).collect()
    }
    pub fn by_academic_title(&self) -> Vec<(AcademicTitle, u32)> {
        pairs(&AcademicTitle::ALL, &self.academic_title)
    }
    pub fn occupation_count(&self, o: Occupation) -> u32 {
        position(&Occupation::ALL, &o).and_then(|i| self.occupation.get(i).copied()).unwrap_or(0)
    }
    pub fn target_group_count(&self, g: TargetGroup) -> u32 {
        position(&TargetGroup::ALL, &g).and_then(|i| self.target_group.get(i).copied()).unwrap_or(0)
    }
    pub fn school_count(&self, level: SchoolLevel) -> u32 {
        position(&SCHOOL_LEVELS, &level).and_then(|i| self.school.get(i).copied()).unwrap_or(0)
    }
    pub fn qualification_count(&self, q: Qualification) -> u32 {
        position(&Qualification::ALL, &q).and_then(|i| self.qualification.get(i).copied()).unwrap_or(0)
    }
    pub fn academic_title_count(&self, t: AcademicTitle) -> u32 {
        position(&AcademicTitle::ALL, &t).and_then(|i| self.academic_title.get(i).copied()).unwrap_or(0)
    }
    /// Admitted of an ethnic code, and the women among them.
    pub fn ethnicity_count(&self, e: Ethnicity) -> (u32, u32) {
        let i = usize::from(e.0);
        (self.ethnicity.get(i).copied().unwrap_or(0), self.ethnicity_women.get(i).copied().unwrap_or(0))
    }
    /// Admitted of the religion at `index` of [`RELIGIONS`], and the women among them.
    pub fn religion_count(&self, index: usize) -> (u32, u32) {
        (self.religion.get(index).copied().unwrap_or(0), self.religion_women.get(index).copied().unwrap_or(0))
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
