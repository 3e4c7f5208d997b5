//! The rows of the province's statistical forms (../shared/REPORTS.md §2), each counted from the
//! records: Biểu 2-BTCTW (the admitted of a period, analysed), Biểu 2B-BTCTW (by ethnicity and
//! religion, with women) and the pipeline counts of the older Biểu 10-TCTW. One column per
//! [`Report`]; the report page puts this period beside the same period last year.

use super::*;
use crate::model::{AcademicTitle, Cell, CellLevel, ClassKind, ClassResult, Ethnicity, Occupation, Qualification, SchoolLevel, WardData};
use crate::model::{TargetGroup, WardSettings};

/// One row of Biểu 2-BTCTW, in the form's order ([`Bieu2Row::all`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bieu2Row {
    /// I. Tổng số đảng viên mới kết nạp.
    Total,
    Women,
    Minority,
    Religious,
    YouthUnion,
    PrivateOwner,
    PopulationPolicy,
    ForeignMarriage,
    Readmitted,
    /// II. Phân tích đảng viên mới kết nạp (heading).
    Analysis,
    /// II.1 Nghề nghiệp (heading).
    OccupationHeading,
    /// One occupation row (1–6, 8–12) or one of row 7's sub-rows.
    Occupation(Occupation),
    /// Row 7: the three enterprise sub-rows together.
    Enterprise,
    /// II.2 Tuổi đời (heading).
    AgeHeading,
    /// Band of [`FORM_AGE_UPPER`].
    Age(usize),
    /// Tuổi bình quân.
    MeanAge,
    /// II.3 Trình độ giáo dục phổ thông (heading).
    SchoolHeading,
    School(SchoolLevel),
    /// II.4 Trình độ chuyên môn nghiệp vụ (heading).
    QualificationHeading,
    Qualification(Qualification),
    /// II.5 Chức danh khoa học (heading).
    TitleHeading,
    Title(AcademicTitle),
    /// III. Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo.
    Organisations,
    /// Đảng bộ cơ sở.
    GrassrootsCommittees,
    /// Chi bộ cơ sở (for a ward: its cells directly under it).
    GrassrootsCells,
    /// Trong đó: có kết nạp đảng viên.
    OrganisationsAdmitting,
    /// Trong đó: không còn quần chúng.
    OrganisationsNoMasses,
}

/// A value of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormValue {
    /// A heading: no figure.
    None,
    Count(u32),
    /// Mean age in tenths of a year (274 = 27,4); `None` when nobody was admitted.
    Tenths(Option<u64>),
}

impl FormValue {
    /// The figure as a number for comparisons (tenths as a decimal).
    pub fn number(self) -> Option<f64> {
        match self {
            FormValue::None | FormValue::Tenths(None) => None,
            FormValue::Count(n) => Some(f64::from(n)),
            FormValue::Tenths(Some(t)) => Some(t as f64 / 10.0),
        }
    }
    /// "1.720", "27,4", "" for a heading or no mean.
    pub fn text(self) -> String {
        match self {
            FormValue::None | FormValue::Tenths(None) => String::new(),
            FormValue::Count(n) => crate::text::format_int(n),
            FormValue::Tenths(Some(t)) => crate::text::format_decimal(t as f64 / 10.0, 1),
        }
    }
}

impl Bieu2Row {
    /// Every row in the form's order.
    pub fn all() -> Vec<Bieu2Row> {
        use Bieu2Row::*;
        let mut rows = vec![Total, Women, Minority, Religious, YouthUnion, PrivateOwner, PopulationPolicy, ForeignMarriage, Readmitted];
        rows.extend([Analysis, OccupationHeading]);
        for o in crate::model::Occupation::ALL {
            if o == crate::model::Occupation::QuanLyDoanhNghiep {
                rows.push(Enterprise);
            }
            rows.push(Occupation(o));
        }
        rows.push(AgeHeading);
        rows.extend((0..=FORM_AGE_UPPER.len()).map(Age));
        rows.push(MeanAge);
        rows.push(SchoolHeading);
        rows.extend(SCHOOL_LEVELS.iter().copied().map(School));
        rows.push(QualificationHeading);
        rows.extend(crate::model::Qualification::ALL.iter().copied().map(Qualification));
        rows.push(TitleHeading);
        rows.extend(AcademicTitle::ALL.iter().copied().map(Title));
        rows.extend([Organisations, GrassrootsCommittees, GrassrootsCells, OrganisationsAdmitting, OrganisationsNoMasses]);
        rows
    }

