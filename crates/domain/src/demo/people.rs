//! Invented people: names (docs/domain.md §4.2) and the profile of a candidate by the kind of cell
//! (docs/domain.md §4.1 "Suggested demographic mix for new admissions": 60–70 % Youth Union,
//! 45–55 % women, 65 % aged 18–30, 10–15 % high-school students aged 18, 5 % demobilised
//! soldiers or militia, ≈ 88 % Kinh / 6 % Tày / 3 % Nùng / 3 % others).

use super::plans::Hint;
use super::rng::Rng;
use super::schedule::{add, years_before};
use super::tables::*;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// Keeps the demo's full names unique, and away from well-known public figures.
#[derive(Default)]
pub(super) struct NameBook {
    used: BTreeSet<String>,
}

impl NameBook {
    pub(super) fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_string());
    }

    /// A fresh full name: family + middle + given (docs/domain.md §4.2).
    pub(super) fn name(&mut self, rng: &mut Rng, sex: Sex, eth: Ethnicity, birth_year: i32) -> String {
        let mut last = String::new();
        for _ in 0..60 {
            let n = raw_name(rng, sex, eth, birth_year);
            if !self.used.contains(&n) && !FAMOUS.contains(&n.as_str()) {
                self.used.insert(n.clone());
                return n;
            }
            last = n;
        }
        // Give up on uniqueness (never for the demo's few hundred names), never on FAMOUS.
        if FAMOUS.contains(&last.as_str()) {
            last = format!("{last} Anh");
        }
        last
    }
}

fn family(rng: &mut Rng, eth: Ethnicity) -> &'static str {
    match eth.0 {
        2 | 7 => rng.pick(&FAMILY_TAY_NUNG),
        9 => rng.pick(&FAMILY_DAO),
        18 => rng.pick(&FAMILY_SAN_DIU),
        15 => rng.pick(&FAMILY_SAN_CHAY),
        4 => rng.pick(&FAMILY_HOA),
        6 => rng.pick(&FAMILY_MUONG),
        _ => rng.weighted(&FAMILY_KINH),
    }
}

fn raw_name(rng: &mut Rng, sex: Sex, eth: Ethnicity, birth_year: i32) -> String {
    let fam = family(rng, eth);
    match sex {
        Sex::Nam => {
            let mid = rng.pick(&MIDDLE_MALE);
            let given = rng.pick(&GIVEN_MALE);
            format!("{fam} {mid} {given}")
        }
        Sex::Nu => {
            // Young women less often carry "Thị" (docs/domain.md §4.2).
            let thi = if birth_year < 1990 { 0.55 } else { 0.18 };
            let mid = if rng.chance(thi) { "Thị" } else { rng.pick(&MIDDLE_FEMALE) };
            let given = rng.pick(&GIVEN_FEMALE);
            format!("{fam} {mid} {given}")
        }
    }
}

/// A candidate's identity and the facts the workflow and the statistics need.
#[derive(Clone, Debug)]
pub(super) struct Person {
    pub full_name: String,
    pub sex: Sex,
    pub birth_date: NaiveDate,
    pub ethnicity: Ethnicity,
    pub religion: String,
    pub education: GeneralEducation,
    pub qualification: Option<Qualification>,
    pub occupation: Occupation,
    pub academic_title: Option<AcademicTitle>,
    pub population_policy_violation: bool,
    pub foreign_marriage: bool,
    pub residence: String,
    pub sources: Vec<SourceOrg>,
    pub youth_union: bool,
    pub trade_union: bool,
    pub groups: Vec<TargetGroup>,
    pub married: bool,
    pub student: bool,
    pub veteran: bool,
}

fn residential_area(n: usize) -> String {
    format!("Tổ dân phố số {n}")
}

/// The occupation as the first demo drew it; [`form_row`] turns it into a row of Biểu 2-BTCTW
/// with its own random stream, so the rest of the demo ward stays as it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Broad {
    CanBoCongChuc,
    VienChuc,
    CongNhanLaoDong,
    LucLuongVuTrang,
    HocSinhSinhVien,
    ChuDoanhNghiep,
    Khac,
}

