//! Proptest strategies for the whole model: arbitrary but valid [`WardData`] (every reference
//! resolves, dates in range, votes coherent, stages consistent with their process record), with
//! texts drawn from Vietnamese letters, markup, quotes, emoji, combining marks and any other
//! printable character.
//!
//! References are generated as placeholders (`"@k"`) and resolved to the k-th record (modulo
//! the count) once all records exist. Candidates take the stages whose consistency does not
//! depend on the process record being a real pipeline run: a fresh source-pool entry, a
//! recorded source-pool entry, and the four exits (whose records may hold any process data).
//! The demo ward covers every stage in the deterministic tests.

use crate::changes::{Change, ChangeLog};
use crate::format::RecordKind;
use crate::model::*;
use crate::pipeline::{Lateness, Stage, Step, StepRecord};
use crate::rules::LocalParams;
use chrono::{DateTime, Days, NaiveDate, Utc};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

/// The `today` of the property tests.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn date_between(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    let span = (to - from).num_days().max(0) as u64;
    (0..=span).prop_map(move |d| from + Days::new(d))
}

/// A date something happened.
fn event() -> impl Strategy<Value = NaiveDate> {
    date_between(ymd(1990, 1, 1), today())
}

fn stamp() -> impl Strategy<Value = Timestamp> {
    let from = ymd(2020, 1, 1).and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
    let to = today().and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp_millis();
    (from..=to).prop_map(|ms| DateTime::<Utc>::from_timestamp_millis(ms).unwrap())
}

fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => proptest::char::range('a', 'z'),
        3 => select(vec!['à', 'á', 'ả', 'ã', 'ạ', 'ă', 'â', 'đ', 'Đ', 'ê', 'ô', 'ơ', 'ư', 'Ư', 'ệ', 'ộ', 'ữ', 'ỹ', 'Ễ', ' ', ' ']),
        1 => select(vec!['<', '>', '&', '"', '\'', '\\', '/', '{', '}', '[', ']', ':', ',', '😀', '\u{0301}', '\u{200B}', '\u{FEFF}', '\u{00A0}']),
        1 => any::<char>().prop_filter("printable", |c| !c.is_control() && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')),
    ]
}

/// A name: printable, one line.
pub fn name() -> impl Strategy<Value = String> {
    vec(text_char(), 0..24).prop_map(String::from_iter)
}

/// Free text: may hold tabs and line breaks.
fn free() -> impl Strategy<Value = String> {
    vec(prop_oneof![9 => text_char(), 1 => select(vec!['\n', '\t', '\r'])], 0..32).prop_map(String::from_iter)
}

/// An id, unique thanks to its index suffix.
fn id(i: usize) -> impl Strategy<Value = String> {
    vec(text_char(), 0..10).prop_map(move |s| format!("{}#{i}", String::from_iter(s)))
}

/// A placeholder reference to the k-th record of some list.
fn placeholder() -> impl Strategy<Value = String> {
    (0usize..1000).prop_map(|k| format!("@{k}"))
}

fn doc() -> impl Strategy<Value = DocRef> {
    (free(), event(), name()).prop_map(|(number, date, signer)| DocRef { number, date, signer })
}

fn vote() -> impl Strategy<Value = Vote> {
    (doc(), 1u32..40)
        .prop_flat_map(|(resolution, convened)| (Just(resolution), Just(convened), 0..=convened))
        .prop_flat_map(|(resolution, convened, present)| (Just(resolution), Just(convened), Just(present), 0..=present))
        .prop_flat_map(|(resolution, convened, present, yes)| {
            (Just(resolution), Just(convened), Just(present), Just(yes), 0..=present - yes)
        })
        .prop_map(|(resolution, convened, present, yes, no)| Vote { resolution, convened, present, yes, no })
}

fn decision() -> impl Strategy<Value = Decision> {
    (doc(), option::of(vote()), any::<bool>()).prop_map(|(document, vote, approved)| Decision { document, vote, approved })
}

fn certificate() -> impl Strategy<Value = Certificate> {
    (free(), event(), name(), option::of(placeholder())).prop_map(|(number, issued_on, issuer, class)| Certificate {
        number,
        issued_on,
        issuer,
        class_id: class.map(ClassId),
    })
}

