//! Messages for the reviewer as a queue (as the rerun viewer keeps them): each is shown in
//! the status bar in turn, so "Saved" never hides an earlier warning, and errors stay until
//! the reviewer has seen them.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something finished ("Saved review.ron").
    Info,
    /// Something the reviewer should know (a document changed on disk).
    Warning,
    /// Something failed.
    Error,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What happened.
    pub text: String,
    /// How serious it is.
    pub level: Level,
}

impl Notice {
    /// True for failures.
    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// How long an informational message stays before the next one is shown.
const INFO_TIME: Duration = Duration::from_secs(4);
/// How many messages are kept for the history.
const HISTORY: usize = 50;

/// The queue of messages, and the ones already shown.
#[derive(Debug, Default)]
pub struct Notifications {
    queue: VecDeque<(Notice, Option<Instant>)>,
    history: VecDeque<Notice>,
}

impl Notifications {
    /// Add a message.
    pub fn push(&mut self, level: Level, text: impl Into<String>) {
        let notice = Notice { text: text.into(), level };
        if self.queue.back().is_some_and(|(n, _)| *n == notice) {
            return;
        }
        self.queue.push_back((notice, None));
    }

    /// An informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Level::Info, text);
    }

    /// A warning.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.push(Level::Warning, text);
    }

    /// An error (also shown in a dialog by the app).
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Level::Error, text);
    }

    /// The message to show now: the oldest not yet retired. Informational messages retire
    /// after a few seconds when others wait; warnings and errors when dismissed or replaced.
    pub fn current(&mut self, now: Instant) -> Option<&Notice> {
        while self.queue.len() > 1 {
            let level = self.queue[0].0.level;
            let shown = *self.queue[0].1.get_or_insert(now);
            let keep = match level {
                Level::Info => now.saturating_duration_since(shown) < INFO_TIME,
                // Warnings and errors wait for dismissal unless something more serious waits.
                _ => !self.queue.iter().skip(1).any(|(n, _)| n.level as u8 > level as u8),
            };
            if keep {
                break;
            }
            self.retire_front();
        }
        let front = self.queue.front_mut()?;
        front.1.get_or_insert(now);
        Some(&front.0)
    }

    /// The reviewer dismissed the message shown.
    pub fn dismiss(&mut self) {
        self.retire_front();
    }

    /// The latest message (tests and the window title).
    pub fn latest(&self) -> Option<&Notice> {
        self.queue.back().map(|(n, _)| n).or_else(|| self.history.back())
    }

    fn retire_front(&mut self) {
        if let Some((notice, _)) = self.queue.pop_front() {
            self.history.push_back(notice);
            if self.history.len() > HISTORY {
                self.history.pop_front();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_later_info_does_not_hide_a_warning() {
        let mut n = Notifications::default();
        let t0 = Instant::now();
        n.warn("doc.md changed on disk");
        n.info("Saved review.ron");
        assert_eq!(n.current(t0).unwrap().text, "doc.md changed on disk");
        assert_eq!(n.current(t0 + Duration::from_secs(60)).unwrap().text, "doc.md changed on disk");
        n.dismiss();
        assert_eq!(n.current(t0).unwrap().text, "Saved review.ron");
        assert_eq!(n.latest().unwrap().text, "Saved review.ron");
    }

    #[test]
    fn infos_take_turns() {
        let mut n = Notifications::default();
        let t0 = Instant::now();
        n.info("one");
        n.info("two");
        assert_eq!(n.current(t0).unwrap().text, "one");
        assert_eq!(n.current(t0 + INFO_TIME).unwrap().text, "two");
        assert_eq!(n.history.len(), 1);
    }
}
