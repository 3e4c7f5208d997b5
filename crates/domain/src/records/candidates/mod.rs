//! Candidates (quần chúng / người vào Đảng), docs/domain.md §3.1: adding a person to the source
//! pool (quần chúng ưu tú, the `AddToSourcePool` step) and editing their identity. The steps
//! that follow are recorded through the pipeline's step forms, never here.

use super::members::{cell_options, read_cell};
use super::*;
use crate::calendar::WorkingCalendar;
use crate::form::{join_multi, Field, FieldKind, Reader, Values};
use crate::model::*;
use crate::pipeline::{apply, Action, Stage, TransitionError, NO_ACKNOWLEDGEMENT};
use crate::rules::{RuleContext, RuleSets};
use crate::text::format_date;
use chrono::NaiveDate;

/// The key of the value that confirms saving a person who has the same name and birth date
/// as someone already in the list: `"true"` to confirm.
pub const CONFIRM_DUPLICATE: &str = "confirm_duplicate";

/// `(value, label)` of general education: "12/12" … "0/12", then the older 10-year system
/// "10/10" … "0/10" (R-38 §1.4(11)).
pub fn education_options() -> Vec<(String, String)> {
    let twelve = (0..=12u8).rev().map(|g| (format!("{g}/12"), format!("{g}/12")));
    let ten = (0..=10u8).rev().map(|g| (format!("{g}/10"), format!("{g}/10 (hệ 10 năm)")));
    twelve.chain(ten).collect()
}

/// "12/12" → grade 12 of the 12-year system; the grade at most the system (10 or 12).
pub fn parse_education(s: &str) -> Option<GeneralEducation> {
    let (g, sys) = s.trim().split_once('/')?;
    let (grade, system) = (g.trim().parse::<u8>().ok()?, sys.trim().parse::<u8>().ok()?);
    (matches!(system, 10 | 12) && grade <= system).then_some(GeneralEducation { grade, system })
}

fn ethnicity_options() -> Vec<(String, String)> {
    Ethnicity::all().map(|e| (e.0.to_string(), e.label().to_string())).collect()
}

/// `(value, label)` of the occupations, numbered as the rows of Biểu 2-BTCTW with the ward's
/// own wording: "1. Cán bộ, công chức cơ quan Nhà nước …", "7a. Người lãnh đạo, quản lý
/// doanh nghiệp" …
pub fn occupation_options(settings: &WardSettings) -> Vec<(String, String)> {
    Occupation::ALL.iter().map(|o| (code(*o), format!("{}. {}", o.number(), settings.occupation_label(*o)))).collect()
}

/// The hint under the occupation field: what the row means, and for a record marked for
/// review what it was and why this row was chosen.
pub fn occupation_hint(review: Option<&OccupationReview>) -> String {
    let base = "Chọn đúng dòng của Biểu 2-BTCTW; dòng 7 là người làm trong doanh nghiệp. Chủ doanh nghiệp tư nhân: chọn 7a và đánh dấu đối tượng “Chủ doanh nghiệp tư nhân”.";
    match review {
        Some(r) => format!("Cần rà soát: trước đây ghi “{}”; {}. {base}", r.was, r.reason),
        None => base.to_string(),
    }
}

