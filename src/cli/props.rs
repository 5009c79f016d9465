//! `stocktake props`: show or change the review's properties: title, reviewer, documents
//! (add, remove, title, role, location) and the grade and stance schemes.

use anyhow::{Context, Result, bail};
use clap::Args;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use stocktake::edit::{Command, DocField, Editor};
use stocktake::model::{Document, DocumentRole, Grade, Session, Stance};
use stocktake::{document, intake, store};

/// Show the review's properties, or change them (each change one undo step in the window).
#[derive(Args)]
pub struct PropsArgs {
    /// Session file.
    session: PathBuf,
    /// Set the title.
    #[arg(long)]
    title: Option<String>,
    /// Set the reviewer (also the author of new annotations).
    #[arg(long)]
    reviewer: Option<String>,
    /// Add a document (.md, .txt, .html). Repeatable.
    #[arg(long, value_name = "FILE")]
    add_doc: Vec<PathBuf>,
    /// Remove a document by id. Repeatable.
    #[arg(long, value_name = "ID")]
    remove_doc: Vec<String>,
    /// Retitle a document: `doc1="Government response"`.
    #[arg(long, value_name = "ID=TITLE")]
    doc_title: Vec<String>,
    /// Set a document's role: `doc1=response` (report, response, stock-take, tracker, other).
    #[arg(long, value_name = "ID=ROLE")]
    doc_role: Vec<String>,
    /// Relink a moved document: `doc1=new/place/response.md`.
    #[arg(long, value_name = "ID=PATH")]
    doc_path: Vec<String>,
    /// Rename a grade: `Amber=Yellow`.
    #[arg(long, value_name = "GRADE=NAME")]
    grade_name: Vec<String>,
    /// Recolour a grade: `Amber=#ffbf00`.
    #[arg(long, value_name = "GRADE=#RRGGBB")]
    grade_colour: Vec<String>,
    /// Say what a grade means: `Blue="Delivered"`.
    #[arg(long, value_name = "GRADE=TEXT")]
    grade_meaning: Vec<String>,
    /// The key that gives a grade: `Blue=b`.
    #[arg(long, value_name = "GRADE=KEY")]
    grade_key: Vec<String>,
    /// Rename a stance: `Noted=Acknowledged`.
    #[arg(long, value_name = "STANCE=NAME")]
    stance_name: Vec<String>,
    /// Recolour a stance.
    #[arg(long, value_name = "STANCE=#RRGGBB")]
    stance_colour: Vec<String>,
    /// Say what a stance means.
    #[arg(long, value_name = "STANCE=TEXT")]
    stance_meaning: Vec<String>,
    /// The key that gives a stance: `Agreed=y`.
    #[arg(long, value_name = "STANCE=KEY")]
    stance_key: Vec<String>,
}

/// Run `props`, writing its output to `out`.
pub fn run(out: &mut String, args: PropsArgs) -> Result<()> {
    let path = args.session.clone();
    let (_lock, loaded) = super::load_for_edit(&path)?;
    let session = loaded.session.clone();
    let cmds = commands(&session, &path, &args)?;
    let session = if cmds.is_empty() {
        session
    } else {
        let mut editor = Editor::new(session, true);
        let n = cmds.len();
        editor
            .apply(Command::Batch(cmds), std::time::Instant::now())
            .with_context(|| path.display().to_string())?;
        editor.set_modified(jiff::Timestamp::now());
        super::save_over(&path, editor.session(), &loaded, false)?;
        writeln!(out, "{}: {n} {} saved\n", path.display(), if n == 1 { "change" } else { "changes" })?;
        editor.session().clone()
    };
    describe(out, &session)
}

fn split<'a>(pair: &'a str, what: &str) -> Result<(&'a str, &'a str)> {
    pair.split_once('=').with_context(|| format!("{pair:?}: write {what}=VALUE"))
}

fn grade_of(s: &str) -> Result<Grade> {
    Grade::parse(s)
        .with_context(|| format!("unknown grade {s:?} (use Blue, Green, Amber, Red or NotAssessed)"))
}

fn stance_of(s: &str) -> Result<Stance> {
    Stance::parse(s).with_context(|| {
        format!("unknown stance {s:?} (use Agreed, PartiallyAgreed, Noted, Disagreed or NotAnswered)")
    })
}

fn one_key(value: &str) -> Result<Option<char>> {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Ok(None),
        (Some(c), None) => Ok(Some(c)),
        _ => bail!("{value:?}: a shortcut is one key"),
    }
}

