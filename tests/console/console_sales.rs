//! The sales screen (issue 7): prospects by name, plans by CEP, and the
//! new-prospect form with its validation, its choices from the cities and
//! plans replies, and its submission through the exactly-once, audited,
//! read-only-refused action path; snapshots at 80x24 and 160x48; and one
//! run against the embedded simulator with the real runner.

use crate::screen_kit;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use hubdesk::api::prospects::{
    PersonKind, ProspectPlan, ProspectPlansQuery, ProspectResponse, ProspectSearch,
    ProspectsResponse,
};
use hubdesk::api::{ApiError, CitiesResponse};
use hubdesk::app::actions::{ActionReply, Overlay};
use hubdesk::app::forms::FieldId;
use hubdesk::app::tools::sales::SalesTab;
use hubdesk::app::tools::sales::form::{ChoiceValue, CitiesView, CityChoice, FIELDS};
use hubdesk::app::tools::{Tool, ToolReply, ToolRequest};
use hubdesk::app::{App, Changed, Effect, Msg, ReqId, Screen, update};
use hubdesk::audit::{self, Phase};
use hubdesk::i18n::Lang;
use screen_kit::*;

const DUPLICATE: &str = "O CPF/CNPJ já foi cadastrado antes no prospecto EMPRESA XPTO LTDA";

fn prospects() -> Vec<hubdesk::api::prospects::Prospect> {
    serde_json::from_str::<ProspectsResponse>(&fixture("prospecto_busca.response.json"))
        .unwrap()
        .prospectos
}

fn plans(name: &str) -> Vec<ProspectPlan> {
    serde_json::from_str::<hubdesk::api::prospects::ProspectPlansResponse>(&fixture(name))
        .unwrap()
        .servicos
}

fn cities() -> Vec<hubdesk::api::City> {
    serde_json::from_str::<CitiesResponse>(&fixture("endereco_cidade.response.json"))
        .unwrap()
        .cidades
}

fn sales_screen(tab: SalesTab) -> Screen {
    Screen::Tool(Tool::Sales(tab))
}

/// Opens the sales screen with `P`: the name field has the keyboard.
fn open_sales(app: &mut App) {
    leave_search_field(app);
    let fx = key(app, KeyCode::Char('P'));
    assert!(
        tool_fetches(&fx).is_empty(),
        "nothing is read before a search"
    );
    assert_eq!(app.screen, sales_screen(SalesTab::Prospects));
}

/// Searches `term` and answers with the documented example.
fn search_xpto(app: &mut App) {
    open_sales(app);
    type_text(app, "xpto");
    let fx = key(app, KeyCode::Enter);
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1, "{fx:?}");
    assert_eq!(
        reads[0].1,
        ToolRequest::Prospects(ProspectSearch {
            busca: "xpto".into()
        })
    );
    answer(app, reads[0].0, ToolReply::Prospects(Ok(prospects())));
}

/// Goes to the plans tab and reads `cep`; returns the read.
fn read_plans(app: &mut App, cep: &str) -> Vec<(ReqId, ToolRequest)> {
    open_sales(app);
    key(app, KeyCode::Tab);
    assert_eq!(app.screen, sales_screen(SalesTab::Plans));
    type_text(app, cep);
    tool_fetches(&key(app, KeyCode::Enter))
}

/// Opens the form through the palette and answers the cities read.
fn open_form(app: &mut App) {
    key(app, KeyCode::F(10));
    type_text(app, "new-prospect");
    let fx = key(app, KeyCode::Enter);
    assert_eq!(app.screen, sales_screen(SalesTab::New));
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1, "the form loads the cities: {fx:?}");
    assert_eq!(reads[0].1, ToolRequest::Cities);
    answer(app, reads[0].0, ToolReply::Cities(Ok(cities())));
}

fn focus(app: &mut App, field: FieldId) {
    for _ in 0..FIELDS.len() {
        if app.tools.sales.form.form().focused() == field {
            return;
        }
        key(app, KeyCode::Tab);
    }
    panic!("{field:?} never got the focus");
}