/// The candidate form. Keys: `full_name`, `sex`, `birth_date`, `ethnicity`, `religion`,
/// `education`, `qualification`, `academic_title`, `occupation`, `residence`, `cell_id`,
/// `sources`, `youth_union_member`, `trade_union_member`, `groups`,
/// `population_policy_violation`, `foreign_marriage`, and for a new candidate (`editing` =
/// `None`) `source_date` and `proposed_by`.
pub fn fields(data: &WardData, editing: Option<&CandidateId>) -> Vec<Field> {
    let editing = editing.and_then(|id| data.candidate(id));
    let current = editing.map(|c| &c.cell_id);
    let review = editing.and_then(|c| c.occupation_review.as_ref());
    let mut f = vec![
        Field::new("full_name", "Họ và tên", FieldKind::Text).required().hint("Họ, tên đệm và tên khai sinh, ví dụ Nguyễn Văn An."),
        Field::new("sex", "Giới tính", FieldKind::Choice(options(&Sex::ALL, Sex::label))).required(),
        Field::new("birth_date", "Ngày sinh", FieldKind::Date).required(),
        Field::new("ethnicity", "Dân tộc", FieldKind::Choice(ethnicity_options())).hint("Để trống là dân tộc Kinh."),
        Field::new("religion", "Tôn giáo", FieldKind::Text).hint("Ghi “Không” nếu không theo tôn giáo nào."),
        Field::new("education", "Trình độ giáo dục phổ thông", FieldKind::Choice(education_options()))
            .required()
            .hint("Lớp cao nhất đã học xong, ví dụ 12/12."),
        Field::new("qualification", "Trình độ chuyên môn nghiệp vụ", FieldKind::Choice(options(&Qualification::ALL, Qualification::label))),
        Field::new("academic_title", "Chức danh khoa học", FieldKind::Choice(options(&AcademicTitle::ALL, AcademicTitle::label))),
        Field::new("occupation", "Nghề nghiệp", FieldKind::Choice(occupation_options(&data.ward.settings)))
            .required()
            .hint(occupation_hint(review)),
        Field::new("residence", "Nơi cư trú", FieldKind::Text).hint("Tổ dân phố, khu dân cư hoặc thôn nơi người đó sinh sống."),
        Field::new("cell_id", "Chi bộ theo dõi", FieldKind::Choice(cell_options(data, current))).required(),
        Field::new("sources", "Nguồn giới thiệu", FieldKind::MultiChoice(options(&SourceOrg::ALL, SourceOrg::label))),
        Field::new("youth_union_member", "Là đoàn viên Đoàn Thanh niên Cộng sản Hồ Chí Minh", FieldKind::Check),
        Field::new("trade_union_member", "Là đoàn viên công đoàn", FieldKind::Check),
        Field::new("groups", "Đối tượng theo dõi riêng", FieldKind::MultiChoice(options(&TargetGroup::ALL, TargetGroup::label))),
        Field::new("population_policy_violation", "Đã vi phạm chính sách dân số, kế hoạch hóa gia đình", FieldKind::Check),
        Field::new("foreign_marriage", "Có quan hệ hôn nhân với người nước ngoài", FieldKind::Check),
    ];
    if editing.is_none() {
        f.push(
            Field::new("source_date", "Ngày đưa vào nguồn", FieldKind::Date)
                .required()
                .hint("Ngày được đưa vào danh sách quần chúng ưu tú."),
        );
        f.push(Field::new("proposed_by", "Người hoặc tổ chức giới thiệu", FieldKind::Text).hint("Ví dụ: Đoàn Thanh niên phường."));
    }
    f
}

/// The values of a new candidate: Kinh, no religion, followed by `cell` when given.
pub fn new_values(cell: Option<&CellId>) -> Values {
    let mut v = Values::from([("ethnicity".to_string(), Ethnicity::KINH.0.to_string()), ("religion".to_string(), "Không".to_string())]);
    if let Some(c) = cell {
        v.insert("cell_id".into(), c.to_string());
    }
    v
}

fn check(b: bool) -> String {
    if b {
        "true".into()
    } else {
        String::new()
    }
}

/// The identity values of `c`, to edit them.
pub fn values_of(c: &Candidate) -> Values {
    Values::from([
        ("full_name".to_string(), c.full_name.clone()),
        ("sex".to_string(), code(c.sex)),
        ("birth_date".to_string(), format_date(c.birth_date)),
        ("ethnicity".to_string(), c.ethnicity.0.to_string()),
        ("religion".to_string(), c.religion.clone()),
        ("education".to_string(), c.education.label()),
        ("qualification".to_string(), c.qualification.map(code).unwrap_or_default()),
        ("academic_title".to_string(), c.academic_title.map(code).unwrap_or_default()),
        ("occupation".to_string(), code(c.occupation)),
        ("residence".to_string(), c.residence.clone()),
        ("cell_id".to_string(), c.cell_id.to_string()),
        ("sources".to_string(), join_multi(&c.sources.iter().map(|s| code(*s)).collect::<Vec<_>>())),
        ("youth_union_member".to_string(), check(c.youth_union_member)),
        ("trade_union_member".to_string(), check(c.trade_union_member)),
        ("groups".to_string(), join_multi(&c.groups.iter().map(|s| code(*s)).collect::<Vec<_>>())),
        ("population_policy_violation".to_string(), check(c.population_policy_violation)),
        ("foreign_marriage".to_string(), check(c.foreign_marriage)),
    ])
}