fn local_params() -> impl Strategy<Value = LocalParams> {
    (
        option::of(0u32..60),
        option::of(0u32..60),
        option::of(0u32..60),
        option::of(0u32..60),
        option::of(0u32..90),
        option::of(0u32..90),
        vec(placeholder(), 0..3),
        option::of(vec(1u32..365, 0..5)),
    )
        .prop_map(|(a, b, c, d, e, f, cells, alerts)| LocalParams {
            send_up_wd: a,
            grassroots_resolution_wd: b,
            recognition_decision_wd: c,
            recognition_decision_ext_wd: d,
            recognition_reresolve_after_wd: e,
            database_entry_wd: f,
            cells_without_youth_union: cells.into_iter().map(CellId).collect(),
            probation_alert_days: alerts,
        })
}

fn ward() -> impl Strategy<Value = Ward> {
    let plan = || date_between(ymd(2020, 1, 1), ymd(2028, 12, 31));
    let labels = btree_map(select(Occupation::ALL.iter().map(|o| o.code().to_string()).collect::<Vec<_>>()), name(), 0..3);
    let document = (name(), vec(free(), 0..3), option::of([5u32..=50, 5u32..=50, 5u32..=50, 5u32..=50]), option::of(11u32..=16)).prop_map(
        |(signer_name, recipients, margins_mm, font_pt)| DocumentSettings {
            signer_name,
            recipients,
            margins_mm,
            font_pt,
            ..Default::default()
        },
    );
    let settings = (local_params(), vec(plan(), 0..3), vec(plan(), 0..3), 0u32..60, (0u32..=1000, 0u32..=1000), labels, document)
        .prop_map(|(local, off, work, due, (a, b), form_labels, document)| WardSettings {
            local,
            calendar: crate::calendar::CalendarSettings { extra_days_off: off, extra_working_days: work },
            due_soon_days: due,
            development_benchmark: (f64::from(a) / 10.0, f64::from(b) / 10.0),
            form_labels,
            document,
        })
        .boxed();
    let notes = (free(), free(), free(), 0usize..3)
        .prop_map(|(shortcomings, causes, directions, n)| {
            ["ky=nam-2026", "ky=6-thang-dau-2026&pham-vi=chi-bo:cb-01"][..n.min(2)]
                .iter()
                .map(|r| ReportNotes {
                    report: r.to_string(),
                    shortcomings: shortcomings.clone(),
                    causes: causes.clone(),
                    directions: directions.clone(),
                })
                .collect::<Vec<_>>()
        })
        .boxed();
    (id(0), name(), select(UnitKind::ALL.to_vec()), free(), (2000i32..2030, 0i32..10), settings, notes, stamp(), stamp()).prop_map(
        |(id, name, kind, superior, (start, len), settings, report_notes, created_at, updated_at)| Ward {
            id: WardId(id),
            name,
            kind,
            superior,
            term: Term { start_year: start, end_year: start + len },
            settings,
            report_notes,
            created_at,
            updated_at,
        },
    )
}

fn cell(i: usize) -> impl Strategy<Value = Cell> {
    let year = (0u32..500, 0u32..50).prop_map(|(f, p)| CellYear { full_members: f, probationary_members: p });
    (
        id(i),
        name(),
        name(),
        select(CellKind::ALL.to_vec()),
        select(vec![CellLevel::TrucThuoc, CellLevel::TrongDangBoCoSo]),
        option::of(name()),
        (name(), name()),
        vec(name(), 0..3),
        btree_map(2000i32..2027, year, 0..3),
        (any::<bool>(), any::<bool>()),
        (stamp(), stamp()),
    )
        .prop_map(
            |(id, code, name, kind, level, grassroots, (in_charge, secretary), areas, years, (archived, no_masses_left), (c, u))| Cell {
                id: CellId(id),
                code,
                name,
                kind,
                level,
                grassroots,
                committee_member_in_charge: in_charge,
                secretary,
                residential_areas: areas,
                members_by_year: years,
                no_masses_left,
                archived,
                created_at: c,
                updated_at: u,
            },
        )
}