/// Fills every field of the form validly with `document`; the CEP's plans
/// read is answered with the documented example and its first plan chosen.
fn fill_form(app: &mut App, document: &str) {
    focus(app, FieldId::Name);
    type_text(app, "Padaria Pão Quente");
    key(app, KeyCode::Tab);
    type_text(app, document);
    key(app, KeyCode::Tab);
    type_text(app, "+55 (37) 99911-2233");
    focus(app, FieldId::Cep);
    let fx = type_text(app, "35560-000");
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1, "a complete CEP reads its plans: {fx:?}");
    assert_eq!(
        reads[0].1,
        ToolRequest::Plans(ProspectPlansQuery {
            cep: "35560000".into()
        })
    );
    answer(
        app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.json"))),
    );
    key(app, KeyCode::Tab);
    key(app, KeyCode::Right); // the first city: Araújos
    key(app, KeyCode::Tab);
    key(app, KeyCode::Right); // its first neighbourhood
    key(app, KeyCode::Tab);
    type_text(app, "Praça Getúlio Vargas");
    key(app, KeyCode::Tab);
    type_text(app, "77");
    key(app, KeyCode::Tab);
    key(app, KeyCode::Right); // the first plan
    key(app, KeyCode::Tab);
    assert_eq!(app.tools.sales.form.form().focused(), FieldId::Note);
}

fn actions(fx: &[Effect]) -> Vec<&Effect> {
    fx.iter()
        .filter(|e| matches!(e, Effect::Action { .. }))
        .collect()
}

fn request(app: &App) -> Result<hubdesk::api::prospects::NewProspect, Vec<FieldId>> {
    app.tools
        .sales
        .form
        .to_request(CitiesView::of(&app.tools.cities.cities))
        .map_err(|e| e.0.into_iter().map(|(f, _)| f).collect())
}

// ---------------------------------------------------------------------------
// Prospects

#[test]
fn prospects_search_by_name_with_formatted_document_and_phone() {
    let mut app = app_in(Lang::PtBr);
    search_xpto(&mut app);
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("EMPRESA XPTO LTDA"), "{s}");
    assert!(s.contains("41.483.316/0001-69"), "{s}");
    assert!(s.contains("(37) 3281-8000"), "{s}");
    assert!(s.contains("pessoa jurídica"), "{s}");
    insta::assert_snapshot!("sales_prospects_80x24", s);
    insta::assert_snapshot!("sales_prospects_160x48", screen(&mut app, 160, 48));
}

#[test]
fn an_empty_name_is_refused_at_the_field_and_nothing_is_sent() {
    let mut app = app_in(Lang::En);
    open_sales(&mut app);
    let fx = key(&mut app, KeyCode::Enter);
    assert!(tool_fetches(&fx).is_empty());
    assert!(app.tools.sales.prospects.query.error.is_some());
    assert!(screen(&mut app, 80, 24).contains("✖"));
    type_text(&mut app, "a");
    assert!(app.tools.sales.prospects.query.error.is_none());
}

#[test]
fn slash_filters_the_loaded_prospects_and_a_replaced_search_is_dropped() {
    let mut app = app_in(Lang::En);
    open_sales(&mut app);
    type_text(&mut app, "a");
    let first = tool_fetches(&key(&mut app, KeyCode::Enter))[0].0;
    // Back to the field, a second search replaces the first.
    key(&mut app, KeyCode::Esc);
    type_text(&mut app, "b");
    let second = tool_fetches(&key(&mut app, KeyCode::Enter))[0].0;
    let (_, changed) = update(
        &mut app,
        Msg::Fetched {
            req: first,
            reply: hubdesk::app::Reply::Tool(ToolReply::Prospects(Ok(vec![]))),
        },
    );
    assert_eq!(changed, Changed::No);
    assert!(app.tools.sales.prospects.results.data.is_none());
    let mut two = prospects();
    let mut other = two[0].clone();
    other.id_prospecto = Some(101);
    other.nome_razaosocial = Some("JOÃO DA SILVA".into());
    two.push(other);
    answer(&mut app, second, ToolReply::Prospects(Ok(two)));
    assert_eq!(app.tools.sales.prospects.visible(), vec![0, 1]);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "joao");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.sales.prospects.visible(), vec![1]);
    assert_eq!(
        app.tools
            .sales
            .prospects
            .selected_prospect()
            .and_then(|p| p.id_prospecto),
        Some(101)
    );
    // Esc clears the filter first, then returns to the field.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.tools.sales.prospects.visible().len(), 2);
    key(&mut app, KeyCode::Esc);
    assert!(app.tools.sales.prospects.query.editing);
}

// ---------------------------------------------------------------------------
// Plans

