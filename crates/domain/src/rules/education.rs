//! R-EDU (docs/domain.md §2.3): lower-secondary diploma, with the area exceptions.

use super::{consent_ok, fmt_date, CheckPoint, Finding, RuleSet};
use crate::model::{AreaException, Candidate, ConsentKind, SchoolLevel};

/// "tốt nghiệp trung học cơ sở" …
pub fn school_level_label(level: SchoolLevel) -> &'static str {
    match level {
        SchoolLevel::None => "chưa hoàn thành tiểu học",
        SchoolLevel::Primary => "hoàn thành chương trình tiểu học",
        SchoolLevel::LowerSecondary => "tốt nghiệp trung học cơ sở",
        SchoolLevel::UpperSecondary => "tốt nghiệp trung học phổ thông",
    }
}

/// R-EDU — docs/domain.md §2.3; R-294 §1.2; R-06 §1.2.
///
/// * No exception: at least `education.minimum` (lower secondary) → else **Blocking**
///   `R-EDU-BELOW-MINIMUM`.
/// * [`AreaException::DifficultArea`] (mountains, border, islands, minority areas, extremely
///   difficult areas, fishermen at sea): at least `education.difficult_area_minimum`
///   (primary) → else **Blocking** `R-EDU-BELOW-PRIMARY`.
/// * [`AreaException::VillageElder`]: no schooling minimum, but must read and write
///   Vietnamese and needs the provincial Standing Committee's written consent before the
///   decision (R-06 §1.2b). At the cell vote: **Warning** `R-EDU-VILLAGE-ELDER` (confirm
///   literacy; consent still to obtain if none recorded). At the decision: **Blocking**
///   `R-EDU-VILLAGE-ELDER-NO-CONSENT` without a `ConsentKind::VillageElder` consent dated on
///   or before the decision.
pub fn check_education(candidate: &Candidate, rs: &RuleSet, at: CheckPoint) -> Vec<Finding> {
    let level = candidate.education.level();
    let edu = candidate.education.label();
    let rule = "R-294 §1.2; R-06 §1.2; DOMAIN §2.3 R-EDU";
    match candidate.area_exception {
        None if level < rs.education.minimum => vec![Finding::blocking(
            "R-EDU-BELOW-MINIMUM",
            format!(
                "Người vào Đảng chưa đạt trình độ học vấn tối thiểu ({}); học vấn ghi trong hồ sơ: {}. \
                 Nếu người đó sống ở miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn \
                 hoặc là ngư dân thường xuyên làm việc trên biển, hãy ghi trường hợp ngoại lệ.",
                school_level_label(rs.education.minimum),
                edu
            ),
            rule,
        )],
        Some(AreaException::DifficultArea) if level < rs.education.difficult_area_minimum => vec![Finding::blocking(
            "R-EDU-BELOW-PRIMARY",
            format!(
                "Người vào Đảng ở vùng được ngoại lệ về học vấn nhưng chưa {} (học vấn ghi trong hồ sơ: {}).",
                school_level_label(rs.education.difficult_area_minimum),
                edu
            ),
            "R-06 §1.2a; DOMAIN §2.3 R-EDU",
        )],
        Some(AreaException::VillageElder) => match at {
            CheckPoint::CellVote => {
                let consent = if consent_ok(candidate, ConsentKind::VillageElder, at) {
                    "Đã có văn bản đồng ý của Ban Thường vụ Tỉnh ủy, Thành ủy."
                } else {
                    "Cần có văn bản đồng ý của Ban Thường vụ Tỉnh ủy, Thành ủy trước khi ra quyết định kết nạp."
                };
                vec![Finding::warning(
                    "R-EDU-VILLAGE-ELDER",
                    format!("Già làng, trưởng bản, người có uy tín: xác nhận người vào Đảng biết đọc, biết viết chữ quốc ngữ. {consent}"),
                    "R-06 §1.2b; DOMAIN §2.3 R-EDU",
                )]
            }
            CheckPoint::Decision { on } if !consent_ok(candidate, ConsentKind::VillageElder, at) => vec![Finding::blocking(
                "R-EDU-VILLAGE-ELDER-NO-CONSENT",
                format!(
                    "Người vào Đảng được ngoại lệ học vấn (già làng, trưởng bản, người có uy tín) nhưng chưa có văn bản đồng ý \
                     của Ban Thường vụ Tỉnh ủy, Thành ủy ghi ngày trước hoặc trong ngày ra quyết định ({}).",
                    fmt_date(on)
                ),
                "R-06 §1.2b; DOMAIN §2.3 R-EDU",
            )],
            CheckPoint::Decision { .. } => vec![],
        },
        _ => vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Consent, DocRef, GeneralEducation};
    use crate::rules::testkit::*;
    use crate::rules::RuleSets;

    fn rs() -> &'static RuleSet {
        RuleSets::builtin().unwrap().current()
    }

    #[test]
    fn lower_secondary_boundary() {
        let mut c = candidate();
        c.education = GeneralEducation { grade: 9, system: 12 };
        assert!(check_education(&c, rs(), CheckPoint::CellVote).is_empty());
        c.education = GeneralEducation { grade: 7, system: 10 }; // old northern system: 7/10 = THCS
        assert!(check_education(&c, rs(), CheckPoint::CellVote).is_empty());
        c.education = GeneralEducation { grade: 8, system: 12 };
        let f = check_education(&c, rs(), CheckPoint::CellVote);
        assert_eq!(f[0].code, "R-EDU-BELOW-MINIMUM");
        assert!(f[0].is_blocking());
        assert!(f[0].message.contains("8/12"));
    }

    #[test]
    fn difficult_area_needs_primary() {
        let mut c = candidate();
        c.area_exception = Some(AreaException::DifficultArea);
        c.education = GeneralEducation { grade: 5, system: 12 };
        assert!(check_education(&c, rs(), CheckPoint::CellVote).is_empty());
        c.education = GeneralEducation { grade: 4, system: 12 };
        let f = check_education(&c, rs(), CheckPoint::CellVote);
        assert_eq!(f[0].code, "R-EDU-BELOW-PRIMARY");
    }

    #[test]
    fn village_elder_warns_then_needs_consent_before_decision() {
        let mut c = candidate();
        c.area_exception = Some(AreaException::VillageElder);
        c.education = GeneralEducation { grade: 0, system: 12 };
        let f = check_education(&c, rs(), CheckPoint::CellVote);
        assert_eq!(f[0].code, "R-EDU-VILLAGE-ELDER");
        assert!(!f[0].is_blocking());
        let f = check_education(&c, rs(), CheckPoint::Decision { on: d(2026, 1, 1) });
        assert_eq!(f[0].code, "R-EDU-VILLAGE-ELDER-NO-CONSENT");
        c.consents.push(Consent { kind: ConsentKind::VillageElder, document: DocRef::on(d(2025, 12, 1)) });
        assert!(check_education(&c, rs(), CheckPoint::Decision { on: d(2026, 1, 1) }).is_empty());
    }
}
