//! The dashboard (View › Dashboard, Ctrl+D): the current cycle's figures in place of the
//! readers — grades as a stacked bar, the summary sentence, tables by owner and by theme,
//! stances, not reviewed, carried over, overdue and the change since the previous cycle.
//! Every bar segment and count is a button that filters the recommendation list to exactly
//! the recommendations it counts (the figure's own [`Filter`]).

use super::app::StocktakeApp;
use super::style::{self, hex_colour, text_on};
use crate::model::{Grade, Session};
use crate::query::{Filter, Movement};
use crate::report::{self, Breakdown, Comparison, Figures, GradeFigure};
use egui::{Color32, RichText, Sense, Ui, WidgetInfo, pos2, vec2};

/// Narrowest a bar segment may be, so that its letter always fits.
const MIN_SEGMENT: f32 = 16.0;

/// Whether the dashboard is showing, and its figures for the session state they describe.
#[derive(Default)]
pub(super) struct DashboardState {
    /// The dashboard is showing in place of the readers.
    pub(super) open: bool,
    /// The cycle the change is measured from; None: the one before the current cycle.
    baseline: Option<String>,
    cached: Option<Cached>,
}

struct Cached {
    state: u64,
    cycle: String,
    baseline: Option<String>,
    today: jiff::civil::Date,
    figures: Figures,
    sentence: String,
}

impl DashboardState {
    /// The figures of the current cycle and their sentence, recomputed when the session or
    /// the chosen baseline changed. The sentence always speaks of the previous cycle.
    fn figures(&mut self, session: &Session, state: u64) -> &Cached {
        let today = jiff::Zoned::now().date();
        let cycle = &session.current_cycle;
        let baseline = self.baseline.clone().filter(|b| b != cycle && session.cycle(b).is_some());
        let cached = self
            .cached
            .take()
            .filter(|c| c.state == state && &c.cycle == cycle && c.today == today && c.baseline == baseline)
            .unwrap_or_else(|| {
                let mut figures = Figures::of(session, cycle, today);
                let sentence = report::sentence(session, &figures);
                if let Some(b) = &baseline {
                    figures.change = report::compare(session, b, cycle).ok();
                }
                Cached { state, cycle: cycle.clone(), baseline, today, figures, sentence }
            });
        self.cached.insert(cached)
    }
}

/// What the reviewer asked of the dashboard during a frame.
enum Request {
    /// Show these recommendations in the list (with a description for the status bar).
    Filter(Filter, String),
    /// Grade another cycle.
    SwitchCycle(String),
    /// Measure the change from this cycle.
    Baseline(String),
    /// Start a new review cycle.
    NewCycle,
    /// Confirm every carried-over grade.
    ConfirmAll,
    /// Back to the readers.
    Close,
}

impl StocktakeApp {
    /// Draw the dashboard in the central area and act on what was clicked.
    pub(super) fn dashboard_ui(&mut self, ui: &mut Ui) {
        let state = self.workspace.editor().state();
        let session = self.workspace.session();
        let cached = self.view.dashboard.figures(session, state);
        let mut requests = Vec::new();
        egui::ScrollArea::both().auto_shrink([false, false]).show(ui, |ui| {
            dashboard(ui, session, &cached.figures, &cached.sentence, &mut requests);
        });
        for request in requests {
            self.dashboard_request(request);
        }
    }

    fn dashboard_request(&mut self, request: Request) {
        match request {
            Request::Filter(filter, what) => {
                self.view.list.filter = filter;
                self.compact.list_collapsed = false;
                let shown = self.visible_ids().len();
                self.notifications.info(format!("List shows {what}: {shown}"));
            }
            Request::SwitchCycle(id) => {
                if id != self.workspace.session().current_cycle {
                    self.commands.push(crate::edit::Command::SetCurrentCycle(id));
                }
            }
            Request::Baseline(id) => self.view.dashboard.baseline = Some(id),
            Request::NewCycle => self.actions.push(super::Action::NewCycle),
            Request::ConfirmAll => self.actions.push(super::Action::ConfirmAllCarriedOver),
            Request::Close => self.view.dashboard.open = false,
        }
    }
}