fn member(i: usize) -> impl Strategy<Value = PartyMember> {
    let statuses =
        vec![MemberStatus::ChinhThuc, MemberStatus::DuBi, MemberStatus::MienSinhHoat, MemberStatus::TamChuyen, MemberStatus::DaChuyenDi];
    (
        id(i),
        name(),
        option::of(select(Sex::ALL.to_vec())),
        placeholder(),
        select(statuses),
        option::of((event(), option::of(0u64..2000))),
        (stamp(), stamp()),
    )
        .prop_map(|(id, full_name, sex, cell, status, admitted, (c, u))| PartyMember {
            id: MemberId(id),
            full_name,
            sex,
            cell_id: CellId(cell),
            status,
            admitted_on: admitted.map(|(d, _)| d),
            official_on: admitted.and_then(|(d, o)| o.map(|o| d + Days::new(o))).filter(|d| *d <= today()),
            created_at: c,
            updated_at: u,
        })
}

fn target(i: usize) -> impl Strategy<Value = Target> {
    let period = prop_oneof![
        (2000i32..2031).prop_map(|year| TargetPeriod::Year { year }),
        (2000i32..2031, 0i32..6).prop_map(|(s, l)| TargetPeriod::Term { start_year: s, end_year: s + l }),
    ];
    let scope = prop_oneof![
        Just(TargetScope::Ward),
        placeholder().prop_map(|p| TargetScope::Cell { cell_id: CellId(p) }),
        select(SourceOrg::ALL.to_vec()).prop_map(|source| TargetScope::Source { source }),
    ];
    (id(i), period, scope, 0u32..500, name(), free(), (stamp(), stamp())).prop_map(
        |(id, period, scope, value, assigned_by, document, (c, u))| Target {
            id: TargetId(id),
            period,
            scope,
            value,
            assigned_by,
            document,
            created_at: c,
            updated_at: u,
        },
    )
}

fn class(i: usize) -> impl Strategy<Value = Class> {
    let learner = (placeholder(), option::of(select(vec![ClassResult::Dat, ClassResult::KhongDat, ClassResult::VangMat])), free())
        .prop_map(|(c, result, number)| Learner { candidate_id: CandidateId(c), result, certificate_number: number });
    (
        id(i),
        select(vec![ClassKind::NhanThuc, ClassKind::DangVienMoi]),
        name(),
        name(),
        (date_between(ymd(2000, 1, 1), today()), 0u64..30),
        free(),
        vec(learner, 0..5),
        option::of(event()),
        name(),
        (stamp(), stamp()),
    )
        .prop_map(|(id, kind, name, organiser, (start, len), venue, learners, cert, issuer, (c, u))| Class {
            id: ClassId(id),
            kind,
            name,
            organiser,
            start,
            end: start + Days::new(len),
            venue,
            learners,
            certificate_date: cert,
            certificate_issuer: issuer,
            created_at: c,
            updated_at: u,
        })
}

