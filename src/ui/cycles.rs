//! Review cycles in the window: Review › New review cycle… (a label and an as-of date,
//! starting from the previous grades, marked carried over until confirmed), and confirming
//! carried-over grades one at a time (C) or all at once.

use super::app::StocktakeApp;
use crate::edit;
use crate::model::Session;
use egui::{RichText, Ui};
use jiff::civil::Date;

/// The New review cycle window while it is open.
pub(super) struct NewCycleDialog {
    label: String,
    as_of: String,
    carry_over: bool,
    error: Option<String>,
}

impl NewCycleDialog {
    /// An empty label, today's date, starting from the previous grades.
    pub(super) fn new() -> Self {
        Self {
            label: String::new(),
            as_of: jiff::Zoned::now().date().to_string(),
            carry_over: true,
            error: None,
        }
    }
}

/// The label and date of a new cycle as typed, checked: a label no other cycle has, a
/// YYYY-MM-DD date after the last cycle's. The error says what to type instead.
pub(super) fn check_new_cycle(session: &Session, label: &str, as_of: &str) -> Result<(String, Date), String> {
    let label = label.trim();
    if label.is_empty() {
        return Err("Give the cycle a label, such as “January 2019”.".into());
    }
    if session.cycles.iter().any(|c| c.label.trim().eq_ignore_ascii_case(label)) {
        return Err(format!("There is already a cycle called “{label}”: choose another label."));
    }
    let as_of = as_of.trim();
    if as_of.is_empty() {
        return Err("Enter the as-of date as YYYY-MM-DD, for example 2019-01-24.".into());
    }
    let date = parse_date(as_of)?;
    if let Some((last, last_date)) = session.cycles.last().and_then(|c| c.as_of.map(|d| (c, d)))
        && date <= last_date
    {
        return Err(format!(
            "The as-of date must be after that of the last cycle, “{}” ({}).",
            last.label,
            crate::report::long_date(last_date)
        ));
    }
    Ok((label.to_owned(), date))
}

/// A date typed as YYYY-MM-DD; the error says how to write it.
pub(super) fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let valid_shape = text.len() == 10
        && text.chars().enumerate().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    valid_shape.then(|| text.parse::<Date>().ok()).flatten().ok_or_else(|| {
        format!("“{text}” is not a date: write the as-of date as YYYY-MM-DD, for example 2019-01-24.")
    })
}

impl StocktakeApp {
    /// Draw the New review cycle window if it is open; starting the cycle is one undo step.
    pub(super) fn new_cycle_window(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.view.new_cycle else { return };
        let session = self.workspace.session();
        let mut open = true;
        let mut answer = None;
        egui::Window::new("New review cycle")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(420.0)
            .pivot(egui::Align2::CENTER_CENTER)
            .default_pos(ctx.content_rect().center())
            .show(ctx, |ui| answer = new_cycle(ui, session, dialog));
        match answer {
            Some(true) => match check_new_cycle(session, &dialog.label, &dialog.as_of) {
                Ok((label, date)) => {
                    let cmd = edit::start_cycle(session, &label, Some(date), dialog.carry_over);
                    self.commands.push(cmd);
                    self.notifications.info(format!("Started review cycle “{label}”"));
                    self.view.new_cycle = None;
                }
                Err(message) => dialog.error = Some(message),
            },
            Some(false) => self.view.new_cycle = None,
            None if !open => self.view.new_cycle = None,
            None => {}
        }
    }

    /// Confirm the selected recommendation's carried-over grade (C).
    pub(super) fn confirm_selected_grade(&mut self) {
        let Some(id) = self.view.selected.clone() else {
            self.notifications.info("Select a recommendation first.");
            return;
        };
        match edit::confirm_grade(self.workspace.session(), &id) {
            Some(cmd) => self.commands.push(cmd),
            None => self.notifications.info("This grade was not carried over: nothing to confirm."),
        }
        self.end_of_frame();
    }

    /// Confirm every carried-over grade of the current cycle.
    pub(super) fn confirm_all_grades(&mut self) {
        match edit::confirm_all(self.workspace.session()) {
            Some(cmd) => self.commands.push(cmd),
            None => self.notifications.info("No grade in this cycle is waiting to be confirmed."),
        }
        self.end_of_frame();
    }
}

/// Some(true) to start the cycle, Some(false) to cancel.
fn new_cycle(ui: &mut Ui, session: &Session, dialog: &mut NewCycleDialog) -> Option<bool> {
    let mut answer = None;
    egui::Grid::new("new-cycle").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        let label = ui.label("Cycle label");
        let field = egui::TextEdit::singleline(&mut dialog.label).hint_text("e.g. January 2019");
        let response = ui.add(field).labelled_by(label.id);
        if response.changed() {
            dialog.error = None;
        }
        ui.end_row();
        let label = ui.label("As of (YYYY-MM-DD)");
        let field = egui::TextEdit::singleline(&mut dialog.as_of).hint_text("2019-01-24");
        let response = ui.add(field).labelled_by(label.id);
        if response.changed() {
            dialog.error = None;
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            answer = Some(true);
        }
        ui.end_row();
    });
    let previous =
        session.cycles.last().map_or("the previous cycle".to_owned(), |c| format!("“{}”", c.label));
    ui.checkbox(&mut dialog.carry_over, format!("Start from the grades of {previous}"))
        .on_hover_text("Each grade is marked carried over until you confirm it (C) or change it");
    if let Some(error) = &dialog.error {
        ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
    }
    ui.horizontal(|ui| {
        if ui.button("Start cycle").clicked() {
            answer = Some(true);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(false);
        }
    });
    answer
}
