//! Tổng quan: where the ward stands, for a chosen period and scope — the figures with the list
//! behind each, and the data of every chart. Everything here is computed from one
//! [`Report`] of the period (and one of the same period last year); the screen only draws it.
//!
//! * [`View`]: the period and scope, read from and written to the page's address
//!   (`#/tong-quan?ky=nam-2026&pham-vi=chi-bo:cb-tdp01`).
//! * [`Overview::compute`]: figures ([`Figure`], each with the [`RosterQuery`] of its list), the
//!   admissions per month with the cumulative lines, the pipeline by stage, each cell against
//!   its target, the breakdowns of the admitted, and the trend over the years.

mod view;

#[cfg(test)]
mod tests;

pub use view::{mid_term_end, scope_code, scope_from_code, PeriodChoice, View};

use crate::model::{CellId, Ethnicity, Occupation, Sex, WardData};
use crate::pipeline::Stage;
use crate::roster::{Roster, RosterQuery, StageFilter};
use crate::statistics::{
    admission_dates, members_at_start_of_year, school_level_label, AdmittedTrait, Period, Ratio, Report, Scope, FORM_AGE_UPPER,
    SCHOOL_LEVELS,
};
use crate::text::{self, format_count, format_int};
use chrono::{Datelike, NaiveDate};

/// One figure of the page: a label, its value, a line under it, and the list behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Stable key (for tests and styling).
    pub key: &'static str,
    pub label: String,
    /// The figure as shown: "39", "90,70 %", "29,3 tuổi".
    pub value: String,
    /// What it is measured against, in words.
    pub note: String,
    /// The candidates behind the figure (the list page filtered so); `None` when the figure
    /// is not a list of people.
    pub list: Option<RosterQuery>,
    /// The count the list must show (the figure itself, as a number).
    pub count: Option<u32>,
    /// Cells or areas behind the figure, when they are not people: (name, cell id if a cell).
    pub items: Vec<(String, Option<CellId>)>,
    /// Needs attention (behind target, overdue).
    pub alert: bool,
}

/// One month of the admissions chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonthPoint {
    pub year: i32,
    pub month: u32,
    pub admitted: u32,
    /// From the period's start to the end of this month.
    pub cumulative: u32,
    /// The same, one year earlier.
    pub last_year_cumulative: u32,
    /// The month starts after today (nothing can have happened yet).
    pub future: bool,
}

/// One bar of a chart with the list or scope it opens.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub list: Option<RosterQuery>,
}

/// A cell against its target for the year.
#[derive(Clone, Debug, PartialEq)]
pub struct CellProgress {
    pub cell_id: CellId,
    pub name: String,
    /// Admitted from 1 January to the end of the period.
    pub admitted: u32,
    pub target: Option<u32>,
    pub ratio: Ratio,
}

/// A breakdown of the admitted, as bars.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakdownChart {
    pub key: &'static str,
    pub title: &'static str,
    pub bars: Vec<Bar>,
}

