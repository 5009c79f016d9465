//! View › Go to page…: a small dialog asking for a page of the paged (PDF) document in the
//! reader, checked against the pages it has.

/// Which reading pane the page is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The left (or only) reader.
    Left,
    /// The right reader.
    Right,
}

/// The dialog's state while it is open.
#[derive(Debug, Clone)]
pub struct PagePrompt {
    /// The pane whose document it moves.
    pub pane: Pane,
    /// First and last page of that document.
    pub range: (u32, u32),
    /// What the reviewer has typed.
    pub draft: String,
    /// Why the last attempt was refused.
    pub problem: Option<String>,
    focused: bool,
}

impl PagePrompt {
    /// A prompt for `pane`, whose document has pages `range`, starting from `current`.
    pub fn new(pane: Pane, range: (u32, u32), current: Option<u32>) -> Self {
        Self {
            pane,
            range,
            draft: current.map(|p| p.to_string()).unwrap_or_default(),
            problem: None,
            focused: false,
        }
    }

    /// The page typed, if it is one the document has; else the reason, for the dialog.
    pub fn parse(&self) -> Result<u32, String> {
        let (first, last) = self.range;
        match self.draft.trim().parse::<u32>() {
            Ok(n) if (first..=last).contains(&n) => Ok(n),
            _ => Err(format!("Type a page number from {first} to {last}.")),
        }
    }
}

/// What the reviewer did with the dialog this frame.
pub enum PageAnswer {
    /// Go to this page.
    Go(u32),
    /// Close without moving.
    Cancel,
}

/// Draw the dialog; returns the reviewer's answer once there is one.
pub fn show(ctx: &egui::Context, prompt: &mut PagePrompt) -> Option<PageAnswer> {
    let response = egui::Modal::new(egui::Id::unique("go-to-page")).show(ctx, |ui| {
        ui.set_max_width(320.0);
        ui.heading("Go to page");
        ui.add_space(6.0);
        let (first, last) = prompt.range;
        let mut answer = None;
        ui.horizontal(|ui| {
            let label = ui.label(format!("Page ({first}–{last}):"));
            let field = ui
                .add(egui::TextEdit::singleline(&mut prompt.draft).desired_width(80.0))
                .labelled_by(label.id);
            if !prompt.focused {
                // Focused with everything selected: typing a number replaces the one shown.
                field.request_focus();
                if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
                    let all = egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(prompt.draft.chars().count()),
                    );
                    state.cursor.set_char_range(Some(all));
                    state.store(ui.ctx(), field.id);
                }
                prompt.focused = true;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                answer = Some(());
            }
        });
        if let Some(problem) = &prompt.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.add_space(8.0);
        let mut cancel = false;
        ui.horizontal(|ui| {
            if ui.button("Go").clicked() {
                answer = Some(());
            }
            if ui.button("Cancel").clicked() {
                cancel = true;
            }
        });
        if cancel {
            return Some(PageAnswer::Cancel);
        }
        answer.and_then(|()| match prompt.parse() {
            Ok(page) => Some(PageAnswer::Go(page)),
            Err(problem) => {
                prompt.problem = Some(problem);
                prompt.focused = false; // back into the field to correct it
                None
            }
        })
    });
    if response.should_close() && response.inner.is_none() {
        return Some(PageAnswer::Cancel);
    }
    response.inner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_the_document_has_are_accepted() {
        let mut p = PagePrompt::new(Pane::Left, (3, 72), Some(5));
        assert_eq!(p.parse(), Ok(5));
        for bad in ["", "0", "2", "73", "x", "-1"] {
            p.draft = bad.into();
            assert!(p.parse().unwrap_err().contains("from 3 to 72"), "{bad}");
        }
        p.draft = " 72 ".into();
        assert_eq!(p.parse(), Ok(72));
    }
}
