//! The messages themselves, each listed once with both texts.
//!
//! To add a message: one entry here, in the section of its area (see
//! "Where a new message goes"). Placeholders are `{snake_case}` names and
//! must be the same set in both languages (a test checks it).
//!
//! # Layout
//!
//! The entries are grouped by the area of the product they belong to, never
//! by the issue or branch that added them: `// ====` lines open an area,
//! `// ----` lines a subsection. All of them sit in one `catalog!`
//! invocation, which generates [`Msg`] and its tables; Rust cannot
//! `include!` files inside a macro's input, so the catalog stays one file (a
//! data table, exempt from the file-size rule). Declaration order carries no
//! meaning: it only fixes the order of [`Msg::ALL`], and nothing relies on
//! that.
//!
//! 1. **API and transport errors**
//!     - What went wrong talking to HubSoft (ops::errors)
//! 2. **Search**
//!     - Search kinds (the `busca` of /cliente)
//!     - Search box: prompt, detected kind, term checks
//!     - Search results
//!     - Search history (this session)
//!     - Type-ahead: the local index
//! 3. **Customer view**
//!     - Panes: titles, states, list filters, shared columns
//!     - Customer: fields, alerts
//!     - Services: statuses, fields, PPPoE password
//!     - Last seen and connection history
//!     - Invoices
//!     - Tickets and service orders
//! 4. **Actions**
//!     - Action names (for {action} in confirmations, results and errors)
//!     - Confirmation dialog and its lines
//!     - Before sending and in flight (quitting included)
//!     - Results: status line, result view, unknown outcomes
//! 5. **Forms and field validation**
//!     - Forms: common parts
//!     - Ticket form (open, edit, close)
//!     - Trust-unlock form
//!     - Send-invoice form
//!     - Field validation (typed errors of br::* parsers)
//! 6. **Clipboard**
//!     - Things that get copied (for {what})
//!     - Copy results and refusals
//! 7. **Tool screens**
//!     - Command palette and list filters
//!     - Cities and neighbourhoods
//!     - Sales: screen, tabs and keys
//!     - Sales: prospects tab
//!     - Sales: plans for a CEP
//!     - Sales: new-prospect form
//!     - Sales: confirmation and result
//!     - Receivables: filter bar
//!     - Receivables: table and detail
//!     - PBX: screen, keys, call notices
//!     - PBX: screen pops (calls received)
//!     - Network (NOC): POPs, equipment, service zones
//!     - Network: jump from a service to its equipment
//!     - NOC commands (`[[commands]]`)
//! 8. **Console chrome**
//!     - Key help: everywhere, lists, search
//!     - Key help: customer panes and actions
//!     - Help screen: headings, notes, footer
//!     - Hint bar and scroll markers
//!     - Status line badges and toggles
//!     - Message log
//!     - Terminal too small
//!     - Customer tabs: keys, strip, status
//! 9. **Dates and times**
//!     - Relative times (br::dates)
//! 10. **Audit trail**
//!     - Writing the trail
//!     - Reading it: the audit overlay and `hubdesk audit`
//!     - Outcome words
//! 11. **Configuration**
//!     - Loading the config file and resolving the profile
//!     - Connection safety (TLS, plain http, secrets in the address)
//!     - Key bindings from the config file
//!     - `hubdesk config check`
//! 12. **Command line**
//!     - Starting up
//!     - Reading commands: arguments and output
//!     - Action commands: confirmation and result
//!     - Tool commands: output, confirmation targets, refusals
//!     - --help: the program and its global options
//!     - --help: commands and their arguments
//!     - --help: tool commands and their arguments
//!     - --help and usage errors: clap's own words
//!     - --help and usage: value placeholders
//! 13. **Simulator and demo mode**
//!     - Demo mode and `hubdesk sim`
//!
//! # Where a new message goes
//!
//! - In the subsection of the area where it is shown or what it is about:
//!   a failure talking to HubSoft in 1; what a customer pane shows in 3,
//!   under the data it labels (an invoice column goes under Invoices,
//!   whether the console or the CLI prints it); an `{action}` name, a
//!   confirmation line or an action's result in 4; a form label or a
//!   parser's error in 5; a tool screen's texts, its keys and palette
//!   entries included, in 7; console-wide keys, help and status line in 8;
//!   the CLI's own lines, `--help` texts and clap words in 12; the
//!   simulator's knobs in 13.
//! - Reuse before adding: a message whose words and purpose are the same
//!   as an existing one's is the existing one. Same words for a different
//!   purpose (a search kind and a column both read "Name") stay two
//!   messages, so either can change alone.
//! - A branch that cannot place its messages yet may append them at the
//!   very end under `// ---- <branch> branch (to regroup) ----`; whoever
//!   merges it moves them into their sections.

macro_rules! catalog {
    ($( $(#[doc = $doc:literal])* $key:ident { pt: $pt:literal, en: $en:literal } )*) => {
        /// A user-facing message; see [`tr`](super::tr) and [`trf`](super::trf).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[doc = $doc])* $key, )*
        }

        impl Msg {
            /// Every message, in declaration order.
            pub const ALL: &'static [Msg] = &[ $( Msg::$key, )* ];

            /// The pt-BR text, placeholders unfilled.
            pub const fn pt_br(self) -> &'static str {
                match self { $( Msg::$key => $pt, )* }
            }

            /// The English text, placeholders unfilled.
            pub const fn en(self) -> &'static str {
                match self { $( Msg::$key => $en, )* }
            }

            /// The key's name, e.g. for a translator's report.
            pub const fn key(self) -> &'static str {
                match self { $( Msg::$key => stringify!($key), )* }
            }
        }
    };
}

