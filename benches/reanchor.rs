//! Re-anchoring benchmark: real documents and a 3 MB document of unique passages, each
//! annotated, revised at three levels with realistic edits, and re-anchored; the result is
//! scored against where every original character went.
//!
//! `cargo bench --bench reanchor` (release). Fixed seeds: every run makes the same cases.
//! Documents that are absent (`sample-data/*.md`, `../shared/seeds/*.txt`, corpus files)
//! are skipped. A passage is correct when the result's Jaccard overlap with its true new
//! span is ≥ 0.9; a passage less than half of which survives should be an orphan.
//!
//! Each row is run twice: without the old text (the quotes and positions only, as
//! Hypothesis has) and with it (the session's embedded copy: a diff places most passages).
//! The last line is the headline case, 10,000 annotations on 3 MB after a medium revision,
//! without the old text:
//! `reanchor_ms median=X correct=Y% wrong=Z% missed=W% false_found=V%`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use stocktake::anchor::{anchor_in, reanchor};
use stocktake::document::{Format, SourceText};
use stocktake::model::{Annotation, Document, DocumentRole, Session};

/// Share of the document's characters each level touches.
const LEVELS: [(&str, f64); 3] = [("light", 0.005), ("medium", 0.02), ("heavy", 0.10)];
/// Fraction of annotations that get one deliberate edit inside the passage, per level.
const IN_PASSAGE: [f64; 3] = [0.01, 0.03, 0.08];
/// Annotations per real document (fewer on short documents: one per 40 characters).
const ANNOTATIONS: usize = 1000;
/// Annotations on the 3 MB document.
const BIG_ANNOTATIONS: usize = 10_000;
/// Copies of the real documents making the 3 MB document.
const BIG_REPEAT: usize = 12;
/// Timed runs per case (the median is reported).
const RUNS: usize = 3;
const BIG_RUNS: usize = 5;

// ---------------------------------------------------------------------------------------
// Random numbers (SplitMix64): own code, so the cases never change under a crate update.

struct Rng(u64);

impl Rng {
    fn new(seed: &str) -> Self {
        Self(
            seed.bytes()
                .fold(0x9E37_79B9_7F4A_7C15, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)),
        )
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn log_uniform(&mut self, lo: f64, hi: f64) -> usize {
        (lo.ln() + self.unit() * (hi.ln() - lo.ln())).exp() as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Structure of a text (characters): paragraphs, sentences, words.

type Span = (usize, usize);

fn paragraphs(t: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i] == '\n' {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && !(t[i] == '\n' && t.get(i + 1) == Some(&'\n')) {
            i += 1;
        }
        let mut e = i;
        while e > s && t[e - 1] == '\n' {
            e -= 1;
        }
        out.push((s, e));
    }
    out
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '’' | '”' | ')')
}

fn sentences(t: &[char], paras: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    for &(ps, pe) in paras {
        let mut pos = ps;
        let mut i = ps;
        while i < pe {
            if matches!(t[i], '.' | '!' | '?') {
                let mut e = i + 1;
                while e < pe && is_closer(t[e]) {
                    e += 1;
                }
                if e == pe || t[e].is_whitespace() {
                    let mut s = pos;
                    while s < e && t[s].is_whitespace() {
                        s += 1;
                    }
                    if e - s >= 2 {
                        out.push((s, e));
                    }
                    pos = e;
                }
                i = e;
            } else {
                i += 1;
            }
        }
        let mut s = pos;
        while s < pe && t[s].is_whitespace() {
            s += 1;
        }
        if pe - s >= 2 {
            out.push((s, pe));
        }
    }
    out
}

fn words(t: &[char]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i].is_whitespace() {
            i += 1;
            continue;
        }
        let s = i;
        while i < t.len() && !t[i].is_whitespace() {
            i += 1;
        }
        out.push((s, i));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Annotations: whole sentences, phrases, sloppy selections, 15..600 characters.

