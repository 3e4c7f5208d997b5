//! Reading a form's typed values back into the step's [`Action`]: only the form's own checks
//! (required, readable, coherent counts); the rules run in [`apply`](crate::pipeline::apply).

use super::*;

/// Builds the [`Action`] of `step` from the typed values. Every problem of the form is
/// returned as a [`FieldError`] keyed by the field (Vietnamese message); an error that
/// belongs to no field has the key `""`. Only form checks are made here: the rules run in
/// [`apply`](crate::pipeline::apply).
pub fn build(step: Step, c: &Candidate, values: &Values) -> Result<Action, Vec<FieldError>> {
    let mut f = FormReader::new(step, values);
    let action = match step {
        Step::AddToSourcePool => {
            let date = f.date(keys::DATE);
            let proposed_by = f.text(keys::PROPOSED_BY);
            date.map(|date| Action::AddToSourcePool { date, proposed_by })
        }
        Step::RecogniseSympathiser => {
            let resolution = f.document(true);
            let proposed_by = f.text(keys::PROPOSED_BY);
            let helpers = f.members(keys::HELPERS);
            resolution.map(|resolution| Action::RecogniseSympathiser { resolution, proposed_by, helpers })
        }
        Step::ProposeClass => {
            let date = f.date(keys::DATE);
            let class_id = f.class_id();
            date.map(|date| Action::ProposeClass { date, class_id })
        }
        Step::RecordCertificate => {
            let number = f.required_text(keys::NUMBER);
            let issued_on = f.date(keys::DATE);
            let issuer = f.text(keys::ISSUER);
            let class_id = f.class_id();
            issued_on.map(|issued_on| Action::RecordCertificate { certificate: Certificate { number, issued_on, issuer, class_id } })
        }
        Step::GrantPermission => f.document(false).map(|document| Action::GrantPermission { document }),
        Step::OpenDossier => f.dossier().map(|(opened_on, union_introduction, introducers)| Action::OpenDossier {
            opened_on,
            union_introduction,
            introducers,
        }),
        Step::RenewDossier => {
            f.dossier().map(|(date, union_introduction, introducers)| Action::RenewDossier { date, union_introduction, introducers })
        }
        Step::SendVerification => {
            let subject = f.required_text(keys::SUBJECT);
            let place = f.text(keys::PLACE);
            let sent_on = f.date(keys::DATE);
            let abroad = f.r.check(keys::ABROAD);
            sent_on.map(|sent_on| Action::SendVerification { subject, place, sent_on, abroad })
        }
        Step::ReturnVerification => {
            let index = f.required_choice(keys::VERIFICATION).and_then(|v| {
                let open = verification_options(c);
                match v.parse::<usize>() {
                    Ok(i) if open.iter().any(|(x, _)| x == v) => Some(i),
                    _ => {
                        f.r.error(keys::VERIFICATION, "Hãy chọn một yêu cầu thẩm tra chưa có kết quả.");
                        None
                    }
                }
            });
            let returned_on = f.date(keys::DATE);
            index.zip(returned_on).map(|(index, returned_on)| Action::ReturnVerification { index, returned_on })
        }
        Step::CertifyCv => {
            let date = f.date(keys::DATE);
            let signer = f.text(keys::SIGNER);
            let eligible = f.yes_no(keys::ELIGIBLE);
            date.zip(eligible).map(|(date, eligible)| Action::CertifyCv { certification: CvCertification { date, signer, eligible } })
        }
        Step::CollectOpinions => {
            let date = f.date(keys::DATE);
            let organisations = f.r.lines(keys::ORGANISATIONS);
            date.map(|date| Action::CollectOpinions { opinions: Opinions { date, organisations } })
        }
        Step::CellVote => f.vote(step).map(|vote| Action::CellVote { vote }),
        Step::GrassrootsVote => f.vote(step).map(|vote| Action::GrassrootsVote { vote }),
        Step::RecognitionCellVote => f.vote(step).map(|vote| Action::RecognitionCellVote { vote }),
        Step::RecognitionGrassrootsVote => f.vote(step).map(|vote| Action::RecognitionGrassrootsVote { vote }),
        Step::StrikeOffCellVote => f.vote(step).map(|vote| Action::StrikeOffCellVote { vote }),
        Step::StrikeOffGrassrootsVote => f.vote(step).map(|vote| Action::StrikeOffGrassrootsVote { vote }),
        Step::SendUp => f.date(keys::DATE).map(|date| Action::SendUp { date }),
        Step::ReceiveDecision => f.date(keys::DATE).map(|date| Action::ReceiveDecision { date }),
        Step::Decide => f.decision().map(|decision| Action::Decide { decision }),
        Step::RecognitionDecision => f.decision().map(|decision| Action::RecognitionDecision { decision }),
        Step::HoldCeremony => {
            let date = f.date(keys::DATE);
            let place = f.text(keys::PLACE);
            let helpers = f.members(keys::HELPERS);
            let number = f.text(keys::LATE_CONSENT_NUMBER);
            let consent_on = if number.is_empty() { f.opt_date(keys::LATE_CONSENT_DATE) } else { f.date(keys::LATE_CONSENT_DATE) };
            let late_consent = consent_on.map(|date| DocRef { number, date, signer: String::new() });
            date.map(|date| Action::HoldCeremony { ceremony: Ceremony { date, place, late_consent, helpers } })
        }
        Step::RecordAfterAdmission => f.after_admission(),
        Step::StartRecognition => {
            let self_review_on = f.date(keys::DATE);
            let helper_report_on = f.opt_date(keys::HELPER_REPORT_ON);
            let opinions_on = f.opt_date(keys::OPINIONS_ON);
            self_review_on.map(|self_review_on| Action::StartRecognition { self_review_on, helper_report_on, opinions_on })
        }
        Step::StrikeOff => {
            let document = f.document(true);
            let ballot = f.counts(VotingBody::StandingCommittee, false);
            let reason = f.required_text(keys::REASON);
            document.zip(ballot).map(|(document, ballot)| {
                let vote = ballot.map(|n| n.vote(document.clone()));
                Action::StrikeOff { document, vote, reason }
            })
        }
        Step::Withdraw => {
            let date = f.date(keys::DATE);
            let reason = f.required_text(keys::REASON);
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::Withdraw { date, reason, document })
        }
        Step::MoveAway => {
            let date = f.date(keys::DATE);
            let destination = f.required_text(keys::DESTINATION);
            let reason = f.text(keys::REASON);
            let document = date.and_then(|d| f.optional_document(d));
            date.map(|date| Action::MoveAway { date, destination, reason, document })
        }
        Step::CancelDecision => {
            let document = f.document(true);
            let reason = f.required_choice(keys::CANCEL_REASON).and_then(|v| match cancel_reason_of(v) {
                Some(r) => Some(r),
                None => {
                    f.r.error(keys::CANCEL_REASON, "Lý do hủy không hợp lệ.");
                    None
                }
            });
            let note = f.text(keys::NOTE);
            document.zip(reason).map(|(document, reason)| Action::CancelDecision { document, reason, note })
        }
    };
    f.r.finish(action)
}

