//! What the rule checks, the state machine and the timers need besides the candidate
//! (docs/domain.md §2.2–2.4): the rule sets, the ward's local parameters, the working-day
//! calendar, the candidate's cell, the party members (introducers, helpers) and today.

use super::{LocalParams, RuleSet, RuleSets};
use crate::calendar::WorkingCalendar;
use crate::model::{Cell, CellId, CellLevel, MemberId, PartyMember, WardData};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Finds party members by id (introducers and helpers must be full members, R-INTRO).
pub trait MemberLookup {
    fn member(&self, id: &MemberId) -> Option<&PartyMember>;
}

impl MemberLookup for Vec<PartyMember> {
    fn member(&self, id: &MemberId) -> Option<&PartyMember> {
        self.iter().find(|m| &m.id == id)
    }
}

impl MemberLookup for WardData {
    fn member(&self, id: &MemberId) -> Option<&PartyMember> {
        WardData::member(self, id)
    }
}

impl MemberLookup for HashMap<MemberId, PartyMember> {
    fn member(&self, id: &MemberId) -> Option<&PartyMember> {
        self.get(id)
    }
}

/// A slice of members seen as a lookup (linear search; fine for a few thousand members and
/// a handful of lookups per step).
#[derive(Clone, Copy, Debug)]
pub struct Members<'a>(pub &'a [PartyMember]);

impl MemberLookup for Members<'_> {
    fn member(&self, id: &MemberId) -> Option<&PartyMember> {
        self.0.iter().find(|m| &m.id == id)
    }
}

/// A lookup with no members (for timers, which never look members up).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoMembers;

impl MemberLookup for NoMembers {
    fn member(&self, _id: &MemberId) -> Option<&PartyMember> {
        None
    }
}

/// Everything a check needs besides the candidate. Cheap to build (references only): build
/// the [`WorkingCalendar`] once per ward and make one context per candidate with
/// [`RuleContext::with_cell`].
#[derive(Clone, Copy)]
pub struct RuleContext<'a> {
    pub rule_sets: &'a RuleSets,
    /// The ward's overrides (docs/domain.md §2.2: Hanoi's 5 and 25 working days are local).
    pub local: &'a LocalParams,
    pub calendar: &'a WorkingCalendar,
    /// The candidate's cell: its level decides whether a grassroots committee votes (T9).
    /// `None` is treated as a cell directly under the ward.
    pub cell: Option<&'a Cell>,
    pub members: &'a dyn MemberLookup,
    /// Today, supplied by the caller (the domain never reads the clock).
    pub today: NaiveDate,
}

impl<'a> RuleContext<'a> {
    pub fn new(
        rule_sets: &'a RuleSets,
        local: &'a LocalParams,
        calendar: &'a WorkingCalendar,
        members: &'a dyn MemberLookup,
        today: NaiveDate,
    ) -> Self {
        RuleContext { rule_sets, local, calendar, cell: None, members, today }
    }

    /// The context of the person `c` of the ward `data` on `today`: the ward's local
    /// parameters, its members, the person's cell.
    pub fn for_candidate(
        data: &'a WardData,
        c: &crate::model::Candidate,
        rule_sets: &'a RuleSets,
        calendar: &'a WorkingCalendar,
        today: NaiveDate,
    ) -> Self {
        let ctx = RuleContext::new(rule_sets, &data.ward.settings.local, calendar, data, today);
        match data.cell(&c.cell_id) {
            Some(cell) => ctx.with_cell(cell),
            None => ctx,
        }
    }

    /// The same context for a candidate of `cell`.
    pub fn with_cell(self, cell: &'a Cell) -> Self {
        RuleContext { cell: Some(cell), ..self }
    }

    /// The level of the candidate's cell (directly under the ward when unknown).
    pub fn cell_level(&self) -> CellLevel {
        self.cell.map(|c| c.level).unwrap_or_default()
    }

    /// Whether a grassroots committee votes between the cell and the ward (T9).
    pub fn has_grassroots_committee(&self) -> bool {
        self.cell_level() == CellLevel::TrongDangBoCoSo
    }

    /// Whether a Youth Union organisation exists where the candidate's cell works
    /// (R-INTRO; \[U\]: assumed everywhere unless the ward lists the cell in
    /// `LocalParams::cells_without_youth_union`).
    pub fn has_youth_union(&self) -> bool {
        match self.cell {
            Some(c) => !self.local.cells_without_youth_union.iter().any(|id: &CellId| id == &c.id),
            None => true,
        }
    }

    /// The rule set in force on `date`.
    pub fn rule_set(&self, date: NaiveDate) -> &'a RuleSet {
        self.rule_sets.for_date(date)
    }
}
