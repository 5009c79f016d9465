//! Re-anchoring every passage of one document: the entry point the window (on a worker
//! thread) and the `reanchor` command call, its per-passage results and the one command
//! that applies them.

use super::anchor_in;
use super::diff::OffsetMap;
use super::matcher::{Found, Haystack, Quote, SURE};
use super::normal::NormalText;
use crate::document::SourceText;
use crate::edit::{Command, RecField};
use crate::model::{Anchor, Annotation, Document, Session};
use std::sync::atomic::{AtomicBool, Ordering};

/// Approximate matches scoring below this are shown to the reviewer with the orphans, to
/// confirm or re-attach: they are probably right but the text around them changed too.
pub const LOW_SCORE: f32 = 0.75;

/// Passages between two looks at the cancel flag and two progress reports.
const CHUNK: usize = 128;

/// What a passage is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PassageKind {
    /// An annotation (evidence).
    Annotation,
    /// Where a recommendation is printed.
    Recommendation,
    /// Where the reply to a recommendation is printed.
    Reply,
}

impl PassageKind {
    /// Lowercase name, as in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Annotation => "annotation",
            Self::Recommendation => "recommendation",
            Self::Reply => "reply",
        }
    }
}

/// How a passage was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum How {
    /// In its old place, with the same text (up to whitespace, quote and dash styles, case).
    Unchanged,
    /// The same text in a new place.
    Moved,
    /// Edited text that is most probably the passage.
    Approximate,
    /// Not found: kept as it was.
    Orphan,
}

impl How {
    /// Lowercase name, as in the JSON output.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unchanged => "unchanged",
            Self::Moved => "moved",
            Self::Approximate => "approximate",
            Self::Orphan => "orphan",
        }
    }
}

/// The result for one passage.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Id of the annotation, or of the recommendation (for its text and its reply).
    pub id: String,
    /// What the passage is.
    pub kind: PassageKind,
    /// Old range, characters of the old normalised text.
    pub old: (usize, usize),
    /// New range, characters of the new normalised text; None for an orphan.
    pub new: Option<(usize, usize)>,
    /// How it was found.
    pub how: How,
    /// 0..1: how sure the new place is (1 for unchanged and moved passages, 0 for orphans).
    pub score: f32,
    /// The passage's old quote, for the reviewer to recognise it.
    pub quote: String,
}

impl Passage {
    /// True for orphans and low-score approximate matches: the window lists these for the
    /// reviewer to re-attach or confirm.
    pub fn needs_attention(&self) -> bool {
        self.how == How::Orphan || (self.how == How::Approximate && self.score < LOW_SCORE)
    }
}

/// How many passages were found which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Still in place.
    pub unchanged: usize,
    /// Same text, new place.
    pub moved: usize,
    /// Found approximately.
    pub approximate: usize,
    /// Not found.
    pub orphaned: usize,
}

/// What re-anchoring one document found, and the changes that apply it.
#[derive(Debug, Clone)]
pub struct Reanchored {
    /// Every passage in the document, in session order (recommendations, replies, then
    /// annotations).
    pub passages: Vec<Passage>,
    /// Totals per kind of result.
    pub counts: Counts,
    /// The document's record for the new text (hash, length, embedded copy refreshed).
    /// Change its `path` before [`Reanchored::into_command`] when the text came from
    /// another file.
    pub document: Document,
    /// False when the text had not changed: nothing was searched and nothing needs doing.
    pub changed: bool,
    /// Index of the document in the session.
    index: usize,
    /// The document's record as it was.
    original: Document,
    /// One command per passage that moved or whose quote changed.
    commands: Vec<Command>,
}

impl Reanchored {
    /// A short description of the change for the undo history ("re-anchor 12 passages").
    pub fn label(&self) -> String {
        let n = self.commands.len();
        format!("re-anchor {n} passage{}", if n == 1 { "" } else { "s" })
    }

    /// The passages the reviewer should look at: orphans and low-score approximate matches.
    pub fn needing_attention(&self) -> impl Iterator<Item = &Passage> {
        self.passages.iter().filter(|p| p.needs_attention())
    }

    /// True when applying the result changes the session: the text changed, or the
    /// document's record was edited (a new `path`).
    pub fn needs_saving(&self) -> bool {
        self.changed || self.document != self.original
    }

