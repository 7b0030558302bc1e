//! The style sheet's blocks close: a rule left open swallows every rule after it into its
//! `@media` block (an unclosed `@media (max-width: 520px)` once kept the update notice's,
//! the update impact's and the folds' rules to phones).

/// The style sheet without its comments and quoted strings (where braces are text).
fn code(css: &str) -> String {
    let mut out = String::new();
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '"' | '\'' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// (line, depth) where a block closes that was never opened, or the depth left at the end.
fn unbalanced(css: &str) -> Result<(), String> {
    let mut depth = 0i32;
    for (n, line) in code(css).lines().enumerate() {
        for c in line.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return Err(format!(
                    "line {} closes a block that was never opened",
                    n + 1
                ));
            }
        }
    }
    match depth {
        0 => Ok(()),
        d => Err(format!("{d} block(s) left open at the end")),
    }
}

#[test]
fn every_block_of_the_style_sheet_closes() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/app.css"))
        .expect("style/app.css");
    assert_eq!(unbalanced(&css), Ok(()));
}

#[test]
fn the_check_finds_an_open_block_and_ignores_braces_in_comments_and_strings() {
    assert_eq!(
        unbalanced("@media (x) {\n  a { b: c; }\n\nd { e: f; }\n"),
        Err("1 block(s) left open at the end".into())
    );
    assert_eq!(unbalanced("a { content: \"}\"; } /* { */"), Ok(()));
    assert_eq!(
        unbalanced("a { }\n}"),
        Err("line 2 closes a block that was never opened".into())
    );
}
