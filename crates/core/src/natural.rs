//! Natural order for names people read: `A-R02-U42-2` before `A-R02-U42-10`, `web-9` before
//! `web-10`. A sort key is computed once per name, so sorting many names compares plain
//! strings.

/// The key that sorts `text` naturally: runs of digits padded to a fixed width (leading
/// zeros dropped, longer runs after shorter ones), letters without case, then the text
/// itself so that names differing only in case or zeros still sort the same every time.
pub fn natural_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(&first) = chars.peek() {
        if first.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(&digit) = chars.peek().filter(|c| c.is_ascii_digit()) {
                digits.push(digit);
                chars.next();
            }
            let significant = digits.trim_start_matches('0');
            // The run's length first (two digits of it), so 9 < 10 < 100.
            key.push_str(&format!("{:02}", significant.len().min(99)));
            key.push_str(significant);
        } else {
            key.extend(first.to_lowercase());
            chars.next();
        }
    }
    key.push('\u{0}');
    key.push_str(text);
    key
}

#[cfg(test)]
mod tests {
    use super::natural_key;

    #[test]
    fn numbers_sort_by_value_and_letters_without_case() {
        let mut names = vec![
            "A-R02-U42-10",
            "a-r02-u42-2",
            "A-R02-U42-1",
            "A-R10-U1-1",
            "A-R02-U42-02",
            "케이블-3",
            "B",
        ];
        names.sort_by_key(|name| natural_key(name));
        assert_eq!(
            names,
            [
                "A-R02-U42-1",
                "A-R02-U42-02",
                "a-r02-u42-2",
                "A-R02-U42-10",
                "A-R10-U1-1",
                "B",
                "케이블-3",
            ]
        );
    }
}
