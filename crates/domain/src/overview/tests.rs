//! Tests of the dashboard's figures and chart data, on the demo ward: every figure's list has
//! the figure's length, the charts add up to the report, the view survives the address.

use super::*;
use crate::calendar::WorkingCalendar;
use crate::model::{CellKind, SourceOrg};
use crate::rules::RuleSets;
use crate::statistics::{Half, Quarter};
use chrono::{TimeZone, Utc};
use std::sync::OnceLock;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn demo() -> &'static (WardData, Roster) {
    static DEMO: OnceLock<(WardData, Roster)> = OnceLock::new();
    DEMO.get_or_init(|| {
        let now = Utc.with_ymd_and_hms(2026, 12, 2, 2, 0, 0).unwrap();
        let data = crate::demo::demo_ward(today(), now);
        let rules = RuleSets::builtin().unwrap();
        let calendar = WorkingCalendar::new(&data.ward.settings.calendar);
        let roster = Roster::build(&data, rules, &calendar, today());
        (data, roster)
    })
}

fn views() -> Vec<View> {
    let (data, _) = demo();
    let cell = data.cells.iter().find(|c| c.kind == CellKind::KhuDanCu).unwrap().id.clone();
    let periods = [
        PeriodChoice::Year(2026),
        PeriodChoice::Year(2025),
        PeriodChoice::Half(2026, Half::First),
        PeriodChoice::Quarter(2026, Quarter::Q4),
        PeriodChoice::Month(2026, 11),
        PeriodChoice::Term,
        PeriodChoice::MidTerm,
        PeriodChoice::Range(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 5, 31).unwrap()),
    ];
    let scopes = [
        Scope::Ward,
        Scope::Cell { cell_id: cell },
        Scope::CellKind { kind: CellKind::TruongHoc },
        Scope::Source { source: SourceOrg::DoanThanhNien },
    ];
    periods.iter().flat_map(|p| scopes.iter().map(move |s| View { period: *p, scope: s.clone() })).collect()
}

#[test]
fn the_view_survives_the_address() {
    for v in views() {
        let q = v.to_query();
        assert_eq!(View::from_query(&q, today()), v, "{q}");
    }
    assert_eq!(View::from_query("", today()), View::default_for(today()));
    assert_eq!(View::from_query("ky=nam-1800&pham-vi=loai:tau-vu-tru", today()), View::default_for(today()));
    assert_eq!(View::from_query("ky=2026-05-01..2026-01-01", today()).period, PeriodChoice::Year(2026), "a backwards range");
    assert_eq!(View::from_query("ky=quy-2-2026", today()).period, PeriodChoice::Quarter(2026, Quarter::Q2));
    assert_eq!(View::default_for(today()).to_query(), "ky=nam-2026");
    for kind in ["nam", "6-thang", "quy", "thang", "nhiem-ky", "giua-nhiem-ky", "tuy-chon"] {
        assert_eq!(PeriodChoice::of_kind(kind, today()).kind(), kind);
    }
}

#[test]
fn the_mid_term_review_counts_the_terms_first_half() {
    let term = crate::model::Term { start_year: 2025, end_year: 2030 };
    let p = PeriodChoice::MidTerm.period(&term);
    assert_eq!((p.start(), p.end()), (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()));
    assert_eq!(PeriodChoice::MidTerm.label(&term), "Giữa nhiệm kỳ 2025–2030 (đến 30/06/2027)");
    assert_eq!(PeriodChoice::Term.label(&term), "Nhiệm kỳ 2025–2030");
    assert_eq!(PeriodChoice::Year(2026).label(&term), "Năm 2026");
}

#[test]
fn every_figure_with_a_list_has_the_figures_length() {
    let (data, roster) = demo();
    for v in views() {
        let o = Overview::compute(data, &v, today(), roster);
        for f in &o.figures {
            if let (Some(list), Some(count)) = (&f.list, f.count) {
                let n = roster.filter(list).len() as u32;
                assert_eq!(n, count, "{} for {:?}: list {:?}", f.key, v, list.to_query());
                // The list's address reads back as the same filter.
                assert_eq!(&RosterQuery::from_query(&list.to_query()), list);
            }
        }
    }
}

#[test]
fn the_figures_are_the_reports() {
    let (data, roster) = demo();
    let o = Overview::compute(data, &View::default_for(today()), today(), roster);
    let r = &o.report;
    assert_eq!(o.figure("ket-nap").unwrap().count, Some(r.admitted.total));
    assert!(r.admitted.total > 20, "the demo admits in 2026: {}", r.admitted.total);
    let year = o.figure("chi-tieu-nam").unwrap();
    assert_eq!(year.value, r.year_target.as_ref().unwrap().ratio.percent_text());
    assert_eq!(o.figure("du-bi").unwrap().count, Some(r.pipeline.probationary));
    assert_eq!(o.figure("den-han-chinh-thuc").unwrap().count, Some(r.pipeline.due_for_recognition));
    let women = o.figure("ty-le-nu").unwrap();
    assert_eq!(women.count, Some(r.admitted.women()));
    // Cells without an admission this year: those of the report with none.
    let idle = o.figure("chi-bo-chua-ket-nap-nam").unwrap();
    assert_eq!(idle.items.len(), r.cells.iter().filter(|c| !c.archived && c.admitted == 0).count());
    assert_eq!(idle.value, idle.items.len().to_string());
    // Areas without a member: what the coverage ratio leaves out.
    let areas = o.figure("to-dan-pho-chua-co-dang-vien").unwrap();
    let cov = r.coverage.residential_areas;
    assert_eq!(areas.items.len() as u64, cov.denominator - cov.numerator);
    // Every figure has a label and a value.
    for f in &o.figures {
        assert!(!f.label.is_empty() && !f.value.is_empty(), "{f:?}");
    }
}