#[test]
fn the_cep_is_validated_at_the_field_and_a_mask_is_accepted() {
    let mut app = app_in(Lang::PtBr);
    let reads = read_plans(&mut app, "3550-000");
    assert!(reads.is_empty());
    let err = app.tools.sales.plans.query.error.as_ref().unwrap();
    assert!(
        err.text(Lang::PtBr).contains('8'),
        "{}",
        err.text(Lang::PtBr)
    );
    assert!(screen(&mut app, 80, 24).contains("✖"));
    // Fix it: one more digit, mask and all.
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Char('3'));
    let reads = tool_fetches(&key(&mut app, KeyCode::Enter));
    assert_eq!(
        reads[0].1,
        ToolRequest::Plans(ProspectPlansQuery {
            cep: "33550000".into()
        })
    );
}

#[test]
fn plans_show_speeds_in_mbps_and_values_in_reais() {
    let mut app = app_in(Lang::PtBr);
    let reads = read_plans(&mut app, "35560-000");
    assert_eq!(
        reads[0].1,
        ToolRequest::Plans(ProspectPlansQuery {
            cep: "35560000".into()
        })
    );
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.json"))),
    );
    let s = screen(&mut app, 80, 24);
    // 20480 kbps down, 4096 up, R$ 254.9.
    assert!(s.contains("20 Mbps"), "{s}");
    assert!(s.contains("4 Mbps"), "{s}");
    assert!(s.contains("R$ 254,90"), "{s}");
    assert!(!s.contains("kbps"), "{s}");
    insta::assert_snapshot!("sales_plans_80x24", s);
    insta::assert_snapshot!("sales_plans_160x48", screen(&mut app, 160, 48));
}

/// Issue 13: a plan's name was cut at 80 columns ("COMBO 10 MB EM DOBRO
/// FIXO E 3 C…") while the speed columns were padded; the prospects'
/// columns likewise take what their content needs.
#[test]
fn plan_and_prospect_columns_fit_their_content() {
    let mut app = app_in(Lang::PtBr);
    let reads = read_plans(&mut app, "35560-000");
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.json"))),
    );
    for (w, h) in [(80, 24), (160, 48)] {
        let s = screen(&mut app, w, h);
        assert!(
            s.contains("COMBO 10 MB EM DOBRO FIXO E 3 CAMERAS RAP10 "),
            "{w}x{h}:\n{s}"
        );
        let header = s.lines().find(|l| l.contains("Download")).unwrap();
        let plan = header.find("Plano").unwrap();
        let value = header.find("Valor").unwrap();
        // Id, the 43-cell name, two speeds and the value, one blank apart.
        assert!(value - plan < 70, "{w}x{h}: {header}");
    }
    let mut app = app_in(Lang::PtBr);
    search_xpto(&mut app);
    let s = screen(&mut app, 160, 48);
    // The name column is as wide as its header, "Nome / razão social".
    assert!(s.contains("EMPRESA XPTO LTDA   41.483.316/0001-69"), "{s}");
}

#[test]
fn speeds_convert_kbps_to_mbps_and_keep_odd_values_readable() {
    use hubdesk::br::speed::format_kbps as speed;
    assert_eq!(speed(102_400), "100 Mbps");
    assert_eq!(speed(1_024_000), "1.000 Mbps");
    // Decimal steps, as some ISPs configure them.
    assert_eq!(speed(20_000), "20 Mbps");
    assert_eq!(speed(150_000), "150 Mbps");
    // Odd values: one decimal, Brazilian comma, no ",0".
    assert_eq!(speed(5_192), "5,1 Mbps");
    assert_eq!(speed(1_536), "1,5 Mbps");
    assert_eq!(speed(10_250), "10 Mbps");
    // Below 1 Mbps stays in kbps.
    assert_eq!(speed(640), "640 kbps");
    assert_eq!(speed(0), "0 kbps");
}

#[test]
fn no_business_unit_lists_every_plan_and_a_refused_cep_is_shown_verbatim() {
    let mut app = app_in(Lang::PtBr);
    let reads = read_plans(&mut app, "35660000");
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.no_business_unit.json"))),
    );
    assert_eq!(app.tools.sales.plans.visible().len(), 18);
    // `/` filters the plans.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "fibra");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.sales.plans.visible().len(), 6);
    // A CEP the server does not know.
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Esc);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "99999-999");
    let reads = tool_fetches(&key(&mut app, KeyCode::Enter));
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Err(ApiError::Refused {
            route: "prospecto/create",
            msg: "Nenhuma cidade foi encontrada com esse CEP.".into(),
            errors: vec![],
        })),
    );
    let s = screen(&mut app, 160, 48);
    assert!(
        s.contains("Nenhuma cidade foi encontrada com esse CEP."),
        "{s}"
    );
    assert!(s.contains("99999-999"), "{s}");
}

