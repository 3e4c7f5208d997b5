//! The fields each step's form asks (docs/domain.md §2.2, one arm per step in [`form`]), with the
//! choices they offer ([`Options`]).

use super::*;

/// The choices a form offers, computed only for the steps that need them.
#[derive(Default)]
pub(super) struct Options {
    /// The ward's full members, the candidate's cell first.
    pub(super) members: Vec<(String, String)>,
    /// The ward's classes of the kind the step needs, newest first.
    pub(super) classes: Vec<(String, String)>,
    /// The verification requests without a reply.
    pub(super) verifications: Vec<(String, String)>,
}

impl Options {
    /// The choices of the fields that `step`'s form has: members to help or introduce, the
    /// awareness classes, the verification requests waiting for a reply.
    pub(super) fn of(step: Step, c: &Candidate, data: &WardData) -> Options {
        let asked: Vec<&str> = form(step, &Options::default()).into_iter().map(|f| f.key).collect();
        let has = |key: &str| asked.contains(&key);
        Options {
            members: if has(keys::HELPERS) || has(keys::INTRODUCERS[0].id) { member_options(c, data) } else { Vec::new() },
            classes: if has(keys::CLASS_ID) { class_options(data, ClassKind::NhanThuc) } else { Vec::new() },
            verifications: if has(keys::VERIFICATION) { verification_options(c) } else { Vec::new() },
        }
    }
}

fn text(key: &'static str, label: &str) -> Field {
    Field::new(key, label, FieldKind::Text)
}

fn date(key: &'static str, label: &str) -> Field {
    Field::new(key, label, FieldKind::Date)
}

fn choice(key: &'static str, label: &str, options: &[(&str, &str)]) -> Field {
    let options = options.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect();
    Field::new(key, label, FieldKind::Choice(options))
}

/// One document: number, date, signer.
fn document(number: &str, number_required: bool, date_label: &str, date_hint: &str) -> Vec<Field> {
    let n = Field::new(keys::NUMBER, number, FieldKind::DocNumber);
    vec![
        if number_required { n.required() } else { n },
        date(keys::DATE, date_label).required().hint(date_hint),
        text(keys::SIGNER, "Người ký"),
    ]
}

/// "Cần ít nhất 2/3 số đảng viên chính thức được triệu tập tán thành (…)." from the rule set
/// in force (docs/domain.md §2.3 R-VOTE).
fn threshold_hint(body: VotingBody) -> String {
    match RuleSets::builtin() {
        Ok(rs) => {
            let t = body.threshold(rs.current());
            format!("Cần {} số {} được triệu tập tán thành ({}).", t.label(), body.members_word(), t.rule)
        }
        Err(_) => String::new(),
    }
}

/// The four counts of a vote (R-VOTE); `required` for the cell and committee votes, optional
/// (all four or none) for the Standing Committee's ballot.
fn counts(body: VotingBody, required: bool) -> Vec<Field> {
    let count = |key, label: String| {
        let f = Field::new(key, label, FieldKind::Count);
        if required {
            f.required()
        } else {
            f
        }
    };
    let convened_hint = match body {
        VotingBody::Cell => {
            "Đảng viên chính thức của chi bộ, trừ người tạm chuyển sinh hoạt, người miễn sinh hoạt vắng mặt, người bị \
             đình chỉ sinh hoạt, khởi tố, tạm giam (R-294 §9.3.2)."
        }
        _ => "Trừ người tạm chuyển sinh hoạt, vắng mặt hoặc bị đình chỉ sinh hoạt, khởi tố, tạm giam (R-294 §9.3.3).",
    };
    let mut yes_hint = threshold_hint(body);
    if !required {
        yes_hint.push_str(" Nhập đủ bốn số biểu quyết hoặc để trống cả bốn.");
    }
    vec![
        count(keys::CONVENED, format!("Số {} được triệu tập", body.members_word())).hint(convened_hint),
        count(keys::PRESENT, "Số có mặt".into()),
        count(keys::YES, "Số tán thành".into()).hint(yes_hint.trim()),
        count(keys::NO, "Số không tán thành".into()),
    ]
}

