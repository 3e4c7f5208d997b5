use super::*;
use std::time::Instant;
#[test]
fn zz_phase_timing() {
    let d = demo();
    let text = export_compact(d, &Scope::Ward, "t", now()).unwrap();
    let t = Instant::now(); let v: serde_json::Value = serde_json::from_str(&text).unwrap(); println!("parse Value {:?}", t.elapsed());
    let t = Instant::now(); let _w: WardData = serde_json::from_value(v["data"].clone()).unwrap(); println!("typed from Value(clone) {:?}", t.elapsed());
    let t = Instant::now(); let _x = serde_json::to_value(d).unwrap(); println!("to_value {:?}", t.elapsed());
    let t = Instant::now(); let _ = validate(d, today()); println!("validate {:?}", t.elapsed());
    let t = Instant::now(); for c in &d.candidates { let _ = crate::pipeline::check_invariants(c); } println!("invariants {:?}", t.elapsed());
    let t = Instant::now(); let _ = load(text.as_bytes(), today()); println!("load {:?}", t.elapsed());
}
