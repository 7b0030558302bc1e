//! Undo and redo: the states a person committed (a field changed or left, a service added
//! or removed, a split, a reset, a design opened), newest last. Typing that is not yet
//! committed is not a step of its own: undo first commits it, then goes back past it.
//! The page commits a change once the control's own handler has run, a task later; a
//! commit that is due is taken before the next edit, so fast typing after a change cannot
//! fold into its step.

use std::collections::VecDeque;

/// How many steps back the page keeps (the brief asks for at least 100).
pub const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone)]
pub struct History<T> {
    past: VecDeque<T>,
    future: Vec<T>,
    committed: T,
    limit: usize,
    /// A commit was asked for and has not been made yet.
    due: bool,
}

impl<T: Clone + PartialEq> History<T> {
    pub fn new(current: T) -> History<T> {
        History::with_limit(current, HISTORY_LIMIT)
    }

    pub fn with_limit(current: T, limit: usize) -> History<T> {
        History {
            past: VecDeque::new(),
            future: Vec::new(),
            committed: current,
            limit: limit.max(1),
            due: false,
        }
    }

    /// Records `current` as a step when it differs from the last committed state; a new
    /// step drops what could be redone. Returns whether a step was recorded.
    pub fn commit(&mut self, current: &T) -> bool {
        self.due = false;
        if *current == self.committed {
            return false;
        }
        let previous = std::mem::replace(&mut self.committed, current.clone());
        self.past.push_back(previous);
        if self.past.len() > self.limit {
            self.past.pop_front();
        }
        self.future.clear();
        true
    }

    /// Asks for a commit that [`History::commit`] or [`History::commit_due`] will make.
    pub fn ask_commit(&mut self) {
        self.due = true;
    }

    /// Makes the commit asked for, if it is still due: called before every edit, with the
    /// design as the edit finds it, and when the asked commit's turn comes.
    pub fn commit_due(&mut self, current: &T) -> bool {
        self.due && self.commit(current)
    }

    /// The state before the last step (committing `current` first), or `None` when
    /// there is nothing to undo.
    pub fn undo(&mut self, current: &T) -> Option<T> {
        self.commit(current);
        let previous = self.past.pop_back()?;
        let undone = std::mem::replace(&mut self.committed, previous.clone());
        self.future.push(undone);
        Some(previous)
    }

    /// The state the last undo left, or `None` when there is nothing to redo (an edit
    /// made after the undo ends what can be redone).
    pub fn redo(&mut self, current: &T) -> Option<T> {
        if self.commit(current) {
            return None;
        }
        let next = self.future.pop()?;
        let left = std::mem::replace(&mut self.committed, next.clone());
        self.past.push_back(left);
        Some(next)
    }

    pub fn can_undo(&self, current: &T) -> bool {
        !self.past.is_empty() || *current != self.committed
    }

    pub fn can_redo(&self, current: &T) -> bool {
        !self.future.is_empty() && *current == self.committed
    }

    /// How many steps undo can go back (not counting uncommitted typing).
    pub fn depth(&self) -> usize {
        self.past.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::form::edits;

    #[test]
    fn undo_and_redo_walk_the_committed_steps() {
        let mut h = History::new(0);
        assert!(!h.can_undo(&0));
        assert!(h.commit(&1));
        assert!(h.commit(&2));
        assert!(!h.commit(&2), "an unchanged state is not a step");
        assert_eq!(h.undo(&2), Some(1));
        assert_eq!(h.undo(&1), Some(0));
        assert_eq!(h.undo(&0), None);
        assert!(h.can_redo(&0));
        assert_eq!(h.redo(&0), Some(1));
        assert_eq!(h.redo(&1), Some(2));
        assert_eq!(h.redo(&2), None);
    }

    #[test]
    fn uncommitted_typing_is_committed_by_undo_and_redo_after_an_edit_is_gone() {
        let mut h = History::new("a".to_string());
        h.commit(&"ab".to_string());
        // "abc" was typed but not yet committed: undo goes back to the last committed one
        // before it, and redo brings "abc" back.
        assert_eq!(h.undo(&"abc".to_string()), Some("ab".to_string()));
        assert_eq!(h.redo(&"ab".to_string()), Some("abc".to_string()));
        assert_eq!(h.undo(&"abc".to_string()), Some("ab".to_string()));
        // A new edit after an undo: nothing to redo any more.
        assert!(!h.can_redo(&"abx".to_string()));
        assert_eq!(h.redo(&"abx".to_string()), None);
        assert_eq!(h.undo(&"abx".to_string()), Some("ab".to_string()));
    }

    #[test]
    fn a_commit_asked_for_is_taken_before_the_next_edit_even_when_its_own_turn_comes_late() {
        let mut h = History::new("net".to_string());
        // "net-a" typed, then the field left: a commit is asked for.
        h.ask_commit();
        // Typing resumes before the asked commit ran: the edit takes it first.
        assert!(h.commit_due(&"net-a".to_string()));
        assert!(!h.commit_due(&"net-ab".to_string()), "taken once");
        // The asked commit's own turn comes, late, after more typing: it was taken already.
        assert!(!h.commit_due(&"net-abc".to_string()));
        assert_eq!(h.undo(&"net-abc".to_string()), Some("net-a".to_string()));
        assert_eq!(h.undo(&"net-a".to_string()), Some("net".to_string()));
        // No commit asked for: an edit takes none.
        let mut quiet = History::new(0);
        assert!(!quiet.commit_due(&1));
        assert_eq!(quiet.depth(), 0);
    }

    #[test]
    fn it_keeps_at_least_a_hundred_steps_and_forgets_the_oldest_past_its_limit() {
        let mut h = History::new(0);
        for n in 1..=150 {
            h.commit(&n);
        }
        assert_eq!(h.depth(), 150);
        let mut current = 150;
        for _ in 0..150 {
            current = h.undo(&current).expect("a step to undo");
        }
        assert_eq!(current, 0);

        let mut small = History::with_limit(0, 3);
        for n in 1..=5 {
            small.commit(&n);
        }
        assert_eq!(small.depth(), 3);
        assert_eq!(small.undo(&5), Some(4));
        assert_eq!(small.undo(&4), Some(3));
        assert_eq!(small.undo(&3), Some(2));
        assert_eq!(small.undo(&2), None);
    }

    #[test]
    fn undo_restores_a_removed_initial_service_exactly() {
        let mut config = Config::default();
        edits::add_service(&mut config);
        config.services[0].cloudfront.host = Some("www".into());
        let before = config.clone();
        let mut h = History::new(config.clone());
        assert!(edits::remove_service(&mut config, 0));
        h.commit(&config);
        let restored = h.undo(&config).expect("the removal to undo");
        assert_eq!(restored, before);
        assert_eq!(restored.to_pretty_json(), before.to_pretty_json());
    }
}