    /// The one undoable step that applies the result: every passage's new anchor and the
    /// document's new record. Empty (`Batch(vec![])`) when nothing needs saving.
    // The lead will give batches a label: use `self.label()` for it here.
    pub fn into_command(self) -> Command {
        if !self.needs_saving() {
            return Command::Batch(Vec::new());
        }
        let mut commands = self.commands;
        commands.push(Command::RemoveDocument { id: self.document.id.clone() });
        commands.push(Command::InsertDocument { index: self.index, document: Box::new(self.document) });
        Command::Batch(commands)
    }
}

/// Why re-anchoring stopped without a result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReanchorError {
    /// The cancel flag was raised.
    #[error("re-anchoring was cancelled")]
    Cancelled,
    /// The session has no document with this id.
    #[error("no document with id {0:?}")]
    UnknownDocument(String),
}

/// Where a passage's anchor sits in the session, to write the new one back.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Source(usize),
    Response(usize),
    Annotation(usize),
}

/// Every passage of the session in document `doc`, in session order.
fn passages_of<'a>(session: &'a Session, doc: &str) -> Vec<(Slot, &'a Anchor)> {
    let mut out = Vec::new();
    for (i, rec) in session.recommendations.iter().enumerate() {
        out.extend(rec.source.as_ref().filter(|a| a.document == doc).map(|a| (Slot::Source(i), a)));
        out.extend(rec.response.as_ref().filter(|a| a.document == doc).map(|a| (Slot::Response(i), a)));
    }
    for (i, ann) in session.annotations.iter().enumerate() {
        if ann.anchor.document == doc {
            out.push((Slot::Annotation(i), &ann.anchor));
        }
    }
    out
}

/// The old text, folded and diffed against the new one.
struct OldText {
    text: NormalText,
    map: OffsetMap,
}

/// Re-anchor every passage of `session` in document `doc_id`, whose text is now `new`.
///
/// `old_text` is the document's text as the passages were anchored in (the embedded copy)
/// when known: passages are then placed through a diff and only edited ones are searched.
/// Without it, each passage is expected where its neighbours went. An unchanged text (same
/// hash) is recognised at once. `progress(done, total)` is called every few passages;
/// raising `cancel` stops the work with [`ReanchorError::Cancelled`]. Nothing borrowed is
/// kept: the result can be sent back from a worker thread.
pub fn reanchor(
    session: &Session,
    doc_id: &str,
    old_text: Option<&str>,
    new: &SourceText,
    progress: &dyn Fn(usize, usize),
    cancel: &AtomicBool,
) -> Result<Reanchored, ReanchorError> {
    let index = session
        .documents
        .iter()
        .position(|d| d.id == doc_id)
        .ok_or_else(|| ReanchorError::UnknownDocument(doc_id.to_owned()))?;
    let record = &session.documents[index];
    let slots = passages_of(session, doc_id);
    let total = slots.len();
    let sha256 = crate::intake::sha256_hex(&new.text);
    if sha256 == record.sha256 {
        progress(total, total);
        let passages: Vec<Passage> = slots.iter().map(|(slot, a)| unchanged(session, *slot, a)).collect();
        let counts = Counts { unchanged: passages.len(), ..Counts::default() };
        return Ok(Reanchored {
            passages,
            counts,
            document: record.clone(),
            changed: false,
            index,
            original: record.clone(),
            commands: Vec::new(),
        });
    }

    let hay = Haystack::new(&new.text);
    let old = old_text.map(|t| {
        let text = NormalText::new(t);
        let map = OffsetMap::new(&text.bytes, &hay.text.bytes);
        OldText { text, map }
    });
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| (slots[i].1.start, slots[i].1.end));
    let mut found: Vec<Option<(usize, usize, bool, f32)>> = vec![None; total];
    let mut shifts = Shifts::default();
    for (done, &i) in order.iter().enumerate() {
        if done % CHUNK == 0 {
            if cancel.load(Ordering::Relaxed) {
                return Err(ReanchorError::Cancelled);
            }
            progress(done, total);
        }
        let anchor = slots[i].1;
        found[i] = find_one(anchor, new, &hay, old.as_ref(), &shifts);
        if let Some((start, _, _, score)) = found[i] {
            shifts.update(anchor.start, start, score);
        }
    }
    progress(total, total);

    let mut passages = Vec::with_capacity(total);
    let mut commands = Vec::new();
    let mut counts = Counts::default();
    for ((slot, anchor), result) in slots.iter().zip(found) {
        let mut passage = unchanged(session, *slot, anchor);
        match result {
            None => {
                passage.how = How::Orphan;
                passage.new = None;
                passage.score = 0.0;
            }
            Some((start, end, verbatim, score)) => {
                passage.new = Some((start, end));
                passage.score = score;
                passage.how = match verbatim {
                    true if (start, end) == (anchor.start, anchor.end) => How::Unchanged,
                    true => How::Moved,
                    false => How::Approximate,
                };
                let fresh = anchor_in(doc_id, new, start, end);
                if fresh != **anchor {
                    commands.push(command_for(session, *slot, fresh));
                }
            }
        }
        match passage.how {
            How::Unchanged => counts.unchanged += 1,
            How::Moved => counts.moved += 1,
            How::Approximate => counts.approximate += 1,
            How::Orphan => counts.orphaned += 1,
        }
        passages.push(passage);
    }
    let mut document = record.clone();
    document.sha256 = sha256;
    document.length = new.char_len();
    if document.embedded_text.is_some() {
        document.embedded_text = Some(new.text.clone());
    }
    Ok(Reanchored { passages, counts, document, changed: true, index, original: record.clone(), commands })
}