fn commands(session: &Session, path: &Path, args: &PropsArgs) -> Result<Vec<Command>> {
    let mut cmds = Vec::new();
    if let Some(t) = &args.title {
        cmds.push(Command::SetTitle(t.clone()));
    }
    if let Some(r) = &args.reviewer {
        cmds.push(Command::SetReviewer(r.clone()));
    }
    let mut added = session.clone();
    for file in &args.add_doc {
        let source = document::load(file)?;
        let doc = Document {
            id: added.fresh_id("doc"),
            title: file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            role: DocumentRole::Other,
            path: store::relative_to_session(file, path),
            sha256: intake::sha256_hex(&source.text),
            length: source.char_len(),
            embedded_text: None,
        };
        added.documents.push(doc.clone());
        cmds.push(Command::InsertDocument { index: usize::MAX, document: Box::new(doc) });
    }
    for id in &args.remove_doc {
        cmds.push(Command::RemoveDocument { id: id.clone() });
    }
    for pair in &args.doc_title {
        let (id, title) = split(pair, "ID")?;
        cmds.push(Command::SetDocument { id: id.into(), field: DocField::Title(title.into()) });
    }
    for pair in &args.doc_role {
        let (id, role) = split(pair, "ID")?;
        let role = DocumentRole::parse(role).with_context(|| {
            format!("unknown role {role:?} (use report, response, stock-take, tracker or other)")
        })?;
        cmds.push(Command::SetDocument { id: id.into(), field: DocField::Role(role) });
    }
    for pair in &args.doc_path {
        let (id, file) = split(pair, "ID")?;
        let file = Path::new(file);
        if !file.is_file() {
            bail!("{}: no such file to relink {id} to", file.display());
        }
        cmds.push(Command::SetDocument {
            id: id.into(),
            field: DocField::Path(store::relative_to_session(file, path)),
        });
    }
    let mut grades = session.grade_scheme.clone();
    for (grade, field, value) in
        style_edits([&args.grade_name, &args.grade_colour, &args.grade_meaning, &args.grade_key], "GRADE")?
    {
        let mut style = grades.style(grade_of(grade)?);
        field.set(&mut style.name, &mut style.colour, &mut style.meaning, &mut style.shortcut, value)?;
        apply_to_scheme(&mut grades.grades, style.clone(), |s| s.grade == style.grade);
        cmds.push(Command::SetGradeStyle(Box::new(style)));
    }
    let mut stances = session.stance_scheme.clone();
    for (stance, field, value) in style_edits(
        [&args.stance_name, &args.stance_colour, &args.stance_meaning, &args.stance_key],
        "STANCE",
    )? {
        let mut style = stances.style(stance_of(stance)?);
        field.set(&mut style.name, &mut style.colour, &mut style.meaning, &mut style.shortcut, value)?;
        apply_to_scheme(&mut stances.stances, style.clone(), |s| s.stance == style.stance);
        cmds.push(Command::SetStanceStyle(Box::new(style)));
    }
    Ok(cmds)
}

/// Which part of a grade's or stance's style an option changes.
#[derive(Clone, Copy)]
enum StyleField {
    Name,
    Colour,
    Meaning,
    Key,
}

impl StyleField {
    fn set(
        self,
        name: &mut String,
        colour: &mut String,
        meaning: &mut String,
        shortcut: &mut Option<char>,
        value: &str,
    ) -> Result<()> {
        match self {
            Self::Name => *name = value.into(),
            Self::Colour => *colour = value.into(),
            Self::Meaning => *meaning = value.into(),
            Self::Key => *shortcut = one_key(value)?,
        }
        Ok(())
    }
}

/// The `WHICH=VALUE` pairs of the name, colour, meaning and key options, in that order.
fn style_edits<'a>(lists: [&'a Vec<String>; 4], which: &str) -> Result<Vec<(&'a str, StyleField, &'a str)>> {
    let fields = [StyleField::Name, StyleField::Colour, StyleField::Meaning, StyleField::Key];
    let mut edits = Vec::new();
    for (list, field) in lists.into_iter().zip(fields) {
        for pair in list {
            let (key, value) = split(pair, which)?;
            edits.push((key, field, value));
        }
    }
    Ok(edits)
}

/// Keep a local copy of a scheme up to date so several edits of one entry add up.
fn apply_to_scheme<T>(entries: &mut Vec<T>, new: T, same: impl Fn(&T) -> bool) {
    match entries.iter_mut().find(|e| same(e)) {
        Some(slot) => *slot = new,
        None => entries.push(new),
    }
}

fn describe(out: &mut String, s: &Session) -> Result<()> {
    writeln!(out, "Title:    {}", s.title)?;
    writeln!(out, "Reviewer: {}", if s.reviewer.is_empty() { "(not set)" } else { &s.reviewer })?;
    writeln!(out, "\nDocuments:")?;
    for d in &s.documents {
        writeln!(out, "  {:<6} {:<11} {}  ({})", d.id, d.role.name(), d.title, d.path.display())?;
    }
    writeln!(out, "\nCycles:")?;
    for c in &s.cycles {
        let current = if c.id == s.current_cycle { "*" } else { " " };
        let date = c.as_of.map(|d| d.to_string()).unwrap_or_else(|| "(no date)".into());
        writeln!(out, "{current} {:<6} {:<12} {}", c.id, date, c.label)?;
    }
    writeln!(out, "\nGrades:")?;
    for g in Grade::ALL {
        let st = s.grade_scheme.style(g);
        writeln!(
            out,
            "  {} {:<13} {} key {}  {}",
            g.letter(),
            st.name,
            st.colour,
            s.grade_scheme.shortcut(g),
            st.meaning
        )?;
    }
    writeln!(out, "\nStances:")?;
    for st in Stance::ALL.map(|x| s.stance_scheme.style(x)) {
        let key = st.shortcut.map(|k| format!("key {k}")).unwrap_or_else(|| "      ".into());
        writeln!(out, "  {:<17} {} {key}  {}", st.name, st.colour, st.meaning)?;
    }
    Ok(())
}