fn process() -> impl Strategy<Value = Process> {
    let early = (
        option::of((event(), name()).prop_map(|(date, proposed_by)| SourceEntry { date, proposed_by })),
        option::of((doc(), name(), vec(placeholder(), 0..3)).prop_map(|(resolution, proposed_by, helpers)| Sympathiser {
            resolution,
            proposed_by,
            helpers: helpers.into_iter().map(MemberId).collect(),
        })),
        option::of((event(), option::of(placeholder())).prop_map(|(date, c)| ClassProposal { date, class_id: c.map(ClassId) })),
        option::of(certificate()),
        option::of(doc()),
    );
    let intro = (placeholder(), event(), any::<bool>()).prop_map(|(m, together_since, replacement)| Introducer {
        member_id: MemberId(m),
        together_since,
        replacement,
    });
    let union = (select(vec![UnionBody::DoanThanhNien, UnionBody::CongDoan]), doc())
        .prop_map(|(body, resolution)| UnionIntroduction { body, resolution });
    let verification =
        (name(), free(), event(), any::<bool>(), option::of(0u64..200)).prop_map(|(subject, place, sent_on, abroad, back)| Verification {
            subject,
            place,
            sent_on,
            abroad,
            returned_on: back.map(|d| sent_on + Days::new(d)).filter(|d| *d <= today()),
        });
    let middle = (
        option::of((event(), option::of(union), vec(intro, 0..3)).prop_map(|(opened_on, union_introduction, introducers)| Dossier {
            opened_on,
            union_introduction,
            introducers,
        })),
        vec(verification, 0..3),
        option::of((event(), name(), any::<bool>()).prop_map(|(date, signer, eligible)| CvCertification { date, signer, eligible })),
        option::of((event(), vec(name(), 0..3)).prop_map(|(date, organisations)| Opinions { date, organisations })),
        vec(vote(), 0..3),
        option::of(event()),
        vec(vote(), 0..2),
    );
    let late = (
        option::of(decision()),
        option::of(event()),
        option::of((event(), free(), option::of(doc()), vec(placeholder(), 0..3)).prop_map(|(date, place, late_consent, helpers)| {
            Ceremony { date, place, late_consent, helpers: helpers.into_iter().map(MemberId).collect() }
        })),
        (option::of(event()), free(), option::of(event()), option::of(certificate())).prop_map(|(a, n, b, c)| AfterAdmission {
            member_records_on: a,
            record_number: n,
            database_entry_on: b,
            new_member_certificate: c,
        }),
        (option::of(event()), option::of(event()), option::of(event()), vec(vote(), 0..2), vec(vote(), 0..2), option::of(decision()))
            .prop_map(|(a, b, c, cv, gv, d)| Recognition {
                self_review_on: a,
                helper_report_on: b,
                opinions_on: c,
                cell_votes: cv,
                grassroots_votes: gv,
                decision: d,
            }),
    );
    (early, middle, late).prop_map(
        |(
            (source_pool, sympathiser, class_proposal, certificate, permission),
            (dossier, verifications, cv_certification, opinions, cell_votes, sent_up_on, grassroots_votes),
            (decision, decision_received_on, ceremony, after_admission, recognition),
        )| Process {
            source_pool,
            sympathiser,
            class_proposal,
            certificate,
            permission,
            dossier,
            verifications,
            cv_certification,
            opinions,
            cell_votes,
            sent_up_on,
            grassroots_votes,
            decision,
            decision_received_on,
            ceremony,
            after_admission,
            recognition,
            exit: None,
        },
    )
}

fn step_record(step: Step, from: Stage, to: Stage) -> impl Strategy<Value = StepRecord> {
    (
        event(),
        select(vec!["2025", "2016-2025"]),
        stamp(),
        option::of((event(), name()).prop_map(|(deadline, rule)| Lateness { deadline, rule })),
        vec(name(), 0..2),
    )
        .prop_map(move |(date, rule_set, recorded_at, late, acknowledged)| StepRecord {
            step,
            date,
            from,
            to,
            rule_set: rule_set.to_string(),
            recorded_at,
            late,
            acknowledged,
        })
}

/// Stage, exit and history that agree (see the module doc).
fn stage_and_history() -> impl Strategy<Value = (Stage, Option<ExitKind>, Vec<StepRecord>)> {
    let exits = vec![
        (Stage::RutKhoiDanhSach, ExitKind::Withdrawn, Step::Withdraw),
        (Stage::ChuyenDi, ExitKind::MovedAway, Step::MoveAway),
        (Stage::XoaTenDuBi, ExitKind::StruckOff, Step::StrikeOff),
        (Stage::HuyQuyetDinh, ExitKind::DecisionCancelled, Step::CancelDecision),
    ];
    let from: Vec<Stage> = Stage::ALL.iter().copied().filter(|s| !s.is_final()).collect();
    prop_oneof![
        Just((Stage::Nguon, None, vec![])),
        step_record(Step::AddToSourcePool, Stage::Nguon, Stage::Nguon).prop_map(|r| (Stage::Nguon, None, vec![r])),
        (select(exits), select(from), any::<bool>()).prop_flat_map(|((stage, kind, step), from, with_history)| {
            step_record(step, from, stage).prop_map(move |r| (stage, Some(kind), if with_history { vec![r] } else { vec![] }))
        }),
    ]
}

