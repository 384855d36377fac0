//! The two actions the command line builds from its own arguments rather
//! than from a customer's record: a prospect (`prospects create`, checked
//! field by field, its price and neighbourhood looked up before it is sent)
//! and a PBX pop-up (`pbx notify|cancel`, its owner from the flags or the
//! profile). Both then go through [`super::actions`] like every action.

use super::*;

/// `prospects create`: every field checked, the person type from the document.
pub(super) fn prospect_action(lang: Lang, a: ProspectArgs) -> Result<CliAction, Failure> {
    let doc = br::doc::parse(&a.document).map_err(|e| usage_of(lang, &e))?;
    let tipo_pessoa = match doc.kind() {
        br::doc::DocKind::Cpf => PersonKind::Individual,
        br::doc::DocKind::Cnpj => PersonKind::Company,
    };
    let phone = br::phone::parse(&a.phone).map_err(|e| usage_of(lang, &e))?;
    let cep = br::cep::parse(&a.cep).map_err(|e| usage_of(lang, &e))?;
    let email = a
        .email
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    if let Some(e) = &email {
        br::email::validate(e).map_err(|e| usage_of(lang, &e))?;
    }
    let value = a
        .value
        .as_deref()
        .map(|v| br::money::parse_brl(v).map_err(|e| usage_of(lang, &e)))
        .transpose()?;
    let params = NewProspect {
        cep: cep.digits().to_owned(),
        id_servico: a.plan,
        valor: value.unwrap_or_default(),
        nome_razaosocial: a.name.trim().to_owned(),
        cpf_cnpj: doc.plain().to_owned(),
        telefone: phone.digits().to_owned(),
        email,
        observacao: a
            .note
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        tipo_pessoa,
        bairro: a.neighbourhood.trim().to_owned(),
        endereco: a.street.trim().to_owned(),
        numero: a.number.trim().to_owned(),
    };
    Ok(CliAction {
        request: ActionRequest::CreateProspect(params),
        prospect: Some(ProspectPrep {
            value_given: value.is_some(),
            city: a
                .city
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
        }),
        confirm_mac: None,
        notes: Vec::new(),
    })
}

/// Before a prospect is sent (and audited): the plan's price for the CEP
/// when none was given, and the neighbourhood checked against the cities
/// route when a city was given (a known one takes the server's spelling).
pub(super) async fn prepare_prospect(
    ctx: &Ctx,
    client: &Client,
    params: &mut NewProspect,
    prep: &ProspectPrep,
) -> Result<(), Failure> {
    let lang = ctx.lang;
    let api = |e: ApiError| Failure::api(lang, &e, reading(client));
    if !prep.value_given {
        let q = ProspectPlansQuery {
            cep: params.cep.clone(),
        };
        let plans = client.prospect_plans(&q).await.map_err(api)?;
        let price = plans
            .iter()
            .find(|x| x.id_servico == Some(params.id_servico))
            .and_then(|x| x.valor);
        match price {
            Some(v) => params.valor = v,
            None => {
                return Err(Failure::new(
                    EXIT_REFUSED,
                    trf(
                        lang,
                        Msg::Cli7PlanNotAtCep,
                        &[
                            ("plan", &params.id_servico),
                            ("cep", &br::cep::display(&params.cep)),
                        ],
                    ),
                ));
            }
        }
    }
    if let Some(city) = &prep.city {
        let cities = client.list_cities().await.map_err(api)?;
        let wanted = out::fold(city);
        let found = cities
            .iter()
            .find(|c| c.nome.as_deref().is_some_and(|n| out::fold(n) == wanted));
        match found {
            None => note(&trf(lang, Msg::Cli7CityUnknown, &[("city", city)])),
            Some(c) => {
                let bairro = out::fold(&params.bairro);
                let known = c
                    .bairros
                    .iter()
                    .filter_map(|b| b.nome.as_deref())
                    .find(|b| out::fold(b).trim() == bairro.trim());
                match known {
                    Some(b) => params.bairro = b.trim().to_owned(),
                    None => note(&trf(
                        lang,
                        Msg::Cli7NeighbourhoodUnknown,
                        &[
                            ("bairro", &params.bairro),
                            ("city", &c.nome.as_deref().unwrap_or(city)),
                        ],
                    )),
                }
            }
        }
    }
    checked(lang, params.to_call()).map(drop)
}

/// `pbx notify|cancel`: the pop-up's owner is `--ramal`/`--internal-id`,
/// else the profile's `ramal` (digits: an extension; anything else: an
/// internal id, which HubSoft takes alphanumeric).
pub(super) fn pbx_action(
    lang: Lang,
    settings: &Settings,
    cmd: PbxCommand,
) -> Result<ActionRequest, Failure> {
    let (notify, phone, customer, target) = match cmd {
        PbxCommand::Notify {
            phone,
            customer,
            target,
        } => (true, Some(phone), customer, target),
        PbxCommand::Cancel {
            phone,
            customer,
            target,
        } => (false, phone, customer, target),
    };
    let phone = phone
        .map(|p| {
            br::phone::parse(&p)
                .map(|p| p.digits().to_owned())
                .map_err(|e| usage_of(lang, &e))
        })
        .transpose()?;
    let blank = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let (ramal, ident) = match (blank(target.ramal), blank(target.internal_id)) {
        (None, None) => match blank(settings.ramal.clone()) {
            Some(r) if r.bytes().all(|b| b.is_ascii_digit()) => (Some(r), None),
            Some(id) => (None, Some(id)),
            None => (None, None),
        },
        given => given,
    };
    if ramal.is_none() && ident.is_none() {
        return Err(Failure::usage(tr(lang, Msg::Cli7PbxNoRamal)));
    }
    let call = PbxCall {
        ramal,
        identificador_interno: ident,
        codigo_cliente: customer,
        id_cliente: None,
        telefone: phone,
    };
    Ok(if notify {
        ActionRequest::PbxNotify(call)
    } else {
        ActionRequest::PbxMissed(call)
    })
}

pub(super) fn pbx_target(lang: Lang, p: &PbxCall) -> String {
    let who = match (&p.ramal, &p.identificador_interno) {
        (Some(r), _) => trf(lang, Msg::Cli7TargetRamal, &[("ramal", r)]),
        (None, Some(id)) => trf(lang, Msg::Cli7TargetInternalId, &[("id", id)]),
        (None, None) => String::new(),
    };
    let phone = p
        .telefone
        .as_deref()
        .map_or_else(|| "—".to_owned(), |t| br::phone::display(t).into_owned());
    trf(
        lang,
        Msg::Cli7TargetPbx,
        &[("who", &who), ("phone", &phone)],
    )
}