fn annotate(t: &[char], n: usize, rng: &mut Rng) -> Vec<Span> {
    let paras = paragraphs(t);
    let sents = sentences(t, &paras);
    let ws = words(t);
    let word_ends: Vec<usize> = ws.iter().map(|w| w.1).collect();
    let mut out = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < n * 50 {
        tries += 1;
        let r = rng.unit();
        let (mut s, mut e);
        if r < 0.55 {
            let i = rng.below(sents.len());
            s = sents[i].0;
            let k = if rng.unit() < 0.65 {
                1
            } else if rng.unit() < 0.7 {
                2
            } else {
                3
            };
            e = sents[(i + k - 1).min(sents.len() - 1)].1;
            if e <= s {
                continue;
            }
            if e - s > 600 {
                let k = word_ends.partition_point(|&x| x <= s + 600);
                e = if k > 0 && word_ends[k - 1] > s { word_ends[k - 1] } else { s + 600 };
            }
        } else if r < 0.85 {
            s = rng.pick(&ws).0;
            let target = s + rng.log_uniform(15.0, 250.0);
            let k = word_ends.partition_point(|&x| x < target);
            if k >= word_ends.len() {
                continue;
            }
            e = word_ends[k];
        } else {
            s = rng.below(t.len().saturating_sub(20));
            e = (s + rng.log_uniform(15.0, 600.0)).min(t.len());
        }
        while s < e && t[s].is_whitespace() {
            s += 1;
        }
        while e > s && t[e - 1].is_whitespace() {
            e -= 1;
        }
        if (15..=600).contains(&(e - s)) {
            out.push((s, e));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The revision: edits on the original coordinates, never overlapping, applied at once;
// every new character knows the original character it came from (None: new text).

struct Op {
    a: usize,
    b: usize,
    items: Vec<(char, Option<usize>)>,
    is_move: bool,
}

struct Revision<'t> {
    text: &'t [char],
    claimed: Vec<bool>,
    ops: Vec<Op>,
}

impl<'t> Revision<'t> {
    fn new(text: &'t [char]) -> Self {
        Self { text, claimed: vec![false; text.len() + 1], ops: Vec::new() }
    }
    fn free(&self, a: usize, b: usize) -> bool {
        !self.claimed[a..b].contains(&true)
    }
    fn claim(&mut self, a: usize, b: usize) -> bool {
        if a >= b || b > self.text.len() || !self.free(a, b) {
            return false;
        }
        self.claimed[a..b].fill(true);
        true
    }
    fn claim_point(&mut self, c: usize) -> bool {
        let (lo, hi) = (c.saturating_sub(1), (c + 1).min(self.text.len()));
        if !self.free(lo, hi) {
            return false;
        }
        self.claimed[lo..hi].fill(true);
        true
    }
    fn keep(&self, a: usize, b: usize) -> Vec<(char, Option<usize>)> {
        (a..b).map(|i| (self.text[i], Some(i))).collect()
    }
    fn add(&mut self, a: usize, b: usize, items: Vec<(char, Option<usize>)>) {
        self.ops.push(Op { a, b, items, is_move: false });
    }
    /// The new text and each new character's origin.
    fn apply(mut self) -> (Vec<char>, Vec<Option<usize>>) {
        self.ops.sort_by_key(|o| (o.a, o.b));
        let mut chars = Vec::with_capacity(self.text.len());
        let mut origin = Vec::with_capacity(self.text.len());
        let mut pos = 0;
        for op in &self.ops {
            for i in pos..op.a {
                chars.push(self.text[i]);
                origin.push(Some(i));
            }
            for &(c, o) in &op.items {
                chars.push(c);
                origin.push(o);
            }
            pos = pos.max(op.b);
        }
        for i in pos..self.text.len() {
            chars.push(self.text[i]);
            origin.push(Some(i));
        }
        (chars, origin)
    }
}

fn fresh(s: &str) -> Vec<(char, Option<usize>)> {
    s.chars().map(|c| (c, None)).collect()
}

/// Order-1 word chain over the document: new text in the document's own vocabulary.
struct Chain {
    words: Vec<String>,
    next: HashMap<String, Vec<usize>>,
}

impl Chain {
    fn new(t: &[char]) -> Self {
        let words: Vec<String> = words(t)
            .iter()
            .map(|&(s, e)| t[s..e].iter().collect::<String>())
            .filter(|w| !w.starts_with(['#', '|', '*', '-', '[']))
            .collect();
        let mut next: HashMap<String, Vec<usize>> = HashMap::new();
        for i in 1..words.len() {
            next.entry(words[i - 1].clone()).or_default().push(i);
        }
        Self { words, next }
    }
    fn word(&self, rng: &mut Rng) -> String {
        let w = rng.pick(&self.words).trim_matches(|c: char| ".,;:()“”\"'’‘".contains(c)).to_owned();
        if w.is_empty() { "the".into() } else { w }
    }
    fn sentence(&self, rng: &mut Rng, n: usize) -> String {
        let mut out = vec![rng.pick(&self.words).clone()];
        for _ in 1..n {
            let last = out.last().cloned().unwrap_or_default();
            let w = match self.next.get(&last) {
                Some(c) if rng.unit() < 0.85 => self.words[*rng.pick(c)].clone(),
                _ => rng.pick(&self.words).clone(),
            };
            out.push(w);
        }
        let s = out.join(" ");
        let s = s.trim_end_matches(['.', ',', ';', ':']);
        let mut c = s.chars();
        match c.next() {
            Some(f) => format!("{}{}.", f.to_uppercase(), c.as_str()),
            None => "The.".into(),
        }
    }
}

const SHARES: [(&str, f64); 9] = [
    ("para_move", 0.10),
    ("para_delete", 0.10),
    ("para_insert", 0.12),
    ("sentence_rewrite", 0.22),
    ("word_insert", 0.08),
    ("word_delete", 0.08),
    ("typo", 0.12),
    ("reflow", 0.10),
    ("quotes", 0.08),
];

/// One typo in the word `a..b`: substitution, deletion, insertion or transposition.
fn typo_at(rev: &mut Revision, rng: &mut Rng, a: usize, b: usize) -> usize {
    let t = rev.text;
    let letters: Vec<usize> = (a..b).filter(|&i| t[i].is_alphabetic()).collect();
    if letters.len() < 3 {
        return 0;
    }
    let i = *rng.pick(&letters[1..]);
    let r = rng.unit();
    let letter = |rng: &mut Rng| *rng.pick(&"etaoinshrdlu".chars().collect::<Vec<_>>());
    if r < 0.35 {
        if !rev.claim(i, i + 1) {
            return 0;
        }
        let mut c = letter(rng);
        if c == t[i].to_ascii_lowercase() {
            c = if c == 'e' { 'a' } else { 'e' };
        }
        rev.add(i, i + 1, vec![(c, Some(i))]);
        1
    } else if r < 0.6 {
        if !rev.claim(i, i + 1) {
            return 0;
        }
        rev.add(i, i + 1, Vec::new());
        1
    } else if r < 0.8 {
        if !rev.claim_point(i) {
            return 0;
        }
        let c = letter(rng);
        rev.add(i, i, vec![(c, None)]);
        1
    } else {
        if i + 1 >= b || !t[i + 1].is_alphabetic() || !rev.claim(i, i + 2) {
            return 0;
        }
        rev.add(i, i + 2, vec![(t[i + 1], Some(i + 1)), (t[i], Some(i))]);
        2
    }
}

fn revise<'t>(t: &'t [char], anns: &[Span], level: usize, rng: &mut Rng) -> Revision<'t> {
    let mut rev = Revision::new(t);
    let paras = paragraphs(t);
    let sents = sentences(t, &paras);
    let ws = words(t);
    let chain = Chain::new(t);
    let budget = LEVELS[level].1 * t.len() as f64;
    let is_sep = |e: usize| t.get(e) == Some(&'\n') && t.get(e + 1) == Some(&'\n');

    let run = |rev: &mut Revision, rng: &mut Rng, kind: &str| {
        let share = SHARES.iter().find(|s| s.0 == kind).map_or(0.0, |s| s.1) * budget;
        let (mut spent, mut fails) = (0.0, 0);
        while spent < share && fails < 200 {
            let left = share - spent;
            // Large ops happen with probability left / cost, so the expected total matches.
            let maybe = |rng: &mut Rng, cost: usize| (cost as f64) <= left || rng.unit() < left / cost as f64;
            let cost: isize = match kind {
                "para_move" => {
                    let i = rng.below(paras.len() - 1);
                    let (ps, pe) = paras[i];
                    if pe - ps < 40 || !is_sep(pe) {
                        0
                    } else if !maybe(rng, pe + 2 - ps) {
                        -1
                    } else {
                        let j = rng.range(i.saturating_sub(15), (i + 15).min(paras.len() - 1));
                        let q = paras[j].0;
                        if j.abs_diff(i) < 2 || !rev.free(ps, pe + 2) || !rev.free(q.saturating_sub(1), q + 1)
                        {
                            0
                        } else {
                            rev.claim(ps, pe + 2);
                            rev.claim_point(q);
                            rev.add(ps, pe + 2, Vec::new());
                            let items = rev.keep(ps, pe + 2);
                            rev.ops.push(Op { a: q, b: q, items, is_move: true });
                            rev.ops.iter_mut().rev().nth(1).into_iter().for_each(|o| o.is_move = true);
                            (pe + 2 - ps) as isize
                        }
                    }
                }
                "para_delete" => {
                    let (ps, pe) = paras[rng.below(paras.len() - 1)];
                    if !is_sep(pe) {
                        0
                    } else if !maybe(rng, pe + 2 - ps) {
                        -1
                    } else if !rev.claim(ps, pe + 2) {
                        0
                    } else {
                        rev.add(ps, pe + 2, Vec::new());
                        (pe + 2 - ps) as isize
                    }
                }
                "para_insert" => {
                    let q = paras[rng.range(1, paras.len() - 1)].0;
                    let n = rng.range(1, 4);
                    let mut s: Vec<String> = Vec::new();
                    for _ in 0..n {
                        let k = rng.range(8, 30);
                        s.push(chain.sentence(rng, k));
                    }
                    let new = s.join(" ") + "\n\n";
                    let cost = new.chars().count();
                    if !maybe(rng, cost) {
                        -1
                    } else if !rev.claim_point(q) {
                        0
                    } else {
                        rev.add(q, q, fresh(&new));
                        cost as isize
                    }
                }
                "sentence_rewrite" => {
                    let (a, b) = *rng.pick(&sents);
                    if !(30..=400).contains(&(b - a)) {
                        0
                    } else if !maybe(rng, b - a) {
                        -1
                    } else if !rev.claim(a, b) {
                        0
                    } else {
                        let mut pieces: Vec<Vec<(char, Option<usize>)>> = Vec::new();
                        for (ws_, we) in words(&t[a..b]) {
                            let (ws_, we) = (ws_ + a, we + a);
                            let r = rng.unit();
                            if r < 0.22 {
                                pieces.push(fresh(&chain.word(rng)));
                            } else if r < 0.30 {
                                continue;
                            } else if r < 0.38 {
                                pieces.push(fresh(&chain.word(rng)));
                                pieces.push(rev.keep(ws_, we));
                            } else {
                                pieces.push(rev.keep(ws_, we));
                            }
                        }
                        if pieces.len() > 6 && rng.unit() < 0.3 {
                            let cut = rng.range(pieces.len() / 3, 2 * pieces.len() / 3 - 1);
                            pieces.rotate_left(cut);
                        }
                        let mut items = Vec::new();
                        for (k, p) in pieces.into_iter().enumerate() {
                            if k > 0 {
                                items.push((' ', None));
                            }
                            items.extend(p);
                        }
                        rev.add(a, b, items);
                        (b - a) as isize
                    }
                }
                "word_insert" => {
                    let w = rng.pick(&ws).0;
                    let new = chain.word(rng) + " ";
                    if !rev.claim_point(w) {
                        0
                    } else {
                        rev.add(w, w, fresh(&new));
                        new.chars().count() as isize
                    }
                }
                "word_delete" => {
                    let k = rng.below(ws.len() - 1);
                    let (a, e) = ws[k];
                    let next = ws[k + 1].0;
                    let b = if next == e + 1 && t[e] == ' ' { next } else { e };
                    if !rev.claim(a, b) {
                        0
                    } else {
                        rev.add(a, b, Vec::new());
                        (b - a) as isize
                    }
                }
                "typo" => {
                    let start = rng.below(t.len());
                    match ws[ws.partition_point(|w| w.0 < start).min(ws.len() - 1)..]
                        .iter()
                        .find(|&&(a, b)| b - a >= 4 && t[a..b].iter().all(|c| c.is_ascii_alphabetic()))
                    {
                        Some(&(a, b)) => typo_at(rev, rng, a, b) as isize,
                        None => 0,
                    }
                }
                "reflow" => {
                    let (ps, pe) = *rng.pick(&paras);
                    if pe - ps < 100 {
                        0
                    } else {
                        let mut subs: Vec<(usize, &str)> = Vec::new();
                        let block = &t[ps..pe];
                        if block.contains(&'\n') && rng.unit() < 0.7 {
                            for k in 0..block.len() {
                                let next = block.get(k + 1).copied().unwrap_or(' ');
                                if block[k] == '\n' && !matches!(next, '-' | '*' | '#' | '|' | '0'..='9') {
                                    subs.push((ps + k, " "));
                                }
                            }
                        } else {
                            let (mut col, mut last_space) = (0, None);
                            for (k, &ch) in block.iter().enumerate() {
                                col += 1;
                                if ch == ' ' {
                                    last_space = Some(k);
                                }
                                if ch == '\n' {
                                    col = 0;
                                } else if let Some(sp) = last_space.filter(|_| col > 72) {
                                    subs.push((ps + sp, "\n"));
                                    col = k - sp;
                                    last_space = None;
                                }
                            }
                        }
                        if rng.unit() < 0.3 {
                            for k in 0..block.len().saturating_sub(2) {
                                if block[k] == '.' && block[k + 1] == ' ' && block[k + 2].is_ascii_uppercase()
                                {
                                    subs.push((ps + k + 1, "  "));
                                }
                            }
                        }
                        subs.sort();
                        subs.dedup_by_key(|s| s.0);
                        let mut cost = 0;
                        for (i, s) in subs {
                            if rev.claim(i, i + 1) {
                                let mut items = vec![(s.chars().next().unwrap_or(' '), Some(i))];
                                items.extend(fresh(&s[1..]));
                                rev.add(i, i + 1, items);
                                cost += s.len();
                            }
                        }
                        cost as isize
                    }
                }
                _ => {
                    // quotes: curly to straight or the reverse throughout one paragraph
                    let (ps, pe) = *rng.pick(&paras);
                    let mut cost = 0;
                    for i in ps..pe {
                        let n = match t[i] {
                            '‘' | '’' => '\'',
                            '“' | '”' => '"',
                            '\'' if i > 0 && t[i - 1].is_alphanumeric() => '’',
                            '\'' => '‘',
                            '"' if i > 0 && !t[i - 1].is_whitespace() => '”',
                            '"' => '“',
                            _ => continue,
                        };
                        if rev.claim(i, i + 1) {
                            rev.add(i, i + 1, vec![(n, Some(i))]);
                            cost += 1;
                        }
                    }
                    cost
                }
            };
            match cost {
                0 => fails += 1,
                c if c < 0 => break,
                c => {
                    spent += c as f64;
                    fails = 0;
                }
            }
        }
    };

    for kind in ["para_move", "para_delete", "para_insert", "sentence_rewrite"] {
        run(&mut rev, rng, kind);
    }
    // Deliberate edits inside annotated passages: the first, the last or a middle word.
    let n_in = ((anns.len() as f64 * IN_PASSAGE[level]).round() as usize).max(3);
    for _ in 0..n_in {
        let (s, e) = *rng.pick(anns);
        let inside: Vec<Span> =
            ws[ws.partition_point(|w| w.0 < s)..].iter().take_while(|w| w.1 <= e).copied().collect();
        if inside.len() < 2 {
            continue;
        }
        let r = rng.unit();
        let (a, b) = if r < 0.35 {
            inside[0]
        } else if r < 0.7 {
            inside[inside.len() - 1]
        } else if inside.len() > 2 {
            inside[rng.range(1, inside.len() - 2)]
        } else {
            inside[0]
        };
        let what = rng.unit();
        if what < 0.45 {
            typo_at(&mut rev, rng, a, b);
        } else if what < 0.75 {
            if rev.claim(a, b) {
                let w = chain.word(rng);
                rev.add(a, b, fresh(&w));
            }
        } else if what < 0.9 {
            if t.get(b) == Some(&' ') && b < e && rev.claim(a, b + 1) {
                rev.add(a, b + 1, Vec::new());
            } else if a > 0 && t[a - 1] == ' ' && rev.claim(a - 1, b) {
                rev.add(a - 1, b, Vec::new());
            }
        } else if rev.claim_point(a) {
            let w = chain.word(rng) + " ";
            rev.add(a, a, fresh(&w));
        }
    }
    for kind in ["word_insert", "word_delete", "typo", "reflow", "quotes"] {
        run(&mut rev, rng, kind);
    }
    rev
}

