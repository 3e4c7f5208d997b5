//! The dashboard's charts, drawn by plotters into SVG text (TECH-NOTES C2). Each drawing also
//! returns its marks — the rectangle of every bar or point in the SVG's own coordinates — for
//! the overlay of focusable shapes that gives hover and keyboard tooltips and actions.
//!
//! Readable in grey print and for colour-blind readers: one series per bar chart (the labels
//! carry the meaning), and the lines differ by dash and marker, not by colour alone. Category
//! labels are drawn by this module at the bars' own coordinates, whole, never as crowded ticks.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use ptdv_domain::text::{format_decimal, format_int};

/// The font stack of the app (the browser lays out the Vietnamese text).
const FONT: &str = "Noto Sans, DejaVu Sans, Arial, sans-serif";
/// plotters-svg writes `font-size = size / 1.24`: 20 gives about 16 px (a chart is shown at
/// about its own width).
const TEXT: u32 = 20;
/// The width of every chart in SVG units (CSS scales it to its box).
pub const WIDTH: u32 = 640;

const BAR: RGBColor = RGBColor(31, 78, 121);
const BAR_LIGHT: RGBColor = RGBColor(150, 170, 190);
const INK: RGBColor = RGBColor(33, 33, 33);
const GREY: RGBColor = RGBColor(110, 110, 110);
const GRID: RGBColor = RGBColor(225, 225, 225);
const TARGET: RGBColor = RGBColor(160, 20, 30);
const BAND: RGBColor = RGBColor(232, 232, 232);

/// One focusable mark of a chart: its box in SVG units and what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// "Tổ dân phố số 3: 2 người" — the tooltip and the accessible name.
    pub text: String,
    /// Index of the datum (for the chart's action).
    pub index: usize,
}

/// A drawn chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub svg: String,
    pub width: u32,
    pub height: u32,
    pub marks: Vec<Mark>,
}

type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn text_style(size: u32, color: &'static RGBColor, pos: Pos) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(color).pos(pos)
}

/// Rough width of a label at [`TEXT`] in SVG units (about 9.6 units a character: generous,
/// since a clipped label is worse than a little space).
fn label_width(s: &str) -> u32 {
    (s.chars().count() as f64 * 9.6).ceil() as u32 + 16
}

fn draw(width: u32, height: u32, f: impl FnOnce(&DrawingArea<SVGBackend, Shift>, &mut Vec<Mark>) -> DrawResult) -> Option<Chart> {
    let mut svg = String::new();
    let mut marks = vec![];
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        f(&root, &mut marks).ok()?;
        root.present().ok()?;
    }
    Some(Chart { svg, width, height, marks })
}

/// The ticks of a value axis from 0 to `top` (about five, at a nice step); whole numbers only
/// when the axis counts people.
fn ticks(top: f64, whole: bool) -> Vec<f64> {
    let rough = top / 5.0;
    let mag = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].into_iter().map(|s| s * mag).find(|s| *s >= rough).unwrap_or(10.0 * mag).max(if whole {
        1.0
    } else {
        1e-9
    });
    (0..=((top / step).floor() as usize)).map(|i| i as f64 * step).collect()
}

fn tick_text(v: f64) -> String {
    if v.fract().abs() < 1e-9 {
        format_int(v as i64)
    } else {
        format_decimal(v, 1)
    }
}

/// Nice upper bound of an axis for `max`.
fn axis_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    for step in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if max <= step * mag {
            return step * mag;
        }
    }
    10.0 * mag
}