catalog! {
    // ==== 1. API and transport errors ============================================
    // ---- What went wrong talking to HubSoft (ops::errors) -----------------------
    /// The connection failed before any answer (DNS, refused, TLS, reset).
    ErrNetwork { pt: "Falha de rede: {detail}", en: "Network failure: {detail}" }
    /// No answer within the timeout.
    ErrTimeout {
        pt: "O servidor HubSoft não respondeu em {seconds} s ({route})",
        en: "The HubSoft server did not answer within {seconds} s ({route})"
    }
    /// An unexpected HTTP status; `excerpt` is a short, sanitized piece of the body.
    ErrHttpStatus {
        pt: "O servidor respondeu HTTP {status}: {excerpt}",
        en: "The server answered HTTP {status}: {excerpt}"
    }
    /// The server answered `status: "error"`; `msg` is its Portuguese text verbatim.
    ErrRefused { pt: "Recusado pelo servidor: {msg}", en: "Refused by the server: {msg}" }
    /// HTTP 403: the API user may not call this route. `action` is a localized action name.
    ErrPermissionDenied {
        pt: "Sem permissão para {action}: peça ao administrador do HubSoft para liberar esta rota",
        en: "No permission for {action}: ask the HubSoft administrator to grant this route"
    }
    /// The password grant was rejected.
    ErrAuthFailed {
        pt: "Falha na autenticação: verifique usuário, senha, client_id e client_secret",
        en: "Authentication failed: check user, password, client_id and client_secret"
    }
    /// The password grant or a token was refused, with HubSoft's own words.
    ErrAuthFailedServer {
        pt: "Falha na autenticação: verifique usuário, senha, client_id e client_secret (o servidor disse: “{msg}”)",
        en: "Authentication failed: check user, password, client_id and client_secret (the server said: “{msg}”)"
    }
    /// The body could not be decoded; names the route and the JSON path.
    ErrDecode {
        pt: "Não foi possível ler a resposta do servidor ({route}, campo {field})",
        en: "Could not read the server's answer ({route}, field {field})"
    }
    /// A body that is JSON cut before its end.
    ErrBodyCutShort {
        pt: "A resposta do servidor veio cortada ({route}): o JSON termina antes de fechar; nada foi mostrado",
        en: "The server's answer was cut short ({route}): its JSON ends before it is complete; nothing was shown"
    }
    /// An empty body where JSON was expected.
    ErrBodyEmpty {
        pt: "O servidor respondeu vazio ({route}); nada foi mostrado",
        en: "The server's answer was empty ({route}); nothing was shown"
    }
    /// A body that is not JSON, with where the parser stopped.
    ErrBodyNotJsonAt {
        pt: "A resposta do servidor não é JSON válido ({route}, linha {line}, coluna {column}); nada foi mostrado",
        en: "The server's answer is not valid JSON ({route}, line {line}, column {column}); nothing was shown"
    }
    /// A body that is not JSON.
    ErrBodyNotJson {
        pt: "A resposta do servidor não é JSON válido ({route}); nada foi mostrado",
        en: "The server's answer is not valid JSON ({route}); nothing was shown"
    }
    /// Another unreadable body (an HTML page...), with the client's description.
    ErrBodyOther {
        pt: "Não foi possível ler a resposta do servidor ({route}): {detail}",
        en: "Could not read the server's answer ({route}): {detail}"
    }
    /// Nothing found (HTTP 404), and the server's own words about it.
    ErrNotFoundServer { pt: "Nada encontrado: {msg}", en: "Nothing found: {msg}" }
    /// HTTP 404 or an empty search.
    ErrNotFound { pt: "Nada encontrado", en: "Nothing found" }
    /// A 3xx answer: hubdesk follows no redirect. `location` is where it
    /// pointed (`scheme://host/path`), so a wrong `host` is easy to fix.
    ErrRedirected {
        pt: "O servidor respondeu {route} com um redirecionamento (HTTP {status}) para {location}; o hubdesk não segue redirecionamentos: confira o endereço do servidor (host: https://, caminho)",
        en: "The server answered {route} with a redirect (HTTP {status}) to {location}; hubdesk follows no redirect: check the server address (host: https://, path)"
    }
    /// `{location}` of [`ErrRedirected`] when the answer named no place.
    ErrRedirectNowhere { pt: "lugar nenhum", en: "nowhere" }
    /// An action answered with a redirect: the configured server did not
    /// apply it and nothing was sent elsewhere. `detail` is [`ErrRedirected`].
    ActionNotAppliedRedirected {
        pt: "Não aplicado (redirecionado): {action}. {detail}",
        en: "Not applied (redirected): {action}. {detail}"
    }
    /// A body past the route's size limit; reading stopped there.
    ErrTooLarge {
        pt: "A resposta de {route} passou de {size}, o limite do hubdesk para esta rota: refine a busca",
        en: "The answer of {route} is larger than {size}, hubdesk's limit for this route: narrow the search"
    }
    /// HTTP 429.
    ErrRateLimited {
        pt: "Muitas requisições: aguarde um pouco e tente de novo",
        en: "Too many requests: wait a moment and try again"
    }
    /// A parameter failed its bounds; nothing was sent.
    ErrInvalidRequest {
        pt: "Parâmetro inválido ({field}): {reason}",
        en: "Invalid parameter ({field}): {reason}"
    }
    /// The client configuration is unusable; `reason` is in English.
    ErrClientConfig { pt: "Configuração do cliente inválida: {reason}", en: "Invalid client configuration: {reason}" }
    /// A newer route this HubSoft server does not have (404/405 without
    /// HubSoft's envelope); `route` is its short name.
    ErrNotOffered {
        pt: "Este servidor HubSoft não oferece {route}: é de uma versão anterior a essa rota",
        en: "This HubSoft server does not offer {route}: it predates that route"
    }
    /// HTTP 403 on a route that needs its own HubSoft permission; `permission` is one of the Perm* words.
    ErrPermissionMissing {
        pt: "Falta ao usuário da API a permissão do HubSoft para {permission}: peça ao administrador do HubSoft para concedê-la",
        en: "The API user lacks the HubSoft permission to {permission}: ask the HubSoft administrator to grant it"
    }
    /// The permission of `cliente_servico/habilitar`.
    PermEnableService { pt: "habilitar serviço (cliente_servico/habilitar)", en: "enable a service (cliente_servico/habilitar)" }
    /// The permission of `cliente_servico/suspender`.
    PermSuspendService { pt: "suspender serviço (cliente_servico/suspender)", en: "suspend a service (cliente_servico/suspender)" }
    /// The permission of `cliente_servico/ativar`.
    PermActivateService { pt: "ativar serviço (cliente_servico/ativar)", en: "activate a service (cliente_servico/ativar)" }

    // ==== 2. Search ==============================================================
    // ---- Search kinds (the `busca` of /cliente) ---------------------------------
    /// Search by name or company name.
    KindName { pt: "Nome", en: "Name" }
    /// Search by trade name.
    KindFantasyName { pt: "Nome fantasia", en: "Trade name" }
    /// Search by CPF or CNPJ.
    KindDocument { pt: "CPF/CNPJ", en: "CPF/CNPJ" }
    /// Search by customer code.
    KindCode { pt: "Código", en: "Code" }
    /// Search by phone.
    KindPhone { pt: "Telefone", en: "Phone" }
    /// Search by RADIUS login.
    KindLogin { pt: "Login", en: "Login" }
    /// Search by IPv4 address.
    KindIpv4 { pt: "IPv4", en: "IPv4" }
    /// Search by MAC address.
    KindMac { pt: "MAC", en: "MAC" }
    /// Search kind: a service id (`id_cliente_servico`).
    KindServiceId { pt: "ID do serviço", en: "Service id" }
    /// Search kind: a customer's internal id (`id_cliente`).
    KindCustomerId { pt: "ID do cliente", en: "Customer id" }
    /// Search kind: `id_externo` (another system's id for the customer).
    KindExternalId { pt: "ID externo", en: "External id" }

    // ---- Search box: prompt, detected kind, term checks -------------------------
    /// Title line of the search screen.
    SearchTitle { pt: "Buscar cliente", en: "Find customer" }
    /// Placeholder of the search box.
    SearchPrompt {
        pt: "Buscar cliente: nome, CPF/CNPJ, telefone, login, IP, MAC ou código",
        en: "Find a customer: name, CPF/CNPJ, phone, login, IP, MAC or code"
    }
    /// Shows which kind the typed text was detected as.
    SearchAs { pt: "Buscar por {kind}", en: "Search by {kind}" }
    /// Search box: the kind was chosen by the attendant, not detected.
    SearchKindForced { pt: "{kind} (escolhido)", en: "{kind} (chosen)" }
    /// Search box: the kind was detected from the text.
    SearchKindDetected { pt: "{kind} (detectado)", en: "{kind} (detected)" }
    /// Another plausible reading of the input, with the key that switches to it.
    SearchAlternative {
        pt: "Também pode ser {kind}: tecle {key} para trocar",
        en: "Could also be {kind}: press {key} to switch"
    }
    /// Status: the alternative key was pressed with no alternative.
    SearchNoAlternative { pt: "Não há outra leitura para este texto", en: "No other reading for this text" }
    /// Search box badge: cancelled services are included.
    SearchIncludingCancelled { pt: "incluindo cancelados", en: "including cancelled" }
    /// Status: the cancelled toggle changed.
    SearchCancelledOn { pt: "Buscas incluem serviços cancelados", en: "Searches include cancelled services" }
    /// Status: the cancelled toggle changed.
    SearchCancelledOff { pt: "Buscas ignoram serviços cancelados", en: "Searches skip cancelled services" }
    /// Eleven or masked digits whose CPF check digits fail.
    SearchInvalidCpf { pt: "CPF com dígitos verificadores inválidos", en: "CPF with invalid check digits" }
    /// Fourteen or masked digits whose CNPJ check digits fail.
    SearchInvalidCnpj { pt: "CNPJ com dígitos verificadores inválidos", en: "CNPJ with invalid check digits" }
    /// A masked CPF/CNPJ with digits missing.
    SearchIncompleteDocument {
        pt: "CPF/CNPJ incompleto: faltam dígitos",
        en: "Incomplete CPF/CNPJ: digits are missing"
    }
    /// The search term is longer than the API client sends.
    SearchTooLong {
        pt: "Termo de busca longo demais: no máximo 200 caracteres",
        en: "Search term too long: at most 200 characters"
    }
    /// The search box is empty.
    SearchEmptyTerm { pt: "Digite algo para buscar", en: "Type something to search" }
    /// The search in flight was cancelled because its text was edited.
    SearchCancelledEdited {
        pt: "Busca anterior cancelada: o texto mudou; Enter busca o novo",
        en: "Previous search cancelled: the text changed; Enter searches the new one"
    }

    // ---- Search results ---------------------------------------------------------
    /// Search results list.
    PaneResults { pt: "Resultados", en: "Results" }
    /// A search found nobody.
    SearchNoResults { pt: "Nenhum cliente encontrado", en: "No customer found" }
    /// One search result.
    SearchResultsOne { pt: "1 cliente encontrado", en: "1 customer found" }
    /// Several search results.
    SearchResultsMany { pt: "{count} clientes encontrados", en: "{count} customers found" }
    /// The server returned the maximum page; there is no pagination.
    SearchTooMany {
        pt: "Refine a busca: o servidor devolveu o máximo de {limit}",
        en: "Narrow the search: the server returned the maximum of {limit}"
    }
    /// Empty search results while cancelled services are excluded.
    SearchTryCancelled {
        pt: "Clientes só com serviços cancelados ficam ocultos: tecle {key} para incluí-los",
        en: "Customers with only cancelled services are hidden: press {key} to include them"
    }

    // ---- Search history (this session) ------------------------------------------
    /// Title of the history list.
    SearchHistoryTitle { pt: "Histórico desta sessão", en: "This session's history" }
    /// The history list is empty.
    SearchHistoryEmpty {
        pt: "Nenhuma busca ainda. O histórico fica só na memória e some ao sair.",
        en: "No search yet. History stays in memory only and is gone on exit."
    }
    /// History row: a customer opened.
    HistoryCustomer { pt: "cliente", en: "customer" }
    /// History row: a search.
    HistorySearch { pt: "busca", en: "search" }

    // ---- Type-ahead: the local index --------------------------------------------
    /// Search info line: the local index is being fetched and built.
    TaLoading { pt: "Índice local: carregando…", en: "Local index: loading…" }
    /// Search info line: the local index is ready; `count` is formatted.
    TaReady { pt: "Índice local: {count} clientes", en: "Local index: {count} customers" }
    /// Search info line: the local index could not be loaded.
    TaUnavailable { pt: "Índice local indisponível", en: "Local index unavailable" }
    /// Status: loading the local index failed; server search still works.
    TaLoadFailed {
        pt: "Índice local indisponível ({detail}); a busca no servidor funciona normalmente",
        en: "Local index unavailable ({detail}); server search works as usual"
    }
    /// Title of the result pane while local matches show; `count` is formatted.
    TaTitle {
        pt: "Índice local · {count} correspondências · Enter busca no servidor",
        en: "Local index · {count} matches · Enter searches the server"
    }
    /// Title of the result pane when nothing local matches.
    TaTitleNone {
        pt: "Índice local · nenhuma correspondência · Enter busca no servidor",
        en: "Local index · no matches · Enter searches the server"
    }
    /// The services column of a local match: its data comes when opened.
    TaRowLocal { pt: "local", en: "local" }
    /// More local matches than shown; `count` is formatted.
    TaMore {
        pt: "▲ mais {count} no índice local: continue digitando",
        en: "▲ {count} more in the local index: keep typing"
    }

    // ==== 3. Customer view =======================================================
    // ---- Panes: titles, states, list filters, shared columns --------------------
    /// Customer details.
    PaneCustomer { pt: "Cliente", en: "Customer" }
    /// The customer's services.
    PaneServices { pt: "Serviços", en: "Services" }
    /// Last connection, from RADIUS accounting (may be stale, so not "online").
    PaneLastSeen { pt: "Visto por último", en: "Last seen" }
    /// Invoices.
    PaneInvoices { pt: "Faturas", en: "Invoices" }
    /// Tickets.
    PaneTickets { pt: "Atendimentos", en: "Tickets" }
    /// Service orders.
    PaneServiceOrders { pt: "Ordens de serviço", en: "Service orders" }
    /// Connection history.
    PaneConnections { pt: "Histórico de conexões", en: "Connection history" }
    /// Short tab labels for 80 columns, where the full titles do not fit.
    PaneTicketsShort { pt: "Atend.", en: "Tickets" }
    /// See `PaneTicketsShort`: "OS" is how ISPs say "ordem de serviço".
    PaneServiceOrdersShort { pt: "OS", en: "Orders" }
    /// See `PaneTicketsShort`.
    PaneConnectionsShort { pt: "Conexões", en: "Sessions" }
    /// A pane or the audit overlay is loading.
    StateLoading { pt: "Carregando…", en: "Loading…" }
    /// A pane has nothing to show.
    StateEmpty { pt: "Nada para mostrar", en: "Nothing to show" }
    /// A pane failed; `error` is an already localized error.
    StateError { pt: "Erro: {error}", en: "Error: {error}" }
    /// How to retry a failed pane.
    StateRetryHint { pt: "tecle {key} para tentar de novo", en: "press {key} to retry" }
    /// A value the server did not send.
    ValueMissing { pt: "—", en: "—" }
    /// Pane title suffix: the list shows only pending items.
    FilterPending { pt: "pendentes", en: "pending" }
    /// Pane title suffix: the list shows everything.
    FilterAll { pt: "todas", en: "all" }
    /// Pane title suffix: open tickets only.
    FilterOpen { pt: "abertos", en: "open" }
    /// Pane title suffix: all tickets.
    FilterAllTickets { pt: "todos", en: "all" }
    /// Column header.
    ColState { pt: "Situação", en: "State" }
    /// Column header.
    ColType { pt: "Tipo", en: "Type" }

    // ---- Customer: fields, alerts -----------------------------------------------
    /// Column header.
    ColName { pt: "Nome", en: "Name" }
    /// Column: city (search results, the cities screen, `hubdesk cities`).
    ColCity { pt: "Cidade", en: "City" }
    /// Table header: customer code.
    ColCode { pt: "Código", en: "Code" }
    /// Table header: e-mail.
    ColEmail { pt: "E-mail", en: "E-mail" }
    /// Table header: registration date.
    ColRegistered { pt: "Cadastro", en: "Registered" }
    /// Table header: active customer.
    ColActive { pt: "Ativo", en: "Active" }
    /// Table header: an alert registered for the customer.
    ColAlert { pt: "Alerta", en: "Alert" }
    /// Table header: installation address.
    ColAddress { pt: "Endereço", en: "Address" }
    /// Label.
    LabelPhones { pt: "Telefones", en: "Phones" }
    /// Label.
    LabelEmails { pt: "E-mails", en: "E-mails" }
    /// Label.
    LabelCustomerSince { pt: "Cliente desde", en: "Customer since" }
    /// Banner title of the customer's alerts.
    AlertBannerTitle { pt: "ALERTA", en: "ALERT" }
    /// End of an alert banner cut at a quarter of the screen.
    AlertBannerMore { pt: "(íntegra no painel Cliente)", en: "(in full in the Customer pane)" }
    /// The Cliente pane's section with every alert, when the banner was cut.
    LabelAlerts { pt: "Alertas", en: "Alerts" }

    // ---- Services: statuses, fields, PPPoE password -----------------------------
    /// Column header: number of services and the worst status.
    ColServices { pt: "Serviços", en: "Services" }
    /// Column: a record's service (`id_cliente_servico`).
    ColService { pt: "Serviço", en: "Service" }
    /// Table header: id_cliente_servico.
    ColServiceId { pt: "Serviço", en: "Service" }
    /// Table header: plan name.
    ColPlan { pt: "Plano", en: "Plan" }
    /// Table header: status.
    ColStatus { pt: "Situação", en: "Status" }
    /// Label.
    LabelService { pt: "Serviço", en: "Service" }
    /// Label.
    LabelPlan { pt: "Plano", en: "Plan" }
    /// Label.
    LabelTechnology { pt: "Tecnologia", en: "Technology" }
    /// Label.
    LabelSpeed { pt: "Velocidade", en: "Speed" }
    /// Label: the PPPoE password.
    LabelPassword { pt: "Senha", en: "Password" }
    /// The hidden PPPoE password; `key` reveals it.
    PasswordHidden { pt: "•••••• (tecle {key} para mostrar)", en: "•••••• (press {key} to show)" }
    /// Status: a customer's password is shown.
    PasswordShown { pt: "Senhas exibidas para {login}", en: "Passwords shown for {login}" }
    /// Status: the selected service has no password on record.
    PasswordNone { pt: "Este serviço não tem senha cadastrada", en: "This service has no password on record" }
    /// Label: the router and Wi-Fi passwords HubSoft keeps for a service
    /// (`cliente_servico/{id}/senhas`).
    LabelDevicePasswords { pt: "Senhas equip.", en: "Device pwds" }
    /// The service has no router or Wi-Fi password on record.
    DevicePasswordsNone { pt: "nenhuma cadastrada", en: "none on record" }
    /// Label.
    LabelEquipment { pt: "Equipamento", en: "Equipment" }
    /// Label: the OLT / access equipment.
    LabelOlt { pt: "OLT / acesso", en: "OLT / access" }
    /// Label.
    LabelInterface { pt: "Interface", en: "Interface" }
    /// Label.
    LabelPort { pt: "Porta", en: "Port" }
    /// The ONU/CPE layer-2 address (`phy_addr`), distinct from the login's MAC.
    LabelPhyAddr { pt: "MAC da ONU/CPE", en: "ONU/CPE MAC" }
    /// `interface_roteamento`: the routing interface of a service.
    LabelRoutingInterface { pt: "Interface de roteamento", en: "Routing interface" }
    /// `referencia`: a landmark for the installation address.
    LabelReference { pt: "Referência", en: "Landmark" }
    /// Label.
    LabelPackages { pt: "Pacotes", en: "Packages" }
    /// Label.
    LabelInstallAddress { pt: "Endereço de instalação", en: "Installation address" }
    /// A service's trust unlocks: none in the last 30 days.
    UnlocksNoneRecent { pt: "Nenhum desbloqueio nos últimos 30 dias", en: "No unlock in the last 30 days" }
    /// A service's trust unlocks: one in the last 30 days.
    UnlocksRecentOne { pt: "1 desbloqueio em 30 dias", en: "1 unlock in 30 days" }
    /// A service's trust unlocks: `count` (2 or more) in the last 30 days.
    UnlocksRecentMany { pt: "{count} desbloqueios em 30 dias", en: "{count} unlocks in 30 days" }
    /// Before another unlock: `n` ends in 1 (not 11).
    UnlockNthSt { pt: "Este seria o {n}º desbloqueio em 30 dias", en: "This would be the {n}st unlock in 30 days" }
    /// Before another unlock: `n` ends in 2 (not 12).
    UnlockNthNd { pt: "Este seria o {n}º desbloqueio em 30 dias", en: "This would be the {n}nd unlock in 30 days" }
    /// Before another unlock: `n` ends in 3 (not 13).
    UnlockNthRd { pt: "Este seria o {n}º desbloqueio em 30 dias", en: "This would be the {n}rd unlock in 30 days" }
    /// Before another unlock: any other `n`.
    UnlockNthTh { pt: "Este seria o {n}º desbloqueio em 30 dias", en: "This would be the {n}th unlock in 30 days" }
    /// `text` (one of the Unlocks*/UnlockNth* lines), then when the latest unlock ended.
    UnlockLastEnded { pt: "{text}; o último terminou em {date}", en: "{text}; the last ended on {date}" }
    /// `text` (one of the Unlocks*/UnlockNth* lines), then when the latest unlock ends (today or later).
    UnlockLastEnds { pt: "{text}; o último termina em {date}", en: "{text}; the last ends on {date}" }
    /// Serviços pane: heading of the trust-unlock history.
    PaneUnlockHistory { pt: "Desbloqueios de confiança", en: "Trust unlocks" }
    /// One trust unlock: granted on `granted`, until `ends`, with its note.
    UnlockRow { pt: "{granted} até {ends} · {note}", en: "{granted} until {ends} · {note}" }

    // ---- Last seen and connection history ---------------------------------------
    /// A reminder that last-seen data is accounting, not a live probe.
    LastSeenStaleNote {
        pt: "Dados da contabilização RADIUS; podem estar desatualizados",
        en: "From RADIUS accounting; may be out of date"
    }
    /// Last seen: online.
    LastSeenOnlineSince { pt: "Online desde {date} ({relative})", en: "Online since {date} ({relative})" }
    /// Last seen: offline.
    LastSeenOfflineSince { pt: "Offline desde {date} ({relative})", en: "Offline since {date} ({relative})" }
    /// Last seen: RADIUS says nothing usable.
    LastSeenUnknown { pt: "Situação da conexão desconhecida", en: "Connection state unknown" }
    /// Last connection: online.
    ColOnline { pt: "conectado", en: "online" }
    /// Last connection: offline.
    ColOffline { pt: "desconectado", en: "offline" }
    /// Label.
    LabelLastIp { pt: "Último IP", en: "Last IP" }
    /// Label.
    LabelNas { pt: "NAS", en: "NAS" }
    /// Connections: the selected service has no login.
    ConnectionsNoLogin {
        pt: "O serviço selecionado não tem login: sem histórico de conexões",
        en: "The selected service has no login: no connection history"
    }
    /// Connections pane: whose history is shown.
    ConnectionsOfLogin { pt: "login {login}", en: "login {login}" }
    /// Connections totals line, one session.
    ConnectionsTotalsOne {
        pt: "{count} sessão · ↓ {download} · ↑ {upload}",
        en: "{count} session · ↓ {download} · ↑ {upload}"
    }
    /// Connections totals line.
    ConnectionsTotals {
        pt: "{count} sessões · ↓ {download} · ↑ {upload}",
        en: "{count} sessions · ↓ {download} · ↑ {upload}"
    }
    /// Chart title.
    ConnectionsChart { pt: "Tráfego por sessão (MB, ↓)", en: "Traffic per session (MB, ↓)" }
    /// A session still open.
    SessionOpen { pt: "em curso", en: "ongoing" }
    /// A traffic cell whose value is impossible (negative): not a figure.
    TrafficInvalid { pt: "inválido", en: "invalid" }
    /// Column header.
    ColStart { pt: "Início", en: "Start" }
    /// Column header.
    ColStop { pt: "Fim", en: "Stop" }
    /// Table header: session end.
    ColEnd { pt: "Fim", en: "End" }
    /// Column header.
    ColDuration { pt: "Duração", en: "Duration" }
    /// Column header.
    ColDownload { pt: "Download", en: "Download" }
    /// Column header.
    ColUpload { pt: "Upload", en: "Upload" }
    /// Table header: download in MB.
    ColDownloadMb { pt: "Download (MB)", en: "Download (MB)" }
    /// Table header: upload in MB.
    ColUploadMb { pt: "Upload (MB)", en: "Upload (MB)" }
    /// Table header: concentrator.
    ColNas { pt: "Concentrador", en: "NAS" }
    /// Column header: the calling station (usually the CPE's MAC).
    ColCallingStation { pt: "MAC (calling station)", en: "MAC (calling station)" }

    // ---- Watch until online -----------------------------------------------------
    /// Status: a watch started (interval in seconds, limit as m:ss).
    WatchStarted {
        pt: "Vigiando {service}: última conexão lida a cada {interval} s, por até {limit}",
        en: "Watching {service}: last connection read every {interval} s, for up to {limit}"
    }
    /// Status: `w` on a service already watched.
    WatchAlready { pt: "{service} já está sendo vigiado", en: "{service} is already being watched" }
    /// Status: Esc stopped the watches.
    WatchStopped { pt: "Vigilância encerrada", en: "Watch stopped" }
    /// Status (stays): a watched service came online.
    WatchCameOnline { pt: "{service} está online (sessão desde {since})", en: "{service} is online (session since {since})" }
    /// Status (stays): a watched service is online in a new session.
    WatchNewSession { pt: "{service} voltou com uma nova sessão (desde {since})", en: "{service} is back in a new session (since {since})" }
    /// Status (stays): watches reached their limit (m:ss).
    WatchExpired {
        pt: "Vigilância de {service} encerrada após {limit}: ainda sem nova conexão",
        en: "Stopped watching {service} after {limit}: no new connection yet"
    }
    /// Watch row: what is watched.
    WatchRowWatching { pt: "Vigiando {service}", en: "Watching {service}" }
    /// Watch row: seconds to the next read.
    WatchRowNext { pt: "leitura em {secs} s", en: "read in {secs} s" }
    /// Watch row: a read is in flight.
    WatchRowReading { pt: "lendo…", en: "reading…" }
    /// Watch row: the reads fail; the wait doubled.
    WatchRowFailing {
        pt: "leitura falhou ({error}); nova em {secs} s",
        en: "read failed ({error}); next in {secs} s"
    }
    /// Watch row: elapsed of the limit (both m:ss).
    WatchRowElapsed { pt: "{elapsed} de {limit}", en: "{elapsed} of {limit}" }
    /// Watch row: Esc stops.
    WatchRowEsc { pt: "Esc encerra", en: "Esc stops" }
    /// Watch row: the badge of a service that came online.
    WatchBadgeOnline { pt: "ONLINE", en: "ONLINE" }
    /// Watch row: a service that came online, since when.
    WatchRowOnline { pt: "{service} desde {since}", en: "{service} since {since}" }
    /// Watch row: the offer after an action.
    WatchRowOffer {
        pt: "{service} deve voltar sozinho: w vigia até ficar online",
        en: "{service} should come back by itself: w watches until it is online"
    }

    // ---- Invoices ---------------------------------------------------------------
    /// Unpaid, not yet due.
    InvoiceOpen { pt: "em aberto", en: "open" }
    /// Due today.
    InvoiceDueToday { pt: "vence hoje", en: "due today" }
    /// Due on a future date.
    InvoiceDueOn { pt: "vence em {date}", en: "due on {date}" }
    /// One day overdue.
    InvoiceOverdueOne { pt: "vencida há 1 dia", en: "overdue by 1 day" }
    /// Several days overdue.
    InvoiceOverdueMany { pt: "vencida há {days} dias", en: "overdue by {days} days" }
    /// Paid on a date.
    InvoicePaidOn { pt: "paga em {date}", en: "paid on {date}" }
    /// Column: id_fatura (CLI tables, the receivables screen).
    ColInvoiceId { pt: "Fatura", en: "Invoice" }
    /// Column header.
    ColDue { pt: "Vencimento", en: "Due" }
    /// Column header.
    ColValue { pt: "Valor", en: "Amount" }
    /// Table header: amount.
    ColAmount { pt: "Valor", en: "Amount" }
    /// Column: payment date (CLI tables, the receivables screen).
    ColPaidOn { pt: "Pago em", en: "Paid on" }
    /// Invoice status: paid.
    ColPaid { pt: "paga", en: "paid" }
    /// Table header: boleto line.
    ColBoletoLine { pt: "Linha digitável", en: "Boleto line" }
    /// Label.
    LabelBarcode { pt: "Código de barras", en: "Barcode" }
    /// Label: the invoice's detail lines.
    LabelInvoiceLines { pt: "Detalhamento", en: "Details" }

    // ---- Tickets and service orders ---------------------------------------------
    /// Table header: id_atendimento.
    ColTicketId { pt: "Atendimento", en: "Ticket" }
    /// Table header: ticket protocol.
    ColProtocol { pt: "Protocolo", en: "Protocol" }
    /// Column header.
    ColOpened { pt: "Aberto em", en: "Opened" }
    /// Table header: description.
    ColDescription { pt: "Descrição", en: "Description" }
    /// Table header: service order number.
    ColOrderNumber { pt: "OS", en: "Order" }
    /// Column header.
    ColNumber { pt: "Número", en: "Number" }
    /// Column header.
    ColScheduled { pt: "Agendada", en: "Scheduled" }
    /// Column header.
    ColExecuted { pt: "Executada", en: "Executed" }
    /// Column / label: the technicians of a service order.
    ColTechnicians { pt: "Técnicos", en: "Technicians" }
    /// Column / label: who opened and who closed a record.
    ColPeople { pt: "Aberta / fechada por", en: "Opened / closed by" }
    /// Column / label: how a service order was closed (`status_fechamento`).
    ColClosingStatus { pt: "Fechamento", en: "Closing" }
    /// Label.
    LabelResponsible { pt: "Responsável", en: "Responsible" }
    /// Label.
    LabelDescription { pt: "Descrição", en: "Description" }
    /// Label.
    LabelClosing { pt: "Fechamento", en: "Closing" }
    /// Label: SLA time left of a ticket.
    LabelSla { pt: "SLA restante", en: "SLA left" }
    /// Label: what the technician did (`descricao_servico` of an order).
    LabelWorkDone { pt: "Serviço realizado", en: "Work done" }
    /// A service named by its plan and id (a ticket's own service).
    ServiceRef { pt: "{plan} (id {id})", en: "{plan} (id {id})" }
    /// Service-order status.
    OrderPending { pt: "pendente", en: "pending" }
    /// Service-order status.
    OrderAwaitingScheduling { pt: "aguardando agendamento", en: "awaiting scheduling" }
    /// Service-order status.
    OrderFinished { pt: "finalizada", en: "finished" }
    /// Atendimentos pane: heading of the selected ticket's message thread.
    TicketThread { pt: "Mensagens ({count}):", en: "Messages ({count}):" }
    /// A thread message written on one of the ticket's service orders.
    MessageOnOrder { pt: "na OS {id}", en: "on order {id}" }

    // ==== 4. Actions =============================================================
    // ---- Action names (for {action} in confirmations, results and errors) -------
    /// Temporary unlock of a service suspended for debt.
    ActionTrustUnlock { pt: "desbloqueio em confiança", en: "trust unlock" }
    /// Clearing the MAC bound to the PPPoE login.
    ActionResetMac { pt: "reset do MAC", en: "MAC reset" }
    /// Dropping the subscriber's current session.
    ActionDisconnect { pt: "desconexão do assinante", en: "subscriber disconnection" }
    /// Sending an invoice by e-mail.
    ActionSendInvoiceEmail { pt: "envio da fatura por e-mail", en: "sending the invoice by e-mail" }
    /// Sending an invoice by SMS.
    ActionSendInvoiceSms { pt: "envio da fatura por SMS", en: "sending the invoice by SMS" }
    /// Sending an invoice as an app notification.
    ActionSendInvoicePush { pt: "envio da fatura por notificação", en: "sending the invoice as a notification" }
    /// Opening a ticket.
    ActionOpenTicket { pt: "abertura de atendimento", en: "opening a ticket" }
    /// Editing a ticket's description.
    ActionEditTicket { pt: "edição de atendimento", en: "editing a ticket" }
    /// Closing a ticket (and its service orders).
    ActionCloseTicket { pt: "fechamento de atendimento", en: "closing a ticket" }
    /// The prospect creation, for `{action}` placeholders.
    SalesActionCreate { pt: "cadastro de prospecto", en: "prospect registration" }
    /// The notify action, for `{action}` placeholders.
    PbxActionNotify { pt: "notificação de ligação", en: "call notification" }
    /// The missed-call action, for `{action}` placeholders.
    PbxActionMissed { pt: "aviso de ligação perdida", en: "missed-call notice" }

    // ---- Confirmation dialog and its lines --------------------------------------
    /// Question before an action runs.
    ConfirmPrompt { pt: "Confirmar: {action}?", en: "Confirm: {action}?" }
    /// Affirmative answer.
    ConfirmYes { pt: "Sim", en: "Yes" }
    /// Negative answer.
    ConfirmNo { pt: "Não", en: "No" }
    /// Cancel a dialog.
    ConfirmCancel { pt: "Cancelar", en: "Cancel" }
    /// The keys of a confirmation, under its buttons; each placeholder is
    /// a key as displayed.
    ConfirmKeysLine {
        pt: "{choose} escolhe · {enter} responde · {cancel} cancela",
        en: "{choose} chooses · {enter} answers · {cancel} cancels"
    }
    /// Warning on actions that affect the subscriber's connection.
    ConfirmAffectsSubscriber {
        pt: "Esta ação afeta a conexão do assinante",
        en: "This action affects the subscriber's connection"
    }
    /// Confirmation line: the customer.
    ConfirmCustomer { pt: "Cliente: {name}", en: "Customer: {name}" }
    /// Confirmation line: the customer with their code.
    ConfirmCustomerCode { pt: "Cliente: {name} (código {code})", en: "Customer: {name} (code {code})" }
    /// Confirmation line: the service (plan and `id_cliente_servico`).
    ConfirmService { pt: "Serviço: {plan} (id {id})", en: "Service: {plan} (id {id})" }
    /// Confirmation line: the PPPoE login.
    ConfirmLogin { pt: "Login: {login}", en: "Login: {login}" }
    /// Confirmation line: the service status now.
    ConfirmStatus { pt: "Situação atual: {status}", en: "Current status: {status}" }
    /// Confirmation line: last day of a trust unlock; `days` is ConfirmDays*.
    ConfirmUnlockUntil { pt: "Desbloqueado até {date} ({days})", en: "Unlocked until {date} ({days})" }
    /// One day.
    ConfirmDaysOne { pt: "1 dia", en: "1 day" }
    /// Several days.
    ConfirmDaysMany { pt: "{count} dias", en: "{count} days" }
    /// What a MAC reset does.
    ConfirmResetMacEffect {
        pt: "O MAC vinculado é apagado; o próximo equipamento a conectar fica registrado",
        en: "The bound MAC is cleared; the next device to connect is recorded"
    }
    /// What a disconnect does.
    ConfirmDisconnectEffect {
        pt: "A sessão atual cai agora; o equipamento do cliente deve reconectar sozinho",
        en: "The current session drops now; the customer's device should reconnect by itself"
    }
    /// Confirmation line: the ticket.
    ConfirmTicket { pt: "Atendimento {protocol}", en: "Ticket {protocol}" }
    /// Confirmation line: the ticket's description as it will be sent.
    ConfirmDescription { pt: "Descrição: {text}", en: "Description: {text}" }
    /// Confirmation line: the requester of a new ticket.
    ConfirmRequester { pt: "Solicitante: {name}, {phone}", en: "Requester: {name}, {phone}" }
    /// Confirmation line: invoice and channel.
    ConfirmInvoice { pt: "Fatura {id} por {channel}", en: "Invoice {id} by {channel}" }
    /// Confirmation line: no extra recipients.
    ConfirmOnFileOnly {
        pt: "Para os contatos do cadastro",
        en: "To the contacts on file"
    }
    /// Confirmation line: extra recipients.
    ConfirmExtraRecipients { pt: "Também para: {list}", en: "Also to: {list}" }

    // ---- Before sending and in flight (quitting included) -----------------------
    /// An action needs a selected service.
    ActionNeedsService { pt: "Selecione um serviço do cliente primeiro", en: "Select one of the customer's services first" }
    /// An action needs a selected invoice.
    ActionNeedsInvoice { pt: "Selecione uma fatura no painel de faturas", en: "Select an invoice in the invoices pane" }
    /// An action needs a selected ticket.
    ActionNeedsTicket { pt: "Selecione um atendimento no painel de atendimentos", en: "Select a ticket in the tickets pane" }
    /// An action was refused because the profile is read-only.
    ActionReadOnly { pt: "Perfil somente leitura: nenhuma ação é enviada", en: "Read-only profile: no action is sent" }
    /// An action is already in flight and cannot be sent twice.
    ActionInFlight { pt: "Aguarde: {action} em andamento", en: "Please wait: {action} in progress" }
    /// An action was sent and its answer is awaited.
    ActionSending { pt: "Enviando: {action}…", en: "Sending: {action}…" }
    /// Title of the question before quitting while an action is in flight.
    QuitTitle { pt: "Sair do hubdesk", en: "Quit hubdesk" }
    /// Quitting while actions wait for the server; `actions` lists them.
    QuitInFlight {
        pt: "Aguardando o servidor: {actions}. Sair mesmo assim?",
        en: "Waiting for the server: {actions}. Quit anyway?"
    }
    /// What quitting then does to the trail.
    QuitUnknownNote {
        pt: "O resultado ficará como desconhecido na trilha de auditoria: confira no HubSoft antes de repetir.",
        en: "The audit trail will record the outcome as unknown: check in HubSoft before repeating."
    }
    /// The actions answered while the question was up.
    QuitNothingPending {
        pt: "A ação já respondeu: nada mais espera o servidor.",
        en: "The action has answered: nothing is waiting for the server."
    }

    // ---- Results: status line, result view, unknown outcomes --------------------
    /// An action succeeded without a message from the server.
    ActionDone { pt: "Concluído: {action}", en: "Done: {action}" }
    /// An action succeeded; `msg` is the server's text verbatim.
    ActionDoneWithMsg { pt: "Concluído: {action} — {msg}", en: "Done: {action} — {msg}" }
    /// A result on the status line: `customer` it was about, the outcome.
    ActionResultFor { pt: "{customer}: {text}", en: "{customer}: {text}" }
    /// Ticket opened while the attendant was elsewhere: the protocol.
    ActionTicketProtocol { pt: "Atendimento aberto, protocolo {protocol}", en: "Ticket opened, protocol {protocol}" }
    /// Invoice queued while the attendant was elsewhere.
    ActionInvoiceQueuedStatus { pt: "Fatura {id} na fila de envio ({count} destinatário(s))", en: "Invoice {id} queued for sending ({count} recipient(s))" }
    /// Timeout or unreadable answer after sending: it may have happened.
    ActionUnknown {
        pt: "Resultado desconhecido de {action}: confira no HubSoft antes de repetir",
        en: "Unknown result of {action}: check in HubSoft before repeating"
    }
    /// Title of the dialog after an unknown outcome.
    AckTitle { pt: "verificação após resultado desconhecido", en: "check after an unknown outcome" }
    /// Line of the dialog after an unknown outcome.
    AckUnknown {
        pt: "O último envio de {action} terminou sem resposta: pode ter sido feito.",
        en: "The last {action} ended without an answer: it may have happened."
    }
    /// Second line of the dialog after an unknown outcome.
    AckCheck {
        pt: "Confirme só depois de verificar no HubSoft; a ação será enviada de novo.",
        en: "Confirm only after checking in HubSoft; the action will be sent again."
    }
    /// Result view title: a ticket was opened.
    ResultTicketOpened { pt: "Atendimento aberto", en: "Ticket opened" }
    /// Result view: label above the protocol.
    ResultProtocol { pt: "Protocolo", en: "Protocol" }
    /// Result view: the answer carried no protocol field.
    ResultNoProtocol {
        pt: "O servidor não informou o protocolo: confira nos atendimentos do cliente",
        en: "The server sent no protocol: check the customer's tickets"
    }
    /// Result view: service orders opened with the ticket.
    ResultServiceOrders { pt: "Ordem de serviço aberta: {list}", en: "Service order opened: {list}" }
    /// Result view key: copy the protocol.
    ResultCopyProtocol { pt: "copia o protocolo", en: "copies the protocol" }
    /// Result view key: close.
    ResultClose { pt: "fecha", en: "closes" }
    /// Result view title: an invoice was queued for sending.
    ResultInvoiceQueued { pt: "Fatura na fila de envio", en: "Invoice queued for sending" }
    /// Result view: invoice and channel, queued.
    ResultInvoiceQueuedLine {
        pt: "Fatura {id} por {channel}: na fila",
        en: "Invoice {id} by {channel}: queued"
    }
    /// Result view: queued is not delivered (e-mail).
    ResultQueuedNotDelivered {
        pt: "Na fila do servidor; o HubSoft não confirma a entrega",
        en: "Queued on the server; HubSoft does not confirm delivery"
    }
    /// Result view: heading of the queued recipients.
    ResultRecipients { pt: "Destinatários na fila:", en: "Recipients queued:" }
    /// Result view: the job listed no recipients.
    ResultNoRecipientsListed {
        pt: "O servidor não listou os destinatários",
        en: "The server listed no recipients"
    }
    /// Result view: recipients beyond those listed.
    ResultMoreRecipients { pt: "  … e mais {count}", en: "  … and {count} more" }
    /// Result view: the server's own message, verbatim.
    ResultServerSaid { pt: "Servidor: {msg}", en: "Server: {msg}" }
    /// Action name: appending to a ticket's description.
    ActionAppendTicket { pt: "acréscimo à descrição do atendimento", en: "addition to the ticket's description" }
    /// Key: append to the selected ticket's description.
    KeyAppendTicket { pt: "Acrescentar texto", en: "Add text" }
    /// Action name: the equipment's (layer-2) MAC reset.
    ActionResetPhy { pt: "reset do MAC do equipamento (ONU/CPE)", en: "equipment (ONU/CPE) MAC reset" }
    /// Key: reset the equipment's MAC.
    KeyPhyReset { pt: "Resetar MAC da ONU", en: "Reset ONU MAC" }
    /// What a layer-2 MAC reset does.
    ConfirmResetPhyEffect {
        pt: "O MAC do equipamento (ONU/CPE) é apagado; o novo equipamento, após a troca, fica registrado",
        en: "The equipment's (ONU/CPE) MAC is cleared; the new equipment, after the swap, is recorded"
    }
    /// Confirmation line of a MAC reset: which MAC it clears.
    ConfirmClearsSessionMac {
        pt: "Apaga o MAC da sessão PPPoE/RADIUS (mac_addr): {mac}",
        en: "Clears the PPPoE/RADIUS session MAC (mac_addr): {mac}"
    }
    /// Confirmation line of a layer-2 MAC reset: which MAC it clears.
    ConfirmClearsPhyMac {
        pt: "Apaga o MAC do equipamento ONU/CPE (phy_addr): {mac}",
        en: "Clears the ONU/CPE equipment MAC (phy_addr): {mac}"
    }
    /// Action name: CPE reboot.
    ActionRebootCpe { pt: "reinicialização do equipamento (CPE)", en: "equipment (CPE) reboot" }
    /// Key: reboot the CPE.
    KeyCpeReboot { pt: "Reiniciar equipamento", en: "Reboot equipment" }
    /// What a CPE reboot does.
    ConfirmCpeRebootEffect {
        pt: "O equipamento reinicia agora; a conexão cai por um ou dois minutos",
        en: "The equipment restarts now; the connection drops for a minute or two"
    }
    /// Action name: CPE factory reset.
    ActionRestoreCpe { pt: "restauração de fábrica do equipamento (CPE)", en: "equipment (CPE) factory reset" }
    /// Key: factory-reset the CPE.
    KeyCpeRestore { pt: "Restaurar de fábrica", en: "Factory reset" }
    /// What a CPE factory reset does.
    ConfirmCpeRestoreEffect {
        pt: "O equipamento volta às configurações de fábrica: nome e senha do Wi-Fi do cliente se perdem",
        en: "The equipment returns to factory settings: the customer's Wi-Fi name and password are lost"
    }
    /// Confirmation line: the equipment an action acts on.
    ConfirmEquipment { pt: "Equipamento (phy_addr): {mac}", en: "Equipment (phy_addr): {mac}" }
    /// Typed confirmation: what to type; `typed` is what was typed so far.
    ConfirmTypeMacEnd {
        pt: "Digite os 4 últimos caracteres do MAC para liberar o Sim: [{typed}]",
        en: "Type the last 4 characters of the MAC to unlock Yes: [{typed}]"
    }
    /// Typed confirmation: what was typed does not match.
    ConfirmTypedWrong { pt: "Não confere com o fim do MAC", en: "Does not match the end of the MAC" }
    /// Typed confirmation: it matches.
    ConfirmTypedOk { pt: "Confere: Sim liberado", en: "Matches: Yes unlocked" }
    /// The selected service has no equipment address.
    ActionNeedsEquipment {
        pt: "Este serviço não tem equipamento (phy_addr) registrado no HubSoft",
        en: "This service has no equipment (phy_addr) recorded in HubSoft"
    }
    /// Action name: enabling a service.
    ActionEnableService { pt: "habilitação do serviço", en: "service enabling" }
    /// Key: enable the service.
    KeyEnableService { pt: "Habilitar serviço", en: "Enable service" }
    /// What enabling does.
    ConfirmEnableEffect {
        pt: "O serviço volta a ser habilitado; o cliente reconecta",
        en: "The service is enabled again; the customer reconnects"
    }
    /// Action name: suspending a service.
    ActionSuspendService { pt: "suspensão do serviço", en: "service suspension" }
    /// Key: suspend the service.
    KeySuspendService { pt: "Suspender serviço", en: "Suspend service" }
    /// What suspending does.
    ConfirmSuspendEffect {
        pt: "O serviço é suspenso; o cliente fica sem conexão até ser habilitado",
        en: "The service is suspended; the customer has no connection until it is enabled"
    }
    /// Action name: activating a service.
    ActionActivateService { pt: "ativação do serviço", en: "service activation" }
    /// Key: activate the service.
    KeyActivateService { pt: "Ativar serviço", en: "Activate service" }
    /// What activating does.
    ConfirmActivateEffect {
        pt: "O serviço é ativado e passa a ser cobrado",
        en: "The service is activated and starts being billed"
    }
    /// Confirmation line: the reason to enable.
    ConfirmEnableReason { pt: "Motivo: {text}", en: "Reason: {text}" }
    /// Confirmation line: the kind of suspension.
    ConfirmSuspendKind { pt: "Suspensão {kind}", en: "Suspension {kind}" }
    /// Suspension kind `suspenso_debito`.
    SuspendDebt { pt: "por débito", en: "for debt" }
    /// Suspension kind `suspenso_pedido_cliente`.
    SuspendCustomerRequest { pt: "a pedido do cliente", en: "at the customer's request" }
    /// Status line after a service-state action: the new status from the answer.
    ActionServiceNewStatus { pt: "{text} · Nova situação: {status}", en: "{text} · New status: {status}" }
    /// Confirmation line: the text appended.
    ConfirmAppendText { pt: "Acrescenta: {text}", en: "Adds: {text}" }
    /// Confirmation line: what appending keeps.
    ConfirmAppendKeeps {
        pt: "A descrição atual fica como está; o texto entra no fim, com data e seu nome",
        en: "The current description stays as it is; the text goes at the end, dated and signed"
    }
    /// Confirmation line: the ticket type.
    ConfirmTicketType { pt: "Tipo de atendimento: {id}", en: "Ticket type: {id}" }
    /// Confirmation line: the order's parameters.
    ConfirmOrderParams { pt: "OS: tipo {kind}, status {status}, técnicos {techs}", en: "Order: type {kind}, status {status}, technicians {techs}" }

    // ==== 5. Forms and field validation ==========================================
    // ---- Forms: common parts ----------------------------------------------------
    /// Keys of a form.
    FormKeys {
        pt: "Enter envia · Tab/Shift-Tab muda de campo · Espaço marca · Esc cancela",
        en: "Enter submits · Tab/Shift-Tab moves · Space toggles · Esc cancels"
    }
    /// Form subtitle part: the service.
    SubtitleService { pt: "{plan} (id {id})", en: "{plan} (id {id})" }
    /// Form subtitle part: the invoice.
    SubtitleInvoice { pt: "Fatura {id}", en: "Invoice {id}" }
    /// A form closed with Esc after typing; `key` reopens it.
    FormDraftKept {
        pt: "Rascunho guardado: {key} o retoma",
        en: "Draft kept: {key} brings it back"
    }
    /// A kept draft was opened again.
    FormDraftRestored { pt: "Rascunho retomado", en: "Draft restored" }

    // ---- Ticket form (open, edit, close) ----------------------------------------
    /// Form label: what the customer reports.
    FormDescription { pt: "Descrição", en: "Description" }
    /// Form label: who asked.
    FormRequester { pt: "Solicitante", en: "Requester" }
    /// Form label: requester's phone.
    FormPhone { pt: "Telefone", en: "Phone" }
    /// Under the phone field.
    FormPhoneHint { pt: "DDD + número, com ou sem máscara", en: "Area code + number, with or without mask" }
    /// Form label: requester's e-mail, optional.
    FormEmailOptional { pt: "E-mail (opcional)", en: "E-mail (optional)" }
    /// Form switch: `abrir_os`.
    FormOpenOrder { pt: "Abrir também ordem de serviço", en: "Also open a service order" }
    /// Under the service-order switch: its key, which works from any field.
    FormOpenOrderHint {
        pt: "Ctrl-O liga ou desliga, de qualquer campo",
        en: "Ctrl-O switches it on or off, from any field"
    }
    /// Form switch: close the ticket instead of editing it.
    FormCloseTicket { pt: "Fechar o atendimento", en: "Close the ticket" }
    /// Form label: text recorded when closing.
    FormClosingText { pt: "Texto de fechamento", en: "Closing text" }
    /// Under the closing text.
    FormClosingHint {
        pt: "Fechar o atendimento também fecha as ordens de serviço dele",
        en: "Closing the ticket also closes its service orders"
    }
    /// Keys of a form whose text fields take canned texts.
    FormKeysCanned {
        pt: "Enter envia · Tab campos · Espaço marca · Ctrl-T textos · Esc cancela",
        en: "Enter submits · Tab next · Space toggles · Ctrl-T texts · Esc cancels"
    }
    /// At a field holding a canned text whose placeholders had no value.
    FormTemplateUnfilled {
        pt: "Substitua {placeholders} antes de enviar (valor desconhecido aqui)",
        en: "Replace {placeholders} before sending (value unknown here)"
    }
    /// Title of the canned-text list.
    TemplatePickerTitle { pt: "Textos prontos", en: "Canned texts" }
    /// Keys of the canned-text list.
    TemplatePickerKeys {
        pt: "↑↓ escolhe · digite para filtrar · Enter insere · Esc volta",
        en: "↑↓ choose · type to filter · Enter inserts · Esc back"
    }
    /// The canned-text list's filter leaves nothing.
    TemplatePickerNone { pt: "Nenhum texto com esse filtro", en: "No text matches the filter" }

    // ---- Trust-unlock form ------------------------------------------------------
    /// Form label: trust unlock days.
    FormDays { pt: "Dias de desbloqueio", en: "Days unlocked" }
    /// Under the days field.
    FormDaysHint {
        pt: "O limite de dias é a regra do painel do provedor",
        en: "The maximum is the rule set in the ISP's panel"
    }
    /// Days is not a positive whole number.
    FormDaysInvalid {
        pt: "Use um número inteiro de dias, maior que zero",
        en: "Use a whole number of days, greater than zero"
    }

    // ---- Send-invoice form ------------------------------------------------------
    /// Form label: invoice channel.
    FormChannel { pt: "Enviar por", en: "Send by" }
    /// Channel name.
    ChannelEmail { pt: "E-mail", en: "E-mail" }
    /// Channel name.
    ChannelSms { pt: "SMS", en: "SMS" }
    /// Channel name: app notification.
    ChannelPush { pt: "Notificação no app", en: "App notification" }
    /// Form label: extra e-mail recipients.
    FormExtraEmails { pt: "E-mails adicionais (opcional)", en: "Extra e-mails (optional)" }
    /// Form label: extra SMS recipients.
    FormExtraPhones { pt: "Telefones adicionais (opcional)", en: "Extra phones (optional)" }
    /// Under the extra e-mails.
    FormExtraEmailsHint {
        pt: "Separe por vírgula ou espaço; os e-mails do cadastro já recebem",
        en: "Separate with commas or spaces; the e-mails on file receive it anyway"
    }
    /// Under the extra phones.
    FormExtraPhonesHint {
        pt: "Separe por vírgula; os telefones do cadastro já recebem",
        en: "Separate with commas; the phones on file receive it anyway"
    }
    /// Note on the e-mail channel.
    FormEmailNote {
        pt: "O servidor pode demorar: envia com pausas entre as mensagens",
        en: "The server may be slow: it pauses between messages"
    }
    /// Note on the SMS channel.
    FormSmsNote {
        pt: "Sucesso quer dizer entregue à plataforma de SMS, não ao cliente",
        en: "Success means handed to the SMS platform, not delivered"
    }
    /// Note on the push channel, which takes no recipients.
    FormPushNote {
        pt: "Só chega a clientes que usam o app do provedor, logados com o CPF/CNPJ; sem destinatários adicionais",
        en: "Reaches only customers using the ISP's app, logged in with their CPF/CNPJ; no extra recipients"
    }
    /// One extra recipient is invalid; `reason` is the field error.
    FormRecipientInvalid { pt: "“{item}”: {reason}", en: "“{item}”: {reason}" }

    // ---- Field validation (typed errors of br::* parsers) -----------------------
    /// A required field is empty.
    FieldEmpty { pt: "Campo vazio", en: "Field is empty" }
    /// Wrong number of digits for a CPF/CNPJ.
    DocWrongLength {
        pt: "CPF tem 11 dígitos e CNPJ tem 14; foram digitados {count}",
        en: "A CPF has 11 digits and a CNPJ 14; {count} were typed"
    }
    /// All digits equal (passes the arithmetic, but is never issued).
    DocRepeatedDigits {
        pt: "CPF/CNPJ com todos os dígitos iguais não é válido",
        en: "A CPF/CNPJ with all digits equal is not valid"
    }
    /// Characters other than digits and mask punctuation.
    DocBadCharacters {
        pt: "CPF/CNPJ aceita apenas dígitos, pontos, barra e hífen",
        en: "A CPF/CNPJ takes only digits, dots, slash and hyphen"
    }
    /// Wrong number of digits for a phone.
    PhoneWrongLength {
        pt: "Telefone precisa de DDD e 8 ou 9 dígitos; foram digitados {count}",
        en: "A phone needs the area code and 8 or 9 digits; {count} were typed"
    }
    /// Unknown area code.
    PhoneBadDdd { pt: "DDD {ddd} não existe", en: "Area code {ddd} does not exist" }
    /// 11 digits whose number does not start with 9, or a landline starting with 0/1.
    PhoneImplausible {
        pt: "Número improvável: celular começa com 9 e fixo com 2 a 5",
        en: "Unlikely number: mobiles start with 9 and landlines with 2 to 5"
    }
    /// Characters other than digits and phone punctuation.
    PhoneBadCharacters {
        pt: "Telefone aceita apenas dígitos, espaços, parênteses, hífen e +",
        en: "A phone takes only digits, spaces, parentheses, hyphen and +"
    }
    /// An amount that could not be read.
    MoneyInvalid {
        pt: "Valor inválido: use 1.234,56",
        en: "Invalid amount: use 1.234,56 or 1234.56"
    }
    /// More than two decimal places.
    MoneyTooManyDecimals { pt: "Use no máximo 2 casas decimais", en: "Use at most 2 decimal places" }
    /// An amount beyond what an invoice can hold.
    MoneyTooLarge { pt: "Valor grande demais", en: "Amount too large" }
    /// A date in neither accepted format.
    DateBadFormat {
        pt: "Data inválida: use dd/mm/aaaa",
        en: "Invalid date: use dd/mm/yyyy or yyyy-mm-dd"
    }
    /// A well-formed date that does not exist (31/02).
    DateNoSuchDay { pt: "Data inexistente: {date}", en: "No such date: {date}" }
    /// A CEP that is not 8 digits.
    CepInvalid { pt: "CEP deve ter 8 dígitos", en: "A CEP has 8 digits" }
    /// An e-mail address that is not plausible.
    EmailInvalid { pt: "E-mail inválido", en: "Invalid e-mail address" }
    /// Form field: the reason to enable (`motivo_habilitacao`).
    FormEnableReason { pt: "Motivo da habilitação", en: "Reason for enabling" }
    /// Form field: the kind of suspension (`tipo_suspensao`).
    FormSuspendKind { pt: "Tipo de suspensão", en: "Kind of suspension" }
    /// Form field: the text appended to a ticket.
    FormAppendText { pt: "Texto a acrescentar", en: "Text to add" }
    /// Form hint under the appended text.
    FormAppendHint {
        pt: "Vai ao fim da descrição, com data e seu nome; o texto do cliente fica intacto",
        en: "Goes at the end of the description, dated and signed; the customer's text stays intact"
    }
    /// Form field: the ticket type id.
    FormTicketType { pt: "Tipo de atendimento (id; vazio: SAC)", en: "Ticket type (id; empty: SAC)" }
    /// Form field: the service order type id.
    FormOrderType { pt: "Tipo da OS (id)", en: "Order type (id)" }
    /// Form field: the service order status.
    FormOrderStatus { pt: "Status da OS", en: "Order status" }
    /// Form hint: the service order status.
    FormOrderStatusHint { pt: "Vazio: aguardando agendamento", en: "Empty: awaiting scheduling" }
    /// Form field: the technicians' ids.
    FormOrderTechs { pt: "Técnicos (ids, separados por vírgula)", en: "Technicians (ids, comma-separated)" }
    /// Validation: not a positive whole number.
    FormIdInvalid { pt: "Digite um id numérico", en: "Type a numeric id" }

    // ==== 6. Clipboard ===========================================================
    // ---- Things that get copied (for {what}) ------------------------------------
    /// The boleto's typeable line.
    WhatBoletoLine { pt: "linha digitável", en: "boleto line" }
    /// The PIX copy-and-paste code.
    WhatPixCode { pt: "código PIX", en: "PIX code" }
    /// The invoice link.
    WhatInvoiceLink { pt: "link da fatura", en: "invoice link" }
    /// A ticket protocol number.
    WhatProtocol { pt: "protocolo", en: "protocol" }
    /// The PPPoE login.
    WhatLogin { pt: "login", en: "login" }
    /// An IP address.
    WhatIp { pt: "IP", en: "IP" }
    /// A MAC address.
    WhatMac { pt: "MAC", en: "MAC" }
    /// A CPF or CNPJ.
    WhatDocument { pt: "CPF/CNPJ", en: "CPF/CNPJ" }
    /// The barcode (for {what}).
    WhatBarcode { pt: "código de barras", en: "barcode" }

    // ---- Copy results and refusals ----------------------------------------------
    /// Title of the copy chooser.
    CopyMenuTitle { pt: "Copiar", en: "Copy" }
    /// Nothing copyable in the focused item.
    CopyNothing { pt: "Nada para copiar aqui", en: "Nothing to copy here" }
    /// A native tool (xclip, wl-copy, pbcopy) took the text: it is in the
    /// clipboard. `what` is a localized noun, `text` what was copied.
    CopiedNative {
        pt: "Copiado com {tool} · {what}: {text}",
        en: "Copied with {tool} · {what}: {text}"
    }
    /// tmux's buffer holds the text and tmux passes it on to the terminal's
    /// clipboard (whether the terminal honours it cannot be known).
    CopiedTmuxAndTerminal {
        pt: "No buffer do tmux e enviado à área de transferência do terminal · {what}: {text}",
        en: "In tmux's buffer and sent to the terminal's clipboard · {what}: {text}"
    }
    /// tmux's buffer holds the text; tmux does not pass it on (tmux before 3.2).
    CopiedTmuxOnly {
        pt: "No buffer do tmux (cole com o prefixo e ]) · {what}: {text}",
        en: "In tmux's buffer (paste with the prefix and ]) · {what}: {text}"
    }
    /// OSC 52 was sent; whether the terminal honours it cannot be known.
    CopiedTerminal {
        pt: "Enviado à área de transferência do terminal · {what}: {text}",
        en: "Sent to the terminal's clipboard · {what}: {text}"
    }
    /// Copying failed.
    CopyFailed { pt: "Não foi possível copiar: {reason}", en: "Could not copy: {reason}" }
    /// Copying failed; the text is shown so it can be read out.
    CopyFailedShow {
        pt: "Não foi possível copiar ({reason}) · {what}: {text}",
        en: "Could not copy ({reason}) · {what}: {text}"
    }
    /// Copy refused: nothing left after removing control characters.
    CopyErrEmpty { pt: "nada para copiar", en: "nothing to copy" }
    /// Copy refused: OSC 52 would go to a file or pipe.
    CopyErrNotTerminal {
        pt: "a saída não é um terminal",
        en: "the output is not a terminal"
    }
    /// Copy refused: beyond what terminals accept in one OSC 52 sequence.
    CopyErrTooLarge {
        pt: "texto grande demais para o terminal ({size} bytes em base64; máximo {max})",
        en: "text too large for the terminal ({size} base64 bytes; maximum {max})"
    }
    /// No native clipboard tool is installed.
    CopyErrNoTool {
        pt: "nenhuma ferramenta de cópia instalada (wl-copy, xclip, xsel)",
        en: "no clipboard tool installed (wl-copy, xclip, xsel)"
    }
    /// A native clipboard tool failed.
    CopyErrToolFailed { pt: "{tool} falhou ({detail})", en: "{tool} failed ({detail})" }
    /// A native clipboard tool hung.
    CopyErrToolTimeout {
        pt: "{tool} não terminou em {seconds} s",
        en: "{tool} did not finish within {seconds} s"
    }

    // ==== 7. Tool screens ========================================================
    // ---- Command palette and list filters ---------------------------------------
    /// Keymap context of the tool screens (network, sales, cities...).
    KeyCtxTool { pt: "Telas de consulta", en: "Tool screens" }
    /// Opens the command palette.
    KeyPalette { pt: "Comandos", en: "Commands" }
    /// Title of the command palette.
    PaletteTitle { pt: "Comandos", en: "Commands" }
    /// Palette entry that goes to the customer search.
    PaletteSearch { pt: "Buscar cliente", en: "Find a customer" }
    /// The palette has no entry for what was typed.
    PaletteNoMatch { pt: "Nenhum comando com esse nome", en: "No command by that name" }
    /// A palette command on the customer with none open.
    PaletteNeedsCustomer { pt: "Abra um cliente primeiro", en: "Open a customer first" }
    /// Starts filtering a tool screen's list.
    KeyFilter { pt: "Filtrar", en: "Filter" }
    /// Hint: `/` on the "who had the IP" tab asks for the address.
    KeyLookUpAddress { pt: "Endereço", en: "Address" }
    /// Label before a list's filter text.
    FilterLabel { pt: "Filtro", en: "Filter" }
    /// How many rows a filter leaves, of how many.
    FilterCount { pt: "{shown} de {total}", en: "{shown} of {total}" }
    /// Hint shown where the filter goes when it is empty.
    FilterHint { pt: "{key} filtra", en: "{key} to filter" }

    // ---- Cities and neighbourhoods ----------------------------------------------
    /// Opens the cities screen.
    KeyCities { pt: "Cidades e bairros", en: "Cities and neighbourhoods" }
    /// Title of the cities screen.
    ToolCities { pt: "Cidades e bairros", en: "Cities and neighbourhoods" }
    /// Column: state (UF), on the cities screen and in `hubdesk cities`.
    ColUf { pt: "UF", en: "State" }
    /// Column: number of neighbourhoods.
    ColNeighbourhoods { pt: "Bairros", en: "Neighbourhoods" }
    /// Column: IBGE code, on the cities screen and in `hubdesk cities`.
    ColIbge { pt: "IBGE", en: "IBGE" }
    /// A city with no neighbourhoods listed.
    CityNoNeighbourhoods { pt: "Nenhum bairro com clientes ativos", en: "No neighbourhood with active customers" }

    // ---- Sales: screen, tabs and keys -------------------------------------------
    /// Title of the sales screen.
    SalesTitle { pt: "Vendas", en: "Sales" }
    /// Opens the sales screen on the prospects tab (key and palette).
    SalesKeyOpen { pt: "Prospectos (vendas)", en: "Prospects (sales)" }
    /// Opens the plans for a CEP (key and palette).
    SalesKeyPlans { pt: "Planos por CEP", en: "Plans for a CEP" }
    /// Opens the new-prospect form (key and palette).
    SalesKeyNew { pt: "Novo prospecto", en: "New prospect" }
    /// What Tab does on the sales screen.
    SalesKeyTabs { pt: "abas", en: "tabs" }
    /// Tab: prospects.
    SalesTabProspects { pt: "Prospectos", en: "Prospects" }
    /// Tab: plans for a CEP.
    SalesTabPlans { pt: "Planos por CEP", en: "Plans for a CEP" }
    /// Tab: the new-prospect form.
    SalesTabNew { pt: "Novo prospecto", en: "New prospect" }

    // ---- Sales: prospects tab ---------------------------------------------------
    /// Label of the prospect search field.
    SalesSearchLabel { pt: "Nome", en: "Name" }
    /// Under the prospect search field.
    SalesSearchHint {
        pt: "Enter busca pelo nome ou razão social (o HubSoft não busca por documento)",
        en: "Enter searches by name or company name (HubSoft does not search documents)"
    }
    /// Before the first prospect search.
    SalesSearchPrompt { pt: "Digite um nome e tecle Enter", en: "Type a name and press Enter" }
    /// Title of the prospects list for a term.
    SalesProspectsFor { pt: "Prospectos: “{term}”", en: "Prospects: “{term}”" }
    /// A search found nothing.
    SalesNoProspects { pt: "Nenhum prospecto com esse nome", en: "No prospect by that name" }
    /// Column: name or company name.
    SalesColName { pt: "Nome / razão social", en: "Name / company" }
    /// Column: CPF or CNPJ.
    SalesColDocument { pt: "CPF/CNPJ", en: "CPF/CNPJ" }
    /// Column: phone.
    SalesColPhone { pt: "Telefone", en: "Phone" }
    /// Column: registration date.
    SalesColCreated { pt: "Cadastro", en: "Registered" }
    /// Column: prospect or customer.
    SalesColStatus { pt: "Situação", en: "Status" }
    /// A prospect not yet a customer.
    SalesStatusProspect { pt: "Prospecto", en: "Prospect" }
    /// A prospect HubSoft linked to a customer.
    SalesStatusCustomer { pt: "Cliente", en: "Customer" }
    /// Label: when the prospect was registered.
    SalesLabelCreated { pt: "Cadastro", en: "Registered" }
    /// Label: where the prospect came from (`origem`).
    SalesLabelOrigin { pt: "Origem", en: "Source" }
    /// The search answer carries no plan for the prospect.
    SalesPlanNotInSearch {
        pt: "a busca do HubSoft não informa o plano",
        en: "HubSoft's search does not return the plan"
    }
    /// `tipo_pessoa` pf.
    SalesPersonIndividual { pt: "pessoa física", en: "individual" }
    /// `tipo_pessoa` pj.
    SalesPersonCompany { pt: "pessoa jurídica", en: "company" }

    // ---- Sales: plans for a CEP -------------------------------------------------
    /// Under the plans tab's CEP field.
    SalesCepHint { pt: "Enter lista os planos para prospectos neste CEP", en: "Enter lists the prospect plans for this CEP" }
    /// Before the first plans read.
    SalesPlansPrompt { pt: "Digite o CEP (8 dígitos) e tecle Enter", en: "Type the CEP (8 digits) and press Enter" }
    /// Title of the plans list for a CEP.
    SalesPlansFor { pt: "Planos no CEP {cep}", en: "Plans at CEP {cep}" }
    /// A CEP with no plan for prospects.
    SalesNoPlans { pt: "Nenhum plano para prospectos neste CEP", en: "No prospect plan at this CEP" }
    /// The server refused the CEP; `msg` is its text verbatim.
    SalesPlansRefused { pt: "CEP {cep} recusado pelo HubSoft: {msg}", en: "HubSoft refused CEP {cep}: {msg}" }
    /// Under the plans list: what a CEP without business unit gives.
    SalesPlansNote {
        pt: "Sem unidade de negócio no CEP, o HubSoft lista todos os planos de prospecto",
        en: "A CEP without a business unit lists every plan enabled for prospects"
    }
    /// Enter on a plan starts a prospect with it.
    SalesPlanToProspect { pt: "{key}: novo prospecto com este plano e CEP", en: "{key}: new prospect with this plan and CEP" }
    /// Column: plan id.
    SalesColId { pt: "Id", en: "Id" }
    /// Column: a plan's download speed (sales screen, `hubdesk plans`).
    SalesColDown { pt: "Download", en: "Download" }
    /// Column: a plan's upload speed (sales screen, `hubdesk plans`).
    SalesColUp { pt: "Upload", en: "Upload" }
    /// Column: monthly price.
    SalesColValue { pt: "Valor", en: "Price" }

    // ---- Sales: new-prospect form -----------------------------------------------
    /// Form label: name or company name.
    SalesFieldName { pt: "Nome / razão social", en: "Name / company name" }
    /// Form label: document.
    SalesFieldDocument { pt: "CPF ou CNPJ", en: "CPF or CNPJ" }
    /// Form label: phone.
    SalesFieldPhone { pt: "Telefone", en: "Phone" }
    /// Form label: e-mail.
    SalesFieldEmail { pt: "E-mail", en: "E-mail" }
    /// Form label: CEP.
    SalesFieldCep { pt: "CEP", en: "CEP" }
    /// Form label: city.
    SalesFieldCity { pt: "Cidade", en: "City" }
    /// Form label: neighbourhood.
    SalesFieldNeighbourhood { pt: "Bairro", en: "Neighbourhood" }
    /// Form label: street.
    SalesFieldStreet { pt: "Endereço (rua)", en: "Street" }
    /// Form label: house number.
    SalesFieldNumber { pt: "Número", en: "Number" }
    /// Form label: plan.
    SalesFieldPlan { pt: "Plano", en: "Plan" }
    /// Form label: note.
    SalesFieldNote { pt: "Observação", en: "Note" }
    /// Under the document field.
    SalesDocumentHint {
        pt: "11 dígitos: pessoa física; 14: pessoa jurídica",
        en: "11 digits: individual; 14: company"
    }
    /// Under optional fields.
    SalesOptional { pt: "opcional", en: "optional" }
    /// Under the form's CEP field.
    SalesFormCepHint {
        pt: "8 dígitos; os planos do CEP são lidos assim que ele estiver completo",
        en: "8 digits; the CEP's plans are read as soon as it is complete"
    }
    /// Under the city field.
    SalesCityHint {
        pt: "O HubSoft não informa a cidade do CEP: escolha-a na lista (Enter ou ←/→)",
        en: "HubSoft does not tell a CEP's city: pick it from the list (Enter or ←/→)"
    }
    /// The entry of the city list for a city it does not have.
    SalesOtherCity { pt: "Outra cidade (fora da lista)", en: "Another city (not listed)" }
    /// Under a typed neighbourhood when the city is not listed.
    SalesNeighbourhoodTyped { pt: "Cidade fora da lista: digite o bairro", en: "City not listed: type the neighbourhood" }
    /// Under a typed neighbourhood when the listed city has none.
    SalesNeighbourhoodNoList {
        pt: "A cidade não tem bairros na lista: digite o bairro",
        en: "The city lists no neighbourhoods: type it"
    }
    /// Under chooser fields.
    SalesChooserHint { pt: "Enter abre a lista; ←/→ troca; digitar filtra", en: "Enter opens the list; ←/→ steps; typing filters" }
    /// Under the number field.
    SalesNumberHint { pt: "número da casa, ou S/N", en: "house number, or S/N" }
    /// A chooser with nothing chosen.
    SalesChoosePlaceholder { pt: "— escolha —", en: "— choose —" }
    /// The neighbourhood waits for the city.
    SalesChooseCityFirst { pt: "escolha a cidade primeiro", en: "choose the city first" }
    /// The cities list is loading.
    SalesCitiesLoading { pt: "Carregando as cidades…", en: "Loading the cities…" }
    /// The cities list cannot be used.
    SalesCitiesUnavailable { pt: "lista de cidades indisponível", en: "cities list unavailable" }
    /// Under city/neighbourhood when the cities list failed.
    SalesCitiesFailed {
        pt: "Não foi possível ler as cidades: digite o bairro",
        en: "The cities could not be read: type the neighbourhood"
    }
    /// Validation: no city chosen.
    SalesChooseCity { pt: "Escolha a cidade na lista (ou “Outra cidade”)", en: "Pick the city from the list (or “Another city”)" }
    /// Validation: no neighbourhood chosen.
    SalesChooseNeighbourhood { pt: "Escolha o bairro na lista da cidade", en: "Pick the neighbourhood from the city's list" }
    /// The plan needs a valid CEP first.
    SalesPlanNeedsCep { pt: "Digite um CEP válido para ver os planos", en: "Type a valid CEP to see the plans" }
    /// The plans of the form's CEP are loading.
    SalesPlansLoading { pt: "Carregando os planos do CEP…", en: "Loading the CEP's plans…" }
    /// The plans of the form's CEP could not be read.
    SalesPlansFailed {
        pt: "Os planos do CEP não puderam ser lidos: Enter no plano tenta de novo",
        en: "The CEP's plans could not be read: Enter on the plan tries again"
    }
    /// Validation: no plan chosen.
    SalesChoosePlan { pt: "Escolha um dos planos do CEP", en: "Pick one of the CEP's plans" }
    /// A chooser list with no entries.
    SalesPickerEmpty { pt: "Nada na lista", en: "Nothing in the list" }
    /// Keys of a chooser list.
    SalesPickerKeys {
        pt: "↑/↓ escolhe · Enter confirma · Esc fecha · digite para filtrar",
        en: "↑/↓ choose · Enter confirms · Esc closes · type to filter"
    }
    /// Keys of the form.
    SalesFormKeys {
        pt: "Tab/↑↓ campos · Enter envia (na escolha, abre a lista) · Esc volta",
        en: "Tab/↑↓ fields · Enter submits (on a choice, opens its list) · Esc back"
    }
    /// The form tab in a read-only profile.
    SalesReadOnlyForm {
        pt: "Perfil somente leitura: o cadastro de prospectos está desativado",
        en: "Read-only profile: registering prospects is disabled"
    }

    // ---- Sales: confirmation and result -----------------------------------------
    /// Confirmation: the prospect.
    SalesConfirmProspect { pt: "Prospecto: {name} · {doc} ({kind})", en: "Prospect: {name} · {doc} ({kind})" }
    /// Confirmation: the phone as sent.
    SalesConfirmPhone { pt: "Telefone: {phone}", en: "Phone: {phone}" }
    /// Confirmation: the e-mail.
    SalesConfirmEmail { pt: "E-mail: {email}", en: "E-mail: {email}" }
    /// Confirmation: the address.
    SalesConfirmAddress {
        pt: "Endereço: {street}, {number} · {bairro} · CEP {cep}",
        en: "Address: {street}, {number} · {bairro} · CEP {cep}"
    }
    /// Confirmation: the plan and its price.
    SalesConfirmPlan { pt: "Plano: {plan} (id {id}) · {value}", en: "Plan: {plan} (id {id}) · {value}" }
    /// Confirmation: what sending does.
    SalesConfirmEffect {
        pt: "Cria um registro de prospecto no HubSoft do provedor.",
        en: "This creates a prospect record in the ISP's HubSoft."
    }
    /// Status line after a creation.
    SalesCreatedStatus { pt: "Prospecto {id} cadastrado: {name}", en: "Prospect {id} registered: {name}" }
    /// Title of the result.
    SalesCreatedTitle { pt: "Prospecto cadastrado", en: "Prospect registered" }
    /// The new prospect's id.
    SalesCreatedId { pt: "Id do prospecto: {id}", en: "Prospect id: {id}" }
    /// Keys under the result.
    SalesCreatedKeys { pt: "{new}: novo prospecto · {back}: lista de prospectos", en: "{new}: new prospect · {back}: prospects list" }

    // ---- Receivables: filter bar ------------------------------------------------
    /// Title of the receivables screen, its key and its palette entry.
    RcvTool { pt: "Contas a receber", en: "Receivables" }
    /// Filter bar: start of the date range.
    RcvFrom { pt: "De", en: "From" }
    /// Filter bar: end of the date range.
    RcvTo { pt: "Até", en: "To" }
    /// Filter bar: which date the range applies to (`tipo_data`).
    RcvDateKind { pt: "Data", en: "Date" }
    /// `tipo_data` / `order_by` value: due date.
    RcvByDue { pt: "vencimento", en: "due date" }
    /// `tipo_data` / `order_by` value: payment date.
    RcvByPayment { pt: "pagamento", en: "payment" }
    /// `order_by` value: amount.
    RcvByAmount { pt: "valor", en: "amount" }
    /// Filter bar: only paid invoices (`apenas_quitado`).
    RcvPaidOnly { pt: "Só quitadas", en: "Paid only" }
    /// A switch that is on.
    RcvYes { pt: "sim", en: "yes" }
    /// A switch that is off.
    RcvNo { pt: "não", en: "no" }
    /// Filter bar: sort order.
    RcvOrder { pt: "Ordem", en: "Order" }
    /// Ascending order.
    RcvAsc { pt: "crescente", en: "ascending" }
    /// Descending order.
    RcvDesc { pt: "decrescente", en: "descending" }
    /// Filter bar: optional customer.
    RcvCustomer { pt: "Cliente", en: "Customer" }
    /// Placeholder of the empty customer field.
    RcvCustomerHint { pt: "código ou CPF/CNPJ", en: "code or CPF/CNPJ" }
    /// How to use the filter bar; `tab` and `enter` are key names.
    RcvFormHint { pt: "{tab} filtros · {enter} aplica", en: "{tab} filters · {enter} applies" }
    /// The documented cap, explained under the filter bar while no customer is set.
    RcvWindowNote { pt: "Sem cliente: o HubSoft aceita até {days} dias.", en: "No customer: HubSoft takes at most {days} days." }
    /// Shown instead of the cap when a customer is set.
    RcvWindowFree { pt: "Com cliente, qualquer período é aceito.", en: "With a customer, any range is accepted." }
    /// A range over the cap without a customer: refused before sending.
    RcvWindowTooLong {
        pt: "{asked} dias: sem cliente o máximo é {days}. Encurte o período ou informe um cliente.",
        en: "{asked} days: without a customer the maximum is {days}. Shorten the range or set a customer."
    }
    /// The end date is before the start date.
    RcvRangeReversed { pt: "a data final é anterior à inicial", en: "the end date is before the start date" }
    /// The customer field holds neither a code nor a valid CPF/CNPJ.
    RcvBadCustomer {
        pt: "informe o código do cliente ou um CPF/CNPJ válido",
        en: "type the customer code or a valid CPF/CNPJ"
    }
    /// A field's problem: `field` is its label.
    RcvFieldError { pt: "{field}: {reason}", en: "{field}: {reason}" }

    // ---- Receivables: table and detail ------------------------------------------
    /// Column: the customer, on the receivables screen and in `hubdesk receivables`.
    RcvColCustomer { pt: "Cliente", en: "Customer" }
    /// Totals line: how many invoices and their sum.
    RcvTotals { pt: "{count} fatura(s) · total {sum}", en: "{count} invoice(s) · total {sum}" }
    /// Totals line: the overdue part.
    RcvOverdue { pt: "vencidas {sum} ({count})", en: "overdue {sum} ({count})" }
    /// The server returned as many rows as asked: there may be more.
    RcvLimitReached { pt: "primeiras {limit}: encurte o período", en: "first {limit}: shorten the range" }
    /// Detail of the selected invoice: the customer and its code.
    RcvDetailCustomer { pt: "{name} · código {code}", en: "{name} · code {code}" }
    /// Detail label: the bank's number.
    RcvOurNumber { pt: "Nosso número", en: "Bank number" }
    /// Detail hint: Enter opens the invoice's customer.
    RcvOpenHint { pt: "{key} abre o cliente", en: "{key} opens the customer" }

    // ---- PBX: screen, keys, call notices ----------------------------------------
    /// Title of the PBX screen, its key and its palette entry.
    PbxTool { pt: "PBX e screen pop", en: "PBX and screen pop" }
    /// Key: post `pbx/ligacao/notificar` for the open customer.
    PbxKeyNotify { pt: "Notificar ligação", en: "Notify call" }
    /// Key: post `pbx/ligacao/cancelar` (missed call).
    PbxKeyMissed { pt: "Ligação perdida", en: "Missed call" }
    /// Label: the attendant's extension.
    PbxExtension { pt: "Ramal", en: "Extension" }
    /// Label: the attendant's internal id.
    PbxInternalId { pt: "Identificador interno", en: "Internal id" }
    /// Neither is configured: how to fix it. `profile` is the profile's name.
    PbxNotConfigured {
        pt: "Sem ramal neste perfil: adicione ramal = \"201\" ou internal_id = \"ATD-7\" em [profiles.{profile}] (arquivo: hubdesk config path)",
        en: "No extension in this profile: add ramal = \"201\" or internal_id = \"ATD-7\" under [profiles.{profile}] (file: hubdesk config path)"
    }
    /// Label: the screen-pop socket.
    PbxSocket { pt: "Screen pop", en: "Screen pop" }
    /// The socket is listening.
    PbxListening { pt: "ouvindo em {path}", en: "listening at {path}" }
    /// No socket.
    PbxNotListening { pt: "desligado (nenhum socket aberto)", en: "off (no socket open)" }
    /// Label: the customer notify/missed act on.
    PbxOpenCustomer { pt: "Cliente aberto", en: "Open customer" }
    /// No customer open.
    PbxNoCustomer { pt: "nenhum: abra um cliente para notificar", en: "none: open a customer to notify" }
    /// The customer line: name, code and the phone that will be sent.
    PbxCustomerLine { pt: "{name} · código {code} · {phone}", en: "{name} · code {code} · {phone}" }
    /// The notify and missed keys.
    PbxKeysLine { pt: "{notify} notifica · {missed} ligação perdida", en: "{notify} notifies · {missed} missed call" }
    /// Notify or missed without an open customer.
    PbxNeedsCustomer { pt: "Abra um cliente para notificar a ligação", en: "Open a customer to notify the call" }
    /// Confirmation line of a PBX action (the phone sent).
    PbxConfirmPhone { pt: "Telefone: {phone}", en: "Phone: {phone}" }

    // ---- PBX: screen pops (calls received) --------------------------------------
    /// The screen-pop socket could not be opened; the console works without.
    PbxScreenPopUnavailable { pt: "Screen pop desativado: {detail}", en: "Screen pop off: {detail}" }
    /// Enter on a pop.
    PbxRepeatHint { pt: "{key} repete a busca da ligação", en: "{key} repeats the call's search" }
    /// Heading of the list of pops.
    PbxRecent { pt: "Ligações recebidas nesta sessão", en: "Calls received this session" }
    /// No pop yet.
    PbxNoPops { pt: "Nenhuma ligação recebida ainda", en: "No call received yet" }
    /// A pop's search is running.
    PbxPopSearching { pt: "buscando…", en: "searching…" }
    /// A pop waits because a form or dialog was open.
    PbxPopWaiting { pt: "em espera: {key} abre", en: "waiting: {key} opens it" }
    /// A pop opened a customer.
    PbxPopOpened { pt: "abriu {name} (código {code})", en: "opened {name} (code {code})" }
    /// A pop found several customers.
    PbxPopMatches { pt: "{count} clientes: lista na busca", en: "{count} customers: listed in the search" }
    /// A pop found nobody.
    PbxPopNone { pt: "nenhum cliente com esse telefone", en: "no customer with that phone" }
    /// A pop's search failed.
    PbxPopFailed { pt: "falhou: {detail}", en: "failed: {detail}" }
    /// The attendant searched something else before the pop's answer came.
    PbxPopReplaced { pt: "substituída por outra busca", en: "replaced by another search" }
    /// Status: a pop arrived over a form or dialog.
    PbxPopQueuedStatus {
        pt: "Ligação de {phone} em espera: ao terminar, {key} e Enter abrem",
        en: "Call from {phone} waiting: when done, {key} then Enter opens it"
    }
    /// Status: a pop found nobody.
    PbxPopNoneStatus { pt: "Ligação de {phone}: nenhum cliente com esse telefone", en: "Call from {phone}: no customer with that phone" }
    /// Status: a pop found several customers.
    PbxPopMatchesStatus { pt: "Ligação de {phone}: {count} clientes, escolha na lista", en: "Call from {phone}: {count} customers, pick one" }
    /// Status: a pop opened a customer.
    PbxPopOpenedStatus { pt: "Ligação de {phone}: cliente aberto", en: "Call from {phone}: customer opened" }

    // ---- Network (NOC): POPs, equipment, service zones --------------------------
    /// Opens the network screen (POPs, equipment, service zones).
    KeyNetwork { pt: "Rede (NOC)", en: "Network (NOC)" }
    /// Title of the network screen.
    NetTitle { pt: "Rede", en: "Network" }
    /// Tab: points of presence.
    NetTabPops { pt: "POPs", en: "POPs" }
    /// Tab: connection equipment.
    NetTabEquipment { pt: "Equipamentos", en: "Equipment" }
    /// Tab: service zones.
    NetTabZones { pt: "Zonas de atendimento", en: "Service zones" }
    /// Palette entry: the POPs tab.
    NetPalettePops { pt: "Rede: POPs e seus equipamentos", en: "Network: POPs and their equipment" }
    /// Palette entry: the equipment tab.
    NetPaletteEquipment { pt: "Rede: equipamentos", en: "Network: equipment" }
    /// Palette entry: the service zones tab.
    NetPaletteZones { pt: "Rede: zonas de atendimento", en: "Network: service zones" }
    /// Network screen tab: the CPE list.
    NetTabCpes { pt: "CPEs", en: "CPEs" }
    /// Network screen tab: who held an address.
    NetTabWhoHad { pt: "Quem teve o IP", en: "Who had the IP" }
    /// Palette: the CPE list.
    NetPaletteCpes { pt: "Rede: CPEs (ONUs e roteadores)", en: "Network: CPEs (ONUs and routers)" }
    /// Palette: who held an IP or MAC.
    NetPaletteWhoHad { pt: "Rede: quem teve um IP ou MAC, e quando", en: "Network: who held an IP or MAC, and when" }
    /// Who-had tab before an address is typed; `key` is the filter key.
    NetWhoHadPrompt { pt: "Tecle {key} e digite um IPv4, MAC ou IPv6; Enter busca quem o teve", en: "Press {key} and type an IPv4, MAC or IPv6 address; Enter looks up who held it" }
    /// Label of the who-had address field.
    NetWhoHadField { pt: "Endereço", en: "Address" }
    /// Who-had: no session held the address; `address` as sent.
    NetWhoHadNobody { pt: "Nenhuma sessão teve {address} no período", en: "No session held {address} in the period" }
    /// CPE tab footer when more pages remain.
    NetCpesMore { pt: "↓ no fim carrega a próxima página", en: "↓ at the end loads the next page" }
    /// Detail of a session: the customer it belongs to, and how to open it.
    NetWhoHadOpen { pt: "Enter abre o cliente", en: "Enter opens the customer" }
    /// CPE column: MAC or GPON serial.
    CpeColPhy { pt: "MAC/serial", en: "MAC/serial" }
    /// CPE column: when the system last heard of it.
    CpeColSeen { pt: "Última notícia", en: "Last heard" }
    /// CPE column: received signal.
    CpeColRx { pt: "Sinal RX", en: "RX signal" }
    /// Column: POP name.
    NetColPop { pt: "POP", en: "POP" }
    /// Column: zone name.
    NetColZone { pt: "Zona", en: "Zone" }
    /// Column: equipment name, or a count of equipment.
    NetColEquipment { pt: "Equipamento", en: "Equipment" }
    /// Column: how many equipments a POP has.
    NetColEquipmentCount { pt: "Equip.", en: "Equip." }
    /// Column: IP address.
    NetColIp { pt: "IP", en: "IP" }
    /// Column: model, on the network screen and in `hubdesk network`.
    NetColModel { pt: "Modelo", en: "Model" }
    /// Column: manufacturer, on the network screen and in `hubdesk network`.
    NetColMaker { pt: "Fabricante", en: "Maker" }
    /// Column: interface name, or a count of interfaces (also `hubdesk network zones`).
    NetColInterfaces { pt: "Interfaces", en: "Interfaces" }
    /// A POP with no equipment.
    NetPopEmpty { pt: "Nenhum equipamento neste POP", en: "No equipment in this POP" }
    /// A zone with no interfaces.
    NetZoneEmpty { pt: "Nenhuma interface nesta zona", en: "No interface in this zone" }
    /// Equipment detail: the POPs that hold it.
    NetLabelPops { pt: "POP", en: "POP" }
    /// Equipment detail: the zones it serves.
    NetLabelZones { pt: "Zonas", en: "Zones" }
    /// Equipment detail: in no POP of the loaded list.
    NetLabelNoPop { pt: "nenhum", en: "none" }
    /// Equipment detail: in no zone of the loaded list.
    NetLabelNoZone { pt: "nenhuma", en: "none" }

    // ---- Network: jump from a service to its equipment --------------------------
    /// From a service: its connection equipment on the network screen.
    KeyNetworkJump { pt: "Serviço na rede", en: "Service on the network" }
    /// Banner over the network screen after a jump: what was found.
    NetJumpBanner { pt: "Serviço: {found}", en: "Service: {found}" }
    /// Jump: the lists are loading.
    NetJumpLooking { pt: "Procurando {what} na rede…", en: "Looking for {what} on the network…" }
    /// Jump result: the equipment found.
    NetJumpEquipment { pt: "Equipamento {name}", en: "Equipment {name}" }
    /// Jump result: the POP holding it.
    NetJumpPop { pt: "POP {name}", en: "POP {name}" }
    /// Jump result: the zone it serves.
    NetJumpZone { pt: "Zona {name}", en: "Zone {name}" }
    /// Jump result: in no POP.
    NetJumpNoPop { pt: "em nenhum POP", en: "in no POP" }
    /// Jump result: in no zone.
    NetJumpNoZone { pt: "em nenhuma zona", en: "in no zone" }
    /// Jump: nothing on the network matches the service's equipment.
    NetJumpNotFound { pt: "Nenhum equipamento da rede corresponde a {what}", en: "No network equipment matches {what}" }
    /// Jump: the service names no connection equipment.
    NetJumpNoData { pt: "Este serviço não informa o equipamento de conexão", en: "This service names no connection equipment" }
    /// Jump: the customer has no service to start from.
    NetJumpNoService { pt: "Nenhum serviço selecionado", en: "No service selected" }
    /// Jump: the network lists could not be read.
    NetJumpFailed { pt: "Não foi possível consultar a rede: {error}", en: "Could not read the network inventory: {error}" }

    // ---- NOC commands (`[[commands]]`) ------------------------------------------
    /// NOC command: the configured command line is empty.
    NocLineEmpty { pt: "o comando está vazio", en: "the command is empty" }
    /// NOC command: quotes do not balance; `detail` from the splitter.
    NocLineUnsplittable { pt: "o comando não se divide em palavras ({detail})", en: "the command cannot be split into words ({detail})" }
    /// NOC command: `{name}` is no placeholder.
    NocLineUnknownPlaceholder { pt: "marcador desconhecido {name} (use {list})", en: "unknown placeholder {name} (use {list})" }
    /// NOC command: a `{` never closed.
    NocLineUnclosed { pt: "uma chave aberta nunca é fechada", en: "an opening brace is never closed" }
    /// NOC command: the program comes from customer data.
    NocLineProgramFromData { pt: "o programa deve estar escrito, não vir de um marcador", en: "the program must be written out, not come from a placeholder" }
    /// NOC command not run: the service has no value for `name`.
    NocValueMissing { pt: "Comando não executado: o serviço não tem {name}", en: "Command not run: the service has no {name}" }
    /// NOC command not run: the value of `name` could act as an option or a
    /// word break.
    NocValueUnsafe { pt: "Comando não executado: o valor de {name} começa com - ou tem caracteres além de letras, dígitos e . _ : @ + / = % -", en: "Command not run: the value of {name} starts with - or holds characters other than letters, digits and . _ : @ + / = % -" }
    /// Key help and palette: the NOC commands' row (its name replaces it).
    KeyNocCommand { pt: "Comando NOC", en: "NOC command" }
    /// Key help: a NOC command's row.
    NocHelpRow { pt: "Comando: {name}", en: "Command: {name}" }
    /// NOC command refused: the customer's record has not arrived yet.
    NocNoCustomerYet { pt: "Comando não executado: os dados do cliente ainda não chegaram", en: "Command not run: the customer's data has not arrived yet" }
    /// NOC command confirmation: what runs.
    NocConfirmLine { pt: "Executa: {command}", en: "Runs: {command}" }
    /// NOC command confirmation: on whose data.
    NocConfirmCustomer { pt: "Com os dados de: {name}", en: "On the data of: {name}" }
    /// NOC command confirmation: the entry says `writes = true`.
    NocConfirmWrites { pt: "Este comando altera algo fora do hubdesk.", en: "This command changes something outside hubdesk." }
    /// NOC command output: still running, for `elapsed` (m:ss).
    NocRunning { pt: "em execução há {elapsed}", en: "running for {elapsed}" }
    /// NOC command output: the attendant stopped it.
    NocCancelled { pt: "interrompido após {elapsed}", en: "stopped after {elapsed}" }
    /// NOC command output: a signal ended it.
    NocExitedSignal { pt: "encerrado por um sinal após {elapsed}", en: "ended by a signal after {elapsed}" }
    /// NOC command output: it ended well.
    NocExitedOk { pt: "terminou em {elapsed}", en: "finished in {elapsed}" }
    /// NOC command output: it ended with an error code.
    NocExitedCode { pt: "terminou com código {code} em {elapsed}", en: "exited with code {code} after {elapsed}" }
    /// NOC command output: it could not be started.
    NocFailed { pt: "não iniciou: {detail}", en: "did not start: {detail}" }
    /// NOC command: the program is not on this host.
    NocNotFound { pt: "{program} não existe nesta máquina", en: "{program} is not on this host" }
    /// NOC command output: older lines were dropped.
    NocLinesDropped { pt: "… {count} linhas anteriores descartadas", en: "… {count} earlier lines dropped" }
    /// NOC command output: nothing printed yet.
    NocWaitingOutput { pt: "aguardando a saída…", en: "waiting for output…" }
    /// Hint bar: Esc stops the running command.
    NocHintStop { pt: "interromper", en: "stop" }
    /// Interactive NOC command ended well (status line).
    NocEndedOk { pt: "{name} terminou", en: "{name} finished" }
    /// Interactive NOC command ended with an error code.
    NocEndedCode { pt: "{name} terminou com código {code}", en: "{name} exited with code {code}" }
    /// Interactive NOC command ended by a signal (Ctrl-C in it).
    NocEndedSignal { pt: "{name} foi encerrado por um sinal", en: "{name} was ended by a signal" }
    /// Interactive NOC command could not be started.
    NocNotStarted { pt: "{name} não iniciou: {detail}", en: "{name} did not start: {detail}" }
    /// Printed on the plain screen before an interactive command.
    NocHandOver { pt: "hubdesk: executando {command} — ao terminar, o hubdesk volta", en: "hubdesk: running {command} — hubdesk comes back when it ends" }
    /// Printed after an interactive command failed, before waiting.
    NocPressEnter { pt: "O comando terminou com erro. Enter volta ao hubdesk. ", en: "The command ended with an error. Enter returns to hubdesk. " }

    // ==== 8. Console chrome ======================================================
    // ---- Key help: everywhere, lists, search ------------------------------------
    /// Key help: leave the console.
    KeyQuit { pt: "Sair", en: "Quit" }
    /// Key help: Ctrl-C, leave from anywhere.
    KeyInterrupt { pt: "Sair de imediato", en: "Quit immediately" }
    /// Key help: Ctrl-Z, suspend to the shell.
    KeySuspend { pt: "Suspender", en: "Suspend" }
    /// Key help: show or hide this help.
    KeyHelp { pt: "Ajuda", en: "Help" }
    /// Key help: focus the next pane.
    KeyNextPane { pt: "Próximo painel", en: "Next pane" }
    /// Key help: focus the previous pane.
    KeyPrevPane { pt: "Painel anterior", en: "Previous pane" }
    /// Key help: digits jump to a pane.
    KeyGoToPane { pt: "Ir para o painel", en: "Go to pane" }
    /// Key help: focus the search field.
    KeySearch { pt: "Buscar", en: "Search" }
    /// Key help: open the selection or submit the field.
    KeyOpen { pt: "Abrir / enviar", en: "Open / submit" }
    /// Key help: go back or cancel.
    KeyBack { pt: "Voltar / cancelar", en: "Back / cancel" }
    /// Key help: Enter answers a dialog with its focused button, submits a form.
    KeyConfirm { pt: "Confirmar", en: "Confirm" }
    /// Key help: arrows and Tab move a dialog's focus between its buttons.
    KeyChoose { pt: "Escolher Sim ou Não", en: "Choose Yes or No" }
    /// Key help: reload the focused pane.
    KeyRefresh { pt: "Atualizar", en: "Refresh" }
    /// Key help: reload every pane.
    KeyRefreshAll { pt: "Atualizar tudo", en: "Refresh all" }
    /// Key help: copy the focused value.
    KeyCopy { pt: "Copiar", en: "Copy" }
    /// Key help: selection up.
    KeyUp { pt: "Subir", en: "Up" }
    /// Key help: selection down.
    KeyDown { pt: "Descer", en: "Down" }
    /// Key help: left / collapse.
    KeyLeft { pt: "Esquerda", en: "Left" }
    /// Key help: right / expand.
    KeyRight { pt: "Direita", en: "Right" }
    /// Key help: one page up.
    KeyPageUp { pt: "Página acima", en: "Page up" }
    /// Key help: one page down.
    KeyPageDown { pt: "Página abaixo", en: "Page down" }
    /// Key help: first row.
    KeyTop { pt: "Primeira linha", en: "First row" }
    /// Key help: last row.
    KeyBottom { pt: "Última linha", en: "Last row" }
    /// Key help: cycle what the search text means (name, CPF/CNPJ, login...).
    KeyCycleSearchKind { pt: "Tipo de busca", en: "Search kind" }
    /// Key help: search with the second reading of the typed text.
    KeySearchAlternative { pt: "Buscar pela alternativa", en: "Search the alternative" }
    /// Key help: the session's search history.
    KeyHistory { pt: "Histórico", en: "History" }
    /// Key help and palette: this session's messages.
    KeyMessageLog { pt: "Mensagens da sessão", en: "Session messages" }
    /// Key help: show the audit trail.
    KeyAuditLog { pt: "Auditoria das ações", en: "Action audit log" }

    // ---- Key help: customer panes and actions -----------------------------------
    /// Key help: open a support ticket (atendimento).
    KeyTicket { pt: "Abrir atendimento", en: "Open ticket" }
    /// Key help: a ticket form with the service order already switched on.
    KeyTicketWithOrder { pt: "Atendimento com ordem de serviço", en: "Ticket with a service order" }
    /// Key help: edit the selected ticket.
    KeyEditTicket { pt: "Editar atendimento", en: "Edit ticket" }
    /// Key help: close the selected ticket.
    KeyCloseTicket { pt: "Fechar atendimento", en: "Close ticket" }
    /// Key help: trust unlock (desbloqueio em confiança).
    KeyUnlock { pt: "Desbloqueio em confiança", en: "Trust unlock" }
    /// Key help: reset the MAC address bound to the login.
    KeyMacReset { pt: "Resetar MAC", en: "Reset MAC" }
    /// Key help: drop the current connection.
    KeyDisconnect { pt: "Derrubar conexão", en: "Disconnect" }
    /// Key help: show or hide the service password.
    KeyRevealPassword { pt: "Mostrar senha", en: "Show password" }
    /// Key help: send the selected invoice.
    KeySendInvoice { pt: "Enviar fatura", en: "Send invoice" }
    /// Key help: all invoices or only pending ones.
    KeyToggleAllPending { pt: "Todas / pendentes", en: "All / pending" }
    /// Key help: open tickets or all tickets.
    KeyToggleTicketsAll { pt: "Abertos / todos", en: "Open / all" }
    /// Key help: cycle the service-order status filter.
    KeyCycleOrderFilter { pt: "Filtrar status", en: "Filter status" }
    /// Key help: show cancelled items too.
    KeyIncludeCancelled { pt: "Incluir canceladas", en: "Include cancelled" }
    /// Key help: watch the selected service until it is online.
    KeyWatch { pt: "Vigiar até ficar online", en: "Watch until online" }

    // ---- Help screen: headings, notes, footer -----------------------------------
    /// Help screen.
    PaneHelp { pt: "Ajuda", en: "Help" }
    /// Help heading: keys that work everywhere.
    KeyCtxGlobal { pt: "Geral", en: "General" }
    /// Help heading: lists and tables.
    KeyCtxNavigation { pt: "Listas", en: "Lists" }
    /// Help heading: the search field.
    KeyCtxSearch { pt: "Busca", en: "Search" }
    /// Help heading: subscriber and connection actions.
    KeyCtxSubscriber { pt: "Assinante", en: "Subscriber" }
    /// Help heading: invoices.
    KeyCtxFinancial { pt: "Financeiro", en: "Financial" }
    /// Help heading: the tickets pane.
    KeyCtxTickets { pt: "Atendimentos", en: "Tickets" }
    /// Help heading: the service-orders pane.
    KeyCtxOrders { pt: "Ordens de serviço", en: "Service orders" }
    /// Help heading: confirmation dialogs.
    KeyCtxConfirm { pt: "Confirmação", en: "Confirmation" }
    /// The help's note on letters in text fields.
    HelpTypingNote {
        pt: "Num campo de texto as letras digitam: ali valem só as teclas em destaque",
        en: "In a text field letters type: only the highlighted keys work there"
    }
    /// Help note shown on read-only profiles.
    HelpReadOnlyNote {
        pt: "Perfil somente leitura: ações que alteram dados estão ocultas",
        en: "Read-only profile: actions that change data are hidden"
    }
    /// Help footer: what the glyph after dangerous actions means.
    HelpConfirmLegend { pt: "{glyph} pede confirmação", en: "{glyph} asks for confirmation" }
    /// Help footer; `key` is the key(s) that close it.
    HelpClose { pt: "{key} fecha a ajuda", en: "{key} closes help" }

    // ---- Hint bar and scroll markers --------------------------------------------
    /// Hint bar: Esc where it goes back.
    HintBack { pt: "Voltar", en: "Back" }
    /// Hint bar: Esc on a form, which is dropped.
    HintCancel { pt: "Cancelar", en: "Cancel" }
    /// Hint bar: Esc or ? where they close what is on top.
    HintClose { pt: "Fechar", en: "Close" }
    /// Hint bar: Enter on a form.
    HintSubmit { pt: "Enviar", en: "Submit" }
    /// Hint bar: Ctrl-T on a form with canned texts.
    HintCanned { pt: "Textos prontos", en: "Canned texts" }
    /// Marker at the bottom of a pane, list or overlay whose text goes on
    /// below; `keys` scroll it.
    ScrollMoreBelow { pt: "↓ mais: {keys}", en: "↓ more: {keys}" }
    /// Marker when the text is scrolled to its end and more is above.
    ScrollMoreAbove { pt: "↑ início: {keys}", en: "↑ top: {keys}" }

    // ---- Status line badges and toggles -----------------------------------------
    /// Read-only indicator.
    ReadOnlyBadge { pt: "somente leitura", en: "read-only" }
    /// Status badge: TLS verification is off.
    InsecureBadge { pt: "TLS SEM VERIFICAÇÃO", en: "TLS NOT VERIFIED" }
    /// Status bar badge: plain http:// to a remote host.
    CleartextBadge { pt: "HTTP SEM CRIPTOGRAFIA", en: "HTTP NOT ENCRYPTED" }

    // ---- Message log ------------------------------------------------------------
    /// Title of the message log; `count` messages.
    MessageLogTitle { pt: "Mensagens desta sessão · {count}", en: "This session's messages · {count}" }
    /// The message log before anything was said.
    MessageLogEmpty {
        pt: "Nenhuma mensagem ainda. Resultados, recusas e erros desta sessão aparecem aqui, com a hora.",
        en: "No message yet. This session's results, refusals and errors show here, with their time."
    }
    /// A read that failed, in the message log: `what` (the pane or screen,
    /// with the customer for a customer's pane) and the error.
    LogReadFailed { pt: "{what}: {error}", en: "{what}: {error}" }
    /// A customer known only by code, in the message log.
    LogCustomerCode { pt: "código {code}", en: "code {code}" }

    // ---- Terminal too small -----------------------------------------------------
    /// Below the minimum terminal size.
    TerminalTooSmall {
        pt: "Terminal pequeno demais ({width}×{height}); mínimo {min_width}×{min_height}",
        en: "Terminal too small ({width}×{height}); minimum {min_width}×{min_height}"
    }
    /// Second line of the too-small screen; `key` quits.
    TerminalTooSmallHint {
        pt: "Aumente a janela ou tecle {key} para sair",
        en: "Enlarge the window or press {key} to quit"
    }

    // ---- Customer tabs: keys, strip, status -----------------------------------
    /// Help and palette: Alt-1…Alt-9.
    KeyTab { pt: "Ir para a aba de cliente", en: "Go to customer tab" }
    /// Help and palette: Ctrl-→.
    KeyNextTab { pt: "Próxima aba de cliente", en: "Next customer tab" }
    /// Help and palette: Ctrl-←.
    KeyPrevTab { pt: "Aba de cliente anterior", en: "Previous customer tab" }
    /// Help and palette: Ctrl-W.
    KeyCloseTab { pt: "Fechar a aba deste cliente", en: "Close this customer's tab" }
    /// Status: the tab on screen was closed.
    TabClosed { pt: "Aba de {name} fechada", en: "Closed {name}'s tab" }
    /// Status: opening a tenth customer closed the tab left longest ago.
    TabEvicted {
        pt: "Limite de {max} abas: fechada a de {name}, a usada há mais tempo",
        en: "{max} tabs at most: closed {name}'s, the one left longest ago"
    }
    /// Status: every open tab has an action waiting for the server.
    TabsFull {
        pt: "{max} abas abertas, todas com ação em andamento: feche uma ({key}) antes de abrir outro cliente",
        en: "{max} tabs open, each with an action in flight: close one ({key}) before opening another customer"
    }
    /// Status: the customer asked for is already open.
    TabAlreadyOpen { pt: "{name} já estava aberto (aba {n})", en: "{name} was already open (tab {n})" }
    /// Status: Alt-N with no tab N.
    TabEmpty { pt: "Nenhum cliente na aba {n}", en: "No customer in tab {n}" }
    /// Status: Ctrl-←/→ with no tab open.
    TabNone { pt: "Nenhum cliente aberto em aba", en: "No customer tabs open" }
    /// The search screen's tab strip: its label.
    TabStripLabel { pt: "Abas:", en: "Tabs:" }

    // ==== 9. Dates and times =====================================================
    // ---- Relative times (br::dates) ---------------------------------------------
    /// Less than a minute.
    RelJustNow { pt: "agora mesmo", en: "just now" }
    /// The same calendar day.
    RelToday { pt: "hoje", en: "today" }
    /// One minute in the past.
    RelMinutesAgoOne { pt: "há 1 minuto", en: "1 minute ago" }
    /// Minutes in the past.
    RelMinutesAgoMany { pt: "há {count} minutos", en: "{count} minutes ago" }
    /// One minute ahead.
    RelMinutesInOne { pt: "em 1 minuto", en: "in 1 minute" }
    /// Minutes ahead.
    RelMinutesInMany { pt: "em {count} minutos", en: "in {count} minutes" }
    /// One hour in the past.
    RelHoursAgoOne { pt: "há 1 hora", en: "1 hour ago" }
    /// Hours in the past.
    RelHoursAgoMany { pt: "há {count} horas", en: "{count} hours ago" }
    /// One hour ahead.
    RelHoursInOne { pt: "em 1 hora", en: "in 1 hour" }
    /// Hours ahead.
    RelHoursInMany { pt: "em {count} horas", en: "in {count} hours" }
    /// One day in the past.
    RelDaysAgoOne { pt: "há 1 dia", en: "1 day ago" }
    /// Days in the past.
    RelDaysAgoMany { pt: "há {count} dias", en: "{count} days ago" }
    /// One day ahead.
    RelDaysInOne { pt: "em 1 dia", en: "in 1 day" }
    /// Days ahead.
    RelDaysInMany { pt: "em {count} dias", en: "in {count} days" }
    /// One month in the past.
    RelMonthsAgoOne { pt: "há 1 mês", en: "1 month ago" }
    /// Months in the past.
    RelMonthsAgoMany { pt: "há {count} meses", en: "{count} months ago" }
    /// One month ahead.
    RelMonthsInOne { pt: "em 1 mês", en: "in 1 month" }
    /// Months ahead.
    RelMonthsInMany { pt: "em {count} meses", en: "in {count} months" }
    /// One year in the past.
    RelYearsAgoOne { pt: "há 1 ano", en: "1 year ago" }
    /// Years in the past.
    RelYearsAgoMany { pt: "há {count} anos", en: "{count} years ago" }
    /// One year ahead.
    RelYearsInOne { pt: "em 1 ano", en: "in 1 year" }
    /// Years ahead.
    RelYearsInMany { pt: "em {count} anos", en: "in {count} years" }

    // ==== 10. Audit trail ========================================================
    // ---- Writing the trail ------------------------------------------------------
    /// The audit trail could not be written, so the action was not sent.
    ActionAuditFailed { pt: "Ação não enviada: falha ao gravar a auditoria ({detail})", en: "Action not sent: could not write the audit trail ({detail})" }
    /// After an action's outcome: its line could not be written to the trail.
    ActionAuditOutcomeFailed {
        pt: "aviso: resultado não gravado na trilha de auditoria ({detail}); não repita a ação por isso",
        en: "warning: outcome not written to the audit trail ({detail}); do not repeat the action because of this"
    }
    /// The audit trail could not be written or read; actions are refused then.
    CliAuditFailed {
        pt: "Trilha de auditoria indisponível ({path}): {detail}",
        en: "Audit trail unavailable ({path}): {detail}"
    }
    /// The action went out and the server answered (said just before);
    /// only its outcome line could not be written.
    CliAuditOutcomeFailed {
        pt: "aviso: o resultado acima não foi gravado na trilha de auditoria ({path}: {detail}); a trilha mostra só a tentativa. Não repita a ação por isso",
        en: "warning: the outcome above was not written to the audit trail ({path}: {detail}); the trail shows the attempt only. Do not repeat the action because of this"
    }

    // ---- Reading it: the audit overlay and `hubdesk audit` ----------------------
    /// Title of the audit overlay; `path` is the file.
    AuditTitle { pt: "Auditoria — {path}", en: "Audit — {path}" }
    /// The audit file could not be read.
    AuditReadFailed { pt: "Não foi possível ler a auditoria: {detail}", en: "Could not read the audit trail: {detail}" }
    /// `hubdesk audit --since` got neither a period nor a date.
    CliAuditBadSince {
        pt: "--since {value}: use um período (30m, 8h, 2d) ou uma data (dd/mm/aaaa [hh:mm])",
        en: "--since {value}: give a period (30m, 8h, 2d) or a date (dd/mm/aaaa [hh:mm])"
    }
    /// `hubdesk audit --summary`: the first line (times dd/mm/aaaa hh:mm).
    CliAuditSummaryTitle { pt: "Ações de {since} a {until}: {count}", en: "Actions from {since} to {until}: {count}" }
    /// `hubdesk audit --summary` over a period without actions.
    CliAuditSummaryNone { pt: "Nenhuma ação de {since} a {until}", en: "No action from {since} to {until}" }
    /// `hubdesk audit --summary`: heading of the list of actions to check.
    CliAuditSummaryToCheck {
        pt: "Recusadas, desconhecidas e sem resultado (confira no HubSoft antes de repetir):",
        en: "Refused, unknown and without an outcome (check in HubSoft before repeating):"
    }
    /// `hubdesk audit --summary`: the row of actions no attendant was recorded for.
    CliAuditNoAttendant { pt: "(sem atendente)", en: "(no attendant)" }
    /// Summary column: all actions.
    ColTotal { pt: "Total", en: "Total" }
    /// Summary column: confirmed actions.
    ColDone { pt: "Concluídas", en: "Done" }
    /// Summary column: refused actions.
    ColRefused { pt: "Recusadas", en: "Refused" }
    /// Summary column: failed actions.
    ColFailed { pt: "Falharam", en: "Failed" }
    /// Summary column: actions with an unknown outcome.
    ColUnknown { pt: "Desconhecidas", en: "Unknown" }
    /// Summary column: attempts without an outcome line.
    ColNoOutcome { pt: "Sem resultado", en: "No outcome" }
    /// `hubdesk audit` skipped lines it could not read.
    CliAuditTornLines {
        pt: "aviso: {count} linha(s) corrompida(s) ignorada(s) em {path} (linhas {lines})",
        en: "warning: {count} torn line(s) skipped in {path} (lines {lines})"
    }
    /// Table header: time.
    ColTime { pt: "Hora", en: "Time" }
    /// Table header: action.
    ColAction { pt: "Ação", en: "Action" }
    /// Table header: outcome.
    ColOutcome { pt: "Resultado", en: "Outcome" }
    /// Table header: attendant.
    ColAttendant { pt: "Atendente", en: "Attendant" }
    /// Table header: server message.
    ColMessage { pt: "Mensagem", en: "Message" }

    // ---- Outcome words ----------------------------------------------------------
    /// Audit outcome: done.
    CliOutcomeOk { pt: "concluída", en: "done" }
    /// Audit outcome: refused.
    CliOutcomeRefused { pt: "recusada", en: "refused" }
    /// Audit outcome: failed.
    CliOutcomeFailed { pt: "falhou", en: "failed" }
    /// Audit outcome: unknown.
    CliOutcomeUnknownShort { pt: "desconhecido", en: "unknown" }
    /// Audit: the attempt line (sent, outcome not yet written).
    CliOutcomeSent { pt: "enviada", en: "sent" }

    // ==== 11. Configuration ======================================================
    // ---- Loading the config file and resolving the profile ----------------------
    /// No home directory, so no default config/data paths.
    CfgNoHome {
        pt: "Não foi possível achar a pasta pessoal do usuário; use HUBDESK_CONFIG, HUBDESK_DATA_DIR e HUBDESK_STATE_DIR",
        en: "Could not find the user's home directory; set HUBDESK_CONFIG, HUBDESK_DATA_DIR and HUBDESK_STATE_DIR"
    }
    /// `--config FILE` names a file that does not exist.
    HdConfigNotFound {
        pt: "Arquivo de configuração não encontrado: {path} (indicado por --config)",
        en: "Config file not found: {path} (given with --config)"
    }
    /// The config file exists but cannot be read.
    CfgReadFailed { pt: "Não foi possível ler {path}: {detail}", en: "Could not read {path}: {detail}" }
    /// The config file is not valid TOML or has a value of the wrong type.
    CfgParseFailed {
        pt: "Configuração inválida em {path}: {detail}",
        en: "Invalid configuration in {path}: {detail}"
    }
    /// The chosen profile is not in the file.
    CfgNoSuchProfile {
        pt: "Perfil \"{name}\" não existe no arquivo de configuração",
        en: "Profile \"{name}\" is not in the config file"
    }
    /// Config: several profiles, none chosen; `names` lists them.
    CfgNoProfileChosen {
        pt: "O arquivo de configuração tem vários perfis ({names}): escolha um com --profile, HUBDESK_PROFILE ou default_profile",
        en: "The config file has several profiles ({names}): choose one with --profile, HUBDESK_PROFILE or default_profile"
    }
    /// A required setting has no value; `env` is the variable that can supply it.
    CfgMissing {
        pt: "Falta {what}: defina no perfil ou em {env}",
        en: "Missing {what}: set it in the profile or in {env}"
    }
    /// A `*_command` failed; `detail` never contains its output.
    CfgSecretCommandFailed {
        pt: "O comando de {what} falhou: {detail}",
        en: "The {what} failed: {detail}"
    }
    /// A value is not one of the allowed ones.
    CfgBadValue { pt: "Valor inválido para {key}: \"{value}\"", en: "Invalid value for {key}: \"{value}\"" }
    /// Every run: keys this version does not know, all in one line.
    CfgUnknownKeys {
        pt: "aviso: chaves desconhecidas em {path}: {keys}",
        en: "warning: unknown keys in {path}: {keys}"
    }

    // ---- Connection safety (TLS, plain http, secrets in the address) ------------
    /// Plain http:// to a remote host without `insecure_http`.
    CfgInsecureHttp {
        pt: "{host}: http:// sem TLS só é aceito para o próprio computador; use https:// ou insecure_http = true no perfil",
        en: "{host}: plain http:// is only accepted for loopback; use https:// or insecure_http = true in the profile"
    }
    /// The server address holds `user:password@`: refused, never echoed.
    /// `source` is `--host`, `HUBSOFT_HOST` or `profiles.NAME.host`.
    CfgHostUserinfo {
        pt: "O endereço do servidor ({source}) contém usuário ou senha (usuario:senha@): remova-os; as credenciais da API vão em username e password_command",
        en: "The server address ({source}) holds a user name or password (user:password@): remove them; the API credentials go in username and password_command"
    }
    /// A file with `*_command` that others may write: refused.
    CfgUnsafeCommands {
        pt: "{path} executa comandos (password_command, client_secret_command, [[commands]]) e outros usuários podem alterá-lo: recusado. Use chmod go-w {path} (e seja o dono do arquivo)",
        en: "{path} runs commands (password_command, client_secret_command, [[commands]]) and other users may change it: refused. Run chmod go-w {path} (and own the file)"
    }
    /// Every run and `config check`: plain http:// to a remote host.
    CfgCleartextHost {
        pt: "aviso: {host} é http:// sem criptografia (insecure_http = true): a senha e os dados dos clientes trafegam em texto claro",
        en: "warning: {host} is plain http:// (insecure_http = true): the password and customer data travel in clear text"
    }
    /// `--insecure` on a CLI command: said on stderr every time.
    HdInsecureWarning {
        pt: "aviso: certificados TLS NÃO são verificados (--insecure); use só com um servidor de teste",
        en: "warning: TLS certificates are NOT verified (--insecure); use only with a test server"
    }

    // ---- Key bindings from the config file --------------------------------------
    /// Config warning: an override names no known action.
    KeymapUnknownAction {
        pt: "Teclas: ação desconhecida \"{name}\" ignorada",
        en: "Keys: unknown action \"{name}\" ignored"
    }
    /// Config warning: a key string could not be read.
    KeymapBadKey {
        pt: "Teclas: tecla desconhecida \"{key}\" para {action} ignorada",
        en: "Keys: unknown key \"{key}\" for {action} ignored"
    }
    /// Config warning: two actions active together got the same key.
    KeymapDuplicate {
        pt: "Teclas: {key} ligada a {kept} e {dropped}; fica com {kept}",
        en: "Keys: {key} bound to both {kept} and {dropped}; kept for {kept}"
    }

    // ---- `hubdesk config check` -------------------------------------------------
    /// `config check` without a file.
    CliNoConfigFile {
        pt: "Nenhum arquivo em {path}: usando padrões e variáveis de ambiente (veja hubdesk config example)",
        en: "No file at {path}: using defaults and environment variables (see hubdesk config example)"
    }
    /// `config check` with a file.
    CliConfigFile { pt: "Arquivo: {path}", en: "File: {path}" }
    /// `config check`: the profile.
    CliCheckProfile { pt: "Perfil", en: "Profile" }
    /// `config check`: the server.
    CliCheckHost { pt: "Servidor", en: "Server" }
    /// `config check`: the API user.
    CliCheckUser { pt: "Usuário", en: "User" }
    /// `config check`: where the client secret comes from.
    CliCheckClientSecret { pt: "client_secret vem de", en: "client_secret from" }
    /// `config check`: where the password comes from.
    CliCheckPassword { pt: "Senha vem de", en: "Password from" }
    /// `config check`: the audit file.
    CliCheckAudit { pt: "Auditoria", en: "Audit trail" }
    /// `config check`: where audit lines also go (`audit_sink`).
    CliCheckAuditSink { pt: "Auditoria também em", en: "Audit also sent to" }
    /// `config check`: the log folder.
    CliCheckLogs { pt: "Registros (logs)", en: "Logs" }
    /// `config check`: the canned texts offered.
    CliCheckTemplates { pt: "Textos prontos", en: "Canned texts" }
    /// `config check`: the canned texts are the built-in ones.
    CliCheckTemplatesBuiltIn { pt: "{names} (embutidos)", en: "{names} (built in)" }
    /// Secret source: an environment variable.
    CfgSourceEnv { pt: "variável de ambiente", en: "environment variable" }
    /// Secret source: a command.
    CfgSourceCommand { pt: "comando", en: "command" }
    /// Secret source: the config file.
    CfgSourceFile { pt: "arquivo de configuração (desaconselhado)", en: "config file (discouraged)" }
    /// Secret source: none.
    CfgSourceMissing { pt: "não definido", en: "not set" }
    /// `config check`: a key this version does not know.
    CfgUnknownKey { pt: "Chave desconhecida: {key}", en: "Unknown key: {key}" }
    /// `config check`: secrets written in the file.
    CfgSecretsInFile {
        pt: "Segredos gravados no arquivo (perfis: {profiles}); prefira client_secret_command/password_command ou variáveis de ambiente",
        en: "Secrets written in the file (profiles: {profiles}); prefer client_secret_command/password_command or environment variables"
    }
    /// `config check`: the file with secrets is readable by others.
    CfgSecretsReadable {
        pt: "{path} guarda segredos e pode ser lido por outros usuários: chmod 600 {path}",
        en: "{path} holds secrets and is readable by other users: chmod 600 {path}"
    }
    /// Prefix of a warning line.
    CliWarning { pt: "Aviso:", en: "Warning:" }
    /// `config check` found nothing wrong.
    CliConfigOk { pt: "Configuração OK", en: "Configuration OK" }

    /// config check: a `[[commands]]` entry is wrong; `name` names it.
    CfgCommandBad { pt: "Comando \"{name}\": {detail}", en: "Command \"{name}\": {detail}" }
    /// config check: a `[[commands]]` entry lacks `field`.
    CfgCommandMissing { pt: "um [[commands]] sem {field}", en: "a [[commands]] entry without {field}" }
    /// config check: the program is not found on this host.
    CfgCommandNoProgram { pt: "Comando \"{name}\": {program} não foi encontrado no PATH desta máquina", en: "Command \"{name}\": {program} is not on this host's PATH" }
    /// config check: the NOC commands a run offers.
    CliCheckCommands { pt: "Comandos NOC", en: "NOC commands" }
    // ---- Canned texts (`[templates]`) -------------------------------------------
    /// A template uses a name between braces that is no placeholder.
    TplUnknownPlaceholder {
        pt: "Texto pronto \"{name}\": {placeholder} não é um campo conhecido (use {known})",
        en: "Canned text \"{name}\": {placeholder} is not a known field (use {known})"
    }
    /// A template opens a brace it never closes.
    TplUnclosed {
        pt: "Texto pronto \"{name}\": uma chave aberta e não fechada",
        en: "Canned text \"{name}\": a brace opened and never closed"
    }
    /// A template with a blank name or text.
    TplEmpty {
        pt: "Texto pronto \"{name}\": nome ou texto em branco",
        en: "Canned text \"{name}\": blank name or text"
    }
    /// `--template NAME` names no template.
    TplNotFound {
        pt: "Não há texto pronto \"{name}\"; há: {names}",
        en: "No canned text \"{name}\"; there are: {names}"
    }

    // ==== 12. Command line =======================================================
    // ---- Starting up ------------------------------------------------------------
    /// The log file could not be set up.
    CliLogInitFailed {
        pt: "Aviso: sem registro em {path} ({detail})",
        en: "Warning: not logging to {path} ({detail})"
    }
    /// The async runtime could not start.
    CliRuntimeFailed { pt: "Falha ao iniciar: {detail}", en: "Could not start: {detail}" }

    // ---- Reading commands: arguments and output ---------------------------------
    /// A REF argument that is neither a code, a CPF/CNPJ nor service:ID.
    CliBadRef {
        pt: "Referência inválida \"{input}\": use o código do cliente, um CPF/CNPJ, s:ID do serviço, c:ID do cliente ou x:ID externo",
        en: "Invalid reference \"{input}\": use a customer code, a CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID"
    }
    /// `send-invoice --via push --to X`.
    CliPushNoRecipients {
        pt: "--to não se aplica a notificações: elas vão para o aplicativo do cliente",
        en: "--to does not apply to push: it goes to the customer's app"
    }
    /// Several customers share a CPF/CNPJ; the first is shown.
    CliSeveralCustomers {
        pt: "{count} clientes com este documento; mostrando o código {code}",
        en: "{count} customers share this document; showing code {code}"
    }
    /// Total sessions of a connection log.
    CliSessionsTotal { pt: "Total de conexões: {count}", en: "Total sessions: {count}" }
    /// `login` succeeded.
    CliLoggedIn {
        pt: "Autenticado como {user} em {host}; token válido até {expiry}",
        en: "Authenticated as {user} on {host}; token valid until {expiry}"
    }

    // ---- Action commands: confirmation and result -------------------------------
    /// `--template`: the text uses placeholders this command has no value for.
    CliTemplateUnknownValues {
        pt: "O texto pronto \"{name}\" usa {placeholders}, que este comando não sabe preencher: escreva o texto com --description (em ticket close, --service SERVICE_ID lê o cliente e o protocolo)",
        en: "Canned text \"{name}\" uses {placeholders}, which this command cannot fill: write the text with --description (on ticket close, --service SERVICE_ID reads the customer and the protocol)"
    }
    /// Confirmation target: a service.
    CliTargetService { pt: "serviço {id}", en: "service {id}" }
    /// Confirmation target: an invoice.
    CliTargetInvoice { pt: "fatura {id}", en: "invoice {id}" }
    /// Confirmation target: a ticket.
    CliTargetTicket { pt: "atendimento {id}", en: "ticket {id}" }
    /// An action without `--yes` and without a terminal to ask on.
    CliNeedsYes {
        pt: "{action}: sem terminal para confirmar; repita com --yes para executar. Nada foi enviado",
        en: "{action}: no terminal to confirm on; repeat with --yes to do it. Nothing was sent"
    }
    /// The choices after a confirmation question.
    CliConfirmChoices { pt: "[s/N]", en: "[y/N]" }
    /// The attendant answered no.
    CliCancelled { pt: "Cancelado: nada foi enviado", en: "Cancelled: nothing was sent" }
    /// An action succeeded; `msg` is the server's text.
    CliActionDone { pt: "Concluído ({action}): {msg}", en: "Done ({action}): {msg}" }
    /// The protocol of a ticket just opened or closed.
    CliProtocol { pt: "Protocolo: {protocol}", en: "Protocol: {protocol}" }
    /// The action may or may not have happened.
    CliOutcomeUnknown {
        pt: "Resultado desconhecido: verifique antes de repetir ({detail})",
        en: "Unknown: check before repeating ({detail})"
    }
    /// A signal arrived while an action waited for the server's answer.
    CliInterruptedUnknown {
        pt: "Interrompido antes da resposta do servidor: resultado desconhecido, verifique antes de repetir",
        en: "Interrupted before the server answered: the outcome is unknown, check before repeating"
    }

    // ---- Tool commands: output, confirmation targets, refusals ------------------
    /// Column: an id.
    Cli7ColId { pt: "Id", en: "Id" }
    /// Column: IPv6.
    Cli7ColIpv6 { pt: "IPv6", en: "IPv6" }
    /// Column: equipment.
    Cli7ColEquipment { pt: "Equipamentos", en: "Equipment" }
    /// Column: neighbourhoods.
    Cli7ColNeighbourhoods { pt: "Bairros", en: "Neighbourhoods" }
    /// Confirmation target of a prospect creation.
    Cli7TargetProspect { pt: "{name}, {doc}, plano {plan}", en: "{name}, {doc}, plan {plan}" }
    /// The id of a created prospect.
    Cli7ProspectId { pt: "Prospecto nº {id}", en: "Prospect no. {id}" }
    /// The plan is not offered at the CEP.
    Cli7PlanNotAtCep { pt: "O plano {plan} não é oferecido no CEP {cep} (veja `hubdesk plans {cep}`); nada foi cadastrado", en: "Plan {plan} is not offered at CEP {cep} (see `hubdesk plans {cep}`); nothing was created" }
    /// The neighbourhood is not in the city's list.
    Cli7NeighbourhoodUnknown { pt: "Aviso: o bairro {bairro} não está na lista de {city} (ela só traz bairros com clientes ativos); enviado como digitado", en: "Warning: neighbourhood {bairro} is not in the list of {city} (it only has neighbourhoods with active customers); sent as typed" }
    /// The city is not in the cities list.
    Cli7CityUnknown { pt: "Aviso: a cidade {city} não está na lista de cidades com clientes ativos; bairro não conferido", en: "Warning: city {city} is not in the list of cities with active customers; neighbourhood not checked" }
    /// Refusal of a receivables window longer than the API allows.
    Cli7ReceivablesWindow {
        pt: "Sem --customer o HubSoft limita /financeiro a {max} dias entre --from e --to, e este período tem {days} ({from} a {to}). Nada foi enviado: encurte o período ou informe --customer.",
        en: "Without --customer HubSoft limits /financeiro to {max} days between --from and --to, and this period has {days} ({from} to {to}). Nothing was sent: shorten the period or give --customer."
    }
    /// Totals under the receivables table.
    Cli7ReceivablesTotals { pt: "Faturas: {count} · total {sum} · vencidas em aberto {overdue}", en: "Invoices: {count} · total {sum} · overdue unpaid {overdue}" }
    /// The server returned as many invoices as the limit.
    Cli7ReceivablesMore { pt: "Vieram {limit} faturas, o limite: pode haver mais (use --limit ou encurte o período)", en: "{limit} invoices came back, the limit: there may be more (use --limit or shorten the period)" }
    /// Confirmation target of a PBX call.
    Cli7TargetPbx { pt: "{who}, telefone {phone}", en: "{who}, phone {phone}" }
    /// The PBX target: an extension.
    Cli7TargetRamal { pt: "ramal {ramal}", en: "extension {ramal}" }
    /// The PBX target: an internal id.
    Cli7TargetInternalId { pt: "identificador {id}", en: "internal id {id}" }
    /// No extension for a PBX command.
    Cli7PbxNoRamal { pt: "Sem ramal: defina `ramal` no perfil ou use --ramal ou --internal-id", en: "No extension: set `ramal` in the profile or use --ramal or --internal-id" }
    /// Two exports close together: the server may answer from its cache.
    Cli7ExportCacheNote { pt: "A exportação anterior deste servidor foi há {minutes} min: o HubSoft guarda cliente/all em cache e pode devolver a mesma resposta", en: "The previous export from this server was {minutes} min ago: HubSoft caches cliente/all and may return the same answer" }
    /// Progress of an export.
    Cli7ExportProgress { pt: "{count} clientes · {size}", en: "{count} customers · {size}" }
    /// End of an export on a terminal.
    Cli7ExportDone { pt: "{count} clientes exportados ({size})", en: "{count} customers exported ({size})" }
    /// An export that broke off.
    Cli7ExportPartial { pt: "Exportação interrompida depois de {count} clientes: {detail}", en: "Export broken off after {count} customers: {detail}" }
    /// `call`: sent.
    Cli7CallSent { pt: "Ligação de {phone} enviada ao console", en: "Call from {phone} sent to the console" }
    /// `call`: nobody listens.
    Cli7CallNoConsole { pt: "Nenhum console do perfil {profile} está aberto para receber a ligação ({path})", en: "No console of profile {profile} is open to take the call ({path})" }
    /// `call`: no answer in time.
    Cli7CallTimeout { pt: "O console não respondeu em {secs} s", en: "The console did not answer within {secs} s" }
    /// `call`: refused by the console.
    Cli7CallRefused { pt: "O console recusou a ligação ({code})", en: "The console refused the call ({code})" }
    /// `call`: another failure.
    Cli7CallFailed { pt: "Falha ao falar com o console: {detail}", en: "Could not talk to the console: {detail}" }

    // ---- --help: the program and its global options -----------------------------
    /// --help: the program.
    HelpAbout {
        pt: "Console de atendimento para provedores que usam o HubSoft. Sem comando, abre o console interativo",
        en: "Help-desk console for ISPs running HubSoft. Without a command, opens the interactive console"
    }
    /// --help: --profile.
    HelpProfile { pt: "Perfil do arquivo de configuração (ou HUBDESK_PROFILE)", en: "Profile from the config file (or HUBDESK_PROFILE)" }
    /// --help: --config.
    HelpConfig { pt: "Arquivo de configuração (ou HUBDESK_CONFIG)", en: "Config file (or HUBDESK_CONFIG)" }
    /// --help: --host.
    HelpHost { pt: "Endereço da API HubSoft (ou HUBSOFT_HOST)", en: "HubSoft API address (or HUBSOFT_HOST)" }
    /// --help: --lang.
    HelpLang { pt: "Idioma: pt-BR ou en", en: "Language: pt-BR or en" }
    /// --help: --no-color.
    HelpNoColor { pt: "Sem cores (como NO_COLOR)", en: "No colours (like NO_COLOR)" }
    /// --help: --theme.
    HelpTheme { pt: "Tema de cores", en: "Colour theme" }
    /// --help: --read-only.
    HelpReadOnly { pt: "Recusa toda ação que altera dados", en: "Refuse every action that changes data" }
    /// --help: --privacy.
    HelpPrivacy {
        pt: "Mascara CPF/CNPJ, telefones, e-mails e números de endereço",
        en: "Mask CPF/CNPJ, phones, e-mails and street numbers"
    }
    /// --help: --insecure.
    HelpInsecure {
        pt: "Aceita certificado TLS inválido ou autoassinado (como curl -k)",
        en: "Accept an invalid or self-signed TLS certificate (like curl -k)"
    }
    /// --help: --log-level.
    HelpLogLevel { pt: "Nível do arquivo de registro", en: "Level of the log file" }
    /// --help: --timeout.
    HelpTimeout {
        pt: "Tempo máximo de cada consulta, em segundos (token, tentativas e esperas incluídos)",
        en: "Time limit of each call, in seconds (token, tries and waits included)"
    }
    /// --help: --allow-core-dump.
    HelpAllowCoreDump {
        pt: "Permite core dump (desligado por padrão: guardaria senha, token e dados de clientes); só para depuração",
        en: "Allow core dumps (off by default: they would hold the password, the token and customer data); for debugging only"
    }
    /// --help: --typeahead.
    TaHelpFlag {
        pt: "Console: índice local em memória para resultados instantâneos enquanto digita (baixa cliente/all)",
        en: "Console: in-memory local index for instant results while typing (fetches cliente/all)"
    }
    /// --help: --json.
    HelpJson { pt: "Saída em JSON, com os nomes de campo do HubSoft", en: "JSON output, with HubSoft's field names" }
    /// --help: --yes.
    HelpYes { pt: "Executa ações sem perguntar", en: "Do actions without asking" }

    // ---- --help: commands and their arguments -----------------------------------
    /// --help: search.
    HelpCmdSearch {
        pt: "Busca clientes por nome, CPF/CNPJ, código, telefone, login, IP ou MAC",
        en: "Find customers by name, CPF/CNPJ, code, phone, login, IP or MAC"
    }
    /// --help: TERM.
    HelpArgTerm { pt: "O que buscar; o tipo é detectado como no console", en: "What to find; its kind is detected as in the console" }
    /// --help: --by.
    HelpArgBy { pt: "Tipo de busca, em vez de detectar", en: "Search kind, instead of detecting it" }
    /// --help: --cancelled.
    HelpArgCancelled { pt: "Inclui serviços cancelados", en: "Include cancelled services" }
    /// --help: --limit.
    HelpArgLimit { pt: "No máximo N registros", en: "At most N records" }
    /// --help: customer.
    HelpCmdCustomer { pt: "Mostra um cliente e seus serviços", en: "Show a customer and their services" }
    /// --help: REF.
    HelpArgRef { pt: "Código do cliente, CPF/CNPJ, s:ID do serviço, c:ID do cliente ou x:ID externo", en: "Customer code, CPF/CNPJ, s:SERVICE_ID, c:CUSTOMER_ID or x:EXTERNAL_ID" }
    /// --help: invoices.
    HelpCmdInvoices { pt: "Faturas de um cliente (em aberto, ou todas)", en: "A customer's invoices (open, or all)" }
    /// --help: invoices --all.
    HelpArgAllInvoices { pt: "Inclui faturas pagas", en: "Include paid invoices" }
    /// --help: tickets.
    HelpCmdTickets { pt: "Atendimentos de um cliente", en: "A customer's tickets" }
    /// --help: tickets --all.
    HelpArgAllTickets { pt: "Inclui atendimentos fechados", en: "Include closed tickets" }
    /// --help: orders.
    HelpCmdOrders { pt: "Ordens de serviço de um cliente", en: "A customer's service orders" }
    /// --help: orders --status.
    HelpArgStatus { pt: "Só ordens nesta situação", en: "Only orders with this status" }
    /// --help: connections.
    HelpCmdConnections { pt: "Extrato de conexões de um login", en: "Connection history of a login" }
    /// --help: LOGIN.
    HelpArgLogin { pt: "Login PPPoE/RADIUS", en: "PPPoE/RADIUS login" }
    /// --help: --from.
    HelpArgFrom { pt: "Primeiro dia (dd/mm/aaaa)", en: "First day (dd/mm/yyyy)" }
    /// --help: --to (dates), of `connections` and `receivables`.
    HelpArgTo { pt: "Último dia (dd/mm/aaaa)", en: "Last day (dd/mm/yyyy)" }
    /// --help: unlock.
    HelpCmdUnlock { pt: "Desbloqueio em confiança de um serviço", en: "Trust unlock of a service" }
    /// --help: SERVICE_ID.
    HelpArgServiceId { pt: "id_cliente_servico do serviço", en: "The service's id_cliente_servico" }
    /// --help: --days.
    HelpArgDays { pt: "Dias de desbloqueio", en: "Days unlocked" }
    /// --help: reset-mac.
    HelpCmdResetMac { pt: "Limpa o MAC vinculado a um serviço", en: "Clear the MAC bound to a service" }
    /// --help: disconnect.
    HelpCmdDisconnect { pt: "Derruba a sessão de um serviço", en: "Drop a service's session" }
    /// --help: send-invoice.
    HelpCmdSendInvoice { pt: "Reenvia uma fatura por e-mail, SMS ou notificação", en: "Send an invoice again by e-mail, SMS or push" }
    /// --help: INVOICE_ID.
    HelpArgInvoiceId { pt: "id_fatura da fatura", en: "The invoice's id_fatura" }
    /// --help: --via.
    HelpArgVia { pt: "Canal de envio", en: "Channel" }
    /// --help: send-invoice --to.
    HelpArgRecipient {
        pt: "Destinatário extra (e-mail ou telefone); pode repetir",
        en: "Extra recipient (e-mail or phone); may be repeated"
    }
    /// --help: ticket.
    HelpCmdTicket { pt: "Abre ou fecha atendimentos", en: "Open or close tickets" }
    /// --help: ticket open.
    HelpCmdTicketOpen { pt: "Abre um atendimento em um serviço", en: "Open a ticket on a service" }
    /// --help: --description.
    HelpArgDescription { pt: "O que o cliente relata", en: "What the customer reports" }
    /// --help: --name.
    HelpArgName { pt: "Quem solicitou", en: "Who asked" }
    /// --help: --phone.
    HelpArgPhone { pt: "Telefone de quem solicitou", en: "Requester's phone" }
    /// --help: --email.
    HelpArgEmail { pt: "E-mail de quem solicitou", en: "Requester's e-mail" }
    /// --help: --with-order.
    HelpArgWithOrder { pt: "Abre também uma ordem de serviço", en: "Also open a service order" }
    /// --help: ticket close.
    HelpCmdTicketClose { pt: "Fecha um atendimento", en: "Close a ticket" }
    /// --help: ticket ID.
    HelpArgTicketId { pt: "id_atendimento do atendimento", en: "The ticket's id_atendimento" }
    /// --help: ticket close --description.
    HelpArgCloseDescription {
        pt: "Texto de fechamento (vai em parametros.texto_fechamento; a descrição do cliente não muda)",
        en: "Closing text (sent in parametros.texto_fechamento; the customer's description is kept)"
    }
    /// --help: ticket open --template.
    HelpArgTemplate {
        pt: "Um texto pronto ([templates] da configuração) como descrição, preenchido com os dados do cliente",
        en: "A canned text (the config's [templates]) as the description, filled with the customer's data"
    }
    /// --help: ticket close --template.
    HelpArgCloseTemplate {
        pt: "Um texto pronto ([templates] da configuração) como texto de fechamento (conhece o atendente e a data)",
        en: "A canned text (the config's [templates]) as the closing text (knows the attendant and the date)"
    }
    /// --help: ticket close --service.
    HelpArgCloseService {
        pt: "O serviço do atendimento: lê o cliente e o protocolo para preencher o texto pronto",
        en: "The ticket's service: reads its customer and the protocol to fill the canned text"
    }
    /// --help: login.
    HelpCmdLogin {
        pt: "Confere as credenciais e mostra o usuário e a validade do token",
        en: "Check the credentials and show the user and the token's expiry"
    }
    /// --help: config.
    HelpCmdConfig { pt: "Arquivo de configuração", en: "The config file" }
    /// --help: config path.
    HelpCmdConfigPath { pt: "Mostra onde fica o arquivo de configuração", en: "Print where the config file is" }
    /// --help: config check.
    HelpCmdConfigCheck {
        pt: "Confere o arquivo: chaves desconhecidas, teclas inválidas ou repetidas, segredos expostos",
        en: "Check the file: unknown keys, bad or duplicate key bindings, exposed secrets"
    }
    /// --help: config example.
    HelpCmdConfigExample { pt: "Mostra um arquivo de configuração comentado", en: "Print a commented example config" }
    /// --help: audit.
    HelpCmdAudit { pt: "Últimas entradas da trilha de auditoria, ou o relatório do turno (--summary)", en: "Latest entries of the audit trail, or the shift report (--summary)" }
    /// --help: audit --since.
    HelpArgAuditSince {
        pt: "Só a partir de: um período até agora (30m, 8h, 2d) ou uma data (dd/mm/aaaa [hh:mm])",
        en: "Only from: a period back from now (30m, 8h, 2d) or a date (dd/mm/aaaa [hh:mm])"
    }
    /// --help: audit --summary.
    HelpArgAuditSummary {
        pt: "Relatório do turno: ações por tipo e por atendente, recusadas e desconhecidas",
        en: "Shift report: actions per kind and per attendant, refused and unknown ones"
    }
    /// --help: completions.
    HelpCmdCompletions { pt: "Gera o autocompletar para um shell", en: "Generate shell completions" }
    /// --help: SHELL.
    HelpArgShell { pt: "Shell", en: "Shell" }
    /// --help: man.
    HelpCmdMan { pt: "Gera a página de manual (roff)", en: "Generate the manual page (roff)" }

    // ---- --help: tool commands and their arguments ------------------------------
    /// `network`: about.
    Cli7HelpCmdNetwork { pt: "Inventário de rede: POPs, equipamentos e zonas de atendimento", en: "Network inventory: POPs, equipment and service zones" }
    /// `network pops`: about.
    Cli7HelpCmdNetworkPops { pt: "POPs com seus equipamentos de conexão", en: "POPs with their connection equipment" }
    /// `network equipment`: about.
    Cli7HelpCmdNetworkEquipment { pt: "Equipamentos de conexão: nome, IP, modelo, fabricante", en: "Connection equipment: name, IP, model, maker" }
    /// `network zones`: about.
    Cli7HelpCmdNetworkZones { pt: "Zonas de atendimento com suas interfaces e equipamentos", en: "Service zones with their interfaces and equipment" }
    /// Optional filter text of a listing.
    Cli7HelpArgFilter { pt: "Mostra só o que contém este texto (sem distinguir maiúsculas nem acentos)", en: "Show only what contains this text (case and accents ignored)" }
    /// `prospects`: about.
    Cli7HelpCmdProspects { pt: "Prospectos: buscar e cadastrar", en: "Prospects: search and create" }
    /// `prospects search`: about.
    Cli7HelpCmdProspectsSearch { pt: "Busca prospectos pelo nome ou razão social", en: "Search prospects by name or company name" }
    /// `prospects search NAME`.
    Cli7HelpArgProspectSearch { pt: "Parte do nome ou da razão social", en: "Part of the name or company name" }
    /// `prospects create`: about.
    Cli7HelpCmdProspectsCreate { pt: "Cadastra um prospecto para um plano (uma ação: pede confirmação)", en: "Register a prospect for a plan (an action: asks for confirmation)" }
    /// `prospects create --name`.
    Cli7HelpArgProspectName { pt: "Nome ou razão social", en: "Name or company name" }
    /// `prospects create --document`.
    Cli7HelpArgDocument { pt: "CPF ou CNPJ (define pessoa física ou jurídica)", en: "CPF or CNPJ (sets person or company)" }
    /// `prospects create --phone`.
    Cli7HelpArgProspectPhone { pt: "Telefone, com DDD", en: "Phone, with area code" }
    /// `prospects create --email`.
    Cli7HelpArgProspectEmail { pt: "E-mail", en: "E-mail" }
    /// `prospects create --cep`.
    Cli7HelpArgCep { pt: "CEP do endereço de instalação (8 dígitos)", en: "CEP of the installation address (8 digits)" }
    /// `prospects create --plan`.
    Cli7HelpArgPlan { pt: "Plano (id_servico), de `hubdesk plans CEP`", en: "Plan (id_servico), from `hubdesk plans CEP`" }
    /// `prospects create --value`.
    Cli7HelpArgValue { pt: "Valor mensal em R$; sem ele, o preço do plano para o CEP", en: "Monthly price in R$; without it, the plan's price for the CEP" }
    /// `prospects create --street`.
    Cli7HelpArgStreet { pt: "Logradouro", en: "Street" }
    /// `prospects create --number`.
    Cli7HelpArgNumber { pt: "Número (ou S/N)", en: "House number (or S/N)" }
    /// `prospects create --neighbourhood`.
    Cli7HelpArgNeighbourhood { pt: "Bairro", en: "Neighbourhood (bairro)" }
    /// `prospects create --city`.
    Cli7HelpArgCity { pt: "Cidade, para conferir o bairro na lista de cidades", en: "City, to check the neighbourhood against the cities list" }
    /// `prospects create --note`.
    Cli7HelpArgNote { pt: "Observação", en: "Note (observacao)" }
    /// `plans`: about.
    Cli7HelpCmdPlans { pt: "Planos oferecidos a prospectos num CEP (velocidades em Mbps)", en: "Plans offered to prospects at a CEP (speeds in Mbps)" }
    /// `plans CEP`.
    Cli7HelpArgPlansCep { pt: "CEP (8 dígitos, com ou sem hífen)", en: "CEP (8 digits, with or without the dash)" }
    /// `cities`: about.
    Cli7HelpCmdCities { pt: "Cidades e bairros com clientes ativos", en: "Cities and neighbourhoods with active customers" }
    /// `receivables`: about.
    Cli7HelpCmdReceivables { pt: "Contas a receber de todos os clientes num período (/financeiro), com totais", en: "Receivables of all customers in a period (/financeiro), with totals" }
    /// `receivables --from`.
    Cli7HelpArgRecvFrom { pt: "Primeiro dia (dd/mm/aaaa); sem --customer, no máximo 30 dias até --to", en: "First day (dd/mm/yyyy); without --customer, at most 30 days before --to" }
    /// `receivables --date-type`.
    Cli7HelpArgDateType { pt: "Data que o período filtra (tipo_data)", en: "Which date the period filters on (tipo_data)" }
    /// `receivables --paid-only`.
    Cli7HelpArgPaidOnly { pt: "Só faturas pagas (apenas_quitado)", en: "Paid invoices only (apenas_quitado)" }
    /// `receivables --order`.
    Cli7HelpArgOrder { pt: "Ordenar por (order_by)", en: "Order by (order_by)" }
    /// `receivables --desc`.
    Cli7HelpArgDesc { pt: "Ordem decrescente", en: "Descending order" }
    /// `receivables --customer`.
    Cli7HelpArgRecvCustomer { pt: "Só deste cliente: código, CPF/CNPJ ou service:ID (libera períodos longos)", en: "Only this customer: code, CPF/CNPJ or service:ID (allows long periods)" }
    /// `pbx`: about.
    Cli7HelpCmdPbx { pt: "Pop-up de ligação no HubSoft (ramal do perfil)", en: "Call pop-up in HubSoft (the profile's extension)" }
    /// `pbx notify`: about.
    Cli7HelpCmdPbxNotify { pt: "Notifica uma ligação recebida: abre o pop-up do atendente", en: "Notify an incoming call: opens the attendant's pop-up" }
    /// `pbx cancel`: about.
    Cli7HelpCmdPbxCancel { pt: "Ligação perdida: fecha o pop-up se ainda estiver aberto", en: "Missed call: closes the pop-up if still open" }
    /// `pbx --phone` and `call PHONE`.
    Cli7HelpArgPbxPhone { pt: "Número de quem liga", en: "Caller's number" }
    /// `pbx --customer`.
    Cli7HelpArgPbxCustomer { pt: "Código do cliente, se já identificado", en: "Customer code, if already identified" }
    /// `pbx --ramal`.
    Cli7HelpArgRamal { pt: "Ramal do atendente (em vez do ramal do perfil)", en: "Attendant's extension (instead of the profile's)" }
    /// `pbx --internal-id`.
    Cli7HelpArgInternalId { pt: "Identificador interno do atendente (em vez do ramal)", en: "Attendant's internal id (instead of the extension)" }
    /// `export`: about.
    Cli7HelpCmdExport { pt: "Exportação em massa", en: "Bulk export" }
    /// `export customers`: about.
    Cli7HelpCmdExportCustomers { pt: "Todos os clientes (cliente/all) em JSON Lines na saída padrão, lidos em fluxo", en: "All customers (cliente/all) as JSON Lines on stdout, read as a stream" }
    /// `export customers --from`.
    Cli7HelpArgExportFrom { pt: "Cadastrados a partir deste dia (dd/mm/aaaa)", en: "Registered on or after this day (dd/mm/yyyy)" }
    /// `export customers --to`.
    Cli7HelpArgExportTo { pt: "Cadastrados até este dia (dd/mm/aaaa)", en: "Registered on or before this day (dd/mm/yyyy)" }
    /// `export customers --limit`.
    Cli7HelpArgExportLimit { pt: "No máximo N clientes", en: "At most N customers" }
    /// `call`: about.
    Cli7HelpCmdCall { pt: "Envia uma ligação ao console aberto (screen pop), p.ex. de um gancho do Asterisk", en: "Send a call to the running console (screen pop), e.g. from an Asterisk hook" }

    // ---- --help and usage errors: clap's own words ------------------------------
    /// --help: the usage line's heading, with its colon.
    CliUsageHeading { pt: "Uso:", en: "Usage:" }
    /// --help: the heading of the subcommand list.
    CliHeadingCommands { pt: "Comandos", en: "Commands" }
    /// --help: the heading of positional arguments.
    CliHeadingArguments { pt: "Argumentos", en: "Arguments" }
    /// --help: the heading of flags and options.
    CliHeadingOptions { pt: "Opções", en: "Options" }
    /// --help: -h/--help.
    CliFlagHelp { pt: "Mostra esta ajuda", en: "Print help" }
    /// --help: -V/--version.
    CliFlagVersion { pt: "Mostra a versão", en: "Print version" }
    /// --help: appended to an option's help; `value` is its default.
    CliHelpDefault { pt: "[padrão: {value}]", en: "[default: {value}]" }
    /// --help: appended to an option's help; `values` lists the accepted values.
    CliHelpPossibleValues { pt: "[valores possíveis: {values}]", en: "[possible values: {values}]" }
    /// Usage error: an argument or flag the command does not take.
    CliErrUnknownArgument { pt: "argumento inesperado '{arg}'", en: "unexpected argument '{arg}' found" }
    /// Usage error: an unknown subcommand.
    CliErrUnknownCommand { pt: "comando desconhecido '{command}'", en: "unrecognized subcommand '{command}'" }
    /// Usage error: a value outside the accepted ones or that does not parse.
    CliErrInvalidValue { pt: "valor inválido '{value}' para '{arg}'", en: "invalid value '{value}' for '{arg}'" }
    /// Usage error: an option given without its value.
    CliErrMissingValue {
        pt: "falta o valor de '{arg}'",
        en: "a value is required for '{arg}' but none was supplied"
    }
    /// Usage error: the accepted values, after an invalid one.
    CliErrValidValues { pt: "valores possíveis: {values}", en: "possible values: {values}" }
    /// Usage error: followed by the missing arguments, one per line.
    CliErrMissingArguments {
        pt: "faltam argumentos obrigatórios:",
        en: "the following required arguments were not provided:"
    }
    /// Usage error: a command that needs a subcommand got none.
    CliErrMissingCommand {
        pt: "'{command}' precisa de um subcomando: {commands}",
        en: "'{command}' requires a subcommand: {commands}"
    }
    /// Usage error: one value more than the option takes.
    CliErrTooManyValues {
        pt: "valor a mais '{value}' para '{arg}'",
        en: "unexpected value '{value}' for '{arg}' found; no more were expected"
    }
    /// Usage error: the wrong number of values.
    CliErrWrongNumberOfValues {
        pt: "'{arg}' precisa de {expected} valor(es), mas recebeu {actual}",
        en: "'{arg}' requires {expected} value(s), but {actual} were provided"
    }
    /// Usage error: two arguments that exclude each other.
    CliErrConflict {
        pt: "'{arg}' não pode ser usado junto com '{other}'",
        en: "the argument '{arg}' cannot be used with '{other}'"
    }
    /// Usage error: an option that needs `--opt=value`.
    CliErrNoEquals {
        pt: "'{arg}' exige o valor depois de '='",
        en: "equal sign is needed when assigning values to '{arg}'"
    }
    /// Usage error: an argument that is not valid UTF-8.
    CliErrInvalidUtf8 {
        pt: "um argumento não é texto UTF-8 válido",
        en: "invalid UTF-8 was detected in one or more arguments"
    }
    /// Usage error of a kind without its own message; `detail` is clap's text.
    CliErrOther { pt: "erro na linha de comando: {detail}", en: "command line error: {detail}" }
    /// Usage error: a close match for a mistyped name.
    CliErrTipSimilar { pt: "dica: você quis dizer '{suggestion}'?", en: "tip: did you mean '{suggestion}'?" }
    /// Usage error: the last line.
    CliErrMoreInfo {
        pt: "Para mais informações, use '--help'.",
        en: "For more information, try '--help'."
    }
    /// Usage error: why a value was refused, a number was expected.
    CliErrNotANumber { pt: "não é um número válido", en: "not a valid number" }
    /// Usage error: why a value was refused; `range` as in `1..=600`.
    CliErrOutOfRange { pt: "fora do intervalo {range}", en: "not in {range}" }

    // ---- --help and usage: value placeholders -----------------------------------
    /// --help and usage: placeholder for a subcommand.
    CliValueCommand { pt: "COMANDO", en: "COMMAND" }
    /// --help and usage: placeholder for the options, as in `[OPTIONS]`.
    CliValueOptions { pt: "OPÇÕES", en: "OPTIONS" }
    /// --help and usage: placeholder of a name (profile, requester).
    CliValueName { pt: "NOME", en: "NAME" }
    /// --help and usage: placeholder of a file.
    CliValueFile { pt: "ARQUIVO", en: "FILE" }
    /// --help and usage: placeholder of a language.
    CliValueLang { pt: "IDIOMA", en: "LANG" }
    /// --help and usage: placeholder of a theme.
    CliValueTheme { pt: "TEMA", en: "THEME" }
    /// --help and usage: placeholder of a log level.
    CliValueLevel { pt: "NÍVEL", en: "LOG_LEVEL" }
    /// --help and usage: placeholder of a number of seconds.
    CliValueSeconds { pt: "SEGUNDOS", en: "SECONDS" }
    /// --help and usage: placeholder of a search term.
    CliValueTerm { pt: "TERMO", en: "TERM" }
    /// Placeholder of an `id_cliente_servico` in usage lines.
    CliValueServiceId { pt: "ID_SERVIÇO", en: "SERVICE_ID" }
    /// Placeholder of an `id_fatura` in usage lines.
    CliValueInvoiceId { pt: "ID_FATURA", en: "INVOICE_ID" }
    /// Placeholder of a `codigo_cliente` in usage lines.
    CliValueCode { pt: "CÓDIGO", en: "CODE" }
    /// --help and usage: placeholder of a search kind.
    CliValueKind { pt: "TIPO", en: "KIND" }
    /// --help and usage: placeholder of a date.
    CliValueDate { pt: "DATA", en: "DATE" }
    /// --help and usage: placeholder of a field to order by.
    CliValueField { pt: "CAMPO", en: "FIELD" }
    /// --help and usage: placeholder of a TCP port.
    CliValuePort { pt: "PORTA", en: "PORT" }
    /// --help and usage: placeholder of a count.
    CliValueCount { pt: "N", en: "N" }
    /// --help and usage: placeholder of a random seed.
    CliValueSeed { pt: "SEMENTE", en: "SEED" }
    /// --help and usage: placeholder of an identifier.
    CliValueId { pt: "ID", en: "ID" }
    /// --help and usage: placeholder of a secret.
    CliValueSecret { pt: "SEGREDO", en: "SECRET" }
    /// --help and usage: placeholder of a user name.
    CliValueUser { pt: "USUÁRIO", en: "USER" }
    /// --help and usage: placeholder of a password.
    CliValuePassword { pt: "SENHA", en: "PASSWORD" }
    /// --help and usage: placeholder of a number of days.
    CliValueDays { pt: "DIAS", en: "DAYS" }
    /// --help and usage: placeholder of a list of routes.
    CliValueRoutes { pt: "ROTAS", en: "ROUTES" }
    /// --help and usage: placeholder of a route and its latency.
    CliValueRouteMs { pt: "ROTA=MS", en: "ROUTE=MS" }
    /// --help and usage: placeholder of milliseconds.
    CliValueMillis { pt: "MS", en: "MS" }
    /// --help and usage: placeholder of a rate from 0 to 1.
    CliValueRate { pt: "TAXA", en: "RATE" }
    /// --help and usage: placeholder of a period or a date (`--since`).
    CliValueWhen { pt: "QUANDO", en: "WHEN" }
    /// Placeholder of a filter text.
    Cli7ValueFilter { pt: "FILTRO", en: "FILTER" }
    /// Placeholder of a phone.
    Cli7ValuePhone { pt: "TELEFONE", en: "PHONE" }
    /// --help: `who-had`.
    HelpCmdWhoHad { pt: "Quem teve um IP ou MAC: sessões com login, cliente, início e fim", en: "Who held an IP or MAC: sessions with login, customer, start and end" }
    /// --help: who-had ADDRESS.
    HelpArgAddress { pt: "IPv4, MAC ou IPv6 (um prefixo /NN é o da LAN)", en: "IPv4, MAC or IPv6 address (a /NN prefix is the LAN one)" }
    /// --help: who-had --lan.
    HelpArgIpv6Lan { pt: "Busca o IPv6 como prefixo delegado (LAN), não como WAN", en: "Look the IPv6 address up as the delegated (LAN) prefix, not the WAN one" }
    /// --help: `cpe`.
    HelpCmdCpe { pt: "CPEs (ONUs e roteadores): lista, reinício, restauração de fábrica", en: "CPEs (ONUs and routers): list, reboot, factory reset" }
    /// --help: `cpe list`.
    HelpCmdCpeList { pt: "Uma página de CPEs (rede/cpe/todos)", en: "One page of CPEs (rede/cpe/todos)" }
    /// --help: cpe list --page.
    HelpArgPage { pt: "Número da página, 1 para a primeira", en: "Page number, 1 for the first" }
    /// --help: cpe list --per-page.
    HelpArgPerPage { pt: "CPEs por página (1 a 500)", en: "CPEs per page (1 to 500)" }
    /// --help: tickets --messages.
    HelpArgTicketMessages {
        pt: "Mostra as mensagens de cada atendimento (servidores atuais)",
        en: "Show each ticket's messages (current servers)"
    }
    /// who-had: the term is no address; `input` is what was typed.
    CliWhoHadNotAddress { pt: "{input} não é um IPv4, MAC ou IPv6", en: "{input} is not an IPv4, MAC or IPv6 address" }
    /// who-had: no session held the address in the period.
    CliWhoHadNobody { pt: "Nenhuma sessão teve {address} no período", en: "No session held {address} in the period" }
    /// --help: `passwords`.
    HelpCmdPasswords { pt: "Senhas de roteador e Wi-Fi de um serviço (ocultas sem --show-secrets)", en: "A service's router and Wi-Fi passwords (hidden without --show-secrets)" }
    /// --help: passwords --show-secrets.
    HelpArgShowSecrets { pt: "Mostra as senhas em si (na tabela e no --json)", en: "Print the passwords themselves (in the table and in --json)" }
    /// passwords: printed under the table when the passwords are hidden.
    CliPasswordsHidden { pt: "Senhas ocultas: use --show-secrets para vê-las", en: "Passwords hidden: use --show-secrets to see them" }
    /// passwords: the service has none on record.
    CliPasswordsNone { pt: "O serviço {service} não tem senha de roteador ou Wi-Fi cadastrada", en: "Service {service} has no router or Wi-Fi password on record" }
    /// unlock: the service's unlock history could not be read before the
    /// question; `detail` says why.
    CliUnlockHistoryUnread { pt: "Histórico de desbloqueios não lido: {detail}", en: "Unlock history not read: {detail}" }
    /// A `c:`/`x:` reference names several customers; `codes` lists them.
    CliRefSeveral { pt: "Mais de um cliente tem esse identificador: códigos {codes}", en: "More than one customer has that id: codes {codes}" }
    /// cpe list --page 0.
    CliCpeBadPage { pt: "Página {page} não existe: a primeira é 1", en: "There is no page {page}: the first is 1" }
    /// A page among pages (`page` counts from 1).
    PagesPageOf { pt: "Página {page} de {pages}", en: "Page {page} of {pages}" }
    /// A page when the server did not say how many there are.
    PagesPage { pt: "Página {page}", en: "Page {page}" }
    /// Records over all pages.
    PagesTotal { pt: "{total} no total", en: "{total} in all" }
    /// Export progress on cliente/todos; `pages` is a PagesPageOf text.
    CliExportPagedProgress { pt: "{pages} · {count} de {total} clientes", en: "{pages} · {count} of {total} customers" }
    /// Export progress when the server sent no total.
    CliExportPagedProgressNoTotal { pt: "{pages} · {count} clientes", en: "{pages} · {count} customers" }
    /// End of a paged export on a terminal.
    CliExportDonePaged { pt: "{count} clientes exportados ({route})", en: "{count} customers exported ({route})" }
    /// A page failed with a transient error and is asked again.
    CliExportResuming { pt: "A página {page} falhou ({detail}): retomando dessa página", en: "Page {page} failed ({detail}): resuming from that page" }
    /// Why an export stopped, with the page to resume from.
    CliExportStoppedAtPage { pt: "na página {page}: {detail}", en: "at page {page}: {detail}" }
    /// The server lacks cliente/todos: the export streams cliente/all.
    CliExportFallback { pt: "Este servidor HubSoft não oferece {route}: exportando por cliente/all", en: "This HubSoft server does not offer {route}: exporting through cliente/all" }
    /// --help placeholder: an IP or MAC address (who-had).
    CliValueAddress { pt: "ENDEREÇO", en: "ADDRESS" }
    /// CLI: the equipment target of a CPE action.
    CliTargetEquipment { pt: "serviço {id}, equipamento {mac}", en: "service {id}, equipment {mac}" }
    /// CLI: the typed check of a factory reset.
    CliTypeMacEnd {
        pt: "Digite os 4 últimos caracteres do MAC {mac} para confirmar:",
        en: "Type the last 4 characters of the MAC {mac} to confirm:"
    }
    /// CLI: --confirm-mac or the typed value does not match.
    CliMacMismatch {
        pt: "Os caracteres não conferem com o fim do MAC {mac}: nada foi enviado",
        en: "The characters do not match the end of the MAC {mac}: nothing was sent"
    }
    /// CLI: a factory reset without a terminal needs --confirm-mac.
    CliRestoreNeedsMac {
        pt: "Sem terminal, a restauração de fábrica precisa de --yes e --confirm-mac XXXX (os 4 últimos caracteres do MAC)",
        en: "Without a terminal, a factory reset needs --yes and --confirm-mac XXXX (the last 4 characters of the MAC)"
    }
    /// CLI: the service was not found by its id.
    CliServiceNotFound { pt: "Serviço {id} não encontrado", en: "Service {id} not found" }
    /// --help: reset-phy.
    HelpCmdResetPhy { pt: "Limpa o MAC do equipamento (ONU/CPE, phy_addr) de um serviço", en: "Clear a service's equipment MAC (ONU/CPE, phy_addr)" }
    /// --help: cpe reboot.
    HelpCmdCpeReboot { pt: "Reinicia o equipamento (CPE)", en: "Reboot the equipment (CPE)" }
    /// --help: cpe restore.
    HelpCmdCpeRestore { pt: "Restaura o equipamento (CPE) de fábrica", en: "Factory-reset the equipment (CPE)" }
    /// --help: --confirm-mac.
    HelpArgConfirmMac { pt: "os 4 últimos caracteres do MAC, para confirmar sem terminal", en: "the last 4 characters of the MAC, to confirm without a terminal" }
    /// --help: service.
    HelpCmdService { pt: "Habilita, suspende ou ativa um serviço", en: "Enable, suspend or activate a service" }
    /// --help: service enable.
    HelpCmdServiceEnable { pt: "Habilita um serviço suspenso", en: "Enable a suspended service" }
    /// --help: service suspend.
    HelpCmdServiceSuspend { pt: "Suspende um serviço", en: "Suspend a service" }
    /// --help: service activate.
    HelpCmdServiceActivate { pt: "Ativa um serviço", en: "Activate a service" }
    /// --help: --reason.
    HelpArgReason { pt: "motivo da habilitação", en: "reason for enabling" }
    /// --help: --kind of a suspension.
    HelpArgSuspendKind { pt: "debito ou pedido", en: "debt or request" }
    /// --help: ticket append.
    HelpCmdTicketAppend { pt: "Acrescenta texto ao fim da descrição de um atendimento", en: "Add text at the end of a ticket's description" }
    /// --help: --text.
    HelpArgText { pt: "texto a acrescentar", en: "text to add" }
    /// --help: --type of a ticket.
    HelpArgTicketType { pt: "id do tipo de atendimento (vazio: SAC)", en: "ticket type id (empty: SAC)" }
    /// --help: --order-type.
    HelpArgOrderType { pt: "id do tipo da OS", en: "order type id" }
    /// --help: --order-status.
    HelpArgOrderStatus { pt: "status da OS", en: "order status" }
    /// --help: --technician.
    HelpArgTechnician { pt: "id de um técnico da OS (repetível)", en: "an order technician's id (repeatable)" }
    /// --help: a ticket's protocol.
    HelpArgProtocol { pt: "protocolo do atendimento", en: "the ticket's protocol" }
    /// CLI: the ticket was not found.
    CliTicketNotFound { pt: "Atendimento {id} não encontrado", en: "Ticket {id} not found" }

    // ==== 13. Simulator and demo mode ============================================
    // ---- Demo mode and `hubdesk sim` --------------------------------------------
    /// --help: --demo.
    HelpDemo {
        pt: "Usa o simulador embutido, com dados fictícios, em vez de um servidor",
        en: "Use the embedded simulator, with fictitious data, instead of a server"
    }
    /// Banner of the demo mode backed by the simulator.
    DemoBanner { pt: "DEMONSTRAÇÃO — dados fictícios", en: "DEMO — fictitious data" }
    /// The embedded simulator could not start for `--demo`.
    CliDemoFailed {
        pt: "Não foi possível iniciar o simulador: {detail}",
        en: "Could not start the simulator: {detail}"
    }
    /// --help: sim.
    HelpCmdSim { pt: "Roda o simulador do HubSoft sozinho", en: "Run the HubSoft simulator on its own" }
    /// --help: sim --port.
    HelpSimPort { pt: "Porta TCP em 127.0.0.1 (0 = qualquer porta livre)", en: "TCP port on 127.0.0.1 (0 = any free port)" }
    /// --help: sim --customers.
    HelpSimCustomers { pt: "Número de clientes fictícios (1 a 100000)", en: "Number of synthetic customers (1..=100000)" }
    /// --help: sim --seed.
    HelpSimSeed { pt: "Semente dos dados fictícios", en: "Seed of the synthetic data" }
    /// --help: sim --today.
    HelpSimToday { pt: "Fixa \"hoje\" (AAAA-MM-DD) em vez da data real em America/Sao_Paulo", en: "Pin \"today\" (YYYY-MM-DD) instead of the real date in America/Sao_Paulo" }
    /// --help: sim --client-id.
    HelpSimClientId { pt: "client_id aceito", en: "Accepted client_id" }
    /// --help: sim --client-secret.
    HelpSimClientSecret { pt: "client_secret aceito", en: "Accepted client_secret" }
    /// --help: sim --username.
    HelpSimUsername { pt: "Usuário da API aceito", en: "Accepted API user" }
    /// --help: sim --password.
    HelpSimPassword { pt: "Senha da API aceita", en: "Accepted API password" }
    /// --help: sim --token-ttl-secs.
    HelpSimTokenTtl { pt: "Validade dos tokens emitidos, em segundos", en: "Lifetime of issued tokens, in seconds" }
    /// --help: sim --unlock-max-days.
    HelpSimUnlockMaxDays { pt: "Maior dias_desbloqueio aceito", en: "Largest accepted dias_desbloqueio" }
    /// --help: sim --reconnect-delay-secs.
    HelpSimReconnectDelay { pt: "Segundos até um serviço desconectado voltar", en: "Seconds until a disconnected service reconnects" }
    /// --help: sim --reconnect-after-reads.
    HelpSimReconnectAfterReads {
        pt: "Uma sessão derrubada volta na N-ésima leitura da última conexão, em vez de após o atraso (determinístico, para testes)",
        en: "A dropped session comes back on the Nth read of its last connection instead of after the delay (deterministic, for tests)"
    }
    /// --help: sim --cache-ttl-secs.
    HelpSimCacheTtl { pt: "Segundos em que cliente/all repete uma resposta em cache", en: "Seconds cliente/all keeps serving a cached answer" }
    /// --help: sim --latency-ms.
    HelpSimLatency { pt: "Latência fixa somada a toda resposta, em ms", en: "Fixed latency added to every answer, in ms" }
    /// --help: sim --jitter-ms.
    HelpSimJitter { pt: "Latência aleatória extra, de 0 a N ms", en: "Extra random latency, 0..=N ms" }
    /// --help: sim --route-latency.
    HelpSimRouteLatency { pt: "Latência de uma rota, ROTA=MS (pode repetir), p. ex. cliente/financeiro=2000", en: "Latency of one route, ROUTE=MS (repeatable), e.g. cliente/financeiro=2000" }
    /// --help: sim --fault-routes.
    HelpSimFaultRoutes { pt: "Limita as falhas a estas rotas (separadas por vírgula); todas se ausente", en: "Limit the fault knobs to these routes (comma-separated); all routes when absent" }
    /// --help: sim --error-rate.
    HelpSimErrorRate { pt: "Taxa (0 a 1) de respostas HTTP 500 com corpo JSON", en: "Rate (0..1) of HTTP 500 answers with a JSON body" }
    /// --help: sim --html-502-rate.
    HelpSimHtml502Rate { pt: "Taxa de respostas HTTP 502 com página HTML", en: "Rate of HTTP 502 answers with an HTML page" }
    /// --help: sim --hang-rate.
    HelpSimHangRate { pt: "Taxa de requisições que nunca recebem resposta", en: "Rate of requests that never get an answer" }
    /// --help: sim --malformed-rate.
    HelpSimMalformedRate { pt: "Taxa de respostas que não são JSON válido", en: "Rate of answers that are not valid JSON" }
    /// --help: sim --truncated-rate.
    HelpSimTruncatedRate { pt: "Taxa de respostas cortadas no meio", en: "Rate of answers cut in the middle" }
    /// --help: sim --latin1.
    HelpSimLatin1 { pt: "Envia os corpos em Latin-1 em vez de UTF-8", en: "Send bodies as Latin-1 instead of UTF-8" }
    /// --help: sim --forbidden.
    HelpSimForbidden { pt: "Responde 403 (sem permissão) nas rotas com falha", en: "Answer 403 (no permission) on the fault routes" }
    /// --help: sim --rate-limit-rate.
    HelpSimRateLimitRate { pt: "Taxa de respostas HTTP 429", en: "Rate of HTTP 429 answers" }
    /// --help: sim --retry-after-secs.
    HelpSimRetryAfter { pt: "Segundos de Retry-After enviados com o 429", en: "Retry-After seconds sent with 429" }
    /// --help: sim --suscess.
    HelpSimSuscess { pt: "Escreve o status de sucesso \"suscess\", como alguns servidores", en: "Spell the success status \"suscess\", as some servers do" }
    /// --help: sim --not-found-on-empty.
    HelpSimNotFoundOnEmpty { pt: "Responde 404 quando uma busca não encontra nada", en: "Answer 404 when a search finds nothing" }
    /// --help: sim --apply-then-stall.
    HelpSimApplyThenStall { pt: "Ações têm efeito e depois nunca respondem", en: "Actions take effect, then never answer" }
    /// --help: sim --apply-then-500.
    HdHelpSimApplyThen500 { pt: "Ações têm efeito e depois respondem HTTP 500", en: "Actions take effect, then answer HTTP 500" }
    /// --help: sim --hostile-text.
    HdHelpSimHostileText {
        pt: "Envolve os textos das respostas em sequências de controle do terminal",
        en: "Wrap free text of every answer in terminal control sequences"
    }
    /// --help: sim --legacy-2020.
    HdHelpSimLegacy2020 {
        pt: "Comporta-se como um servidor de 2020: sem as rotas e buscas mais novas",
        en: "Behave like a 2020 server: no newer routes or search kinds"
    }
}
