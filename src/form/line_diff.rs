//! Which lines of a template an edit changed, for the preview's marks: a line diff
//! (Myers' greedy algorithm: O((N+M)·D) time for D lines removed or added, after the
//! lines the two texts start and end with in common are set aside).

/// How the preview marks a line of the new text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineMark {
    /// The line is new, or replaces lines of the old text.
    Changed,
    /// Lines of the old text were removed just above this one (and nothing replaced them).
    RemovedAbove,
    /// Lines were removed below this one, the text's last.
    RemovedBelow,
}

/// The most lines removed and added that are diffed line by line; past it (a design
/// replaced whole) every line between the common start and end is marked: the diff's
/// memory grows with the square of this.
const MOST_DIFFERENCES: usize = 500;

/// The marks of the lines of `new` (cut as `str::split_inclusive('\n')` cuts it, so a
/// line's number is its block's in the preview) against `old`, by line number.
pub fn line_marks(old: &str, new: &str) -> Vec<(usize, LineMark)> {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[start..old.len() - end], &new[start..new.len() - end]);
    // Too many to diff: the middle is one replacement.
    let (added, removed) =
        differences(a, b).unwrap_or_else(|| (vec![true; b.len()], vec![b.is_empty(); b.len() + 1]));
    let added_at = |i: usize| added.get(i) == Some(&true);
    let mut marks = Vec::new();
    for (i, &removed_here) in removed.iter().enumerate() {
        let line = start + i;
        // Lines removed beside a changed line are marked by it.
        if removed_here && !added_at(i) && !(i > 0 && added_at(i - 1)) {
            if line < new.len() {
                marks.push((line, LineMark::RemovedAbove));
            } else if line > 0 {
                marks.push((line - 1, LineMark::RemovedBelow));
            }
        }
        if added_at(i) {
            marks.push((line, LineMark::Changed));
        }
    }
    marks
}

/// Which lines of `b` are added (not matched with a line of `a`), and before which lines
/// of `b` (or after the last: `b.len()`) lines of `a` were removed; `None` past
/// [`MOST_DIFFERENCES`].
fn differences(a: &[&str], b: &[&str]) -> Option<(Vec<bool>, Vec<bool>)> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let most = (a.len() + b.len()).min(MOST_DIFFERENCES) as isize;
    // `furthest[k + offset]`: how far along `a` the furthest path on diagonal k = x - y
    // reaches; `trace[d]` keeps the diagonals -d..=d of it as they were before step d.
    let offset = most + 1;
    let mut furthest = vec![0isize; 2 * offset as usize + 1];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=most {
        trace.push(furthest[(offset - d) as usize..=(offset + d) as usize].to_vec());
        for k in (-d..=d).step_by(2) {
            let at = |k: isize| furthest[(k + offset) as usize];
            let mut x = if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                at(k + 1)
            } else {
                at(k - 1) + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            furthest[(k + offset) as usize] = x;
            if x >= n && y >= m {
                return Some(walk_back(&trace, n, m, b.len()));
            }
        }
    }
    None
}

/// The added lines and removal points of the shortest path that reached (n, m).
fn walk_back(trace: &[Vec<isize>], n: isize, m: isize, new_len: usize) -> (Vec<bool>, Vec<bool>) {
    let mut added = vec![false; new_len];
    let mut removed = vec![false; new_len + 1];
    let (mut x, mut y) = (n, m);
    for (d, before) in trace.iter().enumerate().skip(1).rev() {
        let d = d as isize;
        let k = x - y;
        let at = |k: isize| before[(k + d) as usize];
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let from_k = if down { k + 1 } else { k - 1 };
        let from_x = at(from_k);
        let from_y = from_x - from_k;
        if down {
            added[from_y as usize] = true;
        } else {
            removed[from_y as usize] = true;
        }
        x = from_x;
        y = from_y;
    }
    (added, removed)
}

#[cfg(test)]
mod tests {
    use super::LineMark::*;
    use super::*;

    /// One line per letter: "abc" is "a\nb\nc\n".
    fn text(letters: &str) -> String {
        letters.chars().map(|c| format!("{c}\n")).collect()
    }

    fn marks(old: &str, new: &str) -> Vec<(usize, LineMark)> {
        line_marks(&text(old), &text(new))
    }

    #[test]
    fn the_same_text_has_no_marks() {
        assert_eq!(marks("abcdef", "abcdef"), []);
        assert_eq!(marks("", ""), []);
    }

