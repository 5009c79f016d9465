//! Properties: loading a session never panics, whatever the bytes (arbitrary, or a real
//! session mutated); undoing any sequence of Commands restores the session exactly, and
//! redoing them all restores the edited one.

use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};
use stocktake::edit::{Command, Editor, RecField};
use stocktake::model::{Anchor, Annotation, Grade, Recommendation, Session, Stance};
use stocktake::store;

fn sample_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/sample-review.ron");
    std::fs::read_to_string(path).unwrap()
}

/// Load `bytes` as a session file; any error is fine, a panic is not.
fn load_bytes(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, bytes).unwrap();
    if let Ok(loaded) = store::load(&path) {
        // Whatever loads must also validate and save without panicking.
        let _ = loaded.session.validate();
        let _ = store::to_ron(&loaded.session);
    }
}

/// A mutation of a text: cut, insert, duplicate or overwrite a range.
#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize),
    Overwrite(usize, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        "\\PC{0,12}",
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".repeat(300)),
        Just("Some(".repeat(200)),
        Just("format_version: 99,".to_string()),
        Just("// format_version: 1\n".to_string()),
        Just("\"".to_string()),
        Just("r#\"".to_string()),
        Just("/*".to_string()),
        Just("18446744073709551616".to_string()),
        Just("-1".to_string()),
        Just("colour: Red,".to_string()),
    ];
    prop_oneof![
        (any::<usize>(), 0usize..400).prop_map(|(at, len)| Mutation::Cut(at, len)),
        (any::<usize>(), snippet.clone()).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..400).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        (any::<usize>(), snippet).prop_map(|(at, s)| Mutation::Overwrite(at, s)),
    ]
}