/// Four counts read from the form.
#[derive(Clone, Copy)]
struct Counts {
    convened: u32,
    present: u32,
    yes: u32,
    no: u32,
}

impl Counts {
    fn vote(self, resolution: DocRef) -> Vote {
        Vote { resolution, convened: self.convened, present: self.present, yes: self.yes, no: self.no }
    }
}

/// A [`Reader`] that names each field in its messages with the field's label ("Chưa nhập số
/// nghị quyết.").
struct FormReader<'a> {
    r: Reader<'a>,
    labels: Vec<(&'static str, String)>,
}

impl<'a> FormReader<'a> {
    fn new(step: Step, values: &'a Values) -> Self {
        let fields = form(step, &Options::default());
        let mut r = Reader::new(values);
        // The loader's text limits first, so a step never records a text it would refuse.
        for e in crate::form::check_texts(&fields, values) {
            r.error(&e.key, e.message);
        }
        let labels = fields.into_iter().map(|f| (f.key, f.label)).collect();
        FormReader { r, labels }
    }

    /// The field's label as it reads inside a sentence: first letter in lower case.
    fn what(&self, key: &str) -> String {
        let label = self.labels.iter().find(|(k, _)| *k == key).map(|(_, l)| l.as_str()).unwrap_or(key);
        let mut chars = label.chars();
        match chars.next() {
            Some(first) => first.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    fn text(&self, key: &str) -> String {
        self.r.text(key)
    }

    fn required_text(&mut self, key: &str) -> String {
        let what = self.what(key);
        self.r.required_text(key, &what)
    }

    /// A required date.
    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let what = self.what(key);
        self.r.date(key, &what)
    }

    fn opt_date(&mut self, key: &str) -> Option<NaiveDate> {
        self.r.opt_date(key)
    }

    fn required_choice(&mut self, key: &str) -> Option<&'a str> {
        let what = self.what(key);
        self.r.required_choice(key, &what)
    }