/// One year of the trend.
#[derive(Clone, Debug, PartialEq)]
pub struct YearPoint {
    pub year: i32,
    pub admitted: u32,
    pub members_at_start: u64,
    pub rate: Ratio,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Overview {
    pub view: View,
    pub period: Period,
    pub report: Report,
    /// The same period one year earlier.
    pub previous: Report,
    pub figures: Vec<Figure>,
    /// Month by month over the period (at most 72 months); empty for an empty period.
    pub monthly: Vec<MonthPoint>,
    /// The target the cumulative line is drawn against: the year's for a period within a year,
    /// the term's for the term.
    pub target_line: Option<u32>,
    /// People at each stage of the main path on the report's day (`as_of`).
    pub funnel: Vec<Bar>,
    /// The scope's live cells, those furthest behind their target first.
    pub cells: Vec<CellProgress>,
    /// The year the cells are compared in: the period's, or for a period over several years its
    /// last year up to today.
    pub cells_year: i32,
    pub breakdowns: Vec<BreakdownChart>,
    /// Every year from four years before this one (or the term's start, if earlier) to the
    /// period's last year.
    pub trend: Vec<YearPoint>,
    /// The NQ 21-NQ/TW benchmark, percent per year.
    pub benchmark: (f64, f64),
    /// The data table of every chart, by the chart's key, as the page shows it under the chart
    /// (and as a copy to Excel takes it): "thang", "chi-bo", "giai-doan", each breakdown's key,
    /// "xu-huong". Built once with the rest.
    pub tables: Vec<DataTable>,
}

/// Short labels of the occupations for charts (the form's wording is long).
pub fn occupation_short_label(o: Occupation) -> &'static str {
    match o {
        Occupation::CongChucNhaNuoc => "Công chức Nhà nước",
        Occupation::CongChucDangDoanThe => "Công chức Đảng, đoàn thể",
        Occupation::CanBoCapXa => "Cán bộ cấp xã, phường",
        Occupation::KhongChuyenTrachThon => "Không chuyên trách thôn, TDP",
        Occupation::VienChuc => "Viên chức",
        Occupation::SuNghiepNgoaiCongLap => "Sự nghiệp ngoài công lập",
        Occupation::QuanLyDoanhNghiep => "Quản lý doanh nghiệp",
        Occupation::NhanVienDoanhNghiep => "Nhân viên doanh nghiệp",
        Occupation::CongNhanDoanhNghiep => "Công nhân",
        Occupation::NongLamNgu => "Nông, lâm, ngư nghiệp",
        Occupation::LucLuongVuTrang => "Lực lượng vũ trang",
        Occupation::SinhVien => "Sinh viên",
        Occupation::HocSinh => "Học sinh",
        Occupation::Khac => "Khác",
    }
}

/// A cell's name without "Chi bộ " (charts have little room).
pub fn short_cell_name(name: &str) -> &str {
    name.strip_prefix("Chi bộ ").unwrap_or(name)
}