/// Horizontal bars, one per `(label, value, text)`, labels on the left, the value at the bar's
/// end; `target` draws each row's target as a tick (a cell against its target).
pub fn bars(rows: &[(String, u32, String)], targets: Option<&[Option<u32>]>) -> Option<Chart> {
    let n = rows.len().max(1);
    let row_h = 34u32;
    let height = row_h * n as u32 + 44;
    let label_area = rows.iter().map(|r| label_width(&r.0)).max().unwrap_or(60).clamp(60, 380);
    let max_target = targets.map(|t| t.iter().flatten().copied().max().unwrap_or(0)).unwrap_or(0);
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(max_target) as f64;
    let top = axis_max(max * 1.12);
    draw(WIDTH, height, |root, marks| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(8)
            .margin_right(16)
            .margin_left(4)
            .x_label_area_size(30)
            .y_label_area_size(label_area)
            .build_cartesian_2d(0f64..top, 0f64..n as f64)?;
        // Axes and ticks drawn here: plotters' own tick labels would be measured in the page
        // (a layout per label), which made the first drawing slow.
        chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).draw()?;
        for t in ticks(top, true) {
            chart.draw_series(std::iter::once(PathElement::new(vec![(t, 0.0), (t, n as f64)], GRID.stroke_width(1))))?;
            let (tx, ty) = chart.backend_coord(&(t, 0.0));
            root.draw(&Text::new(tick_text(t), (tx, ty + 6), text_style(TEXT, &INK, Pos::new(HPos::Center, VPos::Top))))?;
        }
        for (i, (label, value, text)) in rows.iter().enumerate() {
            let y0 = (n - i) as f64 - 0.82;
            let y1 = (n - i) as f64 - 0.18;
            chart.draw_series(std::iter::once(Rectangle::new([(0.0, y0), (f64::from(*value), y1)], BAR.filled())))?;
            let (lx, ly) = chart.backend_coord(&(0.0, (n - i) as f64 - 0.5));
            root.draw(&Text::new(label.clone(), (lx - 8, ly), text_style(TEXT, &INK, Pos::new(HPos::Right, VPos::Center))))?;
            let (vx, vy) = chart.backend_coord(&(f64::from(*value), (n - i) as f64 - 0.5));
            root.draw(&Text::new(format_int(*value), (vx + 6, vy), text_style(TEXT, &INK, Pos::new(HPos::Left, VPos::Center))))?;
            if let Some(Some(t)) = targets.and_then(|t| t.get(i)) {
                let t = f64::from(*t);
                chart.draw_series(std::iter::once(PathElement::new(vec![(t, y0 - 0.1), (t, y1 + 0.1)], TARGET.stroke_width(3))))?;
            }
            let (x0, py0) = chart.backend_coord(&(0.0, y1));
            let (x1, py1) = chart.backend_coord(&(top, y0));
            marks.push(Mark {
                x: f64::from(x0 - label_area as i32).max(0.0),
                y: f64::from(py0),
                w: f64::from(x1 - x0 + label_area as i32),
                h: f64::from(py1 - py0),
                text: text.clone(),
                index: i,
            });
        }
        Ok(())
    })
}

/// One month of the admissions chart: label ("T1", "1/2026"), admitted, cumulative, last
/// year's cumulative, whether the month is still to come.
pub struct MonthDatum {
    pub label: String,
    pub admitted: u32,
    pub cumulative: u32,
    pub last_year: u32,
    pub future: bool,
    pub text: String,
}