#[test]
fn the_charts_add_up_to_the_report() {
    let (data, roster) = demo();
    for v in views() {
        let o = Overview::compute(data, &v, today(), roster);
        let total = o.report.admitted.total;
        assert_eq!(o.monthly.last().map_or(0, |m| m.cumulative), total, "{v:?}");
        assert_eq!(o.monthly.iter().map(|m| m.admitted).sum::<u32>(), total);
        assert_eq!(o.monthly.last().map_or(0, |m| m.last_year_cumulative), o.report.same_period.previous, "{v:?}");
        for chart in &o.breakdowns {
            if matches!(chart.key, "gioi-tinh" | "tuoi" | "hoc-van" | "nghe-nghiep") {
                assert_eq!(chart.bars.iter().map(|b| b.value).sum::<u32>(), total, "{} {v:?}", chart.key);
            }
        }
        // Behind first: the ratios of the cells with a target never fall.
        let ratios: Vec<f64> = o.cells.iter().filter(|c| c.target.is_some()).map(|c| c.ratio.percent().unwrap_or(0.0)).collect();
        assert!(ratios.windows(2).all(|w| w[0] <= w[1] + 1e-9), "{ratios:?}");
        let last = o.trend.last().unwrap();
        assert_eq!(last.year, o.period.end().year());
        // The trend, counted from one pass, is each year's development rate.
        for y in &o.trend {
            let d = crate::statistics::development_rate(data, y.year, &v.scope);
            assert_eq!((y.admitted, y.members_at_start, y.rate), (d.admitted, d.members_at_start, d.rate), "{} {v:?}", y.year);
        }
        // Each month, counted from one pass, is that month's admissions.
        for m in &o.monthly {
            let month = Period::month(m.year, m.month);
            let clipped = Period::range(month.start().max(o.period.start()), month.end().min(o.period.end()));
            assert_eq!(m.admitted, crate::statistics::admitted_count(data, &clipped, &v.scope), "{m:?} {v:?}");
        }
    }
    // The month chart of a year has twelve months; the term's (1/1/2025–31/12/2030), 72.
    let o = Overview::compute(data, &View::default_for(today()), today(), roster);
    assert_eq!(o.monthly.len(), 12);
    let o = Overview::compute(data, &View { period: PeriodChoice::Term, scope: Scope::Ward }, today(), roster);
    assert_eq!(o.monthly.len(), 72);
    assert!(o.monthly.iter().filter(|m| m.future).all(|m| (m.year, m.month) > (2026, 12)));
    assert_eq!(o.monthly.iter().filter(|m| m.future).count(), 48);
}

#[test]
fn every_bar_with_a_list_has_the_bars_length() {
    let (data, roster) = demo();
    for v in views() {
        let o = Overview::compute(data, &v, today(), roster);
        let bars = o.funnel.iter().chain(o.breakdowns.iter().flat_map(|b| b.bars.iter()));
        for bar in bars {
            if let Some(list) = &bar.list {
                assert_eq!(roster.filter(list).len() as u32, bar.value, "{} for {v:?}", bar.label);
            }
        }
    }
}

#[test]
fn last_years_line_counts_the_29th_of_february() {
    let (data, _) = demo();
    let mut data = data.clone();
    // One admission moved to 29/02/2024: the 2025 chart's last-year line must count it.
    let c = data.candidates.iter_mut().find(|c| c.process.decision.as_ref().is_some_and(|d| d.approved)).unwrap();
    c.process.decision.as_mut().unwrap().document.date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
    let rules = RuleSets::builtin().unwrap();
    let roster = Roster::build(&data, rules, &WorkingCalendar::new(&data.ward.settings.calendar), today());
    let o = Overview::compute(&data, &View { period: PeriodChoice::Year(2025), scope: Scope::Ward }, today(), &roster);
    let feb = o.monthly.iter().find(|m| m.month == 2).unwrap();
    let jan = o.monthly.iter().find(|m| m.month == 1).unwrap();
    assert!(feb.last_year_cumulative > jan.last_year_cumulative, "{jan:?} {feb:?}");
    assert_eq!(o.monthly.last().unwrap().last_year_cumulative, o.report.same_period.previous);
}

#[test]
fn over_several_years_the_cells_are_compared_in_the_last_year() {
    let (data, roster) = demo();
    let o = Overview::compute(data, &View { period: PeriodChoice::Term, scope: Scope::Ward }, today(), roster);
    assert!(o.cells.iter().any(|c| c.target.is_some()), "the term shows this year's targets");
    let year = Overview::compute(data, &View::default_for(today()), today(), roster);
    assert_eq!(o.cells, year.cells);
}