/// The identity fields of the form.
struct Identity {
    full_name: String,
    sex: Sex,
    birth_date: NaiveDate,
    ethnicity: Ethnicity,
    religion: String,
    education: GeneralEducation,
    qualification: Option<Qualification>,
    academic_title: Option<AcademicTitle>,
    occupation: Occupation,
    residence: String,
    cell_id: CellId,
    sources: Vec<SourceOrg>,
    youth_union_member: bool,
    trade_union_member: bool,
    groups: Vec<TargetGroup>,
    population_policy_violation: bool,
    foreign_marriage: bool,
}

impl Identity {
    fn write(self, c: &mut Candidate) {
        c.full_name = self.full_name;
        c.sex = self.sex;
        c.birth_date = self.birth_date;
        c.ethnicity = self.ethnicity;
        c.religion = self.religion;
        c.education = self.education;
        c.qualification = self.qualification;
        c.academic_title = self.academic_title;
        if c.occupation != self.occupation {
            // Corrected: the review mark of the migration has done its work.
            c.occupation_review = None;
        }
        c.occupation = self.occupation;
        c.residence = self.residence;
        c.cell_id = self.cell_id;
        c.sources = self.sources;
        c.youth_union_member = self.youth_union_member;
        c.trade_union_member = self.trade_union_member;
        c.groups = self.groups;
        c.population_policy_violation = self.population_policy_violation;
        c.foreign_marriage = self.foreign_marriage;
    }
}

/// Reads and checks the identity fields (birth date not after `today`).
fn read_identity(r: &mut Reader<'_>, data: &WardData, current_cell: Option<&CellId>, today: NaiveDate) -> Option<Identity> {
    let full_name = required_name(r, "full_name", "họ và tên");
    let sex = required_category(r, "sex", "giới tính", &Sex::ALL);
    let birth_date = r.date("birth_date", "ngày sinh");
    if let Some(b) = birth_date.filter(|b| *b > today) {
        r.error("birth_date", format!("Ngày sinh ({}) ở sau ngày hôm nay ({}).", format_date(b), format_date(today)));
    }
    let ethnicity = match r.choice("ethnicity") {
        None => Some(Ethnicity::KINH),
        Some(s) => {
            let e = s.parse::<u8>().ok().map(Ethnicity).filter(|e| e.is_valid());
            if e.is_none() {
                r.error("ethnicity", BAD_CHOICE);
            }
            e
        }
    };
    let religion = match free_text(r, "religion") {
        s if s.is_empty() => "Không".to_string(),
        s => s,
    };
    let education = r.required_choice("education", "trình độ giáo dục phổ thông").and_then(|s| {
        let e = parse_education(s);
        if e.is_none() {
            r.error("education", "Trình độ phải viết dạng lớp/hệ, ví dụ 12/12 hoặc 7/10.");
        }
        e
    });
    let qualification = optional_category(r, "qualification", &Qualification::ALL);
    let academic_title = optional_category(r, "academic_title", &AcademicTitle::ALL);
    let occupation = required_category(r, "occupation", "nghề nghiệp", &Occupation::ALL);
    let residence = free_text(r, "residence");
    let cell_id = read_cell(r, data, current_cell);
    let sources = multi_category(r, "sources", &SourceOrg::ALL);
    let youth_union_member = r.check("youth_union_member");
    let trade_union_member = r.check("trade_union_member");
    let groups = multi_category(r, "groups", &TargetGroup::ALL);
    let population_policy_violation = r.check("population_policy_violation");
    let foreign_marriage = r.check("foreign_marriage");
    Some(Identity {
        full_name,
        sex: sex?,
        birth_date: birth_date?,
        ethnicity: ethnicity?,
        religion,
        education: education?,
        qualification,
        academic_title,
        occupation: occupation?,
        residence,
        cell_id: cell_id?,
        sources,
        youth_union_member,
        trade_union_member,
        groups,
        population_policy_violation,
        foreign_marriage,
    })
}

