//! Task lists: `- [x] done` items get a checkbox with an accessible name
//! (pulldown-cmark's bare `<input>` has none, which screen readers announce
//! as an unlabelled form field).

use pulldown_cmark::{CowStr, Event};

use super::{Component, Ev, State};

/// Renders each task list marker through the `task` component.
pub fn apply(events: &mut [Ev<'_>], state: &mut State<'_, '_>) {
    for (event, _) in events.iter_mut() {
        if let Event::TaskListMarker(checked) = event {
            let html = state.component(&Component::Task { checked: *checked });
            *event = Event::InlineHtml(CowStr::from(format!("{html} ")));
        }
    }
}
