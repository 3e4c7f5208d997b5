//! Rule citations for people. Internally a rule cites its keys ("R-294 §4.3.1; docs/domain.md §2.4");
//! a ward official knows the documents by their names ("Quy định 294-QĐ/TW, mục 4.3.1").

/// The documents behind the regulation keys of docs/domain.md §7.
const DOCUMENTS: [(&str, &str); 9] = [
    ("R-294", "Quy định 294-QĐ/TW"),
    ("R-06", "Hướng dẫn 06-HD/TW"),
    ("R-38", "Hướng dẫn 38-HD/BTCTW"),
    ("R-HN", "Hướng dẫn của Ban Tổ chức Thành ủy Hà Nội"),
    ("R-29/232", "Quy định 29-QĐ/TW, 232-QĐ/TW"),
    ("R-24", "Quy định 24-QĐ/TW"),
    ("R-01", "Hướng dẫn 01-HD/TW"),
    ("R-12", "Hướng dẫn 12-HD/BTCTW"),
    ("R-forms", "mẫu biểu kết nạp đảng viên"),
];

/// "R-294 §4.3.1; docs/domain.md §2.4" → "Quy định 294-QĐ/TW, mục 4.3.1". Parts citing the
/// specification (DOMAIN …) or unknown keys are left out; the order is kept; an empty result
/// falls back to the original text.
pub fn for_people(rule: &str) -> String {
    let parts: Vec<String> = rule
        .split(';')
        .map(str::trim)
        .filter_map(|part| {
            let (key, rest) = part.split_once(' ').unwrap_or((part, ""));
            let name = DOCUMENTS.iter().find(|(k, _)| *k == key).map(|(_, n)| *n)?;
            let rest = rest.trim();
            Some(if let Some(section) = rest.strip_prefix('§') {
                let (section, note) = section.split_once(' ').unwrap_or((section, ""));
                let note = note.trim();
                if note.is_empty() {
                    format!("{name}, mục {section}")
                } else {
                    format!("{name}, mục {section} {note}")
                }
            } else if rest.is_empty() {
                name.to_string()
            } else {
                format!("{name} {rest}")
            })
        })
        .collect();
    if parts.is_empty() {
        rule.to_string()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::for_people;

    #[test]
    fn keys_become_document_names_and_spec_references_go() {
        assert_eq!(for_people("R-294 §4.3.1; DOMAIN §2.4"), "Quy định 294-QĐ/TW, mục 4.3.1");
        assert_eq!(for_people("R-06 §5.4a; DOMAIN §2.3 R-DOCAGE"), "Hướng dẫn 06-HD/TW, mục 5.4a");
        assert_eq!(for_people("R-06 §4.2; Điều lệ Đảng Điều 5; DOMAIN §2.2 T11"), "Hướng dẫn 06-HD/TW, mục 4.2");
        assert_eq!(
            for_people("R-HN II.1.1.3.2 (quy định địa phương)"),
            "Hướng dẫn của Ban Tổ chức Thành ủy Hà Nội II.1.1.3.2 (quy định địa phương)"
        );
        assert_eq!(
            for_people("R-294 §3.1–3.2; R-HN II.1.1.2.1b"),
            "Quy định 294-QĐ/TW, mục 3.1–3.2; Hướng dẫn của Ban Tổ chức Thành ủy Hà Nội II.1.1.2.1b"
        );
        assert_eq!(for_people("DOMAIN §2.4"), "DOMAIN §2.4");
    }
}