/// The introduction (T4, R-INTRO): a union's resolution (optional) and up to two member
/// introducers.
fn introduction(members: &[(String, String)]) -> Vec<Field> {
    let bodies: Vec<(String, String)> = UNION_BODIES.iter().map(|b| (union_value(*b).to_string(), union_label(*b).to_string())).collect();
    let mut v = vec![
        Field::new(keys::UNION_BODY, "Đoàn thể giới thiệu bằng nghị quyết", FieldKind::Choice(bodies)).hint(
            "Người trong độ tuổi đoàn viên, nơi có tổ chức Đoàn: nghị quyết của Ban Chấp hành Đoàn cơ sở và một đảng viên \
             chính thức; không có Đoàn thì Công đoàn. Để trống khi hai đảng viên chính thức giới thiệu (R-294 §3.1).",
        ),
        Field::new(keys::UNION_NUMBER, "Số nghị quyết giới thiệu của đoàn thể", FieldKind::DocNumber),
        date(keys::UNION_DATE, "Ngày nghị quyết giới thiệu của đoàn thể"),
    ];
    for (k, ordinal) in &INTRODUCERS {
        let person = Field::new(k.id, format!("Người giới thiệu {}", ordinal), FieldKind::Choice(members.to_vec()));
        v.push(if *k == keys::INTRODUCERS[1] {
            person.hint("Khi không có nghị quyết giới thiệu của đoàn thể.")
        } else {
            person
        });
        v.push(
            date(k.since, &format!("Làm việc cùng từ ngày (người giới thiệu {})", ordinal))
                .hint("Cùng công tác, học tập, lao động hoặc cư trú với người vào Đảng trong cùng đơn vị ít nhất 12 tháng (R-294 §3.2)."),
        );
        v.push(
            Field::new(k.replacement, format!("Người giới thiệu {} do chi bộ phân công thay thế", ordinal), FieldKind::Check)
                .hint("Thay người giới thiệu đã chuyển đi hoặc không thể tiếp tục: không áp dụng điều kiện 12 tháng (R-294 §3.2.2)."),
        );
    }
    v
}