fn months_of(period: &Period) -> Vec<(i32, u32)> {
    if period.is_empty() {
        return vec![];
    }
    let (start, end) = (period.start(), period.end());
    let mut out = vec![];
    let (mut y, mut m) = (start.year(), start.month());
    while (y, m) <= (end.year(), end.month()) && out.len() < 72 {
        out.push((y, m));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

impl Overview {
    /// The page for `view` on `today`. `roster` is the candidate list's index (built for the
    /// same data and day): the overdue figure counts its entries, so that the list behind it
    /// has exactly that length.
    pub fn compute(data: &WardData, view: &View, today: NaiveDate, roster: &Roster) -> Overview {
        let term = data.ward.term;
        let period = view.period(&term);
        let scope = &view.scope;
        let report = Report::compute(data, period, scope, today);
        let previous_period = period.same_period_last_year();
        let previous = Report::compute(data, previous_period, scope, today);
        let base = view.roster_base();
        let admitted_list = |from: NaiveDate, to: NaiveDate| RosterQuery { admitted: Some((from, to)), ..base.clone() };

        // Admissions per month, cumulative from the period's start, and the same a year before:
        // one pass over the scope's admission dates, bucketed by month.
        let dates = admission_dates(data, scope);
        let months = months_of(&period);
        // Months are consecutive from the first: a month's slot is its distance from it.
        let slot = |y: i32, m: u32| {
            let (y0, m0) = *months.first()?;
            let i = usize::try_from((y - y0) * 12 + m as i32 - m0 as i32).ok()?;
            (i < months.len()).then_some(i)
        };
        let (mut per_month, mut last_per_month) = (vec![0u32; months.len()], vec![0u32; months.len()]);
        let (span, previous_span) = (period.span(), previous_period.span());
        for d in &dates {
            if span.contains(*d) {
                if let Some(i) = slot(d.year(), d.month()) {
                    per_month[i] += 1;
                }
            }
            // The same month a year later holds it (so that 29/02 counts, and the line ends on
            // "cùng kỳ").
            if previous_span.contains(*d) {
                if let Some(i) = slot(d.year() + 1, d.month()) {
                    last_per_month[i] += 1;
                }
            }
        }
        let mut monthly = Vec::with_capacity(months.len());
        let (mut cum, mut last_cum) = (0u32, 0u32);
        for (i, (y, m)) in months.iter().copied().enumerate() {
            cum += per_month[i];
            last_cum += last_per_month[i];
            monthly.push(MonthPoint {
                year: y,
                month: m,
                admitted: per_month[i],
                cumulative: cum,
                last_year_cumulative: last_cum,
                future: first_of(y, m) > today,
            });
        }
        let target_line = match view.period {
            PeriodChoice::Term | PeriodChoice::MidTerm => report.term.as_ref().and_then(|t| t.target),
            _ => report.year_target.as_ref().map(|t| t.target),
        };

        // The pipeline by stage on the report's day.
        let current = report.as_of == today;
        let funnel: Vec<Bar> = Stage::MAIN_PATH
            .iter()
            .filter(|s| **s != Stage::ChinhThuc)
            .map(|s| {
                let i = Stage::ALL.iter().position(|x| x == s).unwrap_or(0);
                Bar {
                    label: s.label().to_string(),
                    value: report.pipeline.by_stage.get(i).copied().unwrap_or(0),
                    list: current.then(|| RosterQuery { stage: Some(StageFilter::Stage(*s)), ..base.clone() }),
                }
            })
            .collect();

        // Cells against their year target, furthest behind first; no target last.
        // A period over several years compares the cells in its last year (up to today).
        let cells_year = period.single_year().unwrap_or_else(|| period.end().min(today).year());
        let year_report = match period.single_year() {
            Some(_) => None,
            None => {
                let y = cells_year;
                Some(Report::compute(data, Period::range(first_of(y, 1), period.end().min(today).max(first_of(y, 1))), scope, today))
            }
        };
        let mut cells: Vec<CellProgress> = year_report
            .as_ref()
            .unwrap_or(&report)
            .cells
            .iter()
            .filter(|r| !r.archived)
            .map(|r| CellProgress {
                cell_id: r.cell_id.clone(),
                name: data.cell(&r.cell_id).map(|c| short_cell_name(&c.name).to_string()).unwrap_or_else(|| r.cell_id.to_string()),
                admitted: r.admitted_year_to_date,
                target: r.year_target,
                ratio: Ratio::new(r.admitted_year_to_date.into(), r.year_target.unwrap_or(0).into()),
            })
            .collect();
        crate::order::sort_by(&mut cells, |a, b| {
            let key = |c: &CellProgress| c.target.map(|t| (u64::from(c.admitted) * 1000) / u64::from(t.max(1)));
            match (key(a), key(b)) {
                (Some(x), Some(y)) => x.cmp(&y).then(b.target.cmp(&a.target)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        });

        let breakdowns = breakdown_charts(&report, &admitted_list(period.start(), period.end()));
        let trend = trend(data, scope, &dates, period.end().year(), term.start_year);
        let figures = figures(data, view, &report, &period, today, roster, &admitted_list);
        let mut overview = Overview {
            view: view.clone(),
            period,
            report,
            previous,
            figures,
            monthly,
            target_line,
            funnel,
            cells,
            cells_year,
            breakdowns,
            trend,
            benchmark: data.ward.settings.development_benchmark,
            tables: vec![],
        };
        overview.tables = overview.build_tables();
        overview
    }

    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }

    /// The data table of the chart `key`, if there is such a chart.
    pub fn table(&self, key: &str) -> Option<&DataTable> {
        self.tables.iter().find(|t| t.key == key)
    }

    fn build_tables(&self) -> Vec<DataTable> {
        let mut out = vec![DataTable {
            key: "thang",
            head: vec!["Tháng".into(), "Kết nạp".into(), "Cộng dồn".into(), "Cộng dồn năm trước".into()],
            rows: self
                .monthly
                .iter()
                .map(|m| {
                    vec![
                        format!("{}/{}", m.month, m.year),
                        format_int(m.admitted),
                        format_int(m.cumulative),
                        format_int(m.last_year_cumulative),
                    ]
                })
                .collect(),
        }];
        out.push(DataTable {
            key: "chi-bo",
            head: vec!["Chi bộ".into(), "Đã kết nạp".into(), "Chỉ tiêu".into(), "Đạt".into()],
            rows: self
                .cells
                .iter()
                .map(|c| {
                    vec![
                        c.name.clone(),
                        format_int(c.admitted),
                        c.target.map(format_int).unwrap_or_else(|| "—".into()),
                        c.ratio.percent_text(),
                    ]
                })
                .collect(),
        });
        out.push(DataTable {
            key: "giai-doan",
            head: vec!["Bước".into(), "Số người".into()],
            rows: self.funnel.iter().map(|b| vec![b.label.clone(), format_int(b.value)]).collect(),
        });
        for b in &self.breakdowns {
            out.push(DataTable {
                key: b.key,
                head: vec!["Nhóm".into(), "Số người".into()],
                rows: b.bars.iter().map(|bar| vec![bar.label.clone(), format_int(bar.value)]).collect(),
            });
        }
        out.push(DataTable {
            key: "xu-huong",
            head: vec!["Năm".into(), "Kết nạp".into(), "Đảng viên đầu năm".into(), "Tỷ lệ".into()],
            rows: self
                .trend
                .iter()
                .map(|y| vec![y.year.to_string(), format_int(y.admitted), format_int(y.members_at_start), y.rate.percent_text()])
                .collect(),
        });
        out
    }
}

/// A chart's data as a table (the accessible alternative, copyable).
#[derive(Clone, Debug, PartialEq)]
pub struct DataTable {
    pub key: &'static str,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The development rate of each year ([`crate::statistics::development_rate`]), its
/// admissions counted from the scope's admission dates.
fn trend(data: &WardData, scope: &Scope, dates: &[NaiveDate], last_year: i32, term_start: i32) -> Vec<YearPoint> {
    let first = (last_year - 4).min(term_start).max(last_year - 9);
    (first..=last_year)
        .map(|y| {
            let admitted = dates.iter().filter(|d| d.year() == y).count() as u32;
            let members = members_at_start_of_year(data, y, scope);
            YearPoint { year: y, admitted, members_at_start: members, rate: Ratio::new(admitted.into(), members) }
        })
        .collect()
}

fn breakdown_charts(report: &Report, admitted: &RosterQuery) -> Vec<BreakdownChart> {
    let b = &report.admitted;
    let with_trait = |t: AdmittedTrait| Some(RosterQuery { admitted_trait: Some(t), ..admitted.clone() });
    // The list filters by one source: under a source's scope only that source's bar has a list.
    let source_list = |s| match admitted.source {
        Some(scope) if scope != s => None,
        _ => Some(RosterQuery { source: Some(s), ..admitted.clone() }),
    };
    let source: Vec<Bar> = b
        .by_source()
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| Bar { label: s.label().into(), value: n, list: source_list(s) })
        .chain((b.no_source > 0).then(|| Bar { label: "Không ghi nguồn".into(), value: b.no_source, list: None }))
        .collect();
    let sex = Sex::ALL
        .iter()
        .map(|s| Bar {
            label: s.label().into(),
            value: if *s == Sex::Nu { b.women() } else { b.total - b.women() },
            list: if *s == Sex::Nu { with_trait(AdmittedTrait::Women) } else { None },
        })
        .collect();
    let age = b
        .by_form_age()
        .into_iter()
        .enumerate()
        .map(|(i, (label, n))| Bar { label, value: n, list: if i == 0 { with_trait(AdmittedTrait::Young) } else { None } })
        .collect::<Vec<_>>();
    debug_assert_eq!(age.len(), FORM_AGE_UPPER.len() + 1);
    let foreign = b.ethnicity_count(Ethnicity::FOREIGN).0;
    let ethnicity = vec![
        Bar { label: "Kinh".into(), value: b.kinh(), list: None },
        Bar { label: "Dân tộc thiểu số".into(), value: b.minorities(), list: with_trait(AdmittedTrait::Minority) },
        Bar { label: "Người nước ngoài nhập quốc tịch".into(), value: foreign, list: None },
    ];
    let school =
        SCHOOL_LEVELS.iter().map(|l| Bar { label: school_level_label(*l).into(), value: b.school_count(*l), list: None }).collect();
    let occupation = Occupation::ALL
        .iter()
        .map(|o| Bar { label: occupation_short_label(*o).into(), value: b.occupation_count(*o), list: None })
        .filter(|bar| bar.value > 0)
        .collect();
    vec![
        BreakdownChart { key: "nguon", title: "Theo nguồn giới thiệu", bars: source },
        BreakdownChart { key: "gioi-tinh", title: "Theo giới tính", bars: sex },
        BreakdownChart { key: "tuoi", title: "Theo độ tuổi (ngày có quyết định kết nạp)", bars: age },
        BreakdownChart { key: "dan-toc", title: "Theo dân tộc", bars: ethnicity },
        BreakdownChart { key: "hoc-van", title: "Theo trình độ giáo dục phổ thông", bars: school },
        BreakdownChart { key: "nghe-nghiep", title: "Theo nghề nghiệp", bars: occupation },
    ]
}

#[allow(clippy::too_many_arguments)]
fn figures(
    data: &WardData,
    view: &View,
    report: &Report,
    period: &Period,
    today: NaiveDate,
    roster: &Roster,
    admitted_list: &dyn Fn(NaiveDate, NaiveDate) -> RosterQuery,
) -> Vec<Figure> {
    let base = view.roster_base();
    let b = &report.admitted;
    let mut out = vec![];
    let fig = |key, label: String, value: String, note: String| Figure {
        key,
        label,
        value,
        note,
        list: None,
        count: None,
        items: vec![],
        alert: false,
    };

    // Admitted in the period, against the same period last year.
    let same = &report.same_period;
    let compared = match same.ratio.percent_text_opt() {
        Some(p) => format!("Cùng kỳ năm trước: {} (bằng {p})", format_int(same.previous)),
        None => format!("Cùng kỳ năm trước: {}", format_int(same.previous)),
    };
    out.push(Figure {
        list: Some(admitted_list(period.start(), period.end())),
        count: Some(b.total),
        ..fig("ket-nap", format!("Kết nạp {}", period_phrase(period)), format_int(b.total), compared)
    });

    // The year's target (admissions from 1 January).
    if let Some(year) = period.single_year() {
        let f = match &report.year_target {
            Some(t) => Figure {
                list: Some(admitted_list(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(period.start()), t.up_to)),
                count: Some(t.admitted),
                alert: !t.met(),
                ..fig(
                    "chi-tieu-nam",
                    format!("Chỉ tiêu năm {year}"),
                    t.ratio.percent_text(),
                    format!("{} / {} đảng viên; {}", format_int(t.admitted), format_int(t.target), remaining(t.admitted, t.target)),
                )
            },
            None => fig("chi-tieu-nam", format!("Chỉ tiêu năm {year}"), "—".into(), "Chưa giao chỉ tiêu năm cho phạm vi này".into()),
        };
        out.push(f);
    }
    // The term's target.
    if let Some(t) = &report.term {
        let name = format!("Chỉ tiêu nhiệm kỳ {}–{}", t.term.start_year, t.term.end_year);
        let from = NaiveDate::from_ymd_opt(t.term.start_year, 1, 1).unwrap_or(period.start());
        let f = match t.target {
            Some(target) => Figure {
                list: Some(admitted_list(from, t.up_to)),
                count: Some(t.admitted),
                ..fig(
                    "chi-tieu-nhiem-ky",
                    name,
                    t.ratio.percent_text(),
                    format!("{} / {} đảng viên; {}", format_int(t.admitted), format_int(target), remaining(t.admitted, target)),
                )
            },
            None => Figure {
                list: Some(admitted_list(from, t.up_to)),
                count: Some(t.admitted),
                ..fig("chi-tieu-nhiem-ky", name, format_int(t.admitted), "Đã kết nạp trong nhiệm kỳ; chưa giao chỉ tiêu nhiệm kỳ".into())
            },
        };
        out.push(f);
    }
    // Development rate against NQ 21-NQ/TW.
    let d = &report.development;
    let (low, high) = d.benchmark_counts();
    let rate = |x: f64| text::format_decimal(x, if x.fract().abs() < 1e-9 { 0 } else { 1 });
    let (bl, bh) = (rate(d.benchmark.0), rate(d.benchmark.1));
    let note = if d.members_at_start == 0 {
        "Chưa nhập số đảng viên đầu năm của các chi bộ".to_string()
    } else if d.full_year {
        let missing = low.saturating_sub(u64::from(d.admitted));
        let need = if missing == 0 { "đã đạt".to_string() } else { format!("còn thiếu {}", format_int(missing)) };
        format!(
            "Trên {} đảng viên đầu năm; mức {bl}–{bh} %/năm là {}–{} người, {need}",
            format_int(d.members_at_start),
            format_int(low),
            format_int(high)
        )
    } else {
        format!("Trên {} đảng viên đầu năm; mức {bl}–{bh} % là cho cả năm", format_int(d.members_at_start))
    };
    out.push(Figure {
        list: Some(admitted_list(period.start(), period.end())),
        count: Some(d.admitted),
        alert: d.status() == Some(crate::statistics::BenchmarkStatus::Below),
        ..fig("ty-le-phat-trien", "Tỷ lệ phát triển đảng viên".into(), d.rate.percent_text_opt().unwrap_or_else(|| "—".into()), note)
    });

    // The pipeline now (only when the report's day is today: the list shows today's stages).
    let p = &report.pipeline;
    let current = report.as_of == today;
    let stage_list = |f: StageFilter| current.then(|| RosterQuery { stage: Some(f), ..base.clone() });
    let before_admission: u32 =
        Stage::ALL.iter().zip(p.by_stage.iter()).filter(|(s, _)| StageFilter::BeforeAdmission.matches(**s)).map(|(_, n)| *n).sum();
    let as_of = text::format_date(p.date);
    out.push(Figure {
        list: stage_list(StageFilter::BeforeAdmission),
        count: Some(before_admission),
        ..fig(
            "chua-ket-nap",
            "Đang bồi dưỡng, chưa kết nạp".into(),
            format_int(before_admission),
            format!("Từ nguồn đến chờ lễ kết nạp, ngày {as_of}"),
        )
    });
    out.push(Figure {
        list: current.then(|| RosterQuery { probationary: true, ..base.clone() }),
        count: Some(p.probationary),
        ..fig("du-bi", "Đảng viên dự bị".into(), format_int(p.probationary), format!("Đang trong 12 tháng dự bị, ngày {as_of}"))
    });
    out.push(Figure {
        list: current.then(|| RosterQuery { recognition_due: true, ..base.clone() }),
        count: Some(p.due_for_recognition),
        alert: p.due_for_recognition > 0,
        ..fig(
            "den-han-chinh-thuc",
            "Đến hạn xét công nhận chính thức".into(),
            format_int(p.due_for_recognition),
            format!("Đủ 12 tháng dự bị; {} người sắp đến hạn", format_int(p.due_soon)),
        )
    });
    let overdue_query = RosterQuery { overdue_only: true, ..base.clone() };
    let overdue = roster.filter(&overdue_query).len() as u32;
    out.push(Figure {
        list: Some(overdue_query),
        count: Some(overdue),
        alert: overdue > 0,
        ..fig(
            "qua-han",
            "Hồ sơ có việc quá hạn".into(),
            format_int(overdue),
            format!("Tính đến ngày {}", text::format_date(roster.today())),
        )
    });

    // Cells without an admission this year, and this term.
    let year = period.end().year();
    let year_rows = Report::compute(data, Period::year(year), &view.scope, today);
    let idle_year: Vec<(String, Option<CellId>)> = idle_cells(data, &year_rows);
    out.push(Figure {
        items: idle_year.clone(),
        alert: !idle_year.is_empty(),
        ..fig(
            "chi-bo-chua-ket-nap-nam",
            format!("Chi bộ chưa kết nạp năm {year}"),
            format_count(idle_year.len()),
            format!("trong {} chi bộ", format_count(live_cells(&year_rows))),
        )
    });
    let term = data.ward.term;
    let term_rows = Report::compute(
        data,
        Period::range(
            NaiveDate::from_ymd_opt(term.start_year, 1, 1).unwrap_or(period.start()),
            today.min(period.end()).max(NaiveDate::from_ymd_opt(term.start_year, 1, 1).unwrap_or(period.start())),
        ),
        &view.scope,
        today,
    );
    let idle_term = idle_cells(data, &term_rows);
    out.push(Figure {
        items: idle_term.clone(),
        alert: !idle_term.is_empty(),
        ..fig(
            "chi-bo-chua-ket-nap-nhiem-ky",
            format!("Chi bộ chưa kết nạp từ đầu nhiệm kỳ {}–{}", term.start_year, term.end_year),
            format_count(idle_term.len()),
            format!("trong {} chi bộ", format_count(live_cells(&term_rows))),
        )
    });
    // Residential areas without a party member.
    let uncovered = uncovered_areas(data, report);
    let areas_total = report.coverage.residential_areas.denominator;
    out.push(Figure {
        items: uncovered.iter().map(|a| (a.clone(), None)).collect(),
        alert: !uncovered.is_empty(),
        ..fig(
            "to-dan-pho-chua-co-dang-vien",
            "Tổ dân phố, thôn chưa có đảng viên".into(),
            format_count(uncovered.len()),
            format!("trong {} tổ dân phố, thôn của phạm vi", format_int(areas_total)),
        )
    });

    // Shares of the admitted.
    for t in AdmittedTrait::ALL {
        let n = t.count(b);
        let share = Ratio::new(n.into(), b.total.into());
        out.push(Figure {
            list: Some(RosterQuery { admitted_trait: Some(t), ..admitted_list(period.start(), period.end()) }),
            count: Some(n),
            ..fig(
                trait_key(t),
                format!("Tỷ lệ {}", t.label().to_lowercase()),
                share.percent_text_opt().unwrap_or_else(|| "—".into()),
                format!("{} trong {} người kết nạp", format_int(n), format_int(b.total)),
            )
        });
    }
    out.push(Figure {
        list: Some(admitted_list(period.start(), period.end())),
        count: Some(b.total),
        ..fig(
            "tuoi-binh-quan",
            "Tuổi bình quân khi kết nạp".into(),
            b.mean_age_tenths().map(|t| format!("{} tuổi", text::format_decimal(t as f64 / 10.0, 1))).unwrap_or_else(|| "—".into()),
            format!("{} người kết nạp", format_int(b.total)),
        )
    });
    out
}

fn trait_key(t: AdmittedTrait) -> &'static str {
    match t {
        AdmittedTrait::Women => "ty-le-nu",
        AdmittedTrait::YouthUnion => "ty-le-doan-vien",
        AdmittedTrait::Minority => "ty-le-dan-toc-thieu-so",
        AdmittedTrait::Religious => "ty-le-ton-giao",
        AdmittedTrait::Young => "ty-le-18-30",
    }
}

/// "đạt" or "còn thiếu N".
fn remaining(admitted: u32, target: u32) -> String {
    if admitted >= target {
        "đã đạt chỉ tiêu".into()
    } else {
        format!("còn thiếu {}", format_int(target - admitted))
    }
}

/// "năm 2026", "6 tháng đầu năm 2026" … from [`Period::label`], lower-cased at the start.
fn period_phrase(period: &Period) -> String {
    let label = period.label();
    let mut chars = label.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => label,
    }
}

fn live_cells(report: &Report) -> usize {
    report.cells.iter().filter(|r| !r.archived).count()
}

/// The live cells of `report` that admitted nobody in its period.
fn idle_cells(data: &WardData, report: &Report) -> Vec<(String, Option<CellId>)> {
    report
        .cells
        .iter()
        .filter(|r| !r.archived && r.admitted == 0)
        .map(|r| (data.cell(&r.cell_id).map(|c| c.name.clone()).unwrap_or_else(|| r.cell_id.to_string()), Some(r.cell_id.clone())))
        .collect()
}

/// The residential areas of the scope that no cell with members covers, as the coverage ratio
/// counts them ([`crate::statistics::Coverage::residential_areas`]): the names as first written.
fn uncovered_areas(data: &WardData, report: &Report) -> Vec<String> {
    let year = report.period.start().year();
    let key = |s: &str| text::fold(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut seen: Vec<(String, String, bool)> = vec![];
    for row in report.cells.iter().filter(|r| !r.archived) {
        let Some(cell) = data.cell(&row.cell_id) else { continue };
        let has_members = cell.members_in(year).is_some_and(|y| y.total() > 0);
        for area in &cell.residential_areas {
            let k = key(area);
            if k.is_empty() {
                continue;
            }
            match seen.iter_mut().find(|(kk, _, _)| *kk == k) {
                Some(entry) => entry.2 |= has_members,
                None => seen.push((k, area.clone(), has_members)),
            }
        }
    }
    seen.into_iter().filter(|(_, _, covered)| !covered).map(|(_, name, _)| name).collect()
}