#[test]
fn enter_on_a_plan_starts_a_prospect_with_that_cep_and_plan() {
    let mut app = app_in(Lang::En);
    let reads = read_plans(&mut app, "35560000");
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.json"))),
    );
    key(&mut app, KeyCode::Down);
    let fx = key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, sales_screen(SalesTab::New));
    let form = &app.tools.sales.form;
    assert_eq!(form.value(FieldId::Cep), "35560-000");
    assert_eq!(form.plan, Some(1308));
    assert_eq!(
        form.chosen_plan().and_then(|p| p.descricao.as_deref()),
        Some("PLANO 10 MBPS + IP FIXO")
    );
    // Only the cities are read: the plans came along.
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1);
    assert_eq!(reads[0].1, ToolRequest::Cities);
}

// ---------------------------------------------------------------------------
// The form

#[test]
fn form_snapshots_empty_with_errors_and_refused() {
    let mut app = app_in(Lang::PtBr);
    open_form(&mut app);
    insta::assert_snapshot!("sales_form_empty_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("sales_form_empty_160x48", screen(&mut app, 160, 48));

    // Enter on a text field submits: every problem at its field.
    type_text(&mut app, "Maria");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "123.456.789-00");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "3281-8000");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "maria@");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "3556000");
    let fx = key(&mut app, KeyCode::Enter);
    assert!(actions(&fx).is_empty());
    assert!(app.overlay.is_none());
    insta::assert_snapshot!("sales_form_errors_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("sales_form_errors_160x48", screen(&mut app, 160, 48));
}

#[test]
fn form_validation_document_person_type_phone_and_cep() {
    let mut app = app_in(Lang::PtBr);
    open_form(&mut app);
    fill_form(&mut app, "41.483.316/0001-69");
    let r = request(&app).unwrap();
    assert_eq!(r.tipo_pessoa, PersonKind::Company);
    assert_eq!(r.cpf_cnpj, "41483316000169");
    assert_eq!(r.telefone, "37999112233");
    assert_eq!(r.cep, "35560000");
    assert_eq!(r.bairro, "ANTONIA DE LURDES");
    assert_eq!((r.id_servico, r.valor.to_string()), (1330, "254.9".into()));
    assert_eq!(r.numero, "77");
    assert!(r.email.is_none() && r.observacao.is_none());
    assert!(screen(&mut app, 80, 24).contains("pessoa jurídica"));

    // A CPF with wrong check digits.
    focus(&mut app, FieldId::Document);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "529.982.247-26");
    assert_eq!(request(&app).unwrap_err(), vec![FieldId::Document]);
    assert!(screen(&mut app, 80, 24).contains("pessoa física"));
    key(&mut app, KeyCode::Backspace);
    type_text(&mut app, "5");
    assert_eq!(request(&app).unwrap().tipo_pessoa, PersonKind::Individual);

    // A phone without its area code.
    focus(&mut app, FieldId::Phone);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "99911-2233");
    assert_eq!(request(&app).unwrap_err(), vec![FieldId::Phone]);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "037 3281.8000");
    assert_eq!(request(&app).unwrap().telefone, "3732818000");

    // Seven CEP digits: the CEP fails and the plan with it.
    focus(&mut app, FieldId::Cep);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(
        request(&app).unwrap_err(),
        vec![FieldId::Cep, FieldId::Plan]
    );

    // An optional e-mail, when typed, must be valid.
    focus(&mut app, FieldId::Email);
    type_text(&mut app, "padaria@");
    let errors = request(&app).unwrap_err();
    assert!(errors.contains(&FieldId::Email), "{errors:?}");
}