    /// The row's number on the form: "I", "II", "1" … "5" for the parts of II, the occupation
    /// rows' own numbers, "III"; "" for the "trong đó" rows.
    pub fn number(self) -> String {
        use Bieu2Row::*;
        match self {
            Total => "I".into(),
            Analysis => "II".into(),
            OccupationHeading => "1".into(),
            AgeHeading => "2".into(),
            SchoolHeading => "3".into(),
            QualificationHeading => "4".into(),
            TitleHeading => "5".into(),
            Occupation(o) if o.in_enterprise() => String::new(),
            Occupation(o) => o.number().into(),
            Enterprise => "7".into(),
            Organisations => "III".into(),
            _ => String::new(),
        }
    }

    /// Indent level: 0 for I, II, III; 1 for the parts of II and the "trong đó" rows; 2 for
    /// the rows of a part; 3 for row 7's sub-rows.
    pub fn depth(self) -> u8 {
        use Bieu2Row::*;
        match self {
            Total | Analysis | Organisations => 0,
            OccupationHeading | AgeHeading | SchoolHeading | QualificationHeading | TitleHeading => 1,
            Women | Minority | Religious | YouthUnion | PrivateOwner | PopulationPolicy | ForeignMarriage | Readmitted => 1,
            GrassrootsCommittees | GrassrootsCells | OrganisationsAdmitting | OrganisationsNoMasses => 1,
            Occupation(o) if o.in_enterprise() => 3,
            _ => 2,
        }
    }

    /// A heading has no figure of its own.
    pub fn is_heading(self) -> bool {
        use Bieu2Row::*;
        matches!(self, Analysis | OccupationHeading | AgeHeading | SchoolHeading | QualificationHeading | TitleHeading)
    }

    /// The label as the form prints it, with the ward's own wording of the occupation rows.
    pub fn label(self, settings: &WardSettings) -> String {
        use Bieu2Row::*;
        match self {
            Total => "Tổng số đảng viên mới kết nạp".into(),
            Women => "Trong đó: Nữ".into(),
            Minority => "Dân tộc thiểu số".into(),
            Religious => "Người theo tôn giáo".into(),
            YouthUnion => "Đoàn viên Đoàn TNCS Hồ Chí Minh".into(),
            PrivateOwner => "Chủ doanh nghiệp tư nhân".into(),
            PopulationPolicy => "Quần chúng vi phạm chính sách dân số, kế hoạch hóa gia đình".into(),
            ForeignMarriage => "Có quan hệ hôn nhân với người nước ngoài".into(),
            Readmitted => "Kết nạp lại".into(),
            Analysis => "Phân tích đảng viên mới kết nạp".into(),
            OccupationHeading => "Nghề nghiệp".into(),
            Occupation(o) if o.in_enterprise() => format!("- {}", settings.occupation_label(o)),
            Occupation(o) => settings.occupation_label(o).into(),
            Enterprise => settings.enterprise_heading().into(),
            AgeHeading => "Tuổi đời".into(),
            Age(i) => form_age_label(i),
            MeanAge => "Tuổi bình quân".into(),
            SchoolHeading => "Trình độ giáo dục phổ thông".into(),
            School(level) => school_level_label(level).into(),
            QualificationHeading => "Trình độ chuyên môn nghiệp vụ".into(),
            Qualification(q) => q.label().into(),
            TitleHeading => "Chức danh khoa học".into(),
            Title(t) => t.label().into(),
            Organisations => "Số tổ chức cơ sở đảng có đến cuối kỳ báo cáo".into(),
            GrassrootsCommittees => "Đảng bộ cơ sở".into(),
            GrassrootsCells => "Chi bộ cơ sở".into(),
            OrganisationsAdmitting => "Trong đó: Có kết nạp đảng viên".into(),
            OrganisationsNoMasses => "Không còn quần chúng".into(),
        }
    }

