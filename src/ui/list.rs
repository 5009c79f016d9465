//! The recommendation table: sortable columns, filters, text search, virtual rows.

use super::style;
use crate::intake::LoadedDocument;
use crate::model::{Grade, RecommendationKind, Session, Stance};
use crate::query::{self, Filter, Sort, SortKey};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

const ROW_HEIGHT: f32 = 24.0;

/// What the list shows: the filter, the sort, and the resulting rows (cached).
#[derive(Default)]
pub struct ListState {
    /// Current filter.
    pub filter: Filter,
    /// Current sort.
    pub sort: Sort,
    rows: Vec<usize>,
    computed_for: Option<(u64, Filter, Sort)>,
    facts: SessionFacts,
    scroll_to_selected: bool,
    focus_search: bool,
    focus_list: bool,
}

/// The id of the list's keyboard focus target: when it has focus, arrows move the selection.
pub fn list_focus_id() -> egui::Id {
    egui::Id::unique("recommendation-list")
}

/// What the list derives from the whole session, recomputed only when the session changes.
#[derive(Default)]
struct SessionFacts {
    state: Option<u64>,
    owners: Vec<String>,
    themes: Vec<String>,
    evidence: std::collections::HashMap<String, usize>,
    /// How many recommendations the extractor was unsure of (not yet confirmed).
    uncertain: usize,
    /// Page of each recommendation's passage, where its document is paged (PDF).
    pages: std::collections::HashMap<String, u32>,
}

impl SessionFacts {
    fn refresh(&mut self, session: &Session, state: u64, documents: &[LoadedDocument]) {
        if self.state == Some(state) {
            return;
        }
        self.uncertain = session.recommendations.iter().filter(|r| r.is_uncertain()).count();
        self.pages = session
            .recommendations
            .iter()
            .filter_map(|rec| {
                let anchor = rec.source.as_ref()?;
                let doc = documents.iter().find(|d| d.id == anchor.document)?;
                Some((rec.id.clone(), doc.source.page_at(anchor.start)?))
            })
            .collect();
        self.owners = query::owners(session);
        self.themes = query::themes(session);
        self.evidence.clear();
        for ann in &session.annotations {
            for rec in &ann.recommendations {
                *self.evidence.entry(rec.clone()).or_default() += 1;
            }
        }
        self.state = Some(state);
    }
}

impl ListState {
    /// Indices of the shown recommendations, in list order; recomputed when anything changed.
    pub fn rows(&mut self, session: &Session, state: u64) -> &[usize] {
        let key = (state, self.filter.clone(), self.sort);
        if self.computed_for.as_ref() != Some(&key) {
            self.rows = query::visible(session, &self.filter, self.sort);
            self.computed_for = Some(key);
        }
        &self.rows
    }

    /// Put the keyboard focus in the search box on the next frame.
    pub fn focus_search(&mut self) {
        self.focus_search = true;
    }

    /// Put the keyboard focus on the list on the next frame.
    pub fn focus_list(&mut self) {
        self.focus_list = true;
    }

    /// Bring the selected row into view on the next frame (after keyboard navigation).
    pub fn reveal_selection(&mut self) {
        self.scroll_to_selected = true;
    }
}