fn candidate(i: usize) -> impl Strategy<Value = Candidate> {
    let identity = (
        id(i),
        name(),
        select(Sex::ALL.to_vec()),
        date_between(ymd(1930, 1, 1), ymd(2008, 1, 1)),
        (1u8..=56).prop_map(Ethnicity),
        prop_oneof![select(crate::model::RELIGIONS.to_vec()).prop_map(str::to_string), name()],
        select(vec![10u8, 12]).prop_flat_map(|system| (0..=system).prop_map(move |grade| GeneralEducation { grade, system })),
        option::of(select(Qualification::ALL.to_vec())),
        select(Occupation::ALL.to_vec()),
        free(),
        placeholder(),
    );
    let reasons = vec![
        LeaveReason::ResignedHardship,
        LeaveReason::Resigned,
        LeaveReason::DroppedOut,
        LeaveReason::SeriousDisunity,
        LeaveReason::Corruption,
        LeaveReason::SeriousCrime,
        LeaveReason::MinorCrime,
        LeaveReason::Other,
    ];
    let consent_kinds = vec![ConsentKind::Over60, ConsentKind::VillageElder, ConsentKind::Readmission, ConsentKind::Special];
    let flags = (
        vec(select(SourceOrg::ALL.to_vec()), 0..3),
        any::<bool>(),
        any::<bool>(),
        vec(select(TargetGroup::ALL.to_vec()), 0..3),
        option::of(select(vec![AreaException::DifficultArea, AreaException::VillageElder])),
        option::of((event(), select(reasons), option::of(event()), any::<bool>()).prop_map(|(left_on, reason, cleared, before)| {
            Readmission { left_on, reason, record_cleared_on: cleared, readmitted_before: before }
        })),
        vec((select(consent_kinds), doc()).prop_map(|(kind, document)| Consent { kind, document }), 0..2),
    );
    let exit_fields = (event(), free(), option::of(doc()), free());
    let form = (
        option::of(select(AcademicTitle::ALL.to_vec())),
        any::<bool>(),
        any::<bool>(),
        option::of((free(), free()).prop_map(|(was, reason)| OccupationReview { was, reason })),
    );
    (identity, flags, process(), stage_and_history(), exit_fields, (stamp(), stamp()), form).prop_map(
        |(
            (id, full_name, sex, birth_date, ethnicity, religion, education, qualification, occupation, residence, cell),
            (sources, youth_union_member, trade_union_member, groups, area_exception, readmission, consents),
            mut process,
            (stage, exit_kind, history),
            (exit_date, reason, document, destination),
            (created_at, updated_at),
            (academic_title, population_policy_violation, foreign_marriage, occupation_review),
        )| {
            process.exit = exit_kind.map(|kind| Exit { kind, date: exit_date, reason, document, destination });
            if stage == Stage::Nguon && !history.is_empty() {
                // A recorded source-pool entry: the stage checks apply.
                if process.source_pool.is_none() {
                    process.source_pool = Some(SourceEntry { date: exit_date, proposed_by: String::new() });
                }
                process.recognition.decision = None;
            }
            Candidate {
                id: CandidateId(id),
                full_name,
                sex,
                birth_date,
                ethnicity,
                religion,
                education,
                qualification,
                occupation,
                occupation_review,
                academic_title,
                population_policy_violation,
                foreign_marriage,
                residence,
                cell_id: CellId(cell),
                sources,
                youth_union_member,
                trade_union_member,
                groups,
                area_exception,
                readmission,
                consents,
                stage,
                process,
                history,
                created_at,
                updated_at,
            }
        },
    )
}

/// A list of records built by `f(index)`, so ids are unique.
fn records<T: std::fmt::Debug, S: Strategy<Value = T>>(max: usize, f: fn(usize) -> S) -> impl Strategy<Value = Vec<T>> {
    (0..=max).prop_flat_map(move |n| (0..n).map(f).collect::<Vec<_>>())
}

fn resolve(placeholder: &str, ids: &[String]) -> Option<String> {
    let k: usize = placeholder.strip_prefix('@')?.parse().ok()?;
    (!ids.is_empty()).then(|| ids[k % ids.len()].clone())
}

