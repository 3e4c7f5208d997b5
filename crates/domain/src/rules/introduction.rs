//! R-INTRO (docs/domain.md §2.3): who may introduce a person into the Party, and who may help.

use super::{fmt_date, fmt_months, Finding, MemberLookup, RuleSet};
use crate::dates::{add_months, months_between};
use crate::model::{Candidate, Introducer, MemberId, MemberStatus, UnionBody, UnionIntroduction};
use chrono::NaiveDate;

/// What is checked for an introduction.
#[derive(Clone, Copy)]
pub struct IntroductionCheck<'a> {
    pub union_introduction: Option<&'a UnionIntroduction>,
    pub introducers: &'a [Introducer],
    /// Date of the introduction (dossier created or renewed): the 12 months together and the
    /// youth age are judged on it.
    pub introduced_on: NaiveDate,
    /// Date on which the introducers must be full members (the dossier date at T4, the vote
    /// date at T8).
    pub status_on: NaiveDate,
    /// Whether a Youth Union organisation exists where the applicant is (\[U\], see
    /// [`RuleContext::has_youth_union`](super::RuleContext::has_youth_union)).
    pub has_youth_union: bool,
}

/// Whether the person is of youth age on `date`: at most `youth_age.max_age_years` whole
/// years ("trên 30 tuổi" ends youth age, R-HN II.1.1.2.1b). Youth Union cadres (up to 35)
/// are not modelled: the app does not record who is a cadre.
pub fn is_youth_age(candidate: &Candidate, date: NaiveDate, rs: &RuleSet) -> bool {
    let months = candidate.age_months_on(date);
    months >= 0 && (months / 12) as u32 <= rs.youth_age.max_age_years
}