/// The form's row for a drawn occupation, spread the way a ward's admissions are: residential
/// workers in enterprises, self-employed, farming; the ward's own staff; public and private
/// schools and clinics.
fn form_row(extra: &mut Rng, broad: Broad, profile: Profile, qualification: Option<Qualification>) -> Occupation {
    use Occupation as O;
    let graduate = matches!(qualification, Some(Qualification::DaiHoc | Qualification::ThacSi | Qualification::TienSi));
    match broad {
        // Residents who are civil servants: mostly the ward's own or its villages' part-time
        // staff; a few work for a provincial agency.
        Broad::CanBoCongChuc => match profile {
            Profile::PartyOffice | Profile::Government => O::CanBoCapXa,
            // Few people: split the provincial ones between state and party agencies evenly.
            _ if extra.chance(0.6) => {
                if extra.chance(0.5) {
                    O::CongChucDangDoanThe
                } else {
                    O::CongChucNhaNuoc
                }
            }
            _ => extra.weighted(&[(O::KhongChuyenTrachThon, 1), (O::CanBoCapXa, 1)]),
        },
        // Residents in salaried public work: mostly public service units, some private schools
        // and clinics, a few staff of provincial agencies and mass organisations.
        Broad::VienChuc if profile == Profile::Residential => {
            extra.weighted(&[(O::VienChuc, 6), (O::SuNghiepNgoaiCongLap, 2), (O::CongChucDangDoanThe, 1), (O::CongChucNhaNuoc, 1)])
        }
        Broad::VienChuc => extra.weighted(&[(O::VienChuc, 9), (O::SuNghiepNgoaiCongLap, 1)]),
        Broad::CongNhanLaoDong if profile == Profile::Enterprise => extra.weighted(&[
            (O::CongNhanDoanhNghiep, 6),
            (O::NhanVienDoanhNghiep, if graduate { 4 } else { 1 }),
            (O::QuanLyDoanhNghiep, 1),
        ]),
        Broad::CongNhanLaoDong => extra.weighted(&[
            (O::CongNhanDoanhNghiep, 8),
            (O::NhanVienDoanhNghiep, if graduate { 8 } else { 4 }),
            (O::SuNghiepNgoaiCongLap, 2),
            (O::NongLamNgu, 3),
            (O::Khac, 4),
        ]),
        Broad::LucLuongVuTrang => O::LucLuongVuTrang,
        Broad::HocSinhSinhVien if profile == Profile::HighSchool => O::HocSinh,
        Broad::HocSinhSinhVien => O::SinhVien,
        Broad::ChuDoanhNghiep => O::QuanLyDoanhNghiep,
        // Residents in "other" work: self-employed and contract workers, farmers, and the
        // part-time staff of their residential group (tổ trưởng, công an viên …).
        Broad::Khac if profile == Profile::Residential => extra.weighted(&[(O::Khac, 6), (O::NongLamNgu, 2), (O::KhongChuyenTrachThon, 2)]),
        Broad::Khac => extra.weighted(&[(O::Khac, 3), (O::NongLamNgu, 1)]),
    }
}