fn dashboard(ui: &mut Ui, session: &Session, figures: &Figures, sentence: &str, out: &mut Vec<Request>) {
    ui.set_max_width(ui.available_width().min(1000.0));
    header(ui, session, figures, out);
    ui.add_space(8.0);
    ui.label(RichText::new(sentence).size(15.0));
    ui.add_space(10.0);

    ui.label(RichText::new(format!("Grades — {} recommendations", figures.total)).strong());
    let width = ui.available_width();
    if let Some(g) = stacked_bar(ui, "all", &figures.grades, figures.total, vec2(width, 34.0), true) {
        out.push(Request::Filter(g.filter.clone(), format!("{} {}", g.letter, g.name)));
    }
    ui.add_space(4.0);
    legend(ui, &figures.grades, out);
    ui.add_space(12.0);

    // Side by side when there is room for both, else one above the other.
    if ui.available_width() >= 680.0 {
        ui.columns(2, |cols| {
            status_figures(&mut cols[0], figures, out);
            stances(&mut cols[1], figures, out);
        });
    } else {
        status_figures(ui, figures, out);
        ui.add_space(8.0);
        stances(ui, figures, out);
    }
    ui.add_space(12.0);
    breakdown_table(ui, session, "By owner", "Owner", "an owner", &figures.by_owner, out);
    ui.add_space(12.0);
    breakdown_table(ui, session, "By theme", "Theme", "a theme", &figures.by_theme, out);
    ui.add_space(12.0);
    match &figures.change {
        Some(change) => change_since(ui, session, change, out),
        None if session.cycles.len() > 1 => {
            ui.label(RichText::new("Change").strong());
            baseline_picker(ui, session, &figures.cycle.id, "Compare with", out);
        }
        None => {
            ui.label(RichText::new("Change since the previous cycle").strong());
            ui.weak("This is the first review cycle: there is nothing to compare with yet.");
        }
    }
}

fn header(ui: &mut Ui, session: &Session, figures: &Figures, out: &mut Vec<Request>) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.heading("Dashboard");
        ui.separator();
        let label = ui.label("Cycle");
        egui::ComboBox::from_id_salt("dashboard-cycle")
            .selected_text(figures.cycle.describe())
            .show_ui(ui, |ui| {
                for cycle in &session.cycles {
                    let name = report::CycleRef::of(session, &cycle.id).describe();
                    if ui.selectable_label(cycle.id == session.current_cycle, name).clicked() {
                        out.push(Request::SwitchCycle(cycle.id.clone()));
                    }
                }
            })
            .response
            .on_hover_text("The cycle being graded and shown here")
            .labelled_by(label.id);
        if ui.button("New cycle…").on_hover_text("Start a review cycle from these grades").clicked() {
            out.push(Request::NewCycle);
        }
        if ui.button("Close dashboard").on_hover_text("Back to the documents (Ctrl+D)").clicked() {
            out.push(Request::Close);
        }
    });
    ui.weak(format!("{} — reviewed by {}", session.title, reviewer(session)));
}

fn reviewer(session: &Session) -> &str {
    if session.reviewer.trim().is_empty() { "(no reviewer named)" } else { &session.reviewer }
}

/// A bar of `grades` stacked left to right, each segment as wide as its share (at least
/// wide enough for its letter), coloured from the scheme and lettered; returns the clicked one.
fn stacked_bar<'a>(
    ui: &mut Ui,
    salt: &str,
    grades: &'a [GradeFigure],
    total: usize,
    size: egui::Vec2,
    numbers: bool,
) -> Option<&'a GradeFigure> {
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let outline = ui.visuals().widgets.noninteractive.bg_stroke;
    if total == 0 {
        ui.painter().rect_stroke(rect, 2.0, outline, egui::StrokeKind::Inside);
        return None;
    }
    let shown: Vec<&GradeFigure> = grades.iter().filter(|g| g.count > 0).collect();
    let spare = (rect.width() - MIN_SEGMENT * shown.len() as f32).max(0.0);
    let font = egui::FontId::proportional(if size.y >= 24.0 { 14.0 } else { 11.0 });
    let mut x = rect.left();
    let mut clicked = None;
    for g in shown {
        let width = MIN_SEGMENT + spare * g.count as f32 / total as f32;
        let segment = egui::Rect::from_min_size(pos2(x, rect.top()), vec2(width, rect.height()));
        x += width;
        let response = ui.interact(segment, ui.make_persistent_id(("bar", salt, g.letter)), Sense::click());
        let bg = hex_colour(&g.colour);
        let fg = text_on(bg);
        let painter = ui.painter();
        painter.rect_filled(segment, 0.0, bg);
        if response.hovered() {
            painter.rect_stroke(segment.shrink(1.0), 0.0, (2.0, fg), egui::StrokeKind::Inside);
        }
        let full = format!("{} {} ({}%)", g.letter, g.count, g.percent);
        let text =
            if numbers && text_width(ui, &full, &font) + 8.0 <= width { full } else { g.letter.into() };
        painter.text(segment.center(), egui::Align2::CENTER_CENTER, text, font.clone(), fg);
        let label = format!("{} {}: {} ({}%)", g.letter, g.name, g.count, g.percent);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let response = response
            .on_hover_text(format!("{label} — {}. Click to list them.", g.meaning))
            .on_hover_cursor(egui::CursorIcon::PointingHand);
        if response.clicked() {
            clicked = Some(g);
        }
    }
    ui.painter().rect_stroke(rect, 0.0, outline, egui::StrokeKind::Outside);
    clicked
}