// ---------------------------------------------------------------------------------------
// Ground truth and scoring.

/// The expected new span of each passage: min..max of where the survivors of its largest
/// part went (a paragraph move splits a passage into parts), or None when less than half
/// of it survives.
fn truth(anns: &[Span], old2new: &[Option<usize>], moves: &[Span]) -> Vec<Option<Span>> {
    let part_of = |i: usize| moves.iter().position(|&(a, b)| a <= i && i < b);
    anns.iter()
        .map(|&(s, e)| {
            let mut parts: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
            for (i, new) in old2new.iter().enumerate().take(e).skip(s) {
                if let Some(n) = *new {
                    parts.entry(part_of(i)).or_default().push(n);
                }
            }
            let survived: usize = parts.values().map(Vec::len).sum();
            if survived * 2 < e - s {
                return None;
            }
            let big = parts.values().max_by_key(|v| v.len())?;
            Some((*big.iter().min()?, big.iter().max()? + 1))
        })
        .collect()
}

fn jaccard(a: Span, b: Span) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union == 0 { 0.0 } else { inter as f64 / union as f64 }
}

#[derive(Default, Clone, Copy)]
struct Score {
    correct: usize,
    wrong: usize,
    missed: usize,
    orphan_ok: usize,
    false_found: usize,
}