#[test]
fn neighbourhood_choices_come_from_the_cities_reply() {
    let mut app = app_in(Lang::En);
    open_form(&mut app);
    let cities = cities();
    focus(&mut app, FieldId::City);
    // A letter opens the city list filtered by it.
    type_text(&mut app, "bamb");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.tools.sales.form.city,
        CityChoice::Listed {
            id: Some(1406),
            name: "Bambuí".into()
        }
    );
    assert_eq!(
        app.tools.sales.form.form().focused(),
        FieldId::Neighbourhood
    );
    let view = CitiesView::of(&app.tools.cities.cities);
    let offered: Vec<ChoiceValue> = app
        .tools
        .sales
        .form
        .options(FieldId::Neighbourhood, view)
        .into_iter()
        .map(|c| c.value)
        .collect();
    let expected: Vec<ChoiceValue> = cities[1]
        .bairros
        .iter()
        .map(|b| ChoiceValue::Neighbourhood(b.nome.clone().unwrap()))
        .collect();
    assert_eq!(offered, expected);
    // Typing on the chooser does not type a neighbourhood of one's own.
    type_text(&mut app, "jardim");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.tools.sales.form.bairro.as_deref(),
        Some("JARDIM AMERICA")
    );
    assert_eq!(app.tools.sales.form.value(FieldId::Neighbourhood), "");
    insta::assert_snapshot!("sales_form_choices_80x24", screen(&mut app, 80, 24));

    // Another city drops the neighbourhood; "another city" makes it typed.
    focus(&mut app, FieldId::City);
    key(&mut app, KeyCode::Left);
    assert_eq!(app.tools.sales.form.bairro, None);
    key(&mut app, KeyCode::Enter);
    type_text(&mut app, "another");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.sales.form.city, CityChoice::Other);
    type_text(&mut app, "Vila Nova");
    assert_eq!(
        app.tools.sales.form.value(FieldId::Neighbourhood),
        "Vila Nova"
    );
}

#[test]
fn a_failed_cities_read_lets_the_neighbourhood_be_typed() {
    let mut app = app_in(Lang::En);
    key(&mut app, KeyCode::F(10));
    type_text(&mut app, "new-prospect");
    let fx = key(&mut app, KeyCode::Enter);
    let req = tool_fetches(&fx)[0].0;
    // While the list loads, there is nothing to choose and nothing typed.
    focus(&mut app, FieldId::Neighbourhood);
    type_text(&mut app, "x");
    assert_eq!(app.tools.sales.form.value(FieldId::Neighbourhood), "");
    assert!(app.tools.sales.form.form().picker().is_some());
    assert!(screen(&mut app, 80, 24).contains("Nothing in the list"));
    key(&mut app, KeyCode::Esc);
    assert!(app.tools.sales.form.form().picker().is_none());
    answer(
        &mut app,
        req,
        ToolReply::Cities(Err(ApiError::Http {
            route: "endereco/cidade",
            status: 502,
            excerpt: "Bad Gateway".into(),
        })),
    );
    type_text(&mut app, "Centro");
    assert_eq!(app.tools.sales.form.value(FieldId::Neighbourhood), "Centro");
}

#[test]
fn plan_choices_come_from_the_plans_reply_for_the_cep_typed() {
    let mut app = app_in(Lang::En);
    open_form(&mut app);
    focus(&mut app, FieldId::Cep);
    let fx = type_text(&mut app, "3550000");
    assert!(tool_fetches(&fx).is_empty(), "seven digits read nothing");
    let fx = type_text(&mut app, "0");
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads[0].1,
        ToolRequest::Plans(ProspectPlansQuery {
            cep: "35500000".into()
        })
    );
    let view = CitiesView::of(&app.tools.cities.cities);
    assert!(app.tools.sales.form.options(FieldId::Plan, view).is_empty());
    answer(
        &mut app,
        reads[0].0,
        ToolReply::Plans(Ok(plans("prospecto_create.response.json"))),
    );
    let view = CitiesView::of(&app.tools.cities.cities);
    let ids: Vec<ChoiceValue> = app
        .tools
        .sales
        .form
        .options(FieldId::Plan, view)
        .into_iter()
        .map(|c| c.value)
        .collect();
    assert_eq!(
        ids,
        [1330, 1308, 1318, 1319].map(ChoiceValue::Plan).to_vec()
    );
    focus(&mut app, FieldId::Plan);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tools.sales.form.plan, Some(1308));
    // Another CEP: its own plans; the old list is not offered meanwhile.
    focus(&mut app, FieldId::Cep);
    key(&mut app, KeyCode::Backspace);
    let fx = type_text(&mut app, "1");
    let reads = tool_fetches(&fx);
    assert_eq!(reads.len(), 1);
    assert!(app.tools.sales.form.chosen_plan().is_none());
    let errors = request(&app).unwrap_err();
    assert!(errors.contains(&FieldId::Plan), "{errors:?}");
}