/// The form of `step` (docs/domain.md §2.2, one arm per step).
pub(super) fn form(step: Step, o: &Options) -> Vec<Field> {
    let helpers = |label: &str, hint: &str| Field::new(keys::HELPERS, label, FieldKind::MultiChoice(o.members.clone())).hint(hint);
    let classes = |label: &str| Field::new(keys::CLASS_ID, label, FieldKind::Choice(o.classes.clone()));
    let approved = |yes: &str, no: &str| choice(keys::APPROVED, "Kết luận", &[("true", yes), ("false", no)]).required();
    let mut v = match step {
        Step::AddToSourcePool => vec![
            date(keys::DATE, "Ngày đưa vào nguồn").required(),
            text(keys::PROPOSED_BY, "Tổ chức hoặc đảng viên đề xuất").hint("Ví dụ: Chi đoàn Tổ dân phố số 3, Hội Liên hiệp Phụ nữ phường."),
        ],
        Step::RecogniseSympathiser => {
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "Là ngày được xét là cảm tình Đảng (DOMAIN §2.2 T1).");
            v.push(text(keys::PROPOSED_BY, "Tổ chức hoặc đảng viên đề xuất"));
            v.push(helpers(
                "Đảng viên chính thức được phân công giúp đỡ",
                "Chi bộ phân công đảng viên chính thức giúp đỡ người cảm tình Đảng trong nghị quyết (R-38 §1.1d).",
            ));
            v
        }
        Step::ProposeClass => vec![date(keys::DATE, "Ngày đề nghị đi học").required(), classes("Lớp bồi dưỡng nhận thức về Đảng")],
        Step::RecordCertificate => vec![
            Field::new(keys::NUMBER, "Số giấy chứng nhận", FieldKind::DocNumber).required(),
            date(keys::DATE, "Ngày cấp giấy chứng nhận")
                .required()
                .hint("Giấy chứng nhận có giá trị 60 tháng kể từ ngày cấp (R-06 §5.4b)."),
            text(keys::ISSUER, "Nơi cấp").hint("Ví dụ: Trung tâm chính trị phường."),
            classes("Lớp đã học"),
        ],
        Step::GrantPermission => document(
            "Số quyết định (thông báo)",
            false,
            "Ngày quyết định",
            "Quyết định cho cảm tình Đảng được làm thủ tục xem xét kết nạp (R-38 §1.1c).",
        ),
        Step::OpenDossier => {
            let mut v = vec![date(keys::DATE, "Ngày lập hồ sơ")
                .required()
                .hint("Giấy tờ trong hồ sơ có giá trị 12 tháng kể từ ngày này (R-06 §5.4a).")];
            v.extend(introduction(&o.members));
            v
        }
        Step::RenewDossier => {
            let mut v = vec![date(keys::DATE, "Ngày làm lại giấy tờ").required().hint(
                "Hồ sơ quá 12 tháng mà chi bộ chưa xét: làm lại giấy giới thiệu, nghị quyết giới thiệu của đoàn thể; 12 \
                 tháng tính lại từ ngày này (R-06 §5.4a).",
            )];
            v.extend(introduction(&o.members));
            v
        }
        Step::SendVerification => vec![
            text(keys::SUBJECT, "Người được thẩm tra").required().hint("Bản thân, Bố, Mẹ, Vợ, Chồng …"),
            text(keys::PLACE, "Cấp ủy nơi gửi thẩm tra"),
            date(keys::DATE, "Ngày gửi thẩm tra").required(),
            Field::new(keys::ABROAD, "Thẩm tra ở nước ngoài", FieldKind::Check)
                .hint("Hạn trả lời 90 ngày làm việc thay vì 30 (R-06 §3.4d)."),
        ],
        Step::ReturnVerification => vec![
            Field::new(keys::VERIFICATION, "Yêu cầu thẩm tra", FieldKind::Choice(o.verifications.clone())).required(),
            date(keys::DATE, "Ngày nhận kết quả thẩm tra").required(),
        ],
        Step::CertifyCv => vec![
            date(keys::DATE, "Ngày chứng nhận lý lịch").required().hint("Chỉ chứng nhận sau khi đã nhận đủ kết quả thẩm tra (R-06 §3.3b)."),
            text(keys::SIGNER, "Người ký chứng nhận"),
            choice(keys::ELIGIBLE, "Kết luận", &[("true", "Đủ điều kiện"), ("false", "Không đủ điều kiện")])
                .required()
                .hint("Chỉ ghi kết luận của cấp ủy, không ghi nội dung lý lịch (DOMAIN §2.3 R-POLITICAL)."),
        ],
        Step::CollectOpinions => vec![
            date(keys::DATE, "Ngày tổng hợp ý kiến").required(),
            Field::new(keys::ORGANISATIONS, "Đoàn thể và chi ủy nơi cư trú đã lấy ý kiến", FieldKind::Lines)
                .hint("Mỗi dòng một tổ chức: đoàn thể chính trị - xã hội nơi sinh hoạt, chi ủy nơi cư trú (R-06 §3.5)."),
        ],
        Step::CellVote
        | Step::GrassrootsVote
        | Step::RecognitionCellVote
        | Step::RecognitionGrassrootsVote
        | Step::StrikeOffCellVote
        | Step::StrikeOffGrassrootsVote => {
            let body = step.spec().voting_body.unwrap_or(VotingBody::Cell);
            let mut v = document("Số nghị quyết", true, "Ngày nghị quyết", "");
            v.extend(counts(body, true));
            v
        }
        Step::SendUp => vec![date(keys::DATE, "Ngày gửi hồ sơ lên Đảng ủy").required()],
        Step::Decide => {
            let mut v = vec![approved("Đồng ý kết nạp", "Không đồng ý kết nạp")];
            let mut d = document("Số quyết định kết nạp", false, "Ngày quyết định", "");
            d[0] = d[0].clone().hint("Bắt buộc khi đồng ý kết nạp; khi không đồng ý, ghi số thông báo (nếu có).");
            v.extend(d);
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::ReceiveDecision => vec![date(keys::DATE, "Ngày chi bộ nhận quyết định")
            .required()
            .hint("Lễ kết nạp tổ chức trong 30 ngày làm việc kể từ ngày này (R-294 §4.1).")],
        Step::HoldCeremony => vec![
            date(keys::DATE, "Ngày lễ kết nạp").required().hint("Thời gian dự bị 12 tháng tính từ ngày này (R-06 §4.2)."),
            text(keys::PLACE, "Địa điểm"),
            helpers("Đảng viên chính thức được phân công giúp đỡ đảng viên dự bị", "Chi ủy phân công tại lễ kết nạp (R-06 §3.8c)."),
            Field::new(keys::LATE_CONSENT_NUMBER, "Số văn bản đồng ý của cấp ủy cấp trên", FieldKind::DocNumber)
                .hint("Chỉ khi lễ kết nạp quá 30 ngày làm việc kể từ ngày nhận quyết định (R-294 §4.1)."),
            date(keys::LATE_CONSENT_DATE, "Ngày văn bản đồng ý của cấp ủy cấp trên"),
        ],
        Step::RecordAfterAdmission => vec![
            date(keys::MEMBER_RECORDS_ON, "Ngày hoàn thành lý lịch đảng viên, phiếu đảng viên")
                .hint("Trong 30 ngày làm việc kể từ lễ kết nạp (R-38 §2.2)."),
            Field::new(keys::RECORD_NUMBER, "Số lý lịch đảng viên", FieldKind::DocNumber).hint("Ví dụ: 000123TN (R-38 §1.2)."),
            date(keys::DATABASE_ENTRY_ON, "Ngày nhập cơ sở dữ liệu đảng viên"),
            Field::new(keys::CERTIFICATE_NUMBER, "Số giấy chứng nhận lớp bồi dưỡng đảng viên mới", FieldKind::DocNumber)
                .hint("Đảng viên dự bị học lớp bồi dưỡng đảng viên mới (R-06 §4.1)."),
            date(keys::CERTIFICATE_DATE, "Ngày cấp giấy chứng nhận lớp đảng viên mới"),
            text(keys::CERTIFICATE_ISSUER, "Nơi cấp giấy chứng nhận lớp đảng viên mới"),
        ],
        Step::StartRecognition => vec![
            date(keys::DATE, "Ngày viết bản tự kiểm điểm").required().hint("Viết sau khi hết 12 tháng dự bị (R-06 §4.2)."),
            date(keys::HELPER_REPORT_ON, "Ngày nhận xét của đảng viên được phân công giúp đỡ"),
            date(keys::OPINIONS_ON, "Ngày tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú"),
        ],
        Step::RecognitionDecision => {
            let mut v = vec![approved("Công nhận đảng viên chính thức", "Không công nhận")];
            let mut d = document("Số quyết định công nhận", false, "Ngày quyết định", "");
            d[0] = d[0].clone().hint("Bắt buộc khi công nhận đảng viên chính thức.");
            v.extend(d);
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::StrikeOff => {
            let mut v = document("Số quyết định xóa tên", true, "Ngày quyết định", "");
            v.push(text(keys::REASON, "Lý do xóa tên").required());
            v.extend(counts(VotingBody::StandingCommittee, false));
            v
        }
        Step::Withdraw => vec![
            date(keys::DATE, "Ngày rút khỏi danh sách").required(),
            text(keys::REASON, "Lý do").required(),
            Field::new(keys::NUMBER, "Số nghị quyết (văn bản), nếu có", FieldKind::DocNumber),
            text(keys::SIGNER, "Người ký"),
        ],
        Step::MoveAway => vec![
            date(keys::DATE, "Ngày chuyển đi").required(),
            text(keys::DESTINATION, "Nơi chuyển đến").required().hint("Ví dụ: Đảng ủy phường Tân Lập."),
            text(keys::REASON, "Lý do"),
            Field::new(keys::NUMBER, "Số công văn chuyển hồ sơ, nếu có", FieldKind::DocNumber)
                .hint("Hồ sơ đã gửi lên mà chưa có quyết định: chuyển trong 15 ngày làm việc (R-06 §3.9b)."),
            text(keys::SIGNER, "Người ký"),
        ],
        Step::CancelDecision => {
            let reasons: Vec<(&str, &str)> = CANCEL_REASONS.iter().map(|r| (cancel_reason_value(*r), r.label())).collect();
            let mut v = document("Số quyết định hủy", true, "Ngày quyết định", "");
            v.push(choice(keys::CANCEL_REASON, "Lý do hủy", &reasons).required().hint(
                "Quyết định chỉ sai thủ tục, thẩm quyền mà người vào Đảng đủ điều kiện thì không hủy: làm lại bước sai \
                 (R-38 §I.3b).",
            ));
            v.push(text(keys::NOTE, "Ghi chú"));
            v
        }
    };
    // Empty hints stay empty; nothing else to normalise.
    for f in &mut v {
        f.hint = f.hint.trim().to_string();
    }
    v
}
