//! The app's build date, shown on the Dữ liệu page beside its version: `PTDV_BUILD_DATE`
//! (dd/mm/yyyy) for the code.
//!
//! Taken, in order, from the environment's `PTDV_BUILD_DATE` (`yyyy-mm-dd` or `dd/mm/yyyy`),
//! from `SOURCE_DATE_EPOCH` (the reproducible-builds convention: the same sources give the same
//! files), else the day the sources were last built, in Vietnam's time (UTC+7). The script runs
//! again only when those variables or the sources change, so an unchanged tree builds the same
//! wasm whatever the day.

use std::time::{SystemTime, UNIX_EPOCH};

const VIETNAM_OFFSET_SECS: i64 = 7 * 3600;

fn main() {
    for var in ["PTDV_BUILD_DATE", "SOURCE_DATE_EPOCH"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    for path in ["build.rs", "Cargo.toml", "Cargo.lock", "index.html", "src", "style", "crates/domain/src", "crates/worker/src"] {
        println!("cargo:rerun-if-changed={path}");
    }
    let (y, m, d) = given_date().or_else(source_date).unwrap_or_else(|| {
        let secs = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        day_of(secs)
    });
    println!("cargo:rustc-env=PTDV_BUILD_DATE={d:02}/{m:02}/{y:04}");
}

/// The day of `SOURCE_DATE_EPOCH`, when set and a number of seconds.
fn source_date() -> Option<(i64, u32, u32)> {
    let text = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    match text.trim().parse::<i64>() {
        Ok(secs) => Some(day_of(secs)),
        Err(_) => {
            println!("cargo:warning=SOURCE_DATE_EPOCH “{text}” is not a number of seconds: ignored");
            None
        }
    }
}

/// `PTDV_BUILD_DATE` as (year, month, day), when set and valid.
fn given_date() -> Option<(i64, u32, u32)> {
    let text = std::env::var("PTDV_BUILD_DATE").ok()?;
    let text = text.trim();
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let numbers: Option<Vec<i64>> = parts.iter().map(|p| p.parse::<i64>().ok()).collect();
    let date = match (numbers.as_deref(), text.contains('/')) {
        (Some(&[y, m, d]), false) => (y, m, d),
        (Some(&[d, m, y]), true) => (y, m, d),
        _ => (0, 0, 0),
    };
    let (y, m, d) = date;
    let valid = (1970..=9999).contains(&y) && (1..=12).contains(&m) && (1..=days_in_month(y, m as u32) as i64).contains(&d);
    if !valid {
        println!("cargo:warning=PTDV_BUILD_DATE “{text}” is not a date (yyyy-mm-dd or dd/mm/yyyy): ignored");
        return None;
    }
    Some((y, m as u32, d as u32))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The calendar day in Vietnam of a Unix time (Howard Hinnant's `civil_from_days`).
fn day_of(secs: i64) -> (i64, u32, u32) {
    let days = (secs + VIETNAM_OFFSET_SECS).div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}