/// The candidates with the same name (accents, case and spacing ignored) and birth
/// date, `except` left out.
pub fn duplicates_of<'a>(data: &'a WardData, full_name: &str, birth_date: NaiveDate, except: Option<&CandidateId>) -> Vec<&'a Candidate> {
    data.candidates.iter().filter(|c| Some(&c.id) != except && c.birth_date == birth_date && same_name(&c.full_name, full_name)).collect()
}

/// The error on `full_name` for possible duplicates, unless the values confirm them.
fn check_duplicates(r: &mut Reader<'_>, data: &WardData, full_name: &str, birth_date: Option<NaiveDate>, except: Option<&CandidateId>) {
    let Some(birth) = birth_date else { return };
    if full_name.is_empty() || r.check(CONFIRM_DUPLICATE) {
        return;
    }
    let dups = duplicates_of(data, full_name, birth, except);
    if dups.is_empty() {
        return;
    }
    let who: Vec<String> = dups
        .iter()
        .map(|c| {
            let cell = data.cell(&c.cell_id).map(|x| x.name.as_str()).unwrap_or("chưa rõ chi bộ");
            format!("{} ({}, {})", c.full_name, cell, c.stage.label())
        })
        .collect();
    r.ask_confirmation(
        "full_name",
        format!("Đã có người cùng họ tên và ngày sinh: {}. Nếu đây là người khác, hãy xác nhận để vẫn lưu.", who.join("; ")),
    );
}

/// Adds a person to the source pool (quần chúng ưu tú): creates the candidate at
/// [`Stage::Nguon`] (id `qc-<slug>-<time>`) and records the `AddToSourcePool` step through
/// [`apply`], so the history has the step.
///
/// Only impossible data is refused here — birth date after `today`, source date after
/// `today` or before the birth date; the admission rules (age R-AGE, education R-EDU …) are
/// checked by the pipeline at the steps where they apply. A person with the same name and
/// birth date as a candidate already in the list is refused on `full_name` unless
/// `values[CONFIRM_DUPLICATE] == "true"`.
pub fn add_candidate(data: &mut WardData, values: &Values, today: NaiveDate, now: Timestamp) -> Result<CandidateId, Vec<FieldError>> {
    let mut r = Reader::new(values);
    let identity = read_identity(&mut r, data, None, today);
    let source_date = r.date("source_date", "ngày đưa vào nguồn");
    let proposed_by = free_text(&mut r, "proposed_by");
    if let Some(s) = source_date {
        if s > today {
            r.error("source_date", format!("Ngày đưa vào nguồn ({}) ở sau ngày hôm nay ({}).", format_date(s), format_date(today)));
        }
        let birth = if r.has_error("birth_date") { None } else { r.opt_date("birth_date") };
        if let Some(b) = birth.filter(|b| s < *b) {
            r.error("source_date", format!("Ngày đưa vào nguồn ({}) trước ngày sinh ({}).", format_date(s), format_date(b)));
        }
    }
    if let Some(i) = &identity {
        let (name, birth) = (i.full_name.clone(), i.birth_date);
        check_duplicates(&mut r, data, &name, Some(birth), None);
    }
    let (identity, source_date) = r.finish(identity.zip(source_date))?;

    let id = CandidateId::new(new_id("qc", &identity.full_name, Some(now), |id| data.candidates.iter().any(|c| c.id.as_str() == id)));
    let mut c = Candidate {
        id: id.clone(),
        full_name: String::new(),
        sex: identity.sex,
        birth_date: identity.birth_date,
        ethnicity: identity.ethnicity,
        religion: String::new(),
        education: identity.education,
        qualification: None,
        occupation: identity.occupation,
        occupation_review: None,
        academic_title: None,
        population_policy_violation: false,
        foreign_marriage: false,
        residence: String::new(),
        cell_id: identity.cell_id.clone(),
        sources: vec![],
        youth_union_member: false,
        trade_union_member: false,
        groups: vec![],
        area_exception: None,
        readmission: None,
        consents: vec![],
        stage: Stage::Nguon,
        process: Process::default(),
        history: vec![],
        created_at: now,
        updated_at: now,
    };
    identity.write(&mut c);

    let rule_sets = RuleSets::builtin().map_err(|e| vec![FieldError::new("", e.to_string())])?;
    // No working-day deadline runs at this step: a calendar without its precomputed table.
    let calendar = WorkingCalendar::with_table_years(&data.ward.settings.calendar, 1, 0);
    let applied = {
        let ctx = RuleContext::for_candidate(data, &c, rule_sets, &calendar, today);
        let action = Action::AddToSourcePool { date: source_date, proposed_by };
        apply(&c, &action, &ctx, now, NO_ACKNOWLEDGEMENT).map_err(|e| match e {
            TransitionError::Invalid { field: "date", message } => vec![FieldError::new("source_date", message)],
            other => vec![FieldError::new("", other.to_string())],
        })?
    };
    let c = applied.candidate;
    log(data, RecordKind::Candidate, id.as_str(), &c.full_name, None, &c, now);
    data.candidates.push(c);
    Ok(id)
}

