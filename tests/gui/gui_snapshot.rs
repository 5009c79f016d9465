//! One picture of the whole window on the sample review, rendered headless (wgpu on a
//! software Vulkan driver). Look at tests/snapshots/window_sample.png after changing the UI.

use egui::Key;
use egui_kittest::Harness;
use std::path::Path;
use stocktake::ui::{FakeDialogs, StocktakeApp};

#[test]
fn whole_window_on_the_sample_review() {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for name in [
        "sample-review.ron",
        "isc-international-partnerships-government-response.md",
        "counter-terrorism-implementation-stocktake-2019.md",
    ] {
        std::fs::copy(src.join(name), dir.path().join(name)).unwrap();
    }
    let mut app = StocktakeApp::new(Box::new(FakeDialogs::default()));
    app.open_session(&dir.path().join("sample-review.ron"));
    app.finish_jobs();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 900.0))
        .build_ui_state(|ui, app: &mut StocktakeApp| app.show_and_wait(ui), app);
    h.run();
    // Recommendation B: graded Amber, stance Noted, with notes; its reply in the right reader.
    for _ in 0..3 {
        h.key_press(Key::J);
        h.run();
    }
    h.snapshot("window_sample");
}