fn text_width(ui: &Ui, text: &str, font: &egui::FontId) -> f32 {
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font.clone(), Color32::WHITE).size().x)
}

/// Every grade with its chip, name, count and share (those at 0 too), each a button.
fn legend(ui: &mut Ui, grades: &[GradeFigure], out: &mut Vec<Request>) {
    ui.horizontal_wrapped(|ui| {
        for g in grades {
            chip(ui, &g.colour, g.letter);
            let text = format!("{}: {} ({}%)", g.name, g.count, g.percent);
            if figure_button(ui, &text, &format!("{text} in the legend"), g.count > 0) {
                out.push(Request::Filter(g.filter.clone(), format!("{} {}", g.letter, g.name)));
            }
            ui.add_space(10.0);
        }
    });
}

/// A count that lists what it counts when clicked; `label` is what screen readers (and
/// tests) find it by. Counts of nothing are shown, not clickable.
fn figure_button(ui: &mut Ui, text: &str, label: &str, enabled: bool) -> bool {
    let button = egui::Button::new(text).frame(false);
    let response = ui.add_enabled(enabled, button);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, enabled, label));
    response.on_hover_text("Click to list them").clicked()
}

/// A small grade-coloured square with its letter.
fn chip(ui: &mut Ui, colour: &str, letter: &str) {
    let (rect, _) = ui.allocate_exact_size(vec2(20.0, 18.0), Sense::hover());
    let bg = hex_colour(colour);
    ui.painter().rect_filled(rect, 3.0, bg);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        letter,
        egui::FontId::monospace(12.0),
        text_on(bg),
    );
}

fn status_figures(ui: &mut Ui, figures: &Figures, out: &mut Vec<Request>) {
    ui.label(RichText::new("Progress").strong());
    let overdue = match figures.cycle.as_of {
        Some(d) => format!("Overdue on {}", report::long_date(d)),
        None => "Overdue today".to_owned(),
    };
    let rows = [
        ("Not yet reviewed", &figures.not_reviewed),
        ("Carried over, not yet confirmed", &figures.carried_over),
        (overdue.as_str(), &figures.overdue),
    ];
    egui::Grid::new("dashboard-progress").num_columns(3).spacing([16.0, 4.0]).show(ui, |ui| {
        for (name, figure) in rows {
            ui.label(name);
            let text = format!("{} ({}%)", figure.count, figure.percent);
            if figure_button(ui, &text, &format!("{name}: {text}"), figure.count > 0) {
                out.push(Request::Filter(figure.filter.clone(), name.to_lowercase()));
            }
            let carried = std::ptr::eq(figure, &figures.carried_over);
            if carried && figure.count > 0 {
                let hint = "Keep every grade carried over from the previous cycle as it is";
                if ui.small_button("Confirm all").on_hover_text(hint).clicked() {
                    out.push(Request::ConfirmAll);
                }
            }
            ui.end_row();
        }
    });
    if !figures.overdue_labels.is_empty() {
        ui.weak(format!("Overdue: {}", figures.overdue_labels.join(", ")));
    }
}

fn stances(ui: &mut Ui, figures: &Figures, out: &mut Vec<Request>) {
    ui.label(RichText::new("Stance of the response").strong());
    egui::Grid::new("dashboard-stances").num_columns(2).spacing([16.0, 4.0]).show(ui, |ui| {
        for s in &figures.stances {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                ui.painter().rect_filled(rect, 2.0, hex_colour(&s.colour));
                ui.label(&s.name);
            });
            let text = format!("{} ({}%)", s.count, s.percent);
            if figure_button(ui, &text, &format!("Stance {}: {text}", s.name), s.count > 0) {
                out.push(Request::Filter(s.filter.clone(), format!("stance {}", s.name.to_lowercase())));
            }
            ui.end_row();
        }
    });
}

