//! The dossier (docs/domain.md §2.2 T4–T7): opened or renewed with its introduction, CV
//! verification requests and replies, the CV certified, the opinions collected.

use super::*;

/// T4: the dossier and its introduction (R-INTRO), re-admission warnings (R-READMIT).
pub(super) fn open_dossier(
    w: &mut Work<'_, '_>,
    opened_on: NaiveDate,
    union_introduction: Option<&UnionIntroduction>,
    introducers: &[Introducer],
) -> Result<Stage, TransitionError> {
    let rs = w.ctx.rule_set(opened_on);
    w.introduction(union_introduction, introducers, opened_on, opened_on);
    let f = check_readmission(&w.c, opened_on, rs, CheckPoint::CellVote, true);
    w.add(f);
    w.c.process.dossier = Some(Dossier { opened_on, union_introduction: union_introduction.cloned(), introducers: introducers.to_vec() });
    Ok(Stage::LapHoSo)
}

/// R-DOCAGE: the introduction redone; the 12 months count again from it.
pub(super) fn renew_dossier(
    w: &mut Work<'_, '_>,
    date: NaiveDate,
    union_introduction: Option<&UnionIntroduction>,
    introducers: &[Introducer],
) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    w.introduction(union_introduction, introducers, date, date);
    let Some(d) = w.c.process.dossier.as_mut() else {
        return Err(invalid(keys::DATE, "Chưa có hồ sơ để làm lại."));
    };
    d.union_introduction = union_introduction.cloned();
    d.introducers = introducers.to_vec();
    Ok(from)
}

/// T5: a verification request, not before the dossier.
pub(super) fn send_verification(
    w: &mut Work<'_, '_>,
    subject: &str,
    place: &str,
    sent_on: NaiveDate,
    abroad: bool,
) -> Result<Stage, TransitionError> {
    require_text(keys::SUBJECT, subject, "người được thẩm tra")?;
    if let Some(d) = &w.c.process.dossier {
        if sent_on < d.opened_on {
            return Err(invalid(
                keys::DATE,
                format!("Ngày gửi thẩm tra ({}) trước ngày lập hồ sơ ({}).", fmt_date(sent_on), fmt_date(d.opened_on)),
            ));
        }
    }
    w.c.process.verifications.push(Verification {
        subject: subject.to_string(),
        place: place.to_string(),
        sent_on,
        abroad,
        returned_on: None,
    });
    Ok(Stage::ThamTra)
}

/// T5: the reply to one request, late after 30 (90 abroad) working days (R-06 §3.4d).
pub(super) fn return_verification(w: &mut Work<'_, '_>, index: usize, returned_on: NaiveDate) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    let ctx = w.ctx;
    let n = w.c.process.verifications.len();
    let Some(v) = w.c.process.verifications.get(index) else {
        return Err(invalid(keys::VERIFICATION, format!("Không có yêu cầu thẩm tra số {} (chỉ có {n}).", index.saturating_add(1))));
    };
    if v.returned_on.is_some() {
        return Err(invalid(keys::DATE, format!("Yêu cầu thẩm tra “{}” đã có ngày trả lời.", v.subject)));
    }
    if returned_on < v.sent_on {
        return Err(invalid(
            keys::DATE,
            format!("Ngày nhận kết quả ({}) trước ngày gửi thẩm tra ({}).", fmt_date(returned_on), fmt_date(v.sent_on)),
        ));
    }
    w.lateness = late(Some(verification_deadline(ctx, v.sent_on, v.abroad)), returned_on);
    if let Some(v) = w.c.process.verifications.get_mut(index) {
        v.returned_on = Some(returned_on);
    }
    Ok(from)
}

/// T6: the CV certified once every reply is in.
pub(super) fn certify_cv(w: &mut Work<'_, '_>, certification: &CvCertification) -> Result<Stage, TransitionError> {
    let vs = &w.c.process.verifications;
    let pending: Vec<&str> = vs.iter().filter(|v| v.returned_on.is_none()).map(|v| v.subject.as_str()).collect();
    if !pending.is_empty() {
        let msg =
            format!("Chưa nhận đủ kết quả thẩm tra lý lịch (còn: {}); chỉ chứng nhận lý lịch sau khi thẩm tra xong.", pending.join(", "));
        w.findings.push(Finding::blocking("R-VERIFY-PENDING", msg, "R-06 §3.3b; R-38 §1.4; DOMAIN §2.2 T6"));
    }
    if let Some(last) = w.c.process.verifications.iter().filter_map(|v| v.returned_on).max() {
        if certification.date < last {
            return Err(invalid(
                keys::DATE,
                format!(
                    "Ngày chứng nhận lý lịch ({}) trước ngày nhận kết quả thẩm tra ({}).",
                    fmt_date(certification.date),
                    fmt_date(last)
                ),
            ));
        }
    }
    w.c.process.cv_certification = Some(certification.clone());
    Ok(Stage::ChungNhanLyLich)
}

/// T7: the opinions of the unions and the residence cell.
pub(super) fn collect_opinions(w: &mut Work<'_, '_>, opinions: &Opinions) -> Result<Stage, TransitionError> {
    w.cv_not_eligible();
    if opinions.organisations.iter().all(|o| o.trim().is_empty()) {
        w.findings.push(Finding::warning(
            "R-OPINIONS-EMPTY",
            "Chưa ghi tổ chức nào đã được lấy ý kiến: phải lấy ý kiến đoàn thể chính trị - xã hội mà người vào Đảng là \
             thành viên và chi ủy nơi cư trú.",
            "R-06 §3.5; DOMAIN §2.2 T7",
        ));
    }
    w.c.process.opinions = Some(opinions.clone());
    Ok(Stage::LayYKien)
}