/// Issue 13: Esc on a filled prospect form leaves it with everything
/// typed; opening it again comes back to it.
#[test]
fn esc_on_a_filled_prospect_form_keeps_what_was_typed() {
    let mut app = app_in(Lang::En);
    open_form(&mut app);
    fill_form(&mut app, "529.982.247-25");
    let before = app.tools.sales.form.value(FieldId::Name).to_owned();
    assert!(!before.is_empty());
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, sales_screen(SalesTab::Prospects));
    key(&mut app, KeyCode::F(10));
    type_text(&mut app, "new-prospect");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.screen, sales_screen(SalesTab::New));
    assert_eq!(app.tools.sales.form.value(FieldId::Name), before);
    assert!(request(&app).is_ok(), "still complete");
}

#[test]
fn double_enter_and_double_yes_submit_once() {
    let mut app = app_in(Lang::En);
    open_form(&mut app);
    fill_form(&mut app, "529.982.247-25");
    let mut all = Vec::new();
    all.extend(key(&mut app, KeyCode::Enter));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    insta::assert_snapshot!("sales_form_confirm_80x24", screen(&mut app, 80, 24));
    // A second Enter in a burst is not "yes": the dialog stays, and the
    // focus is on "Não" anyway.
    all.extend(key(&mut app, KeyCode::Char('y')));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    all.extend(yes(&mut app));
    assert_eq!(actions(&all).len(), 1);
    assert!(hubdesk::app::tools::sales::busy(&app));
    // Everything after it, a held Enter included, sends nothing more.
    for code in [KeyCode::Enter, KeyCode::Char('y'), KeyCode::Enter] {
        all.extend(key(&mut app, code));
    }
    all.extend(yes(&mut app));
    let repeat = KeyEvent {
        kind: KeyEventKind::Repeat,
        ..KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
    };
    all.extend(update(&mut app, Msg::Key(repeat)).0);
    assert_eq!(actions(&all).len(), 1);
    assert!(screen(&mut app, 80, 24).contains("prospect registration"));
}

#[test]
fn read_only_cannot_open_nor_submit_the_form() {
    let mut app = app_with(Lang::En, true);
    open_sales(&mut app);
    key(&mut app, KeyCode::Esc);
    // Neither the key nor the palette offers it.
    leave_search_field(&mut app);
    key(&mut app, KeyCode::Char('P'));
    app.tools.sales.prospects.query.editing = false;
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.screen, sales_screen(SalesTab::Prospects));
    key(&mut app, KeyCode::F(10));
    assert!(
        app.palette
            .as_ref()
            .unwrap()
            .entries
            .iter()
            .all(|e| e.command != "new-prospect")
    );
    key(&mut app, KeyCode::Esc);
    // The tab itself says so, and keys there do nothing.
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.screen, sales_screen(SalesTab::New));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Read-only profile"), "{s}");
    let mut fx = type_text(&mut app, "Maria");
    fx.extend(key(&mut app, KeyCode::Enter));
    assert!(actions(&fx).is_empty());
    assert_eq!(app.tools.sales.form.value(FieldId::Name), "");
    // A request that reaches `send` anyway is refused there too.
    let req = hubdesk::app::confirm::ActionRequest::CreateProspect(
        hubdesk::api::prospects::NewProspect {
            cep: "35560000".into(),
            id_servico: 1,
            valor: 100.into(),
            nome_razaosocial: "X".into(),
            cpf_cnpj: "52998224725".into(),
            telefone: "37999112233".into(),
            email: None,
            observacao: None,
            tipo_pessoa: PersonKind::Individual,
            bairro: "Centro".into(),
            endereco: "Rua A".into(),
            numero: "1".into(),
        },
    );
    let mut fx = Vec::new();
    hubdesk::app::actions::send(&mut app, req, Default::default(), None, &mut fx);
    assert!(actions(&fx).is_empty());
    assert!(app.status.as_ref().unwrap().text.contains("Read-only"));
}

fn submitted(app: &mut App, document: &str) -> Effect {
    open_form(app);
    fill_form(app, document);
    key(app, KeyCode::Enter);
    let fx = yes(app);
    actions(&fx)[0].clone()
}