/// How far passages found so far have shifted, to expect the next one at the same shift.
#[derive(Debug, Default)]
struct Shifts {
    /// The shift of the last passage found surely.
    last: isize,
    /// The shift of the last passage found surely and close to where it was expected: the
    /// flow of the document, not disturbed by a moved paragraph.
    flow: isize,
}

impl Shifts {
    /// Characters from the expected place within which a passage confirms the flow.
    const CLOSE: usize = 2048;

    fn update(&mut self, old_start: usize, new_start: usize, score: f32) {
        if score < SURE {
            return;
        }
        let shift = new_start as isize - old_start as isize;
        if old_start.saturating_add_signed(self.flow).abs_diff(new_start) <= Self::CLOSE {
            self.flow = shift;
        }
        self.last = shift;
    }
}

/// Find one passage: (start, end, verbatim, score) in characters of the new text.
fn find_one(
    anchor: &Anchor,
    new: &SourceText,
    hay: &Haystack,
    old: Option<&OldText>,
    shifts: &Shifts,
) -> Option<(usize, usize, bool, f32)> {
    let exact = anchor.quote.exact.as_str();
    if exact.is_empty() {
        return None;
    }
    if anchor.end <= new.char_len() && new.slice(anchor.start, anchor.end) == exact {
        return Some((anchor.start, anchor.end, true, 1.0));
    }
    let quote = Quote::new(&anchor.quote);
    let chars = |f: Found| {
        let (s, e) = hay.text.char_range(f.start, f.end);
        Some((s, e, f.errors == 0, if f.errors == 0 { 1.0 } else { f.score }))
    };
    let expected = |shift: isize| hay.text.folded_at(anchor.start.saturating_add_signed(shift));
    let mut hint = expected(shifts.flow);
    let mut strict = false;
    if let Some(old) = old {
        let (os, oe) = (old.text.folded_at(anchor.start), old.text.folded_at(anchor.end));
        // Only when the old text is the one the passage was anchored in.
        if old.text.bytes.get(os..oe) == Some(&quote.exact[..]) {
            if let Some((start, end)) = old.map.whole(os, oe) {
                return chars(Found::known(start, end, 0, 1.0));
            }
            // Edited in place: from the first to the last surviving character, edges refined.
            let (survived, span) = old.map.survivors(os, oe);
            if let Some((start, end)) = span.filter(|_| survived * 2 >= oe - os) {
                let (start, end) = hay.refine(&quote, start, end);
                let score = survived as f32 / (oe - os) as f32;
                return chars(Found::known(start, end, (oe - os - survived).max(1), score));
            }
            // Most of it left its place: moved elsewhere whole, or deleted.
            hint = old.map.hint(os, oe);
            strict = true;
        }
    }
    if shifts.last != shifts.flow
        && let Some(found) = hay.verbatim_near(&quote, expected(shifts.last))
    {
        return chars(found);
    }
    hay.locate(&quote, hint, strict).and_then(chars)
}

