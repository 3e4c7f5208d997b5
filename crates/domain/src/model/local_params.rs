//! Local parameters a ward may set on top of the national rule set (docs/domain.md §2.2: Hanoi's
//! 5 and 25 working days are local rules, not national).

use super::CellId;
use serde::{Deserialize, Serialize};

/// Default lead times, in calendar days, of the probation-end alerts (docs/domain.md §2.4: a
/// third-party prototype warns at 90/60/30/15/7 days [V: GH-khcb]).
pub const DEFAULT_PROBATION_ALERT_DAYS: [u32; 5] = [90, 60, 30, 15, 7];

/// Local overrides. `None` = the national rule set's value (or no such timer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct LocalParams {
    /// Send the dossier up within N working days of the cell resolution (R-HN II.1.1.3.2: 5).
    #[serde(default)]
    pub send_up_wd: Option<u32>,
    /// Grassroots committee resolution within N working days of the cell resolution (R-HN: 25).
    #[serde(default)]
    pub grassroots_resolution_wd: Option<u32>,
    /// Recognition decision within N working days of the cell resolution (R-HN: 15).
    #[serde(default)]
    pub recognition_decision_wd: Option<u32>,
    /// … extendable by at most N working days (R-HN: 15).
    #[serde(default)]
    pub recognition_decision_ext_wd: Option<u32>,
    /// After N working days without a recognition decision, cell and committee must resolve
    /// again (R-HN II.2.1.4: 45).
    #[serde(default)]
    pub recognition_reresolve_after_wd: Option<u32>,
    /// Central database entry within N working days of the decision (R-HN: 30).
    #[serde(default)]
    pub database_entry_wd: Option<u32>,
    /// Cells where no Youth Union organisation exists (R-INTRO: elsewhere a youth-age
    /// applicant is introduced by the Youth Union). \[U\] Every cell is assumed to have one
    /// (the ward Youth Union covers residential youth branches, R-HN II.1.1.2.1b).
    #[serde(default)]
    pub cells_without_youth_union: Vec<CellId>,
    /// Lead times (calendar days) of the probation-end alerts; `None` = 90/60/30/15/7.
    #[serde(default)]
    pub probation_alert_days: Option<Vec<u32>>,
}

impl LocalParams {
    /// The Hanoi city committee's guidance of 11/2025 (R-HN), offered as a preset.
    pub fn hanoi() -> Self {
        LocalParams {
            send_up_wd: Some(5),
            grassroots_resolution_wd: Some(25),
            recognition_decision_wd: Some(15),
            recognition_decision_ext_wd: Some(15),
            recognition_reresolve_after_wd: Some(45),
            database_entry_wd: Some(30),
            cells_without_youth_union: Vec::new(),
            probation_alert_days: None,
        }
    }

    /// The probation-end alert lead times in use, largest first.
    pub fn probation_alerts(&self) -> &[u32] {
        match &self.probation_alert_days {
            Some(v) if !v.is_empty() => v,
            _ => &DEFAULT_PROBATION_ALERT_DAYS,
        }
    }
}