#[test]
fn a_refusal_is_shown_verbatim_and_the_form_keeps_its_content() {
    let mut app = app_in(Lang::PtBr);
    let Effect::Action { submission, .. } = submitted(&mut app, "41483316000169") else {
        unreachable!()
    };
    let before = request(&app).unwrap();
    let fx = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Prospect(Box::new(Err(ApiError::Refused {
                route: "prospecto",
                msg: DUPLICATE.into(),
                errors: vec![],
            }))),
        },
    )
    .0;
    assert!(fx.is_empty(), "nothing is read again after a refusal");
    let banner = app.tools.sales.form.form().banner().unwrap();
    assert!(banner.text.contains(DUPLICATE), "{}", banner.text);
    assert_eq!(request(&app).unwrap(), before);
    assert_eq!(
        app.tools.sales.form.value(FieldId::Name),
        "Padaria Pão Quente"
    );
    assert!(!hubdesk::app::tools::sales::busy(&app));
    insta::assert_snapshot!("sales_form_refused_80x24", screen(&mut app, 80, 24));
    insta::assert_snapshot!("sales_form_refused_160x48", screen(&mut app, 160, 48));
    // The attendant may fix the document and send again.
    focus(&mut app, FieldId::Document);
    key_mod(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    type_text(&mut app, "68.346.567/0001-58");
    focus(&mut app, FieldId::Note);
    key(&mut app, KeyCode::Enter);
    assert_eq!(actions(&yes(&mut app)).len(), 1);
}

#[test]
fn success_shows_the_created_prospect_and_searches_for_it() {
    let mut app = app_in(Lang::En);
    let Effect::Action { submission, .. } = submitted(&mut app, "41483316000169") else {
        unreachable!()
    };
    let created: ProspectResponse =
        serde_json::from_str(&fixture("prospecto_post.response.json")).unwrap();
    let fx = update(
        &mut app,
        Msg::ActionDone {
            submission,
            reply: ActionReply::Prospect(Box::new(Ok(created))),
        },
    )
    .0;
    let reads = tool_fetches(&fx);
    assert_eq!(
        reads[0].1,
        ToolRequest::Prospects(ProspectSearch {
            busca: "EMPRESA XPTO LTDA".into()
        })
    );
    let c = app.tools.sales.created.as_ref().unwrap();
    assert_eq!(c.id, Some(100));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Prospect id: 100"), "{s}");
    assert!(s.contains("Prospect 100 registered"), "{s}");
    // The list selects it and shows the plan the search does not carry.
    let mut found = prospects();
    found[0].id_prospecto = Some(100);
    answer(&mut app, reads[0].0, ToolReply::Prospects(Ok(found)));
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.screen, sales_screen(SalesTab::Prospects));
    let s = screen(&mut app, 80, 24);
    assert!(s.contains("Plan: id 1 · R$ 100,00"), "{s}");
    // `n` starts a blank form.
    key(&mut app, KeyCode::Char('n'));
    assert!(app.tools.sales.created.is_none());
    assert_eq!(app.tools.sales.form.value(FieldId::Name), "");
}

// ---------------------------------------------------------------------------
// Against the simulator, with the real runner

/// The shared simulator console, in pt-BR.
fn sim_console() -> SimConsole {
    SimConsole::new(|s| s.lang = Lang::PtBr)
}

/// Fills the form for `document` in Divinópolis (CEP 35500-000, plans
/// of its business unit), choosing city, neighbourhood and plan from the
/// simulator's lists.
async fn fill(c: &mut SimConsole, document: &str) {
    c.text("Mercearia Boa Vista");
    c.key(KeyCode::Tab);
    c.text(document);
    c.key(KeyCode::Tab);
    c.text("(37) 99911-2233");
    c.key(KeyCode::Tab);
    c.key(KeyCode::Tab);
    c.text("35500-000");
    c.until("the CEP's plans", |a| {
        a.tools.sales.form.current_plans().is_some()
    })
    .await;
    c.until("the cities", |a| a.tools.cities.cities.data.is_some())
        .await;
    c.key(KeyCode::Tab);
    c.text("divin");
    c.key(KeyCode::Enter);
    c.key(KeyCode::Enter);
    c.key(KeyCode::Enter);
    c.text("Rua Goiás");
    c.key(KeyCode::Tab);
    c.text("120");
    c.key(KeyCode::Tab);
    c.key(KeyCode::Enter);
    c.key(KeyCode::Enter);
    assert_eq!(c.app.tools.sales.form.form().focused(), FieldId::Note);
}