/// Draw the list; returns the id of a recommendation the reviewer clicked.
pub fn show(
    ui: &mut Ui,
    list: &mut ListState,
    session: &Session,
    state: u64,
    selected: Option<&str>,
    documents: &[LoadedDocument],
    collapse: &mut bool,
) -> Option<String> {
    ui.add_space(4.0);
    let total = session.recommendations.len();
    let shown = list.rows(session, state).len();
    ui.horizontal(|ui| {
        ui.heading("Recommendations");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("\u{ab}").on_hover_text("Hide the list").clicked() {
                *collapse = true;
            }
            // In a narrow list the short form, so it never runs into the heading.
            let long = format!("{shown} of {total} shown");
            let room = ui.available_width() - 8.0;
            let fits = ui.fonts_mut(|f| {
                f.layout_no_wrap(
                    long.clone(),
                    egui::TextStyle::Body.resolve(ui.style()),
                    egui::Color32::WHITE,
                )
                .size()
                .x
            }) <= room;
            let text = if fits { long } else { format!("{shown}/{total}") };
            ui.label(text).on_hover_text(format!("{shown} of {total} recommendations shown"));
        });
    });
    list.facts.refresh(session, state, documents);
    filters_ui(ui, list, session);
    ui.horizontal(|ui| {
        let document_order = list.sort.key == SortKey::Document;
        let label = match document_order {
            true => "Sorted in document order".to_owned(),
            false => format!(
                "Sorted by {} {}",
                sort_name(list.sort.key),
                if list.sort.descending { "(descending)" } else { "(ascending)" }
            ),
        };
        ui.weak(label);
        if !document_order
            && ui.small_button("Document order").on_hover_text("Back to the order of the document").clicked()
        {
            list.sort = Sort::default();
        }
    });
    ui.separator();
    // The list's keyboard focus target: Tab lands here first, arrows then move the selection.
    // A thin target above the table: covering the rows would take their clicks.
    let mut target = ui.available_rect_before_wrap();
    target.set_height(1.0);
    let focus = ui.interact(target, list_focus_id(), egui::Sense::FOCUSABLE);
    focus.widget_info(|| egui::WidgetInfo::labeled(egui::Role::List, true, "Recommendations"));
    if std::mem::take(&mut list.focus_list) {
        focus.request_focus();
    }
    if focus.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focus.id,
                egui::EventFilter { vertical_arrows: true, ..Default::default() },
            )
        });
        ui.painter().rect_stroke(
            ui.available_rect_before_wrap().shrink(1.0),
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Inside,
        );
    }

    let rows = list.rows(session, state).to_vec();
    let selected_row = selected.and_then(|id| rows.iter().position(|&i| session.recommendations[i].id == id));
    let mut clicked = None;
    // Cells are plain text: clicks anywhere on a row select it.
    ui.style_mut().interaction.selectable_labels = false;
    // A page column only for reviews with paged (PDF) documents.
    let paged = !list.facts.pages.is_empty();
    let mut table = TableBuilder::new(ui)
        .id_salt(("recommendation-table", paged))
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(44.0)); // label
    if paged {
        table = table.column(Column::exact(30.0)); // page
    }
    let mut table = table
        .column(Column::exact(22.0)) // kind
        .column(Column::exact(28.0)) // grade
        .column(Column::initial(96.0).at_least(40.0).clip(true)) // stance
        .column(Column::initial(70.0).at_least(30.0).clip(true)) // owner
        .column(Column::initial(60.0).at_least(30.0).clip(true)) // theme
        .column(Column::exact(24.0)) // evidence
        .column(Column::exact(18.0)) // notes
        .column(Column::remainder().at_least(60.0).clip(true)) // text
        .min_scrolled_height(0.0)
        .auto_shrink([false, false]);
    if std::mem::take(&mut list.scroll_to_selected)
        && let Some(row) = selected_row
    {
        table = table.scroll_to_row(row, None);
    }
    let mut headers: Vec<(&str, Option<SortKey>, &str)> = vec![
        ("Label", Some(SortKey::Label), "Label as printed"),
        ("K", Some(SortKey::Kind), "Kind: Recommendation or Conclusion"),
        ("G", Some(SortKey::Grade), "Grade in the current cycle"),
        ("Stance", Some(SortKey::Stance), "Stance of the response"),
        ("Owner", Some(SortKey::Owner), "Owner"),
        ("Theme", Some(SortKey::Theme), "Theme"),
        ("Ev", Some(SortKey::Evidence), "Number of evidence annotations"),
        ("N", Some(SortKey::Notes), "Has notes"),
        ("Text", None, "The recommendation's opening words"),
    ];
    if paged {
        headers.insert(1, ("p.", None, "Page of the recommendation in its document"));
    }
    table
        .header(22.0, |mut header| {
            for (name, key, tip) in headers {
                header.col(|ui| {
                    let Some(key) = key else {
                        ui.label(RichText::new(name).strong()).on_hover_text(tip);
                        return;
                    };
                    let arrow = match (list.sort.key == key, list.sort.descending) {
                        (true, false) => " \u{23f6}",
                        (true, true) => " \u{23f7}",
                        _ => "",
                    };
                    let button =
                        egui::Button::new(RichText::new(format!("{name}{arrow}")).strong()).frame(false);
                    let hint =
                        format!("{tip}. Click to sort; again to reverse; a third time for document order.");
                    if ui.add(button).on_hover_text(hint).clicked() {
                        list.sort = next_sort(list.sort, key);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                let Some(rec) = rows.get(row.index()).and_then(|&i| session.recommendations.get(i)) else {
                    return;
                };
                let cycle = &session.current_cycle;
                row.set_selected(selected == Some(rec.id.as_str()));
                row.col(|ui| {
                    ui.label(RichText::new(&rec.label).strong());
                    if rec.is_uncertain() {
                        ui.colored_label(ui.visuals().warn_fg_color, "?")
                            .on_hover_text("Uncertain: the extractor was not sure this is a recommendation");
                    }
                });
                if paged {
                    row.col(|ui| {
                        if let Some(page) = list.facts.pages.get(&rec.id) {
                            ui.weak(page.to_string()).on_hover_text(format!("Page {page}"));
                        }
                    });
                }
                row.col(|ui| {
                    ui.label(rec.kind.short()).on_hover_text(rec.kind.name());
                });
                row.col(|ui| {
                    style::grade_chip(ui, &session.grade_scheme, rec.grade_in(cycle));
                });
                row.col(|ui| {
                    match rec.stance {
                        Some(s) => ui.label(session.stance_scheme.style(s).name),
                        None => match &rec.suggested_stance {
                            Some(sug) => ui
                                .label(
                                    RichText::new(format!(
                                        "{}?",
                                        session.stance_scheme.style(sug.stance).name
                                    ))
                                    .weak()
                                    .italics(),
                                )
                                .on_hover_text("Suggested from the reply's wording; not yet confirmed"),
                            None => ui.weak("-"),
                        },
                    };
                });
                row.col(|ui| {
                    ui.label(&rec.owner);
                });
                row.col(|ui| {
                    ui.label(&rec.theme);
                });
                row.col(|ui| {
                    let n = list.facts.evidence.get(&rec.id).copied().unwrap_or(0);
                    if n > 0 {
                        ui.label(n.to_string());
                    }
                });
                row.col(|ui| {
                    if !rec.notes.trim().is_empty() {
                        ui.label("*").on_hover_text(&rec.notes);
                    }
                });
                row.col(|ui| {
                    let words: String = rec.text.split_whitespace().take(16).collect::<Vec<_>>().join(" ");
                    ui.add(egui::Label::new(RichText::new(words).weak()).truncate().selectable(false));
                });
                let response = row.response();
                let first_words: String = rec.text.split_whitespace().take(12).collect::<Vec<_>>().join(" ");
                response.widget_info(|| {
                    let label = format!("{}: {first_words}", rec.label);
                    egui::WidgetInfo::selected(
                        egui::Role::Row,
                        true,
                        selected == Some(rec.id.as_str()),
                        label,
                    )
                });
                if response.clicked() {
                    clicked = Some(rec.id.clone());
                }
            });
        });
    clicked
}

/// Clicking a column: ascending, then descending, then back to document order.
fn next_sort(current: Sort, key: SortKey) -> Sort {
    match (current.key == key, current.descending) {
        (false, _) => Sort { key, descending: false },
        (true, false) => Sort { key, descending: true },
        (true, true) => Sort::default(),
    }
}

/// The column's name in "Sorted by …".
fn sort_name(key: SortKey) -> &'static str {
    match key {
        SortKey::Document => "document order",
        SortKey::Label => "label",
        SortKey::Kind => "kind",
        SortKey::Stance => "stance",
        SortKey::Grade => "grade",
        SortKey::Owner => "owner",
        SortKey::Theme => "theme",
        SortKey::Evidence => "evidence",
        SortKey::Notes => "notes",
        SortKey::Previous => "previous grade",
        SortKey::Change => "change since the previous cycle",
    }
}