/// A table of grade counts per owner (or theme): name, total, one column per grade, a bar.
fn breakdown_table(
    ui: &mut Ui,
    session: &Session,
    title: &str,
    column: &str,
    empty: &str,
    rows: &[Breakdown],
    out: &mut Vec<Request>,
) {
    ui.label(RichText::new(title).strong());
    let named = rows.iter().filter(|b| !b.name.trim().is_empty()).count();
    if named == 0 {
        ui.weak(format!("No recommendation has {} yet.", empty));
        return;
    }
    egui::Grid::new(("dashboard-breakdown", title)).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        ui.weak(column);
        ui.weak("Total");
        for grade in Grade::ALL {
            style::grade_chip(ui, &session.grade_scheme, grade);
        }
        ui.weak("Grades");
        ui.end_row();
        for b in rows {
            let name = b.display_name();
            if figure_button(ui, name, &format!("{column} {name}"), b.total > 0) {
                out.push(Request::Filter(b.filter.clone(), format!("{} {name}", column.to_lowercase())));
            }
            if figure_button(ui, &b.total.to_string(), &format!("{name}, all: {}", b.total), b.total > 0) {
                out.push(Request::Filter(b.filter.clone(), format!("{} {name}", column.to_lowercase())));
            }
            for g in &b.grades {
                let label = format!("{name}, {}: {}", g.name, g.count);
                if figure_button(ui, &g.count.to_string(), &label, g.count > 0) {
                    out.push(Request::Filter(g.filter.clone(), format!("{name}, {} {}", g.letter, g.name)));
                }
            }
            let salt = format!("{title}/{name}");
            if let Some(g) = stacked_bar(ui, &salt, &b.grades, b.total, vec2(180.0, 16.0), false) {
                out.push(Request::Filter(g.filter.clone(), format!("{name}, {} {}", g.letter, g.name)));
            }
            ui.end_row();
        }
    });
}

/// A choice of the cycle to compare the current one with.
fn baseline_picker(ui: &mut Ui, session: &Session, current: &str, text: &str, out: &mut Vec<Request>) {
    ui.horizontal(|ui| {
        let label = ui.label(text);
        egui::ComboBox::from_id_salt("dashboard-baseline")
            .selected_text("Choose a cycle")
            .show_ui(ui, |ui| {
                for cycle in session.cycles.iter().filter(|c| c.id != current) {
                    let name = report::CycleRef::of(session, &cycle.id).describe();
                    if ui.selectable_label(false, name).clicked() {
                        out.push(Request::Baseline(cycle.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// Labels of the recommendations that moved like this, when there are any.
fn moved_labels(ui: &mut Ui, what: &str, moved: &[report::Moved]) {
    const AT_MOST: usize = 30;
    if moved.is_empty() {
        return;
    }
    let labels: Vec<&str> = moved.iter().take(AT_MOST).map(|m| m.label.as_str()).collect();
    let more = moved.len().saturating_sub(AT_MOST);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    ui.weak(format!("{what}: {}{more}", labels.join(", ")));
}

fn change_since(ui: &mut Ui, session: &Session, change: &Comparison, out: &mut Vec<Request>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!("Change from {} to {}", change.from.describe(), change.to.describe()))
                .strong(),
        );
        if session.cycles.len() > 2 {
            baseline_picker(ui, session, &change.to.id, "Compare with another cycle", out);
        }
    });
    ui.horizontal_wrapped(|ui| {
        for movement in [Movement::Improved, Movement::Regressed, Movement::Stayed, Movement::NewlyAssessed] {
            let n = change.moved(movement).len();
            let text = format!("{}: {n}", movement.name());
            if figure_button(ui, &text, &text, n > 0) {
                out.push(Request::Filter(change.filter(movement), movement.name().to_lowercase()));
            }
            ui.add_space(10.0);
        }
        let n = change.became_overdue.len();
        let text = format!("Became overdue: {n}");
        if figure_button(ui, &text, &text, n > 0) {
            out.push(Request::Filter(change.became_overdue_filter(), "became overdue".into()));
        }
    });
    for movement in [Movement::Improved, Movement::Regressed, Movement::NoLongerAssessed] {
        moved_labels(ui, movement.name(), change.moved(movement));
    }
    moved_labels(ui, "Became overdue", &change.became_overdue);
    if change.transitions.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.weak(format!("From {} (rows) to {} (columns)", change.from.label, change.to.label));
    egui::Grid::new("dashboard-transitions").striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        ui.label("");
        for grade in Grade::ALL {
            style::grade_chip(ui, &session.grade_scheme, grade);
        }
        ui.end_row();
        for from in Grade::ALL {
            if !change.transitions.iter().any(|t| t.from == from) {
                continue;
            }
            style::grade_chip(ui, &session.grade_scheme, from);
            for to in Grade::ALL {
                match change.transitions.iter().find(|t| t.from == from && t.to == to) {
                    Some(t) => {
                        let label = format!("{} → {}: {}", from.letter(), to.letter(), t.count);
                        if figure_button(ui, &t.count.to_string(), &label, true) {
                            out.push(Request::Filter(t.filter.clone(), label));
                        }
                    }
                    None => {
                        ui.weak("·");
                    }
                }
            }
            ui.end_row();
        }
    });
}
