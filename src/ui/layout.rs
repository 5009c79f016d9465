//! How the window shares its width: what each panel may take, and what gives way first when
//! the window is narrow (the outline, then the second reader, then the side panels shrink to
//! their minimum, then collapse to a strip), so that at least one reader stays usable.

/// Side panels the reviewer (or a narrow window) collapsed to a strip.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Compact {
    /// The recommendation list is collapsed.
    pub list_collapsed: bool,
    /// The editor is collapsed.
    pub detail_collapsed: bool,
}

/// The narrowest a reader may become before something else gives way.
pub const MIN_READER_WIDTH: f32 = 320.0;
/// The narrowest the list may be.
pub const MIN_LIST_WIDTH: f32 = 240.0;
/// The narrowest the editor may be.
pub const MIN_DETAIL_WIDTH: f32 = 240.0;
/// Width of a collapsed side panel.
pub const STRIP_WIDTH: f32 = 28.0;
/// Margins, separators and resize handles around each panel.
const OVERHEAD: f32 = 16.0;

/// What fits in a window `width` points wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plan {
    /// Show the outline panel (if the reviewer wants it).
    pub outline: bool,
    /// Show two readers (if the reviewer wants them).
    pub two_readers: bool,
    /// Show the list as a panel (else a strip).
    pub list: bool,
    /// Show the editor as a panel (else a strip).
    pub detail: bool,
    /// Widest the list may be.
    pub list_max: f32,
    /// Widest the editor may be.
    pub detail_max: f32,
}

/// Decide what fits: panels keep their minimum widths while a reader keeps its own; beyond
/// that the outline goes first, then the second reader, then the editor, then the list.
pub fn plan(width: f32, wanted: Compact, outline_wanted: bool, two_wanted: bool) -> Plan {
    let outline_width = 180.0;
    let mut plan = Plan {
        outline: outline_wanted,
        two_readers: two_wanted,
        list: !wanted.list_collapsed,
        detail: !wanted.detail_collapsed,
        list_max: 0.0,
        detail_max: 0.0,
    };
    let needed = |p: &Plan| {
        let readers = if p.two_readers { 2.0 } else { 1.0 } * MIN_READER_WIDTH;
        let list = if p.list { MIN_LIST_WIDTH } else { STRIP_WIDTH };
        let detail = if p.detail { MIN_DETAIL_WIDTH } else { STRIP_WIDTH };
        readers + list + detail + if p.outline { outline_width } else { 0.0 } + 3.0 * OVERHEAD
    };
    if needed(&plan) > width {
        plan.outline = false;
    }
    if needed(&plan) > width {
        plan.two_readers = false;
    }
    if needed(&plan) > width {
        plan.detail = false;
    }
    if needed(&plan) > width {
        plan.list = false;
    }
    // What is left after the minimum reader(s) is shared by the side panels, never more.
    let readers = if plan.two_readers { 2.0 } else { 1.0 } * MIN_READER_WIDTH;
    let spare = (width - readers - if plan.outline { outline_width } else { 0.0 } - 3.0 * OVERHEAD).max(0.0);
    let (list_min, detail_min) =
        (if plan.list { MIN_LIST_WIDTH } else { 0.0 }, if plan.detail { MIN_DETAIL_WIDTH } else { 0.0 });
    let extra = (spare - list_min - detail_min).max(0.0);
    plan.list_max = (list_min + extra * 0.55).min(width * 0.45).max(list_min);
    plan.detail_max = (detail_min + extra * 0.45).min(width * 0.4).max(detail_min);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_survives_every_width_down_to_800() {
        for width in [1500.0, 1200.0, 900.0, 800.0] {
            let p = plan(width, Compact::default(), true, true);
            let list = if p.list { p.list_max } else { STRIP_WIDTH };
            let detail = if p.detail { p.detail_max } else { STRIP_WIDTH };
            assert!(width - list - detail - 3.0 * OVERHEAD >= MIN_READER_WIDTH, "{width}: {p:?}");
        }
        let wide = plan(1500.0, Compact::default(), true, true);
        assert!(wide.two_readers && wide.list && wide.detail);
        let narrow = plan(900.0, Compact::default(), true, true);
        assert!(!narrow.outline && !narrow.two_readers && narrow.list && narrow.detail, "{narrow:?}");
        let smallest = plan(800.0, Compact::default(), true, true);
        assert!(smallest.list && !smallest.detail, "at 800 the editor folds to a strip first: {smallest:?}");
    }

    #[test]
    fn panels_can_never_crush_the_readers() {
        for width in [1500.0, 1100.0, 950.0] {
            let p = plan(width, Compact::default(), false, true);
            let readers = if p.two_readers { 2.0 } else { 1.0 } * MIN_READER_WIDTH;
            assert!(width - p.list_max - p.detail_max - 3.0 * OVERHEAD >= readers - 0.5, "{width}: {p:?}");
        }
    }
}