impl Score {
    fn of(results: &[Option<Span>], expected: &[Option<Span>]) -> Self {
        let mut s = Score::default();
        for (r, e) in results.iter().zip(expected) {
            match (r, e) {
                (None, None) => s.orphan_ok += 1,
                (Some(_), None) => s.false_found += 1,
                (None, Some(_)) => s.missed += 1,
                (Some(r), Some(e)) if jaccard(*r, *e) >= 0.9 => s.correct += 1,
                (Some(_), Some(_)) => s.wrong += 1,
            }
        }
        s
    }
    fn findable(&self) -> usize {
        (self.correct + self.wrong + self.missed).max(1)
    }
    fn pct(&self, n: usize) -> f64 {
        100.0 * n as f64 / self.findable() as f64
    }
    fn false_pct(&self) -> f64 {
        100.0 * self.false_found as f64 / (self.orphan_ok + self.false_found).max(1) as f64
    }
}

// ---------------------------------------------------------------------------------------
// One case: a document, its annotations, a revision, the re-anchoring timed and scored.

struct Case {
    session: Session,
    old: String,
    new: SourceText,
    expected: Vec<Option<Span>>,
}

fn make_case(name: &str, text: &str, n: usize, level: usize) -> Case {
    let chars: Vec<char> = text.chars().collect();
    let anns = annotate(&chars, n, &mut Rng::new(&format!("ann/{name}/{n}")));
    let rev = revise(&chars, &anns, level, &mut Rng::new(&format!("edit/{name}/{n}/{}", LEVELS[level].0)));
    let moves: Vec<Span> = rev.ops.iter().filter(|o| o.is_move && o.a < o.b).map(|o| (o.a, o.b)).collect();
    let (new_chars, origin) = rev.apply();
    let mut old2new = vec![None; chars.len()];
    for (j, o) in origin.iter().enumerate() {
        if let Some(o) = *o {
            old2new[o] = Some(j);
        }
    }
    let expected = truth(&anns, &old2new, &moves);
    let new_text: String = new_chars.into_iter().collect();
    let mut session = Session::new(name, jiff::Timestamp::UNIX_EPOCH);
    session.documents.push(Document {
        id: "doc1".into(),
        title: name.into(),
        role: DocumentRole::Other,
        path: PathBuf::from("doc.txt"),
        sha256: stocktake::intake::sha256_hex(text),
        length: chars.len(),
        embedded_text: None,
    });
    let old_source = SourceText::parse(text.to_owned(), Format::Text);
    for (k, &(s, e)) in anns.iter().enumerate() {
        let anchor = anchor_in("doc1", &old_source, s, e);
        let at = jiff::Timestamp::UNIX_EPOCH;
        session.annotations.push(Annotation::new(format!("a{}", k + 1), anchor, "#ffd400", Vec::new(), at));
    }
    Case { session, old: text.to_owned(), new: SourceText::parse(new_text, Format::Text), expected }
}