/// R-INTRO — docs/domain.md §2.3; R-294 §3.1–3.2; R-06 §3.6a; R-HN II.1.1.2.1b; Charter Art. 4.
///
/// Runs at the dossier (T4, also on renewal) and again at the cell vote (T8).
/// * **Blocking** `R-INTRO-MISSING`: neither two member introducers nor a union resolution
///   plus one member.
/// * **Blocking** `R-INTRO-DUPLICATE`: the same member named twice.
/// * **Blocking** `R-INTRO-UNKNOWN-MEMBER`: the introducer is not in the ward's member list.
/// * **Blocking** `R-INTRO-PROBATIONARY`: a probationary member cannot introduce.
/// * **Blocking** `R-INTRO-NOT-FULL`: not yet a full member on the date.
/// * **Blocking** `R-INTRO-MOVED`: the introducer moved away; the cell assigns another full
///   member (R-294 §3.2.2).
/// * **Blocking** `R-INTRO-TOGETHER-12M`: fewer than `introducer_together` (12) months in the
///   same unit with the applicant, unless the introducer is a cell-assigned replacement
///   (R-294 §3.2.2).
/// * **Warning** `R-INTRO-YOUTH-UNION`: a youth-age applicant where a Youth Union exists
///   should be introduced by a Youth Union resolution plus one member (R-HN II.1.1.2.1b).
/// * **Warning** `R-INTRO-YOUTH-MEMBERSHIP`: introduced by the Youth Union, or of youth age
///   where it exists, but not recorded as a Youth Union member; **Warning**
///   `R-INTRO-TRADE-UNION-MEMBERSHIP` likewise for a Trade Union resolution.
pub fn check_introduction(candidate: &Candidate, input: IntroductionCheck<'_>, members: &dyn MemberLookup, rs: &RuleSet) -> Vec<Finding> {
    let mut out = Vec::new();
    let rule = "R-294 §3.1–3.2; R-06 §3.6a; DOMAIN §2.3 R-INTRO";
    let intro = input.introducers;

    let mut seen: Vec<&MemberId> = Vec::with_capacity(intro.len());
    for i in intro {
        if seen.contains(&&i.member_id) {
            out.push(Finding::blocking("R-INTRO-DUPLICATE", "Một đảng viên được ghi hai lần là người giới thiệu.", rule));
        } else {
            seen.push(&i.member_id);
        }
    }
    let distinct = seen.len();
    let enough = distinct >= 2 || (input.union_introduction.is_some() && distinct >= 1);
    if !enough {
        out.push(Finding::blocking(
            "R-INTRO-MISSING",
            "Người vào Đảng phải được hai đảng viên chính thức giới thiệu, hoặc có nghị quyết giới thiệu của Ban Chấp hành \
             Đoàn Thanh niên (hoặc Công đoàn) cơ sở và một đảng viên chính thức giới thiệu.",
            rule,
        ));
    }

    for i in intro {
        let Some(m) = members.member(&i.member_id) else {
            out.push(Finding::blocking(
                "R-INTRO-UNKNOWN-MEMBER",
                format!("Không tìm thấy người giới thiệu (mã {}) trong danh sách đảng viên của phường.", i.member_id),
                rule,
            ));
            continue;
        };
        if m.status == MemberStatus::DaChuyenDi {
            out.push(Finding::blocking(
                "R-INTRO-MOVED",
                format!(
                    "Người giới thiệu {} đã chuyển đi. Chi bộ phải phân công đảng viên chính thức khác theo dõi, giúp đỡ \
                     và giới thiệu người vào Đảng.",
                    m.full_name
                ),
                "R-294 §3.2.2; DOMAIN §2.3 R-INTRO",
            ));
            continue;
        }
        if m.status == MemberStatus::DuBi {
            out.push(Finding::blocking(
                "R-INTRO-PROBATIONARY",
                format!(
                    "Người giới thiệu {} là đảng viên dự bị; chỉ đảng viên chính thức mới được giới thiệu người vào Đảng.",
                    m.full_name
                ),
                "R-294 §3.2.1; DOMAIN §2.3 R-INTRO",
            ));
            continue;
        }
        if !m.is_full_on(input.status_on) {
            out.push(Finding::blocking(
                "R-INTRO-NOT-FULL",
                format!("Người giới thiệu {} chưa là đảng viên chính thức vào ngày {}.", m.full_name, fmt_date(input.status_on)),
                "R-294 §3.2.1; DOMAIN §2.3 R-INTRO",
            ));
            continue;
        }
        if !i.replacement {
            let enough_from = add_months(i.together_since, rs.introducer_together.months);
            if enough_from > input.introduced_on {
                let months = months_between(i.together_since, input.introduced_on);
                out.push(Finding::blocking(
                    "R-INTRO-TOGETHER-12M",
                    format!(
                        "Người giới thiệu {} mới cùng công tác, học tập hoặc sinh hoạt nơi cư trú với người vào Đảng {} (từ {}), \
                         chưa đủ {} tháng vào ngày giới thiệu ({}).",
                        m.full_name,
                        fmt_months(months),
                        fmt_date(i.together_since),
                        rs.introducer_together.months,
                        fmt_date(input.introduced_on)
                    ),
                    "R-294 §3.2.1; DOMAIN §2.3 R-INTRO",
                ));
            }
        }
    }

    let youth = is_youth_age(candidate, input.introduced_on, rs);
    let by_youth_union = matches!(input.union_introduction, Some(u) if u.body == UnionBody::DoanThanhNien);
    if youth && input.has_youth_union && !by_youth_union {
        out.push(Finding::warning(
            "R-INTRO-YOUTH-UNION",
            format!(
                "Người vào Đảng trong độ tuổi thanh niên ({} tuổi) ở nơi có tổ chức Đoàn: phải là đoàn viên, được Ban Chấp hành \
                 Đoàn cơ sở (hoặc Ban Thường vụ Đoàn phường đối với chi đoàn tổ dân phố) ra nghị quyết giới thiệu và một \
                 đảng viên chính thức giới thiệu.",
                candidate.age_months_on(input.introduced_on) / 12
            ),
            "R-294 §3.1; R-HN II.1.1.2.1b; DOMAIN §2.3 R-INTRO",
        ));
    }
    if !candidate.youth_union_member && (by_youth_union || (youth && input.has_youth_union)) {
        out.push(Finding::warning(
            "R-INTRO-YOUTH-MEMBERSHIP",
            "Hồ sơ chưa ghi người vào Đảng là đoàn viên Đoàn TNCS Hồ Chí Minh; người được Đoàn giới thiệu hoặc trong độ tuổi \
             thanh niên ở nơi có tổ chức Đoàn phải là đoàn viên.",
            "R-294 §3.1; R-HN II.1.1.2.1b; DOMAIN §2.3 R-INTRO",
        ));
    }
    if matches!(input.union_introduction, Some(u) if u.body == UnionBody::CongDoan) && !candidate.trade_union_member {
        out.push(Finding::warning(
            "R-INTRO-TRADE-UNION-MEMBERSHIP",
            "Hồ sơ chưa ghi người vào Đảng là đoàn viên công đoàn; nghị quyết giới thiệu của Công đoàn cơ sở chỉ dành cho \
             đoàn viên công đoàn.",
            "R-294 §3.1; R-HN II.1.1.2.1b; DOMAIN §2.3 R-INTRO",
        ));
    }
    out
}