    /// The row's figure for the admitted `b` and the organisations `orgs`.
    pub fn value(self, b: &Breakdown, orgs: &Organisations) -> FormValue {
        use Bieu2Row::*;
        let count = FormValue::Count;
        match self {
            Total => count(b.total),
            Women => count(b.women()),
            Minority => count(b.minorities()),
            Religious => count(b.with_religion()),
            YouthUnion => count(b.youth_union),
            PrivateOwner => count(b.target_group_count(TargetGroup::ChuDoanhNghiep)),
            PopulationPolicy => count(b.population_policy),
            ForeignMarriage => count(b.foreign_marriage),
            Readmitted => count(b.readmissions),
            Occupation(o) => count(b.occupation_count(o)),
            Enterprise => count(crate::model::Occupation::ALL.iter().filter(|o| o.in_enterprise()).map(|o| b.occupation_count(*o)).sum()),
            Age(i) => count(b.form_age.get(i).copied().unwrap_or(0)),
            MeanAge => FormValue::Tenths(b.mean_age_tenths()),
            School(level) => count(b.school_count(level)),
            Qualification(q) => count(b.qualification_count(q)),
            Title(t) => count(b.academic_title_count(t)),
            Organisations => count(orgs.committees + orgs.cells),
            GrassrootsCommittees => count(orgs.committees),
            GrassrootsCells => count(orgs.cells),
            OrganisationsAdmitting => count(orgs.admitting),
            OrganisationsNoMasses => count(orgs.no_masses_left),
            Analysis | OccupationHeading | AgeHeading | SchoolHeading | QualificationHeading | TitleHeading => FormValue::None,
        }
    }
}

/// "18 – 30" … "Trên 60", the labels of [`FORM_AGE_UPPER`].
pub fn form_age_label(i: usize) -> String {
    let low = if i == 0 { MIN_AGE } else { FORM_AGE_UPPER.get(i - 1).map_or(MIN_AGE, |u| u + 1) };
    match FORM_AGE_UPPER.get(i) {
        Some(high) => format!("Từ {low} đến {high} tuổi"),
        None => format!("Trên {} tuổi", FORM_AGE_UPPER[FORM_AGE_UPPER.len() - 1]),
    }
}

/// Part III of Biểu 2-BTCTW: the party organisations of the scope at the end of the period.
/// For a ward these are its cells directly under it (each a "chi bộ cơ sở") and the grassroots
/// committees its other cells belong to (each "đảng bộ cơ sở" counted once, by name) \[U\].
/// The cells are those of the report ([`Report::cells`]): live ones, and archived ones that
/// admitted someone in the period (ptdv keeps no archive date).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Organisations {
    pub committees: u32,
    pub cells: u32,
    /// Organisations that admitted at least one in the period.
    pub admitting: u32,
    /// Organisations marked "không còn quần chúng": a cell so marked, a committee whose every
    /// cell is.
    pub no_masses_left: u32,
}

impl Organisations {
    pub fn of_report(report: &Report, data: &WardData) -> Organisations {
        // (admitted in the period, every cell marked) per committee, by folded name.
        let mut committees: std::collections::BTreeMap<String, (bool, bool)> = Default::default();
        let mut out = Organisations::default();
        for row in &report.cells {
            let Some(cell) = data.cell(&row.cell_id) else { continue };
            let admitted = row.admitted > 0;
            match committee_of(cell) {
                Some(name) => {
                    let entry = committees.entry(name).or_insert((false, true));
                    entry.0 |= admitted;
                    entry.1 &= cell.no_masses_left;
                }
                None => {
                    out.cells += 1;
                    out.admitting += u32::from(admitted);
                    out.no_masses_left += u32::from(cell.no_masses_left);
                }
            }
        }
        out.committees = committees.len() as u32;
        out.admitting += committees.values().filter(|(a, _)| *a).count() as u32;
        out.no_masses_left += committees.values().filter(|(_, n)| *n).count() as u32;
        out
    }
    pub fn total(&self) -> u32 {
        self.committees + self.cells
    }
}

fn committee_of(cell: &Cell) -> Option<String> {
    if cell.level != CellLevel::TrongDangBoCoSo {
        return None;
    }
    let name = cell.grassroots.as_deref().unwrap_or("").trim();
    // A cell inside a committee with no name written still belongs to one: its own.
    Some(if name.is_empty() { format!("#{}", cell.id) } else { crate::text::fold(name).split_whitespace().collect::<Vec<_>>().join(" ") })
}

/// One line of Biểu 2-BTCTW for one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bieu2Line {
    pub row: Bieu2Row,
    pub number: String,
    pub label: String,
    pub depth: u8,
    pub value: FormValue,
}

/// Biểu 2-BTCTW for the report's period and scope: every row in order with its figure.
pub fn bieu2(report: &Report, data: &WardData) -> Vec<Bieu2Line> {
    let orgs = Organisations::of_report(report, data);
    let settings = &data.ward.settings;
    Bieu2Row::all()
        .into_iter()
        .map(|row| Bieu2Line {
            row,
            number: row.number(),
            label: row.label(settings),
            depth: row.depth(),
            value: row.value(&report.admitted, &orgs),
        })
        .collect()
}