/// Re-anchor the case `runs` times: (median ms, score).
fn run_case(case: &Case, with_old: bool, runs: usize) -> (f64, Score) {
    let never = AtomicBool::new(false);
    let old = with_old.then_some(case.old.as_str());
    let mut times = Vec::new();
    let mut results = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let done = reanchor(&case.session, "doc1", old, &case.new, &|_, _| {}, &never);
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
        results = match done {
            Ok(r) => r.passages.iter().map(|p| p.new).collect(),
            Err(e) => panic!("re-anchoring failed: {e}"),
        };
    }
    times.sort_by(f64::total_cmp);
    if std::env::var_os("REANCHOR_DEBUG").is_some() {
        explain(case, &results);
    }
    (times[times.len() / 2], Score::of(&results, &case.expected))
}

/// With REANCHOR_DEBUG set: every passage found in the wrong place or falsely, with the
/// text expected and the text found.
fn explain(case: &Case, results: &[Option<Span>]) {
    let new: Vec<char> = case.new.text.chars().collect();
    let show =
        |s: Span| new[s.0.min(new.len())..s.1.min(new.len())].iter().collect::<String>().replace('\n', "⏎");
    for ((r, e), ann) in results.iter().zip(&case.expected).zip(&case.session.annotations) {
        let bad = match (r, e) {
            (Some(r), Some(e)) => jaccard(*r, *e) < 0.9,
            (Some(_), None) | (None, Some(_)) => true,
            (None, None) => false,
        };
        if bad {
            println!(
                "--- {} old {:?} expected {:?} found {:?}",
                ann.id,
                (ann.anchor.start, ann.anchor.end),
                e,
                r
            );
            println!("    quote:    {}", ann.anchor.quote.exact.replace('\n', "⏎"));
            if let Some(e) = e {
                println!("    expected: {}", show(*e));
            }
            if let Some(r) = r {
                println!("    found:    {}", show(*r));
            }
        }
    }
}

