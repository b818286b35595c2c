//! Splitting a command's arguments: `|` separates free-text fields; otherwise words, where
//! "double quotes" or „German quotes“ keep a phrase together.

/// Returns `None` when a quote is left open.
pub fn split_args(rest: &str) -> Option<Vec<String>> {
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Vec::new());
    }
    if rest.contains('|') {
        return Some(rest.split('|').map(|s| unquote(s.trim())).collect());
    }
    let mut args = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut in_token = false;
    for c in rest.chars() {
        match quote {
            Some(close) if c == close => quote = None,
            Some(_) => current.push(c),
            None => match c {
                '"' => {
                    quote = Some('"');
                    in_token = true;
                }
                '„' => {
                    quote = Some('“');
                    in_token = true;
                }
                '“' => {
                    quote = Some('”');
                    in_token = true;
                }
                c if c.is_whitespace() => {
                    if in_token {
                        args.push(std::mem::take(&mut current));
                        in_token = false;
                    }
                }
                c => {
                    current.push(c);
                    in_token = true;
                }
            },
        }
    }
    if quote.is_some() {
        return None;
    }
    if in_token {
        args.push(current);
    }
    Some(args)
}

fn unquote(s: &str) -> String {
    for (open, close) in [('"', '"'), ('„', '“'), ('“', '”')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim().to_string();
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::split_args;

    #[test]
    fn pipes_separate_fields() {
        assert_eq!(
            split_args(" Tafel Suhl | Suhl |  | x ").unwrap(),
            vec!["Tafel Suhl", "Suhl", "", "x"]
        );
    }

    #[test]
    fn quotes_keep_words_together() {
        assert_eq!(
            split_args(r#"a "b c" „d e“ f"#).unwrap(),
            vec!["a", "b c", "d e", "f"]
        );
        assert_eq!(split_args(r#"a "b"#), None);
    }
}