/// The result for a passage as if it had not moved (filled in by the caller otherwise).
fn unchanged(session: &Session, slot: Slot, anchor: &Anchor) -> Passage {
    let (id, kind) = match slot {
        Slot::Source(i) => (&session.recommendations[i].id, PassageKind::Recommendation),
        Slot::Response(i) => (&session.recommendations[i].id, PassageKind::Reply),
        Slot::Annotation(i) => (&session.annotations[i].id, PassageKind::Annotation),
    };
    Passage {
        id: id.clone(),
        kind,
        old: (anchor.start, anchor.end),
        new: Some((anchor.start, anchor.end)),
        how: How::Unchanged,
        score: 1.0,
        quote: anchor.quote.exact.clone(),
    }
}

/// The command that gives the passage in `slot` its new anchor.
fn command_for(session: &Session, slot: Slot, anchor: Anchor) -> Command {
    match slot {
        Slot::Source(i) => Command::set(&session.recommendations[i].id, RecField::Source(Some(anchor))),
        Slot::Response(i) => Command::set(&session.recommendations[i].id, RecField::Response(Some(anchor))),
        Slot::Annotation(i) => {
            let annotation = Box::new(Annotation { anchor, ..session.annotations[i].clone() });
            Command::ReplaceAnnotation { annotation }
        }
    }
}

/// What the window's open path uses until it moves to [`reanchor`] on a worker thread.
#[derive(Debug, Default)]
pub struct Reanchoring {
    /// The passage changes (without the document's new record).
    pub commands: Vec<Command>,
    /// How many passages moved or were found approximately.
    pub moved: usize,
    /// Descriptions of the passages that could not be found ("annotation a3", "r2 (reply)").
    pub orphans: Vec<String>,
}

/// Re-anchor every passage of document `doc` whose text is now `source`, without old text,
/// progress or cancelling: the window's current call, kept until it moves to [`reanchor`].
pub fn reanchor_document(session: &Session, doc: &str, source: &SourceText) -> Reanchoring {
    let never = AtomicBool::new(false);
    let Ok(done) = reanchor(session, doc, None, source, &|_, _| {}, &never) else {
        return Reanchoring::default();
    };
    let orphans = done
        .passages
        .iter()
        .filter(|p| p.how == How::Orphan)
        .map(|p| match p.kind {
            PassageKind::Annotation => format!("annotation {}", p.id),
            PassageKind::Recommendation => label_of(session, &p.id),
            PassageKind::Reply => format!("{} (reply)", label_of(session, &p.id)),
        })
        .collect();
    Reanchoring { moved: done.counts.moved + done.counts.approximate, orphans, commands: done.commands }
}