fn row(name: &str, level: &str, mode: &str, ms: f64, s: &Score) {
    println!(
        "{name:<28} {level:<6} {mode:<7} {ms:>8.1} ms  correct {:>5.1}%  wrong {:>4.1}%  missed {:>4.1}%  orphans ok {:>3}/{:<3} false_found {:>4.1}%",
        s.pct(s.correct),
        s.pct(s.wrong),
        s.pct(s.missed),
        s.orphan_ok,
        s.orphan_ok + s.false_found,
        s.false_pct()
    );
}

fn read(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    stocktake::document::normalise(&bytes).ok()
}

/// The real documents present: the sample, the seeds, the corpus's longer text files.
fn documents(root: &Path) -> Vec<(String, String)> {
    let shared = root.join("../shared");
    let mut paths = vec![
        root.join("sample-data/isc-international-partnerships-government-response.md"),
        root.join("sample-data/counter-terrorism-implementation-stocktake-2019.md"),
        shared.join("seeds/000_db51623f5ecc863b.txt"),
        shared.join("seeds/002_b1224dcb4b52c01c.txt"),
    ];
    if let Ok(dir) = std::fs::read_dir(shared.join("corpus")) {
        let mut corpus: Vec<PathBuf> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md" || x == "txt"))
            .filter(|p| p.file_name().is_none_or(|n| n != "README.md"))
            .filter(|p| p.metadata().is_ok_and(|m| m.len() >= 20_000))
            .collect();
        corpus.sort();
        paths.extend(corpus);
    }
    let docs: Vec<(String, String)> = paths
        .iter()
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().chars().take(28).collect();
            Some((name, read(p)?))
        })
        .collect();
    let missing = paths.len() - docs.len();
    if missing > 0 {
        println!("({missing} documents absent, skipped)");
    }
    docs
}