/// Edits a candidate's identity fields (name, sex, birth date … cell, sources, unions, target
/// groups); the stage, the workflow record and the history are never touched here.
///
/// Checks as [`add_candidate`], with today the Vietnam date of `now`; the birth date must
/// also stay before every step already recorded. The duplicate check runs only when the name
/// or the birth date changes. An edit that changes nothing writes nothing.
pub fn update_identity(data: &mut WardData, id: &CandidateId, values: &Values, now: Timestamp) -> Result<(), Vec<FieldError>> {
    let before = data.candidate(id).cloned().ok_or_else(|| not_found("quần chúng"))?;
    let today = local_today(now);
    let mut r = Reader::new(values);
    let identity = read_identity(&mut r, data, Some(&before.cell_id), today);
    if let Some(i) = &identity {
        let first_step = before.process.source_pool.as_ref().map(|s| s.date).into_iter().chain(before.history.iter().map(|h| h.date)).min();
        if let Some(first) = first_step.filter(|f| *f < i.birth_date) {
            r.error(
                "birth_date",
                format!("Ngày sinh ({}) sau ngày của bước đầu tiên đã ghi ({}).", format_date(i.birth_date), format_date(first)),
            );
        }
        if !same_name(&i.full_name, &before.full_name) || i.birth_date != before.birth_date {
            let (name, birth) = (i.full_name.clone(), i.birth_date);
            check_duplicates(&mut r, data, &name, Some(birth), Some(id));
        }
    }
    let identity = r.finish(identity)?;
    let mut after = before.clone();
    identity.write(&mut after);
    put_candidate(data, &before, after, now);
    Ok(())
}

/// Writes `after` in place of `before` (same id) with its time and its changes logged; an
/// edit that changes nothing writes nothing.
fn put_candidate(data: &mut WardData, before: &Candidate, mut after: Candidate, now: Timestamp) {
    if after == *before {
        return;
    }
    after.updated_at = now;
    log(data, RecordKind::Candidate, after.id.as_str(), &after.full_name, Some(before), &after, now);
    if let Some(slot) = data.candidates.iter_mut().find(|c| c.id == after.id) {
        *slot = after;
    }
}

/// The candidates marked "cần rà soát nghề nghiệp", by given name then full name (accents
/// folded; the screen may sort again with the browser's collation).
pub fn needing_review(data: &WardData) -> Vec<&Candidate> {
    let mut out: Vec<&Candidate> = data.candidates.iter().filter(|c| c.occupation_review.is_some()).collect();
    crate::order::sort_by_cached_key(&mut out, |c| (crate::text::fold(c.given_name()), crate::text::fold(&c.full_name), c.id.to_string()));
    out
}

/// Confirms (or corrects) the occupation of a candidate marked for review: sets `occupation`
/// (a code of [`Occupation`]) and removes the mark, with one entry in the change log.
pub fn confirm_occupation(data: &mut WardData, id: &CandidateId, occupation: &str, now: Timestamp) -> Result<(), Vec<FieldError>> {
    let before = data.candidate(id).cloned().ok_or_else(|| not_found("quần chúng"))?;
    let values = Values::from([("occupation".to_string(), occupation.to_string())]);
    let mut r = Reader::new(&values);
    let chosen = required_category(&mut r, "occupation", "nghề nghiệp", &Occupation::ALL);
    let chosen = r.finish(chosen)?;
    let mut after = before.clone();
    after.occupation = chosen;
    after.occupation_review = None;
    put_candidate(data, &before, after, now);
    Ok(())
}

#[cfg(test)]
mod tests;