    /// A required "true"/"false" choice.
    fn yes_no(&mut self, key: &str) -> Option<bool> {
        match self.required_choice(key)? {
            "true" => Some(true),
            "false" => Some(false),
            _ => {
                let what = self.what(key);
                self.r.error(key, format!("Hãy chọn {what}."));
                None
            }
        }
    }

    fn members(&self, key: &str) -> Vec<MemberId> {
        self.r.multi(key).into_iter().map(MemberId::new).collect()
    }

    fn class_id(&self) -> Option<ClassId> {
        self.r.choice(keys::CLASS_ID).map(ClassId::new)
    }

    /// `number`, `date`, `signer` as one document.
    fn document(&mut self, number_required: bool) -> Option<DocRef> {
        let number = if number_required { self.required_text(keys::NUMBER) } else { self.text(keys::NUMBER) };
        let signer = self.text(keys::SIGNER);
        let date = self.date(keys::DATE);
        date.map(|date| DocRef { number, date, signer })
    }

    /// A document given by its number (or signer) only, dated on the step's date.
    fn optional_document(&self, date: NaiveDate) -> Option<DocRef> {
        let number = self.text(keys::NUMBER);
        let signer = self.text(keys::SIGNER);
        (!number.is_empty() || !signer.is_empty()).then_some(DocRef { number, date, signer })
    }