/// A change-log entry: any texts (line breaks, long values: the log shortens them), a few
/// record ids so that records have several entries.
pub fn change() -> impl Strategy<Value = Change> {
    let long = vec(text_char(), 0..160).prop_map(String::from_iter);
    (
        stamp(),
        select(RecordKind::ALL.to_vec()),
        select(vec!["qc-0001", "qc-0002", "cb-tdp01", "dv-0007", "lop-2026-1", "ct-1", "dbp-hoa-an"]),
        name(),
        prop_oneof![
            select(vec!["stage", "process.ceremony.date", "history", "tạo mới", "process.cell_votes[0].yes"]).prop_map(String::from),
            free()
        ],
        option::of(free()),
        option::of(long),
    )
        .prop_map(|(at, kind, id, name, field, old, new)| Change { at, kind, id: id.to_string(), name, field, old, new })
}

/// A change log made by appending arbitrary entries (so within the bounds).
pub fn change_log() -> impl Strategy<Value = ChangeLog> {
    vec(change(), 0..12).prop_map(|entries| {
        let mut log = ChangeLog::default();
        log.append(entries);
        log
    })
}

/// Arbitrary valid ward data (see the module doc), with a change log.
pub fn ward_data() -> impl Strategy<Value = WardData> {
    (
        ward(),
        (1usize..=4).prop_flat_map(|n| (0..n).map(cell).collect::<Vec<_>>()),
        records(6, member),
        records(6, candidate),
        records(3, class),
        records(4, target),
        change_log(),
    )
        .prop_map(|(ward, cells, members, candidates, classes, targets, changes)| {
            let mut d = WardData { ward, cells, members, candidates, classes, targets, changes };
            let cell_ids: Vec<String> = d.cells.iter().map(|c| c.id.0.clone()).collect();
            let member_ids: Vec<String> = d.members.iter().map(|c| c.id.0.clone()).collect();
            let candidate_ids: Vec<String> = d.candidates.iter().map(|c| c.id.0.clone()).collect();
            let class_ids: Vec<String> = d.classes.iter().map(|c| c.id.0.clone()).collect();
            let cell = |p: &CellId| CellId(resolve(&p.0, &cell_ids).unwrap_or_default());
            let members = |v: &[MemberId]| -> Vec<MemberId> { v.iter().filter_map(|m| resolve(&m.0, &member_ids)).map(MemberId).collect() };
            let class = |c: &Option<ClassId>| c.as_ref().and_then(|c| resolve(&c.0, &class_ids)).map(ClassId);

            let local = &mut d.ward.settings.local;
            local.cells_without_youth_union = local.cells_without_youth_union.iter().map(cell).collect();
            for m in &mut d.members {
                m.cell_id = cell(&m.cell_id);
            }
            for c in &mut d.candidates {
                c.cell_id = cell(&c.cell_id);
                let p = &mut c.process;
                if let Some(s) = &mut p.sympathiser {
                    s.helpers = members(&s.helpers);
                }
                if let Some(x) = &mut p.dossier {
                    x.introducers.retain_mut(|i| match resolve(&i.member_id.0, &member_ids) {
                        Some(m) => {
                            i.member_id = MemberId(m);
                            true
                        }
                        None => false,
                    });
                }
                if let Some(x) = &mut p.ceremony {
                    x.helpers = members(&x.helpers);
                }
                if let Some(x) = &mut p.class_proposal {
                    x.class_id = class(&x.class_id);
                }
                if let Some(x) = &mut p.certificate {
                    x.class_id = class(&x.class_id);
                }
                if let Some(x) = &mut p.after_admission.new_member_certificate {
                    x.class_id = class(&x.class_id);
                }
            }
            for k in &mut d.classes {
                let mut seen = std::collections::HashSet::new();
                k.learners.retain_mut(|l| match resolve(&l.candidate_id.0, &candidate_ids) {
                    Some(c) if seen.insert(c.clone()) => {
                        l.candidate_id = CandidateId(c);
                        true
                    }
                    _ => false,
                });
            }
            for t in &mut d.targets {
                if let TargetScope::Cell { cell_id } = &t.scope {
                    t.scope = TargetScope::Cell { cell_id: cell(cell_id) };
                }
            }
            d
        })
}