/// Admissions per month (bars) with the cumulative line (solid, round marks), last year's
/// cumulative line (dashed, square marks) and the target (a dotted line named at its end).
pub fn months(data: &[MonthDatum], target: Option<u32>) -> Option<Chart> {
    let n = data.len().max(1);
    let height = 320u32;
    let max = data.iter().map(|m| m.cumulative.max(m.last_year)).max().unwrap_or(0).max(target.unwrap_or(0)) as f64;
    let top = axis_max(max * 1.1);
    // Every month labelled up to 12; up to 24, one in three; beyond, the first month of each
    // year (the caller's labels say the year).
    let every = match n {
        0..=12 => 1,
        13..=24 => 3,
        _ => 12,
    };
    // Markers only where they can be told apart.
    let marked = n <= 24;
    draw(WIDTH, height, |root, marks| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(12)
            .margin_right(96)
            .x_label_area_size(38)
            .y_label_area_size(48)
            .build_cartesian_2d(0f64..n as f64, 0f64..top)?;
        chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).draw()?;
        for t in ticks(top, true) {
            chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, t), (n as f64, t)], GRID.stroke_width(1))))?;
            let (tx, ty) = chart.backend_coord(&(0.0, t));
            root.draw(&Text::new(tick_text(t), (tx - 6, ty), text_style(TEXT, &INK, Pos::new(HPos::Right, VPos::Center))))?;
        }
        for (i, m) in data.iter().enumerate() {
            let x = i as f64;
            if m.admitted > 0 {
                chart
                    .draw_series(std::iter::once(Rectangle::new([(x + 0.2, 0.0), (x + 0.8, f64::from(m.admitted))], BAR_LIGHT.filled())))?;
            }
            if i % every == 0 {
                let (lx, ly) = chart.backend_coord(&(x + 0.5, 0.0));
                root.draw(&Text::new(m.label.clone(), (lx, ly + 8), text_style(TEXT, &INK, Pos::new(HPos::Center, VPos::Top))))?;
            }
            let (x0, y0) = chart.backend_coord(&(x, top));
            let (x1, y1) = chart.backend_coord(&(x + 1.0, 0.0));
            marks.push(Mark {
                x: f64::from(x0),
                y: f64::from(y0),
                w: f64::from(x1 - x0),
                h: f64::from(y1 - y0),
                text: m.text.clone(),
                index: i,
            });
        }
        let last: Vec<(f64, f64)> = data.iter().enumerate().map(|(i, m)| (i as f64 + 0.5, f64::from(m.last_year))).collect();
        chart.draw_series(DashedLineSeries::new(last.clone(), 6, 4, GREY.stroke_width(2)))?;
        chart.draw_series(
            last.iter().map(|p| Rectangle::new([(p.0 - 0.12, p.1 - top * 0.012), (p.0 + 0.12, p.1 + top * 0.012)], GREY.filled())),
        )?;
        let now: Vec<(f64, f64)> =
            data.iter().enumerate().filter(|(_, m)| !m.future).map(|(i, m)| (i as f64 + 0.5, f64::from(m.cumulative))).collect();
        chart.draw_series(LineSeries::new(now.clone(), INK.stroke_width(3)))?;
        if marked {
            chart.draw_series(now.iter().map(|p| Circle::new(*p, 4, INK.filled())))?;
        }
        if let Some(t) = target {
            let t = f64::from(t);
            chart.draw_series(DashedLineSeries::new(vec![(0.0, t), (n as f64, t)], 2, 4, TARGET.stroke_width(2)))?;
            let (tx, ty) = chart.backend_coord(&(n as f64, t));
            root.draw(&Text::new(
                format!("Chỉ tiêu {}", format_int(t as i64)),
                (tx + 4, ty),
                text_style(TEXT, &TARGET, Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        Ok(())
    })
}

/// One year of the trend.
pub struct YearDatum {
    pub year: i32,
    /// Development rate in percent, if the members at the start of the year are known.
    pub rate: Option<f64>,
    pub text: String,
}

/// The development rate per year (line with round marks) against the benchmark band (shaded,
/// its bounds written at the right).
pub fn trend(data: &[YearDatum], band: (f64, f64)) -> Option<Chart> {
    let n = data.len().max(1);
    let height = 280u32;
    let max = data.iter().filter_map(|d| d.rate).fold(band.1, f64::max);
    let top = axis_max(max * 1.15);
    draw(WIDTH, height, |root, marks| {
        let mut chart = ChartBuilder::on(root)
            .margin_top(12)
            .margin_right(80)
            .x_label_area_size(38)
            .y_label_area_size(60)
            .build_cartesian_2d(0f64..n as f64, 0f64..top)?;
        chart.configure_mesh().disable_mesh().x_labels(0).y_labels(0).draw()?;
        for t in ticks(top, false) {
            chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, t), (n as f64, t)], GRID.stroke_width(1))))?;
            let (tx, ty) = chart.backend_coord(&(0.0, t));
            root.draw(&Text::new(
                format!("{} %", tick_text(t)),
                (tx - 6, ty),
                text_style(TEXT, &INK, Pos::new(HPos::Right, VPos::Center)),
            ))?;
        }
        chart.draw_series(std::iter::once(Rectangle::new([(0.0, band.0), (n as f64, band.1)], BAND.filled())))?;
        let (bx, by) = chart.backend_coord(&(n as f64, (band.0 + band.1) / 2.0));
        let short = |x: f64| format_decimal(x, if x.fract().abs() < 1e-9 { 0 } else { 1 });
        let band_text = format!("{}–{} %", short(band.0), short(band.1));
        root.draw(&Text::new(band_text, (bx + 4, by), text_style(TEXT, &GREY, Pos::new(HPos::Left, VPos::Center))))?;
        let points: Vec<(f64, f64)> = data.iter().enumerate().filter_map(|(i, d)| d.rate.map(|r| (i as f64 + 0.5, r))).collect();
        chart.draw_series(LineSeries::new(points.clone(), INK.stroke_width(3)))?;
        chart.draw_series(points.iter().map(|p| Circle::new(*p, 5, INK.filled())))?;
        for (i, d) in data.iter().enumerate() {
            let (lx, ly) = chart.backend_coord(&(i as f64 + 0.5, 0.0));
            root.draw(&Text::new(d.year.to_string(), (lx, ly + 8), text_style(TEXT, &INK, Pos::new(HPos::Center, VPos::Top))))?;
            let (x0, y0) = chart.backend_coord(&(i as f64, top));
            let (x1, y1) = chart.backend_coord(&(i as f64 + 1.0, 0.0));
            marks.push(Mark {
                x: f64::from(x0),
                y: f64::from(y0),
                w: f64::from(x1 - x0),
                h: f64::from(y1 - y0),
                text: d.text.clone(),
                index: i,
            });
        }
        Ok(())
    })
}