/// One line of Biểu 2B-BTCTW.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bieu2BLine {
    /// "1" … within its block; "I", "II" on the block headings.
    pub number: String,
    pub label: String,
    pub heading: bool,
    pub total: u32,
    pub women: u32,
    /// total ÷ all admitted (the "Tỷ lệ (%)" column).
    pub share: Ratio,
}

/// The religions of Biểu 2B in its order, as positions in [`crate::model::RELIGIONS`], with the
/// form's labels: Công giáo, Tin Lành, Phật giáo, Cao Đài, Phật giáo Hòa Hảo, Hồi giáo, tôn
/// giáo khác (every other religion written).
pub const BIEU2B_RELIGIONS: [(usize, &str); 7] =
    [(2, "Công giáo"), (3, "Tin Lành"), (1, "Phật giáo"), (4, "Cao Đài"), (5, "Phật giáo Hòa Hảo"), (6, "Hồi giáo"), (7, "Tôn giáo khác")];

/// The ethnic codes of Biểu 2B in its order: the 54 groups, then 56 "Người nước ngoài nhập
/// quốc tịch", then 55 "Dân tộc khác".
pub fn bieu2b_ethnic_order() -> impl Iterator<Item = Ethnicity> {
    (1..=54u8).map(Ethnicity).chain([Ethnicity::FOREIGN, Ethnicity::OTHER])
}

/// Biểu 2B-BTCTW for the admitted `b`: block I the ethnic groups, block II the religions.
pub fn bieu2b(b: &Breakdown) -> Vec<Bieu2BLine> {
    let total = u64::from(b.total);
    let line = |number: String, label: &str, (n, women): (u32, u32)| Bieu2BLine {
        number,
        label: label.to_string(),
        heading: false,
        total: n,
        women,
        share: Ratio::new(n.into(), total),
    };
    let ethnic_sum = (b.kinh() + b.minorities() + b.ethnicity_count(Ethnicity::FOREIGN).0, 0);
    let women_ethnic: u32 = bieu2b_ethnic_order().map(|e| b.ethnicity_count(e).1).sum();
    let mut out = vec![Bieu2BLine { heading: true, ..line("I".into(), "Dân tộc", (ethnic_sum.0, women_ethnic)) }];
    out.extend(bieu2b_ethnic_order().enumerate().map(|(i, e)| line((i + 1).to_string(), e.label(), b.ethnicity_count(e))));
    let religious: (u32, u32) = BIEU2B_RELIGIONS.iter().map(|(i, _)| b.religion_count(*i)).fold((0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
    out.push(Bieu2BLine { heading: true, ..line("II".into(), "Tôn giáo", religious) });
    out.extend(BIEU2B_RELIGIONS.iter().enumerate().map(|(k, (i, label))| line((k + 1).to_string(), label, b.religion_count(*i))));
    out
}

/// The pipeline counts committees are still asked for (the older Biểu 10-TCTW, REPORTS.md §2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PipelineCounts {
    /// Số đảng viên dự bị được công nhận chính thức.
    pub recognised: u32,
    /// Số đảng viên dự bị không được công nhận (xóa tên).
    pub not_recognised: u32,
    /// Số tổ chức cơ sở đảng không kết nạp được đảng viên.
    pub organisations_without_admission: u32,
    /// Số quần chúng ưu tú được xét là cảm tình Đảng.
    pub new_sympathisers: u32,
    /// Số cảm tình Đảng dự lớp bồi dưỡng nhận thức về Đảng: learners of the scope in awareness
    /// classes that ended in the period, not marked absent \[U\].
    pub class_attendance: u32,
}

impl PipelineCounts {
    pub fn of_report(report: &Report, data: &WardData) -> PipelineCounts {
        Self::of_report_in(report, data, &super::scope_candidates(data, &report.scope))
    }

    /// [`PipelineCounts::of_report`] with the ids of the report's scope already known
    /// ([`super::scope_candidates`]).
    pub fn of_report_in(report: &Report, data: &WardData, in_scope: &super::InScope<'_>) -> PipelineCounts {
        let orgs = Organisations::of_report(report, data);
        let span = report.period.span();
        let class_attendance = data
            .classes
            .iter()
            .filter(|c| c.kind == ClassKind::NhanThuc && span.contains(c.end))
            .flat_map(|c| &c.learners)
            .filter(|l| l.result != Some(ClassResult::VangMat) && in_scope.contains(l.candidate_id.as_str()))
            .count() as u32;
        PipelineCounts {
            recognised: report.movements.recognised,
            not_recognised: report.movements.struck_off,
            organisations_without_admission: orgs.total().saturating_sub(orgs.admitting),
            new_sympathisers: report.movements.new_sympathisers,
            class_attendance,
        }
    }
}