/// About 3 MB of unique passages: the real documents (but the seeds, near-copies of the
/// sample) repeated, with 30% of the words of every copy after the first swapped for other
/// words of the text.
fn big_document(docs: &[(String, String)]) -> String {
    let one = docs
        .iter()
        .filter(|(name, _)| !name.starts_with("00"))
        .map(|(_, t)| t.trim_matches('\n'))
        .collect::<Vec<_>>()
        .join("\n\n");
    let repeat = 3_000_000usize.div_ceil(one.len().max(1)).clamp(1, 4 * BIG_REPEAT);
    let vocab: Vec<&str> = {
        let mut v: Vec<&str> =
            one.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 3).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let mut out = one.clone();
    for k in 1..repeat {
        let mut rng = Rng::new(&format!("distinct/{k}"));
        out.push_str("\n\n");
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String, rng: &mut Rng| {
            if word.len() >= 3 && rng.unit() < 0.3 {
                out.push_str(rng.pick::<&str>(&vocab));
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in one.chars() {
            if c.is_ascii_alphabetic() {
                word.push(c);
            } else {
                flush(&mut word, &mut out, &mut rng);
                out.push(c);
            }
        }
        flush(&mut word, &mut out, &mut rng);
    }
    out
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = documents(root);
    if docs.is_empty() {
        println!("no documents found: nothing to measure");
        return;
    }
    println!("{:<28} {:<6} {:<7} {:>11}", "document", "level", "old", "time");
    let mut total = [Score::default(); 2];
    let only = std::env::var("REANCHOR_ONLY").ok();
    for (name, text) in &docs {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let n = ANNOTATIONS.min(text.chars().count() / 40);
        for (level, (level_name, _)) in LEVELS.iter().enumerate() {
            let case = make_case(name, text, n, level);
            for (mode, with_old) in [("quotes", false), ("diff", true)] {
                let (ms, s) = run_case(&case, with_old, RUNS);
                row(name, level_name, mode, ms, &s);
                let t = &mut total[usize::from(with_old)];
                t.correct += s.correct;
                t.wrong += s.wrong;
                t.missed += s.missed;
                t.orphan_ok += s.orphan_ok;
                t.false_found += s.false_found;
            }
        }
    }
    for (mode, t) in ["quotes", "diff"].iter().zip(&total) {
        row("all real documents", "all", mode, 0.0, t);
    }

    if only.as_ref().is_some_and(|o| o != "big") {
        return;
    }
    let big = big_document(&docs);
    let big_chars = big.chars().count();
    let mut headline = None;
    for (level, (level_name, _)) in LEVELS.iter().enumerate() {
        let case = make_case("big", &big, BIG_ANNOTATIONS, level);
        for (mode, with_old) in [("quotes", false), ("diff", true)] {
            let (ms, s) = run_case(&case, with_old, BIG_RUNS);
            row(
                &format!("{:.1} MB, {BIG_ANNOTATIONS} annotations", big.len() as f64 / 1e6),
                level_name,
                mode,
                ms,
                &s,
            );
            if level == 1 && !with_old {
                headline = Some((ms, s));
            }
        }
        if level == 1 {
            // The same session on its own, unchanged text: a hash check only.
            let unchanged = Case {
                session: case.session.clone(),
                old: String::new(),
                new: SourceText::parse(big.clone(), Format::Text),
                expected: Vec::new(),
            };
            let (ms, _) = run_case(&unchanged, false, BIG_RUNS);
            println!("unchanged {big_chars}-character document, {BIG_ANNOTATIONS} annotations: {ms:.1} ms");
        }
    }
    if let Some((ms, s)) = headline {
        println!(
            "reanchor_ms median={ms:.0} correct={:.1}% wrong={:.1}% missed={:.1}% false_found={:.1}%",
            s.pct(s.correct),
            s.pct(s.wrong),
            s.pct(s.missed),
            s.false_pct()
        );
    }
}