    /// The four counts: `Some(Some(_))` when read and coherent, `Some(None)` when an optional
    /// ballot is left empty, `None` on an error (recorded).
    fn counts(&mut self, body: VotingBody, required: bool) -> Option<Option<Counts>> {
        const KEYS: [&str; 4] = [keys::CONVENED, keys::PRESENT, keys::YES, keys::NO];
        if !required && KEYS.iter().all(|k| self.r.raw(k).is_empty()) {
            return Some(None);
        }
        let mut n = [0u32; 4];
        let mut ok = true;
        for (i, key) in KEYS.iter().enumerate() {
            let value = if required || !self.r.raw(key).is_empty() {
                let what = self.what(key);
                self.r.count(key, &what)
            } else {
                let what = self.what(key);
                self.r.error(key, format!("Chưa nhập {what}: nhập đủ bốn số biểu quyết hoặc để trống cả bốn."));
                None
            };
            match value {
                Some(x) => n[i] = x,
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let counts = Counts { convened: n[0], present: n[1], yes: n[2], no: n[3] };
        // The coherence of the counts, as apply checks it (R-VOTE counts).
        let vote = counts.vote(DocRef::on(NaiveDate::default()));
        match validate_vote(&vote, body) {
            Ok(()) => Some(Some(counts)),
            Err(e) => {
                self.r.error(e.field, e.message);
                None
            }
        }
    }

    /// A vote of `step`'s voting body: the resolution and the four counts, all required.
    fn vote(&mut self, step: Step) -> Option<Vote> {
        let resolution = self.document(true);
        let counts = self.counts(step.spec().voting_body.unwrap_or(VotingBody::Cell), true);
        resolution.zip(counts.flatten()).map(|(resolution, n)| n.vote(resolution))
    }

    /// A decision: approved or not, its document (the number required when approving: apply
    /// refuses it otherwise; a refusal is often only a notice) and the Standing Committee's
    /// optional ballot.
    fn decision(&mut self) -> Option<Decision> {
        let approved = self.yes_no(keys::APPROVED);
        let document = self.document(approved == Some(true));
        let ballot = self.counts(VotingBody::StandingCommittee, false);
        match (approved, document, ballot) {
            (Some(approved), Some(document), Some(ballot)) => {
                let vote = ballot.map(|n| n.vote(document.clone()));
                Some(Decision { document, vote, approved })
            }
            _ => None,
        }
    }

    /// A dossier opened or renewed: its date, the union's introduction and the introducers.
    fn dossier(&mut self) -> Option<(NaiveDate, Option<UnionIntroduction>, Vec<Introducer>)> {
        let date = self.date(keys::DATE);
        let union_introduction = self.union_introduction();
        let introducers = self.introducers(date);
        date.map(|date| (date, union_introduction, introducers))
    }

    /// The union's introduction resolution, if a union is chosen (R-INTRO).
    fn union_introduction(&mut self) -> Option<UnionIntroduction> {
        let body = self.r.choice(keys::UNION_BODY);
        let typed = !self.r.raw(keys::UNION_NUMBER).is_empty() || !self.r.raw(keys::UNION_DATE).is_empty();
        let Some(body) = body else {
            if typed {
                self.r.error(keys::UNION_BODY, "Chưa chọn đoàn thể giới thiệu bằng nghị quyết.");
            }
            return None;
        };
        let Some(body) = UNION_BODIES.into_iter().find(|b| union_value(*b) == body) else {
            self.r.error(keys::UNION_BODY, "Đoàn thể giới thiệu không hợp lệ.");
            return None;
        };
        let number = self.required_text(keys::UNION_NUMBER);
        let date = self.date(keys::UNION_DATE)?;
        Some(UnionIntroduction { body, resolution: DocRef { number, date, signer: String::new() } })
    }

    /// The member introducers chosen (R-INTRO). A cell-assigned replacement without a date
    /// counts from the step's date (`fallback`): the 12 months do not apply to it.
    fn introducers(&mut self, fallback: Option<NaiveDate>) -> Vec<Introducer> {
        let mut out = Vec::new();
        for (k, ordinal) in &INTRODUCERS {
            let replacement = self.r.check(k.replacement);
            let Some(id) = self.r.choice(k.id) else {
                if replacement || !self.r.raw(k.since).is_empty() {
                    self.r.error(k.id, format!("Chưa chọn người giới thiệu {}.", ordinal));
                }
                continue;
            };
            let since = if replacement && self.r.raw(k.since).is_empty() {
                fallback
            } else {
                self.r.date(k.since, "ngày bắt đầu cùng công tác, học tập, lao động hoặc cư trú với người vào Đảng")
            };
            if let Some(together_since) = since {
                out.push(Introducer { member_id: MemberId::new(id), together_since, replacement });
            }
        }
        out
    }

    /// T12: only the records typed; at least one.
    fn after_admission(&mut self) -> Option<Action> {
        let member_records_on = self.opt_date(keys::MEMBER_RECORDS_ON);
        let record_number = Some(self.text(keys::RECORD_NUMBER)).filter(|s| !s.is_empty());
        let database_entry_on = self.opt_date(keys::DATABASE_ENTRY_ON);
        let number = self.text(keys::CERTIFICATE_NUMBER);
        let issuer = self.text(keys::CERTIFICATE_ISSUER);
        let cert_typed = !number.is_empty() || !issuer.is_empty() || !self.r.raw(keys::CERTIFICATE_DATE).is_empty();
        let new_member_certificate = if cert_typed {
            let number = self.required_text(keys::CERTIFICATE_NUMBER);
            self.date(keys::CERTIFICATE_DATE).map(|issued_on| Certificate { number, issued_on, issuer, class_id: None })
        } else {
            None
        };
        let nothing = member_records_on.is_none()
            && record_number.is_none()
            && database_entry_on.is_none()
            && !cert_typed
            && [keys::MEMBER_RECORDS_ON, keys::DATABASE_ENTRY_ON].iter().all(|k| self.r.raw(k).is_empty());
        if nothing {
            self.r.error(keys::NONE, "Chưa nhập thông tin nào để ghi.");
            return None;
        }
        Some(Action::RecordAfterAdmission { member_records_on, record_number, database_entry_on, new_member_certificate })
    }
}