    #[test]
    fn a_changed_line_is_marked_and_nothing_else() {
        // Port 3000 became 8081 on line 3 of 6.
        assert_eq!(marks("abcdef", "abXdef"), [(2, Changed)]);
        // The first and the last line.
        assert_eq!(marks("abcdef", "Xbcdef"), [(0, Changed)]);
        assert_eq!(marks("abcdef", "abcdeX"), [(5, Changed)]);
        // Two lines far apart: only they, not the lines between them.
        assert_eq!(marks("abcdefgh", "aXcdefYh"), [(1, Changed), (6, Changed)]);
    }

    #[test]
    fn inserted_lines_are_marked_where_they_now_stand() {
        assert_eq!(marks("abcd", "abXYcd"), [(2, Changed), (3, Changed)]);
        assert_eq!(marks("abcd", "Xabcd"), [(0, Changed)]);
        assert_eq!(marks("abcd", "abcdX"), [(4, Changed)]);
        assert_eq!(marks("", "ab"), [(0, Changed), (1, Changed)]);
        // Inserted in two places, with a repeated line between them.
        assert_eq!(marks("abab", "aXbaYb"), [(1, Changed), (4, Changed)]);
    }

    #[test]
    fn a_removal_marks_the_line_after_it_or_the_last_line() {
        // "c" and "d" removed: "e" (now line 2) had them above it.
        assert_eq!(marks("abcdef", "abef"), [(2, RemovedAbove)]);
        assert_eq!(marks("abcdef", "bcdef"), [(0, RemovedAbove)]);
        // Removed at the end: the last line had them below it.
        assert_eq!(marks("abcdef", "abcd"), [(3, RemovedBelow)]);
        // Removed in two places.
        assert_eq!(
            marks("abcdef", "acdf"),
            [(1, RemovedAbove), (3, RemovedAbove)]
        );
        // Everything removed: no line is left to mark.
        assert_eq!(marks("abc", ""), []);
    }

    #[test]
    fn a_replacement_is_marked_as_changed_lines_only() {
        // Two lines became three: the three are marked, no removal mark beside them.
        assert_eq!(
            marks("abcdef", "abXYZef"),
            [(2, Changed), (3, Changed), (4, Changed)]
        );
        // Three lines became one.
        assert_eq!(marks("abcdef", "aXef"), [(1, Changed)]);
    }

    #[test]
    fn lines_are_compared_whole_with_their_newline() {
        // The last line lost its newline: it differs.
        assert_eq!(line_marks("a\nb\n", "a\nb"), [(1, Changed)]);
        // An indentation change is a change.
        assert_eq!(
            line_marks("Port:\n  Default: 3000\n", "Port:\n    Default: 3000\n"),
            [(1, Changed)]
        );
    }

    /// A template-sized text (2,000 lines), every 100th line changed and one block of ten
    /// removed: the marks are those 20 lines and the line after the block, found line
    /// by line (the diff's bound is not reached).
    #[test]
    fn a_long_text_with_scattered_changes() {
        let old: Vec<String> = (0..2000).map(|i| format!("  Line{i}: {i}\n")).collect();
        let mut new: Vec<String> = old.clone();
        for i in (50..2000).step_by(100) {
            new[i] = format!("  Line{i}: changed\n");
        }
        new.drain(1000..1010);
        let marks = line_marks(&old.concat(), &new.concat());
        let mut expected: Vec<(usize, LineMark)> = (50..1000)
            .step_by(100)
            .map(|i| (i, Changed))
            .chain((1050..2000).step_by(100).map(|i| (i - 10, Changed)))
            .collect();
        expected.push((1000, RemovedAbove));
        expected.sort_by_key(|m| m.0);
        assert_eq!(marks, expected);
    }

    /// Past the bound, the lines between the first and the last difference are marked.
    #[test]
    fn too_many_differences_mark_the_whole_middle() {
        let old: String = (0..700).map(|i| format!("old {i}\n")).collect();
        let new: String = (0..700).map(|i| format!("new {i}\n")).collect();
        let old = format!("start\n{old}end\n");
        let new = format!("start\n{new}end\n");
        let marks = line_marks(&old, &new);
        assert_eq!(marks.len(), 700);
        assert_eq!(marks.first(), Some(&(1, Changed)));
        assert_eq!(marks.last(), Some(&(700, Changed)));
    }
}