/// Members assigned to help (T1 sympathiser, T11 probation) must be full members
/// (R-38 §1.1d; R-06 §3.8, §3.10; docs/domain.md §1.2 "only they vote, introduce, help").
/// **Blocking** `R-HELPER-UNKNOWN` / `R-HELPER-NOT-FULL`.
pub fn check_helpers(helpers: &[MemberId], on: NaiveDate, members: &dyn MemberLookup) -> Vec<Finding> {
    let rule = "R-38 §1.1d; R-06 §3.8, §3.10; DOMAIN §1.2";
    let mut out = Vec::new();
    for id in helpers {
        match members.member(id) {
            None => out.push(Finding::blocking(
                "R-HELPER-UNKNOWN",
                format!("Không tìm thấy đảng viên giúp đỡ (mã {id}) trong danh sách đảng viên của phường."),
                rule,
            )),
            Some(m) if m.status == MemberStatus::DaChuyenDi || !m.is_full_on(on) => out.push(Finding::blocking(
                "R-HELPER-NOT-FULL",
                format!(
                    "{} không phải là đảng viên chính thức đang sinh hoạt vào ngày {}; chỉ đảng viên chính thức được phân công giúp đỡ.",
                    m.full_name,
                    fmt_date(on)
                ),
                rule,
            )),
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocRef, MemberStatus};
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }
    fn youth_union() -> UnionIntroduction {
        UnionIntroduction { body: UnionBody::DoanThanhNien, resolution: DocRef::on(d(2026, 1, 5)) }
    }
    fn input<'a>(u: Option<&'a UnionIntroduction>, i: &'a [Introducer], on: NaiveDate) -> IntroductionCheck<'a> {
        IntroductionCheck { union_introduction: u, introducers: i, introduced_on: on, status_on: on, has_youth_union: true }
    }
    fn codes(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|f| f.code).collect()
    }

    #[test]
    fn two_full_members_pass_for_an_older_applicant() {
        let mut c = candidate();
        c.birth_date = d(1980, 1, 1);
        let m = members();
        let i = [introducer("m1", d(2024, 1, 10)), introducer("m2", d(2020, 1, 1))];
        assert!(check_introduction(&c, input(None, &i, d(2025, 1, 10)), &m, rs()).is_empty());
    }

    #[test]
    fn together_12_months_boundary_and_replacement() {
        let mut c = candidate();
        c.birth_date = d(1980, 1, 1);
        let m = members();
        let i = [introducer("m1", d(2024, 1, 11)), introducer("m2", d(2020, 1, 1))];
        let f = check_introduction(&c, input(None, &i, d(2025, 1, 10)), &m, rs());
        assert_eq!(codes(&f), ["R-INTRO-TOGETHER-12M"]);
        assert!(f[0].message.contains("11 tháng"));
        let mut i = i;
        i[0].replacement = true;
        assert!(check_introduction(&c, input(None, &i, d(2025, 1, 10)), &m, rs()).is_empty());
    }

    #[test]
    fn union_plus_one_member_passes_for_youth() {
        let c = candidate(); // born 2000, 26 in 2026, Youth Union member
        let m = members();
        let u = youth_union();
        let i = [introducer("m1", d(2020, 1, 1))];
        assert!(check_introduction(&c, input(Some(&u), &i, d(2026, 1, 10)), &m, rs()).is_empty());
    }

    #[test]
    fn missing_probationary_unknown_moved_duplicate() {
        let mut c = candidate();
        c.birth_date = d(1980, 1, 1);
        let m = members();
        let on = d(2026, 1, 10);
        let one = [introducer("m1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &one, on), &m, rs())), ["R-INTRO-MISSING"]);
        let p = [introducer("m1", d(2020, 1, 1)), introducer("p1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &p, on), &m, rs())), ["R-INTRO-PROBATIONARY"]);
        let u = [introducer("m1", d(2020, 1, 1)), introducer("zz", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &u, on), &m, rs())), ["R-INTRO-UNKNOWN-MEMBER"]);
        let x = [introducer("m1", d(2020, 1, 1)), introducer("x1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &x, on), &m, rs())), ["R-INTRO-MOVED"]);
        let dup = [introducer("m1", d(2020, 1, 1)), introducer("m1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &dup, on), &m, rs())), ["R-INTRO-DUPLICATE", "R-INTRO-MISSING"]);
    }

    #[test]
    fn not_yet_full_on_the_date() {
        let mut c = candidate();
        c.birth_date = d(1980, 1, 1);
        let mut m = members();
        m[1].official_on = Some(d(2026, 2, 1));
        let i = [introducer("m1", d(2020, 1, 1)), introducer("m2", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(None, &i, d(2026, 1, 31)), &m, rs())), ["R-INTRO-NOT-FULL"]);
        assert!(check_introduction(&c, input(None, &i, d(2026, 2, 1)), &m, rs()).is_empty());
        m[1].status = MemberStatus::DuBi;
    }

    #[test]
    fn youth_age_boundary_and_youth_union_warning() {
        let m = members();
        let i = [introducer("m1", d(2020, 1, 1)), introducer("m2", d(2020, 1, 1))];
        let mut c = candidate();
        c.birth_date = d(1995, 1, 11);
        // 30 years 11 months: still youth age → warning.
        let f = check_introduction(&c, input(None, &i, d(2026, 1, 10)), &m, rs());
        assert_eq!(codes(&f), ["R-INTRO-YOUTH-UNION"]);
        assert!(!f[0].is_blocking());
        // 31 years: no longer youth age.
        assert!(check_introduction(&c, input(None, &i, d(2026, 1, 11)), &m, rs()).is_empty());
        // No Youth Union where the applicant works: two members are right.
        let mut inp = input(None, &i, d(2026, 1, 10));
        inp.has_youth_union = false;
        assert!(check_introduction(&c, inp, &m, rs()).is_empty());
        // Youth age and not a Youth Union member.
        c.youth_union_member = false;
        let u = youth_union();
        let one = [introducer("m1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(Some(&u), &one, d(2026, 1, 10)), &m, rs())), ["R-INTRO-YOUTH-MEMBERSHIP"]);
    }

    #[test]
    fn trade_union_membership_warning() {
        let mut c = candidate();
        c.birth_date = d(1980, 1, 1);
        let m = members();
        let u = UnionIntroduction { body: UnionBody::CongDoan, resolution: DocRef::on(d(2026, 1, 5)) };
        let one = [introducer("m1", d(2020, 1, 1))];
        assert_eq!(codes(&check_introduction(&c, input(Some(&u), &one, d(2026, 1, 10)), &m, rs())), ["R-INTRO-TRADE-UNION-MEMBERSHIP"]);
        c.trade_union_member = true;
        assert!(check_introduction(&c, input(Some(&u), &one, d(2026, 1, 10)), &m, rs()).is_empty());
    }

    #[test]
    fn helpers_must_be_full_members() {
        let m = members();
        let on = d(2026, 1, 1);
        assert!(check_helpers(&[MemberId::new("m1")], on, &m).is_empty());
        assert_eq!(check_helpers(&[MemberId::new("p1")], on, &m)[0].code, "R-HELPER-NOT-FULL");
        assert_eq!(check_helpers(&[MemberId::new("x1")], on, &m)[0].code, "R-HELPER-NOT-FULL");
        assert_eq!(check_helpers(&[MemberId::new("nope")], on, &m)[0].code, "R-HELPER-UNKNOWN");
    }
}