fn filters_ui(ui: &mut Ui, list: &mut ListState, session: &Session) {
    let (f, facts) = (&mut list.filter, &list.facts);
    let search = ui
        .horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut f.search)
                    .hint_text("text, replies and notes (Ctrl+L)")
                    .desired_width(f32::INFINITY)
                    .id_salt("list-search"),
            )
            .labelled_by(label.id)
        })
        .inner;
    if std::mem::take(&mut list.focus_search) {
        search.request_focus();
    }
    // Down from the search box goes into the results.
    if search.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown)) {
        list.focus_list = true;
    }
    ui.horizontal_wrapped(|ui| {
        combo(
            ui,
            "Grade",
            &mut f.grade,
            Grade::ALL.iter().map(|g| (Some(*g), session.grade_scheme.style(*g).name)),
        );
        let stances = std::iter::once((Some(None), "Not recorded".to_string()))
            .chain(Stance::ALL.iter().map(|s| (Some(Some(*s)), session.stance_scheme.style(*s).name)));
        combo(ui, "Stance", &mut f.stance, stances);
        let kinds = [RecommendationKind::Recommendation, RecommendationKind::Conclusion];
        combo(ui, "Kind", &mut f.kind, kinds.iter().map(|k| (Some(*k), k.name().to_string())));
        if !facts.owners.is_empty() {
            combo(ui, "Owner", &mut f.owner, facts.owners.iter().map(|o| (Some(o.clone()), o.clone())));
        }
        if !facts.themes.is_empty() {
            combo(ui, "Theme", &mut f.theme, facts.themes.iter().map(|t| (Some(t.clone()), t.clone())));
        }
        ui.checkbox(&mut f.has_notes, "Has notes");
        ui.checkbox(&mut f.not_reviewed, "Not reviewed");
        if facts.uncertain > 0 || f.uncertain {
            ui.checkbox(&mut f.uncertain, format!("Uncertain ({})", facts.uncertain))
                .on_hover_text("Found by the extractor without certainty: keep or remove each");
        }
        if !f.is_empty() && ui.small_button("Clear").on_hover_text("Show every recommendation").clicked() {
            *f = Filter::default();
        }
    });
}

/// A filter combo box: "Any" plus the given choices.
fn combo<T: PartialEq + Clone>(
    ui: &mut Ui,
    name: &str,
    value: &mut Option<T>,
    choices: impl Iterator<Item = (Option<T>, String)>,
) {
    let choices: Vec<(Option<T>, String)> = choices.collect();
    let current = choices.iter().find(|(v, _)| v == value).map_or("Any".to_string(), |(_, n)| n.clone());
    let label = ui.label(name);
    egui::ComboBox::from_id_salt(("filter", name))
        .selected_text(current)
        .width(84.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "Any");
            for (v, label) in choices {
                ui.selectable_value(value, v, label);
            }
        })
        .response
        .labelled_by(label.id);
}