async fn submit(c: &mut SimConsole) {
    c.key(KeyCode::Enter);
    assert!(
        matches!(c.app.overlay, Some(Overlay::Confirm { .. })),
        "{:?}",
        c.app.tools.sales.form.form().errors()
    );
    c.yes();
    c.yes();
    c.key(KeyCode::Enter);
    assert!(hubdesk::app::tools::sales::busy(&c.app));
    c.until("the creation's answer", |a| {
        !hubdesk::app::tools::sales::busy(a)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_once_then_the_same_document_is_refused_verbatim() {
    let mut c = sim_console();
    let cpf = "52998224725";
    c.key(KeyCode::F(10));
    c.text("new-prospect");
    c.key(KeyCode::Enter);
    fill(&mut c, "529.982.247-25").await;
    let r = request(&c.app).unwrap();
    assert_eq!(r.bairro, c.app.tools.sales.form.bairro.clone().unwrap());
    assert_eq!(r.id_servico, 1301, "Divinópolis offers its unit's plans");
    submit(&mut c).await;

    assert_eq!(c.sim.counters().get("prospect_create"), 1);
    assert_eq!(c.sim.counters().get_for("prospect_create", cpf), 1);
    let created = c.app.tools.sales.created.clone().unwrap();
    assert_eq!(created.name, "MERCEARIA BOA VISTA");
    let id = created.id.unwrap();
    c.until("the refreshed list", |a| {
        !a.tools.sales.prospects.results.loading()
    })
    .await;
    assert_eq!(
        c.app
            .tools
            .sales
            .prospects
            .selected_prospect()
            .and_then(|p| p.id_prospecto),
        Some(id)
    );

    // The same document again, from a blank form.
    c.key(KeyCode::Enter);
    assert!(c.app.tools.sales.created.is_none());
    fill(&mut c, "529.982.247-25").await;
    submit(&mut c).await;
    let expected = "O CPF/CNPJ já foi cadastrado antes no prospecto MERCEARIA BOA VISTA";
    let banner = c.app.tools.sales.form.form().banner().cloned().unwrap();
    assert!(banner.text.contains(expected), "{}", banner.text);
    assert_eq!(
        c.app.tools.sales.form.value(FieldId::Name),
        "Mercearia Boa Vista"
    );
    assert_eq!(
        c.app.tools.sales.form.value(FieldId::Document),
        "529.982.247-25"
    );
    assert_eq!(c.app.tools.sales.form.value(FieldId::Street), "Rua Goiás");
    assert!(c.app.tools.sales.form.chosen_plan().is_some());
    assert_eq!(c.sim.counters().get("prospect_create"), 1);

    // The trail: two attempts, one created (with its id), one refused.
    let trail = audit::read_latest(&c.audit, 100).unwrap();
    let outcomes: Vec<_> = trail
        .iter()
        .filter(|e| e.phase == Phase::Outcome)
        .map(|e| (e.attempt.action.clone(), e.outcome, e.msg.clone()))
        .collect();
    assert_eq!(outcomes.len(), 2, "{trail:?}");
    assert_eq!(outcomes[0].0, "create_prospect");
    assert_eq!(outcomes[0].1, Some(audit::Outcome::Ok));
    assert!(
        outcomes[0]
            .2
            .as_deref()
            .unwrap()
            .contains(&format!("id_prospecto {id}"))
    );
    assert_eq!(outcomes[1].1, Some(audit::Outcome::Refused));
}

#[test]
fn a_paste_fills_the_focused_form_field_without_submitting() {
    let mut app = app_in(Lang::PtBr);
    open_form(&mut app);
    focus(&mut app, FieldId::Name);
    let (fx, changed) = update(&mut app, Msg::Paste("Maria da Silva\n".into()));
    assert_eq!(changed, Changed::Yes);
    assert!(fx.is_empty(), "a pasted newline must not submit: {fx:?}");
    assert!(app.overlay.is_none());
    let cities = CitiesView::of(&app.tools.cities.cities);
    let name = app.tools.sales.form.text(FieldId::Name, cities).unwrap();
    assert_eq!(name.value(), "Maria da Silva");
}

/// The prospect form scrolled a long text field by characters where the
/// dialogs scroll by display columns: with wide characters (CJK, emoji)
/// the text showed short and the cursor sat far after it. Both now use
/// the engine's one text window.
#[test]
fn a_wide_text_keeps_the_cursor_right_after_what_was_typed() {
    let mut app = app_in(Lang::PtBr);
    open_form(&mut app);
    focus(&mut app, FieldId::Name);
    type_text(&mut app, &("漢".repeat(40) + "終"));
    update(&mut app, Msg::Resize(80, 24));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| hubdesk::ui::console::draw(f, &app, std::time::Instant::now()))
        .unwrap();
    let pos = term.get_cursor_position().unwrap();
    let buf = term.backend().buffer();
    assert_eq!(buf[(pos.x - 2, pos.y)].symbol(), "終", "{}", text(buf));
    assert_eq!(buf[(pos.x - 4, pos.y)].symbol(), "漢");
}