fn label_of(session: &Session, id: &str) -> String {
    session.recommendations.iter().find(|r| r.id == id).map_or_else(|| id.to_owned(), |r| r.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use std::cell::Cell;

    const OLD: &str = "Intro.\n\nA. The Agencies should publish a strategy by May.\n\nB. Ministers must report to the Committee each year on partnerships.\n\nC. A short typo test here.";

    fn session_over(text: &str, needles: &[&str]) -> Session {
        let mut s = Session::new("t", jiff::Timestamp::UNIX_EPOCH);
        let source = SourceText::parse(text.to_owned(), Format::Text);
        s.documents.push(Document {
            id: "d".into(),
            title: "d".into(),
            role: crate::model::DocumentRole::Other,
            path: "d.txt".into(),
            sha256: crate::intake::sha256_hex(text),
            length: source.char_len(),
            embedded_text: Some(text.to_owned()),
        });
        for (k, needle) in needles.iter().enumerate() {
            let start = text[..text.find(needle).unwrap()].chars().count();
            let anchor = anchor_in("d", &source, start, start + needle.chars().count());
            s.annotations.push(Annotation::new(
                format!("a{k}"),
                anchor,
                "#ffd400",
                Vec::new(),
                jiff::Timestamp::UNIX_EPOCH,
            ));
        }
        s
    }

    fn run(session: &Session, old: Option<&str>, new: &str) -> Reanchored {
        let source = SourceText::parse(new.to_owned(), Format::Text);
        reanchor(session, "d", old, &source, &|_, _| {}, &AtomicBool::new(false)).unwrap()
    }

    const NEEDLES: [&str; 3] =
        ["publish a strategy by May", "Ministers must report to the Committee each year", "short typo test"];

    fn revised() -> String {
        format!("New preface.\n\n{OLD}")
            .replace("Ministers must report", "Ministers should report")
            .replace("typo", "tpyo")
    }

    #[test]
    fn an_unchanged_document_is_recognised_by_its_hash() {
        let s = session_over(OLD, &NEEDLES);
        let r = run(&s, None, OLD);
        assert!(!r.changed && !r.needs_saving());
        assert_eq!(r.counts, Counts { unchanged: 3, ..Counts::default() });
        assert_eq!(r.into_command(), Command::Batch(Vec::new()));
    }

    #[test]
    fn moved_edited_and_short_edited_passages_are_found_with_and_without_the_old_text() {
        let s = session_over(OLD, &NEEDLES);
        let new = revised();
        for old in [None, Some(OLD)] {
            let r = run(&s, old, &new);
            let texts: Vec<String> = r
                .passages
                .iter()
                .map(|p| p.new.map(|(a, b)| new.chars().skip(a).take(b - a).collect()).unwrap_or_default())
                .collect();
            assert_eq!(
                texts,
                [
                    "publish a strategy by May",
                    "Ministers should report to the Committee each year",
                    "short tpyo test"
                ],
                "{old:?}"
            );
            let hows: Vec<How> = r.passages.iter().map(|p| p.how).collect();
            assert_eq!(hows, [How::Moved, How::Approximate, How::Approximate], "{old:?}");
            assert_eq!(r.counts, Counts { moved: 1, approximate: 2, ..Counts::default() });
        }
    }

    #[test]
    fn applying_the_result_is_one_undoable_step() {
        let mut s = session_over(OLD, &NEEDLES);
        let before = s.clone();
        let new = revised();
        let r = run(&s, Some(OLD), &new);
        assert_eq!(r.label(), "re-anchor 3 passages");
        let undo = r.into_command().apply(&mut s).unwrap();
        assert_eq!(s.documents[0].sha256, crate::intake::sha256_hex(&new));
        assert_eq!(s.documents[0].embedded_text.as_deref(), Some(new.as_str()), "embedded copy refreshed");
        assert_eq!(s.annotations[0].anchor.quote.exact, "publish a strategy by May");
        assert_eq!(run(&s, None, &new).counts.unchanged, 3, "re-anchoring again finds nothing to do");
        undo.apply(&mut s).unwrap();
        assert_eq!(s, before);
    }

    #[test]
    fn a_deleted_passage_is_an_orphan_that_needs_attention() {
        let s = session_over(OLD, &NEEDLES);
        let new = OLD.replace("B. Ministers must report to the Committee each year on partnerships.\n\n", "");
        let r = run(&s, None, &new);
        let attention: Vec<&str> = r.needing_attention().map(|p| p.quote.as_str()).collect();
        assert_eq!(attention, ["Ministers must report to the Committee each year"]);
        assert_eq!(r.counts.orphaned, 1);
    }

    #[test]
    fn progress_is_reported_and_cancel_stops() {
        let s = session_over(OLD, &NEEDLES);
        let source = SourceText::parse(revised(), Format::Text);
        let last = Cell::new((0, 0));
        let done = reanchor(&s, "d", None, &source, &|d, t| last.set((d, t)), &AtomicBool::new(false));
        assert!(done.is_ok());
        assert_eq!(last.get(), (3, 3));
        let cancelled = reanchor(&s, "d", None, &source, &|_, _| {}, &AtomicBool::new(true));
        assert_eq!(cancelled.err(), Some(ReanchorError::Cancelled));
        let unknown = reanchor(&s, "nope", None, &source, &|_, _| {}, &AtomicBool::new(false));
        assert_eq!(unknown.err(), Some(ReanchorError::UnknownDocument("nope".into())));
    }
}