/// The profile of someone the cell of `profile` would bring to a vote on `vote`. `extra` draws
/// what the first demo did not have (the form's rows, academic titles, the two flags of
/// Biểu 2-BTCTW I), leaving `rng`'s draws as they were.
#[allow(clippy::too_many_arguments)]
pub(super) fn candidate_person(
    rng: &mut Rng,
    extra: &mut Rng,
    names: &mut NameBook,
    profile: Profile,
    area: Option<usize>,
    vote: NaiveDate,
    hint: Hint,
) -> Person {
    use Profile::*;
    // "Đảng viên tuổi 18": a final-year student between December and May (S4).
    // Students are 18 only from their birthday in the calendar year they graduate (Vietnamese
    // school cohorts follow the birth year), so the vote falls between January and May.
    let student = hint == Hint::Student && profile == HighSchool && vote.month() <= 5 && vote.ordinal() > 20;
    let veteran_hint = hint == Hint::Veteran && profile == Residential;
    let age: i32 = if student {
        18
    } else if veteran_hint {
        rng.range(21, 27) as i32
    } else {
        (match profile {
            Residential => {
                if rng.chance(0.62) {
                    rng.range(19, 30)
                } else {
                    rng.range(31, 52)
                }
            }
            PartyOffice | Government => {
                if rng.chance(0.55) {
                    rng.range(24, 30)
                } else {
                    rng.range(31, 45)
                }
            }
            Military => rng.range(19, 28),
            Police => {
                if rng.chance(0.75) {
                    rng.range(22, 30)
                } else {
                    rng.range(31, 38)
                }
            }
            Enterprise => {
                if rng.chance(0.6) {
                    rng.range(20, 30)
                } else {
                    rng.range(31, 45)
                }
            }
            Preschool | School | HighSchool | Health => {
                if rng.chance(0.5) {
                    rng.range(23, 30)
                } else {
                    rng.range(31, 45)
                }
            }
        }) as i32
    };
    // Born in the year that makes `age` at the vote; students in January … their 18th birthday.
    let spread = if student { i64::from(vote.ordinal()) - 1 } else { 360 };
    let birth_date = add(years_before(vote, age), -rng.range(0, spread));
    let p_female = match profile {
        Residential => 0.42,
        PartyOffice => 0.55,
        Government => 0.5,
        Military => 0.05,
        Police => 0.15,
        Preschool => 0.95,
        School => 0.8,
        HighSchool => {
            if student {
                0.55
            } else {
                0.7
            }
        }
        Health => 0.75,
        Enterprise => 0.45,
    };
    let sex = if !veteran_hint && rng.chance(p_female) { Sex::Nu } else { Sex::Nam };
    let ethnicity = rng.weighted(&ETHNIC_MIX);
    let full_name = names.name(rng, sex, ethnicity, birth_date.year());
    let religion = if rng.chance(0.04) {
        "Phật giáo"
    } else if rng.chance(0.012) {
        "Công giáo"
    } else {
        "Không"
    }
    .to_string();
    // Youth age: up to 30 (R-INTRO, Hanoi text): every applicant of that age is a Youth Union
    // member and is introduced by the Youth Union.
    let youth_union = age <= 30;
    let workplace = !matches!(profile, Residential | Military | Police) && !student;
    let trade_union = workplace || (profile == Residential && rng.chance(0.3));
    let married = age >= 24 && rng.chance(((age - 22) as f64 * 0.12).min(0.9));

    let g12 = GeneralEducation { grade: 12, system: 12 };
    let g9 = GeneralEducation { grade: 9, system: 12 };
    use Qualification::*;
    let (education, qualification, mut occupation) = match profile {
        _ if student => (g12, None, Broad::HocSinhSinhVien),
        Residential => (
            if rng.chance(0.85) { g12 } else { g9 },
            rng.weighted(&[(None, 35), (Some(SoCap), 5), (Some(TrungCap), 20), (Some(CaoDang), 15), (Some(DaiHoc), 25)]),
            rng.weighted(&[
                (Broad::CongNhanLaoDong, 40),
                (Broad::Khac, 20),
                (Broad::VienChuc, 10),
                (Broad::HocSinhSinhVien, if age <= 24 { 12 } else { 0 }),
                (Broad::ChuDoanhNghiep, if age >= 25 { 6 } else { 0 }),
                (Broad::CanBoCongChuc, 7),
            ]),
        ),
        PartyOffice | Government => (g12, rng.weighted(&[(Some(DaiHoc), 80), (Some(ThacSi), 20)]), Broad::CanBoCongChuc),
        Military => (
            if rng.chance(0.7) { g12 } else { g9 },
            rng.weighted(&[(None, 60), (Some(SoCap), 20), (Some(TrungCap), 20)]),
            Broad::LucLuongVuTrang,
        ),
        Police => (g12, rng.weighted(&[(Some(DaiHoc), 70), (Some(TrungCap), 30)]), Broad::LucLuongVuTrang),
        Preschool => (g12, rng.weighted(&[(Some(CaoDang), 40), (Some(DaiHoc), 60)]), Broad::VienChuc),
        School | HighSchool => (g12, rng.weighted(&[(Some(DaiHoc), 85), (Some(ThacSi), 15)]), Broad::VienChuc),
        Health => (g12, rng.weighted(&[(Some(TrungCap), 30), (Some(CaoDang), 30), (Some(DaiHoc), 40)]), Broad::VienChuc),
        Enterprise => (
            if rng.chance(0.8) { g12 } else { g9 },
            rng.weighted(&[(None, 30), (Some(TrungCap), 30), (Some(CaoDang), 20), (Some(DaiHoc), 20)]),
            if rng.chance(0.9) { Broad::CongNhanLaoDong } else { Broad::Khac },
        ),
    };

    let mut sources = vec![];
    let mut groups = vec![];
    if youth_union {
        sources.push(SourceOrg::DoanThanhNien);
    }
    if student {
        sources.push(SourceOrg::HocSinhThpt);
        groups.push(TargetGroup::HocSinhThpt);
    }
    let mut veteran = false;
    if profile == Military {
        sources.push(SourceOrg::DanQuanTuVe);
        groups.push(TargetGroup::DanQuanTuVe);
        veteran = true;
    }
    if veteran_hint {
        sources.push(SourceOrg::QuanNhanXuatNgu);
        groups.push(TargetGroup::QuanNhanXuatNgu);
        occupation = Broad::Khac;
        veteran = true;
    }
    if occupation == Broad::ChuDoanhNghiep {
        sources.push(SourceOrg::ChuDoanhNghiep);
        groups.push(TargetGroup::ChuDoanhNghiep);
    }
    let row = form_row(extra, occupation, profile, qualification);
    if profile == Residential && matches!(row, Occupation::CanBoCapXa | Occupation::KhongChuyenTrachThon) {
        sources.push(SourceOrg::CanBoKhongChuyenTrach);
    }
    if !youth_union {
        if sex == Sex::Nu && profile == Residential && rng.chance(0.6) {
            sources.push(SourceOrg::HoiPhuNu);
        } else if trade_union {
            sources.push(SourceOrg::CongDoan);
        }
    }
    if sources.is_empty() {
        sources.push(SourceOrg::MatTran);
    }
    if religion != "Không" {
        groups.push(TargetGroup::NguoiCoDao);
    }

    let residence = match area {
        Some(n) => residential_area(n),
        None if rng.chance(0.75) => residential_area(rng.range(1, 21) as usize),
        None => rng.pick(&OUTSIDE_RESIDENCES).to_string(),
    };

    let occupation = row;
    // A few doctors and teachers with a doctorate, some of them with a title; a handful of
    // each flag of Biểu 2-BTCTW I.
    let mut qualification = qualification;
    let professional = matches!(profile, Health | School | HighSchool);
    if professional && age >= 32 && matches!(qualification, Some(DaiHoc | ThacSi)) && extra.chance(0.3) {
        qualification = Some(TienSi);
    }
    let academic_title = if qualification == Some(TienSi) && age >= 36 && extra.chance(0.6) {
        Some(extra.weighted(&[(AcademicTitle::PhoGiaoSu, 4), (AcademicTitle::GiaoSu, 1)]))
    } else {
        None
    };
    let population_policy_violation = married && age >= 30 && extra.chance(0.03);
    let foreign_marriage = married && extra.chance(0.06);

    Person {
        full_name,
        sex,
        birth_date,
        ethnicity,
        religion,
        education,
        qualification,
        occupation,
        academic_title,
        population_policy_violation,
        foreign_marriage,
        residence,
        sources,
        youth_union,
        trade_union,
        groups,
        married,
        student,
        veteran,
    }
}

