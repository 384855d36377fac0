//! Issue 13: a search in flight whose text the attendant edits is cancelled;
//! Enter on the search already on its way sends nothing more.

use super::*;

#[test]
fn enter_three_times_sends_one_search() {
    let mut app = app();
    type_text(&mut app, "guilherme");
    let mut sent = Vec::new();
    for _ in 0..3 {
        sent.extend(searches(&press(&mut app, KeyCode::Enter)));
    }
    assert_eq!(sent.len(), 1, "{sent:?}");
    // Answered, Enter is a new deliberate search.
    answer(&mut app, sent[0].0, vec![]);
    assert_eq!(searches(&press(&mut app, KeyCode::Enter)).len(), 1);
}

#[test]
fn typing_while_a_search_loads_cancels_it_and_its_answer_opens_nothing() {
    let mut app = app();
    type_text(&mut app, "guilherme");
    let (old, _) = searches(&press(&mut app, KeyCode::Enter))[0].clone();
    // The attendant keeps typing while it loads.
    let fx = press(&mut app, KeyCode::Char('x'));
    assert!(
        fx.contains(&Effect::Abort { view: SEARCH_VIEW }),
        "the request is aborted: {fx:?}"
    );
    assert!(!app.search.results.loading());
    // Its answer comes anyway (the task had finished): dropped.
    let one = vec![customers().remove(0)];
    let fx = answer(&mut app, old, one.clone());
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.screen, Screen::Search);
    assert!(app.view.is_none());
    assert_eq!(app.search.input.value(), "guilhermex");
    // Enter searches what the box says now, and that answer opens.
    let (new, p) = searches(&press(&mut app, KeyCode::Enter))[0].clone();
    assert_eq!(p.term, "guilhermex");
    answer(&mut app, new, one);
    assert_eq!(app.screen, Screen::Customer);
}

#[test]
fn a_changed_kind_or_cleared_box_cancels_too_but_moving_around_does_not() {
    let mut app = app();
    type_text(&mut app, "37999112275");
    searches(&press(&mut app, KeyCode::Enter));
    // Moving the cursor edits nothing: still loading.
    press(&mut app, KeyCode::Left);
    assert!(app.search.results.loading());
    // Another kind for the same text is another search.
    let fx = ctrl(&mut app, 'k');
    assert!(fx.contains(&Effect::Abort { view: SEARCH_VIEW }), "{fx:?}");
    assert!(!app.search.results.loading());
    // Resubmitted: the new one replaces nothing else and Esc clearing the
    // box cancels it.
    press(&mut app, KeyCode::Enter);
    assert!(app.search.results.loading());
    let fx = press(&mut app, KeyCode::Esc);
    assert!(fx.contains(&Effect::Abort { view: SEARCH_VIEW }), "{fx:?}");
    assert!(!app.search.results.loading());
}
