//! The steps before the dossier (docs/domain.md §2.2, source pool to T3): source pool, sympathiser,
//! awareness class and certificate, permission.

use super::*;

/// Added to the source pool.
pub(super) fn add_to_source_pool(w: &mut Work<'_, '_>, date: NaiveDate, proposed_by: &str) -> Result<Stage, TransitionError> {
    w.c.process.source_pool = Some(SourceEntry { date, proposed_by: proposed_by.to_string() });
    Ok(Stage::Nguon)
}

/// T1: the cell resolution; warns when no helper is assigned (R-38 §1.1d).
pub(super) fn recognise_sympathiser(
    w: &mut Work<'_, '_>,
    date: NaiveDate,
    resolution: &DocRef,
    proposed_by: &str,
    helpers: &[MemberId],
) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
    w.add(check_helpers(helpers, date, ctx.members));
    if helpers.is_empty() {
        w.findings.push(Finding::warning(
            "R-HELPER-MISSING",
            "Nghị quyết chưa phân công đảng viên chính thức giúp đỡ cảm tình Đảng.",
            "R-38 §1.1d; DOMAIN §2.2 T1",
        ));
    }
    w.c.process.sympathiser =
        Some(Sympathiser { resolution: resolution.clone(), proposed_by: proposed_by.to_string(), helpers: helpers.to_vec() });
    Ok(Stage::CamTinh)
}

/// T2: proposed for the awareness class.
pub(super) fn propose_class(w: &mut Work<'_, '_>, date: NaiveDate, class_id: Option<&ClassId>) -> Result<Stage, TransitionError> {
    w.c.process.class_proposal = Some(ClassProposal { date, class_id: class_id.cloned() });
    Ok(Stage::DeNghiHoc)
}

/// T2: the awareness certificate (moves a sympathiser on; later, a new certificate).
pub(super) fn record_certificate(w: &mut Work<'_, '_>, certificate: &Certificate) -> Result<Stage, TransitionError> {
    let from = w.c.stage;
    require_number(keys::NUMBER, &certificate.number, "giấy chứng nhận")?;
    w.c.process.certificate = Some(certificate.clone());
    Ok(if matches!(from, Stage::CamTinh | Stage::DeNghiHoc) { Stage::DaHoc } else { from })
}

/// T3: permission to start the procedure; the certificate must still be valid (R-CERT).
pub(super) fn grant_permission(w: &mut Work<'_, '_>, date: NaiveDate, document: &DocRef) -> Result<Stage, TransitionError> {
    let ctx = w.ctx;
    let rs = ctx.rule_set(date);
    match &w.c.process.certificate {
        None => w.add(check_certificate(None, date, rs)),
        Some(cert) if date > certificate_valid_until(cert, ctx.rule_set(cert.issued_on)) => {
            w.findings.push(Finding::warning(
                "R-CERT-EXPIRED-AT-PERMISSION",
                format!(
                    "Giấy chứng nhận học lớp nhận thức về Đảng cấp ngày {} đã quá {} tháng; người vào Đảng phải học lại \
                     trước khi chi bộ xét kết nạp.",
                    fmt_date(cert.issued_on),
                    rs.certificate_validity.months
                ),
                "R-06 §5.4b; DOMAIN §2.3 R-CERT",
            ));
        }
        Some(_) => {}
    }
    w.c.process.permission = Some(document.clone());
    Ok(Stage::DuocLamThuTuc)
}