fn apply(text: &mut Vec<u8>, m: &Mutation) {
    let n = text.len().max(1);
    match m {
        Mutation::Cut(at, len) => {
            let at = at % n;
            let end = (at + len).min(text.len());
            text.drain(at.min(text.len())..end);
        }
        Mutation::Insert(at, s) => {
            let at = (at % n).min(text.len());
            text.splice(at..at, s.bytes());
        }
        Mutation::Duplicate(at, len) => {
            let at = (at % n).min(text.len());
            let end = (at + len).min(text.len());
            let copy = text[at..end].to_vec();
            text.splice(end..end, copy);
        }
        Mutation::Overwrite(at, s) => {
            let at = (at % n).min(text.len());
            let end = (at + s.len()).min(text.len());
            text.splice(at..end, s.bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn loading_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        load_bytes(&bytes);
    }

    #[test]
    fn loading_arbitrary_ron_looking_text_never_panics(text in "[(\\[{ ]{0,3}[a-z_]{0,12}[:]? ?[\\PC]{0,200}[)\\]}]{0,3}") {
        load_bytes(text.as_bytes());
    }

    #[test]
    fn loading_a_mutated_real_session_never_panics(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut bytes = sample_text().into_bytes();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        load_bytes(&bytes);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for opener in ["[", "(", "{", "Some(", "(title: "] {
        let text = format!("(format_version: 1, title: {})", opener.repeat(100_000));
        load_bytes(text.as_bytes());
    }
}

// ---- Undo restores exactly -------------------------------------------------------------

fn base_session() -> Session {
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    let mut s = Session::new("Review", t);
    let text = "A. Coordinate. The Government agrees. B. Fund it. Noted.";
    for (i, label) in ["A", "B", "C", "D"].iter().enumerate() {
        let mut r = Recommendation::new(format!("r{}", i + 1), *label, "Do it.");
        r.source = Some(Anchor::from_range("doc1", text, i * 5, i * 5 + 4));
        s.recommendations.push(r);
    }
    for i in 1..=3 {
        s.annotations.push(annotation(&format!("a{i}"), "r1"));
    }
    s
}

fn annotation(id: &str, rec: &str) -> Annotation {
    let t = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    Annotation {
        id: id.into(),
        anchor: Anchor::from_range("doc1", "some passage text", 2, 9),
        note: format!("note {id}"),
        colour: "#ffcc00".into(),
        tag: None,
        recommendations: vec![rec.into()],
        author: String::new(),
        created: t,
        modified: t,
    }
}

/// Ids that exist in the base session (r1–r4, a1–a3) and some that do not.
fn rec_id() -> impl Strategy<Value = String> {
    (1usize..=6).prop_map(|i| format!("r{i}"))
}

fn annotation_id() -> impl Strategy<Value = String> {
    (1usize..=5).prop_map(|i| format!("a{i}"))
}

fn rec_field() -> impl Strategy<Value = RecField> {
    let grade = prop_oneof![Just(None), (0usize..5).prop_map(|i| Some(Grade::ALL[i]))];
    let stance = prop_oneof![Just(None), (0usize..5).prop_map(|i| Some(Stance::ALL[i]))];
    prop_oneof![
        "[a-z ]{0,8}".prop_map(RecField::Label),
        "[a-z ]{0,8}".prop_map(RecField::Text),
        "[a-z ]{0,8}".prop_map(RecField::Owner),
        "[a-z ]{0,8}".prop_map(RecField::Theme),
        "[a-z ]{0,8}".prop_map(RecField::Notes),
        "[a-z ]{0,8}".prop_map(RecField::Narrative),
        stance.prop_map(RecField::Stance),
        (prop_oneof![Just("c1".to_string()), Just("c2".to_string())], grade.clone())
            .prop_map(|(cycle, grade)| RecField::Grade { cycle, grade }),
        grade.prop_map(RecField::AnticipatedGrade),
        proptest::collection::vec("[a-z]{1,5}", 0..3).prop_map(RecField::Tags),
        Just(RecField::Source(None)),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    let leaf = prop_oneof![
        (rec_id(), rec_field()).prop_map(|(rec, field)| Command::set(rec, field)),
        (0usize..8, rec_id()).prop_map(|(index, id)| Command::InsertRecommendation {
            index,
            rec: Box::new(Recommendation::new(id, "New", "Added.")),
        }),
        rec_id().prop_map(|id| Command::RemoveRecommendation { id }),
        (0usize..8, annotation_id(), rec_id()).prop_map(|(index, id, rec)| Command::InsertAnnotation {
            index,
            annotation: Box::new(annotation(&id, &rec)),
        }),
        (annotation_id(), rec_id())
            .prop_map(|(id, rec)| Command::ReplaceAnnotation { annotation: Box::new(annotation(&id, &rec)) }),
        (annotation_id(), "[a-z ]{0,8}").prop_map(|(id, note)| Command::SetAnnotationNote { id, note }),
        annotation_id().prop_map(|id| Command::RemoveAnnotation { id }),
        "[a-z ]{0,8}".prop_map(Command::SetTitle),
        "[a-z ]{0,8}".prop_map(Command::SetReviewer),
    ];
    leaf.prop_recursive(2, 12, 4, |inner| proptest::collection::vec(inner, 0..4).prop_map(Command::Batch))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undoing_any_sequence_of_commands_restores_the_session_exactly(
        steps in proptest::collection::vec((command(), 0u64..1500), 0..25)
    ) {
        let original = base_session();
        let mut editor = Editor::new(original.clone(), true);
        let mut now = Instant::now();
        for (cmd, gap_ms) in steps {
            // Gaps below the typing pause merge typed edits into one step.
            now += Duration::from_millis(gap_ms);
            let before = editor.session().clone();
            if editor.apply(cmd, now).is_err() {
                prop_assert_eq!(editor.session(), &before, "a failed command changes nothing");
            }
        }
        let edited = editor.session().clone();
        while editor.can_undo() {
            editor.undo();
        }
        prop_assert_eq!(editor.session(), &original);
        prop_assert!(!editor.is_dirty());
        while editor.can_redo() {
            editor.redo();
        }
        prop_assert_eq!(editor.session(), &edited);
    }
}