/// An older full member of a cell (helper, introducer, secretary).
pub(super) struct MemberPerson {
    pub full_name: String,
    pub sex: Sex,
    pub birth_year: i32,
}

pub(super) fn member_person(rng: &mut Rng, names: &mut NameBook, residential: bool, this_year: i32) -> MemberPerson {
    // Existing members: ~35–40 % women, residential cells mostly retirees (docs/domain.md §4.1).
    let sex = if rng.chance(0.38) { Sex::Nu } else { Sex::Nam };
    let age = if residential { rng.range(45, 78) } else { rng.range(30, 56) } as i32;
    let birth_year = this_year - age;
    let eth = rng.weighted(&[(Ethnicity(1), 90), (Ethnicity(2), 6), (Ethnicity(7), 4)]);
    let full_name = names.name(rng, sex, eth, birth_year);
    MemberPerson { full_name, sex, birth_year }
}

/// A name for a scaled copy: not checked for uniqueness (there are more people than names),
/// only kept away from well-known public figures.
pub(super) fn fresh_name(rng: &mut Rng, sex: Sex, eth: Ethnicity, birth_year: i32) -> String {
    loop {
        let n = raw_name(rng, sex, eth, birth_year);
        if !FAMOUS.contains(&n.as_str()) {
            return n;
        }
    }
}
